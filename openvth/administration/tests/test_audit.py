"""The audit page: the changes of the own organisation's records (all for the national administrator), filtered by
kind, user and date, paged, with who, when, what and each field before and after."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.administration import selectors, services
from openvth.core import clock
from openvth.core.permissions import SYSTEM_JOB
from openvth.enforcement import configuration
from openvth.register.models import DecisionType
from openvth.register.tests.factories import EstablishmentFactory
from openvth.rules import lhso

pytestmark = pytest.mark.django_db


def _audit(client, **query):
    return client.get(reverse("administration:audit"), query)


def test_an_administrator_sees_only_the_own_organisations_changes(
    client, admin, colleague, other_admin, stranger, national
):
    services.update_user(administrator=admin, user=colleague, role=Role.MANAGER, last_name="Eigenaar", email="e@od.nl")
    services.update_user(
        administrator=other_admin, user=stranger, role=Role.MANAGER, last_name="Vreemdeling", email="v@el.nl"
    )
    client.force_login(admin)
    html = _audit(client).content.decode()
    assert "Eigenaar" in html and "Vreemdeling" not in html
    client.force_login(other_admin)
    html = _audit(client).content.decode()
    assert "Vreemdeling" in html and "Eigenaar" not in html
    client.force_login(national)
    html = _audit(client).content.decode()
    assert "Vreemdeling" in html and "Eigenaar" in html


def test_a_scoped_record_of_another_organisation_never_shows(admin, other_service, service):
    from openvth.register import services as register

    own = EstablishmentFactory(owner=service, name="Eigen Werkplaats")
    foreign = EstablishmentFactory(owner=other_service, name="Vreemde Werkplaats")
    register.update_establishment(user=SYSTEM_JOB, establishment=own, street="Eigenweg")
    register.update_establishment(user=SYSTEM_JOB, establishment=foreign, street="Vreemdeweg")
    lines = selectors.audit_lines(selectors.audit_scope(admin))
    subjects = " | ".join(line.subject for line in lines)
    assert "Eigen Werkplaats" in subjects and "Vreemde Werkplaats" not in subjects


def test_a_non_administrator_gets_no_audit_page(client, colleague):
    client.force_login(colleague)
    assert _audit(client).status_code == 403


def test_filter_by_kind_user_and_date(as_admin, admin, colleague, municipality):
    today = clock.today()
    tomorrow = today + timedelta(days=1)
    second_admin = UserFactory(organisation=admin.organisation, role=Role.ADMINISTRATOR, last_name="Tweede")
    services.update_user(administrator=admin, user=colleague, role=Role.MANAGER, last_name="Jurist", email="j@od.nl")
    services.grant_mandate(
        administrator=second_admin,
        holder=colleague,
        authority=municipality,
        decision_type=DecisionType.WARNING,
        valid_from=date(today.year, 1, 1),
    )
    by_kind = _audit(as_admin, soort="register.mandate").content.decode()
    assert "waarschuwing (hersteltermijn)" in by_kind and "manager / directeur" not in by_kind
    by_user = _audit(as_admin, gebruiker=admin.pk).content.decode()
    assert "manager / directeur" in by_user and "waarschuwing (hersteltermijn)" not in by_user
    on_today = _audit(as_admin, van=today.isoformat(), tot=today.isoformat()).content.decode()
    assert "manager / directeur" in on_today
    later = _audit(as_admin, van=tomorrow.isoformat()).content.decode()
    assert "Geen wijzigingen gevonden." in later
    wrong = _audit(as_admin, van=tomorrow.isoformat(), tot=(today - timedelta(days=17)).isoformat(), soort="geen.soort")
    assert wrong.status_code == 400
    assert "Deze datum ligt vóór de begindatum." in wrong.content.decode()
    assert "Kies een soort uit de lijst." in wrong.content.decode()


def test_the_audit_page_is_paged(as_admin, admin, colleague):
    for n in range(55):
        services.update_user(
            administrator=admin, user=colleague, role=Role.INSPECTOR, last_name=f"Naam {n}", email="j@od.nl"
        )
    first = _audit(as_admin, soort="accounts.user").content.decode()
    assert "Pagina 1 van 2" in first and "Naam 54" in first and "Naam 0<" not in first
    second = _audit(as_admin, soort="accounts.user", pagina=2).content.decode()
    assert "Naam 0<" in second


def test_a_new_lhso_table_stored_on_the_enforcement_page_is_in_the_audit(as_admin, admin, service):
    table = lhso.DEFAULT_TABLE.to_dict()
    configuration.store_lhso_table(
        user=admin, organisation=service, table=table, valid_from=date(2026, 12, 1), note="Nieuwe matrix"
    )
    html = _audit(as_admin).content.decode()
    assert "Nieuwe matrix" in html and "2026-12-01" in html
