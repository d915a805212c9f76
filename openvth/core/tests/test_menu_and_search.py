"""The menu shows each role what it may use; the one search finds what the user may see and nothing else."""

import re

import pytest
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.enforcement.tests.factories import EnforcementCaseFactory
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory
from openvth.sharing.tests.factories import SharingAgreementFactory

pytestmark = pytest.mark.django_db

MENU = {
    Role.PERMIT_OFFICER: ["Start", "Vestigingen zoeken", "Vergunningen", "Intake DSO", "Uren en kosten",
                          "Organisaties", "Mogelijke dubbelen"],
    Role.INSPECTOR: ["Start", "Vestigingen zoeken", "Toezicht", "Handhaving", "Publicaties", "Uren en kosten",
                     "Organisaties", "Mogelijke dubbelen"],
    Role.ENFORCEMENT_LAWYER: ["Start", "Vestigingen zoeken", "Handhaving", "Publicaties", "Uren en kosten",
                              "Organisaties"],
    Role.MANAGER: ["Start", "Vestigingen zoeken", "Vergunningen", "Intake DSO", "Toezicht", "Handhaving", "Publicaties",
                   "Ketensamenwerking", "Wijzigingsberichten", "Monitoring", "IBP VTH", "Capaciteit",
                   "Uren en kosten", "Regionaal plan", "Visitaties en ILT", "Vergunningprognose", "Uniform handhaven",
                   "Organisaties", "Basistakenpakket", "Mogelijke dubbelen"],
    Role.AUTHORITY_OFFICIAL: ["Start", "Vestigingen zoeken", "Vergunningen", "Toezicht", "Handhaving", "Monitoring",
                              "Uren en kosten", "Regionaal plan", "Organisaties", "Basistakenpakket"],
    Role.CHAIN_PARTNER: ["Start", "Ketensamenwerking", "Wijzigingsberichten", "Visitaties en ILT", "Organisaties"],
    Role.PROGRAMME_OFFICE: ["Start", "Monitoring", "IBP VTH", "Capaciteit", "Uren en kosten", "Regionaal plan",
                            "Visitaties en ILT", "Vergunningprognose", "Uniform handhaven", "Organisaties",
                            "Basistakenpakket"],
    Role.PUBLICATION_OFFICER: ["Start", "Vestigingen zoeken", "Publicaties", "Organisaties"],
}  # fmt: skip


def menu(client, user) -> list[str]:
    client.force_login(user)
    html = client.get(reverse("core:home")).content.decode()
    nav = html[html.find('aria-label="Hoofdmenu"') : html.find("</nav>")]
    return [label.strip() for label in re.findall(r'<a href="[^"]*"(?: aria-current="page")?>([^<]+)', nav)]


@pytest.mark.parametrize("role", list(MENU))
def test_the_menu_shows_what_the_role_may_use(client, service, role):
    assert menu(client, UserFactory(organisation=service, role=role)) == MENU[role]


def test_the_administrator_sees_every_entry(client, service):
    administrator = UserFactory(organisation=service, role=Role.ADMINISTRATOR, is_superuser=True, is_staff=True)
    assert menu(client, administrator) == [*MENU[Role.MANAGER], "Beheer", "Inzageverzoek (AVG)", "Mislukte taken"]


def test_the_current_page_is_marked_in_the_menu(client, owner):
    client.force_login(owner)
    html = client.get(reverse("permits:applications")).content.decode()
    assert f'<a href="{reverse("permits:work_queue")}" aria-current="page">Vergunningen' in html


def search(client, user, query: str):
    client.force_login(user)
    return client.get(reverse("core:search"), {"q": query})


def test_a_case_number_leads_straight_to_the_case(client, owner, establishment):
    case = EnforcementCaseFactory(establishment=establishment, reference="HH-2026-000123")
    response = search(client, owner, " hh-2026-000123 ")
    assert response.status_code == 302 and response.url == reverse("enforcement:case", args=[case.pk])


def test_an_establishment_is_found_by_name(client, owner, establishment):
    html = search(client, owner, "chemie delfzijl").content.decode()
    assert 'data-group="establishments"' in html
    assert reverse("register:establishment", args=[establishment.pk]) in html


def test_a_company_is_found_by_its_kvk_number(client, owner, establishment):
    html = search(client, owner, establishment.company.kvk_number).content.decode()
    assert 'data-group="companies"' in html and reverse("register:company", args=[establishment.company_id]) in html


def test_nothing_of_another_organisation_is_found(client, owner, foreign_establishment):
    EnforcementCaseFactory(establishment=foreign_establishment, reference="HH-2026-000999")
    assert "Chemie Elders" not in search(client, owner, "Chemie").content.decode()
    response = search(client, owner, "HH-2026-000999")
    assert response.status_code == 200 and "Niets gevonden" in response.content.decode()


def test_a_part_of_a_case_number_lists_the_cases(client, owner, establishment):
    EnforcementCaseFactory(establishment=establishment, reference="HH-2026-000124")
    html = search(client, owner, "HH-2026").content.decode()
    assert 'data-group="cases"' in html and "HH-2026-000124" in html


def test_the_chain_partner_finds_a_shared_company_to_its_chain_dossier(client, service, other_service):
    ilt = OrganisationFactory(code="ILT", kind="inspectorate")
    partner = UserFactory(organisation=ilt, role=Role.CHAIN_PARTNER)
    shared = EstablishmentFactory(owner=service, name="Gedeeld Metaal")
    EstablishmentFactory(owner=other_service, name="Ongedeeld Metaal")
    SharingAgreementFactory(owner=service, partners=[ilt])
    html = search(client, partner, "metaal").content.decode()
    assert reverse("sharing:dossier", args=[shared.company_id]) in html
    assert "Ongedeeld" not in html


def test_a_one_letter_query_asks_for_more(client, owner, establishment):
    html = search(client, owner, "C").content.decode()
    assert "ten minste twee tekens" in html and 'data-group="' not in html
