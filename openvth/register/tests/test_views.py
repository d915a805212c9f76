"""The register UI: every page for the owner, nothing of another organisation for an outsider, and the
edit and merge flows through the services."""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core.models import ChangeRecord
from openvth.register import services
from openvth.register.models import BasistaakPlacement, DecisionType, Establishment, Mandate, Organisation, TaskCategory
from openvth.register.tests.factories import (
    ActivityFactory,
    EstablishmentFactory,
    OrganisationFactory,
    ProvinceFactory,
    TaskCategoryFactory,
)


@pytest.fixture
def province(db):
    return ProvinceFactory(name="Provincie Groningen", code="PV20")


@pytest.fixture
def placements(province, service):
    """Two municipalities in the province: one placed every basistaak (also the seeded catalogue), the other
    only the first of ours and explicitly not the second."""
    complete = OrganisationFactory(name="Gemeente Compleet", province=province, omgevingsdienst=service)
    partial = OrganisationFactory(name="Gemeente Half", province=province, omgevingsdienst=service)
    first = TaskCategoryFactory(code="UI-1", name="Vergunningverlening IPPC")
    second = TaskCategoryFactory(code="UI-2", name="Toezicht Brzo")
    since = datetime.date(2021, 1, 1)
    for category in TaskCategory.objects.all():
        BasistaakPlacement.objects.create(
            authority=complete, task_category=category, service=service, placed=True, since=since
        )
    BasistaakPlacement.objects.create(authority=partial, task_category=first, service=service, placed=True, since=since)
    BasistaakPlacement.objects.create(authority=partial, task_category=second, service=service, placed=False)
    return complete, partial


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


def _edit_data(establishment: Establishment, **overrides) -> dict:
    data = {
        "name": establishment.name,
        "kvk_vestigingsnummer": establishment.kvk_vestigingsnummer,
        "bag_nummeraanduiding_id": establishment.bag_nummeraanduiding_id,
        "street": establishment.street,
        "house_number": str(establishment.house_number),
        "house_number_suffix": establishment.house_number_suffix,
        "postcode": establishment.postcode,
        "place": establishment.place,
        "municipality": establishment.municipality_id,
        "rd_x": "155000",
        "rd_y": "463000",
        "competent_authority": establishment.competent_authority_id,
        "supervising_service": establishment.supervising_service_id,
        "brzo_tier": establishment.brzo_tier,
    }
    data.update(overrides)
    return data


def _pages(establishment, province):
    return {
        "search": reverse("register:search") + "?q=Chemie",
        "establishment": reverse("register:establishment", args=[establishment.pk]),
        "edit": reverse("register:establishment_edit", args=[establishment.pk]),
        "company": reverse("register:company", args=[establishment.company_id]),
        "organisations": reverse("register:organisations"),
        "organisation": reverse("register:organisation", args=[establishment.supervising_service_id]),
        "provinces": reverse("register:provinces"),
        "basistaken": reverse("register:basistaken", args=[province.pk]),
        "duplicates": reverse("register:duplicates"),
    }


@pytest.mark.parametrize(
    "page",
    [
        "search",
        "establishment",
        "edit",
        "company",
        "organisations",
        "organisation",
        "provinces",
        "basistaken",
        "duplicates",
    ],
)
def test_every_page_renders_for_the_owner_in_dutch(owner_client, owner, establishment, province, page):
    response = owner_client.get(_pages(establishment, province)[page])
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html  # skip link
    assert owner.organisation.name in html and "vergunningverlener" in html  # header: organisation and role


@pytest.mark.parametrize("page", ["search", "establishment", "company", "organisations", "basistaken", "duplicates"])
def test_anonymous_is_sent_to_login(client, establishment, province, page):
    url = _pages(establishment, province)[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_page_and_login_lead_to_the_home_page(client, owner):
    assert "Inloggen" in client.get(reverse("login")).content.decode()
    response = client.post(reverse("login"), {"username": "eigenaar", "password": "geheim-wachtwoord-1"})
    assert response.status_code == 302 and response.url == reverse("core:home")


def test_logout_is_a_post(owner_client):
    response = owner_client.post(reverse("logout"))
    assert response.status_code == 302
    assert owner_client.get(reverse("register:search")).status_code == 302


@pytest.mark.parametrize("page", ["establishment", "edit", "company"])
def test_outsider_gets_404_for_records_of_another_organisation(outsider_client, establishment, province, page):
    assert outsider_client.get(_pages(establishment, province)[page]).status_code == 404


def test_outsider_cannot_edit_or_merge_another_organisations_record(outsider_client, establishment):
    twin = EstablishmentFactory(owner=establishment.owner, kvk_vestigingsnummer=establishment.kvk_vestigingsnummer)
    edit = reverse("register:establishment_edit", args=[establishment.pk])
    assert outsider_client.post(edit, _edit_data(establishment, name="Overgenomen")).status_code == 404
    merge = reverse("register:establishment_merge", args=[establishment.pk])
    assert outsider_client.post(merge, {"duplicates": [twin.pk], "confirmed": "true"}).status_code == 404
    establishment.refresh_from_db()
    twin.refresh_from_db()
    assert establishment.name == "Chemie Delfzijl B.V." and twin.merged_into is None


def test_outsider_finds_nothing_of_another_organisation(outsider_client, establishment, foreign_establishment):
    html = outsider_client.get(reverse("register:search"), {"q": "Chemie"}).content.decode()
    assert foreign_establishment.name in html
    assert establishment.name not in html


@pytest.mark.parametrize(
    "query",
    [
        lambda e: "Chemie Delfzijl",
        lambda e: e.company.kvk_number,
        lambda e: e.kvk_vestigingsnummer,
        lambda e: f"{e.postcode.replace(' ', '').lower()} {e.house_number}",
        lambda e: e.place.upper(),
    ],
    ids=["name", "kvk", "vestigingsnummer", "postcode-house-number", "place"],
)
def test_search_by_each_kind_of_query(owner_client, establishment, query):
    other = EstablishmentFactory(owner=establishment.owner, name="Bakkerij Elders", postcode="9999 ZZ", place="Elders")
    html = owner_client.get(reverse("register:search"), {"q": query(establishment)}).content.decode()
    assert reverse("register:establishment", args=[establishment.pk]) in html
    assert reverse("register:establishment", args=[other.pk]) not in html


def test_search_without_results_says_so(owner_client, establishment):
    html = owner_client.get(reverse("register:search"), {"q": "Bestaat Niet"}).content.decode()
    assert "Geen vestigingen gevonden" in html


def test_htmx_search_returns_only_the_results_fragment(owner_client, establishment):
    response = owner_client.get(reverse("register:search"), {"q": "Chemie"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "<table" in html
    assert 'id="zoek-status" hx-swap-oob="innerHTML"' in html and "1 vestiging gevonden" in html
    assert "HX-Request" in response["Vary"]


def test_search_page_has_live_search_and_works_without_js(owner_client, establishment):
    html = owner_client.get(reverse("register:search"), {"q": "Chemie"}).content.decode()
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert "<html" in html and establishment.name in html


def test_establishment_page_shows_the_dossier(owner_client, establishment):
    activity = ActivityFactory(establishment=establishment)
    sibling = EstablishmentFactory(owner=establishment.owner, company=establishment.company, name="Chemie Opslag")
    html = owner_client.get(reverse("register:establishment", args=[establishment.pk])).content.decode()
    for text in (
        establishment.kvk_vestigingsnummer,
        establishment.company.kvk_number,
        establishment.competent_authority.name,
        establishment.supervising_service.name,
        "155.000",  # RD x, Dutch thousands separator
        activity.activity_type.name,
        sibling.name,
    ):
        assert text in html


def test_edit_with_invalid_postcode_shows_dutch_error_and_saves_nothing(owner_client, establishment):
    url = reverse("register:establishment_edit", args=[establishment.pk])
    response = owner_client.post(url, _edit_data(establishment, postcode="12345", name="Nieuwe naam"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een postcode heeft de vorm &#x27;1234 AB&#x27;, niet &#x27;12345&#x27;." in html
    assert 'id="id_postcode_error"' in html and 'aria-invalid="true"' in html
    establishment.refresh_from_db()
    assert establishment.name == "Chemie Delfzijl B.V." and establishment.postcode == "1234 AB"
    assert not ChangeRecord.objects.filter(object_id=establishment.pk, action=ChangeRecord.Action.UPDATE).exists()


def test_edit_with_coordinates_outside_the_netherlands_is_refused(owner_client, establishment):
    url = reverse("register:establishment_edit", args=[establishment.pk])
    html = owner_client.post(url, _edit_data(establishment, rd_x="900000")).content.decode()
    assert "liggen buiten Nederland" in html
    establishment.refresh_from_db()
    assert establishment.rd_x == 155000.0


def test_edit_is_recorded_and_shown_in_the_history(owner_client, owner, establishment):
    url = reverse("register:establishment_edit", args=[establishment.pk])
    response = owner_client.post(url, _edit_data(establishment, name="Chemie Delfzijl Noord", postcode="9934ab"))
    assert response.status_code == 302
    establishment.refresh_from_db()
    assert establishment.name == "Chemie Delfzijl Noord" and establishment.postcode == "9934 AB"
    html = owner_client.get(response.url).content.decode()
    assert "De wijzigingen zijn opgeslagen." in html
    history = html[html.index("Wijzigingshistorie") :]
    assert str(owner) in history
    assert "<del>Chemie Delfzijl B.V.</del>" in history and "<ins>Chemie Delfzijl Noord</ins>" in history
    assert "<del>1234 AB</del>" in history and "<ins>9934 AB</ins>" in history


def test_company_page_shows_its_history(owner_client, owner, service):
    company = services.create_company(
        user=owner, owner=service, kvk_number="87654321", name="Historie Chemie B.V.", legal_form="bv"
    )
    html = owner_client.get(reverse("register:company", args=[company.pk])).content.decode()
    history = html[html.index("kop-historie") :]
    assert "<strong>Aangemaakt</strong>" in history and "87654321" in history


def test_member_without_editor_role_gets_403_and_nothing_changes(client, service, establishment):
    lawyer = UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER)
    client.force_login(lawyer)
    url = reverse("register:establishment_edit", args=[establishment.pk])
    assert client.post(url, _edit_data(establishment, name="Anders")).status_code == 403
    establishment.refresh_from_db()
    assert establishment.name == "Chemie Delfzijl B.V."


@pytest.mark.parametrize(("role", "offered"), [(Role.ENFORCEMENT_LAWYER, False), (Role.INSPECTOR, True)])
def test_edit_and_merge_are_offered_only_to_editors(client, service, establishment, role, offered):
    EstablishmentFactory(owner=service, kvk_vestigingsnummer=establishment.kvk_vestigingsnummer)
    client.force_login(UserFactory(organisation=service, role=role))
    page = client.get(reverse("register:establishment", args=[establishment.pk])).content.decode()
    assert (reverse("register:establishment_edit", args=[establishment.pk]) in page) is offered
    assert (reverse("register:establishment_merge", args=[establishment.pk]) in page) is offered


def test_merge_asks_for_confirmation_then_merges(owner_client, establishment):
    twin = EstablishmentFactory(
        owner=establishment.owner,
        name="Chemie Delfzijl",
        postcode=establishment.postcode,
        house_number=establishment.house_number,
    )
    activity = ActivityFactory(establishment=twin)
    page = owner_client.get(reverse("register:establishment", args=[establishment.pk])).content.decode()
    assert "Mogelijke dubbelen" in page and f'value="{twin.pk}"' in page

    url = reverse("register:establishment_merge", args=[establishment.pk])
    confirm = owner_client.post(url, {"duplicates": [twin.pk]})
    assert confirm.status_code == 200 and "Definitief samenvoegen" in confirm.content.decode()
    twin.refresh_from_db()
    assert twin.merged_into is None

    done = owner_client.post(url, {"duplicates": [twin.pk], "confirmed": "true"})
    assert done.status_code == 302
    twin.refresh_from_db()
    activity.refresh_from_db()
    assert twin.merged_into_id == establishment.pk and activity.establishment_id == establishment.pk
    html = owner_client.get(done.url).content.decode()
    assert "samengevoegd in deze vestiging" in html and "Samengevoegd met" in html


def test_merge_refuses_records_that_are_no_duplicates(owner_client, establishment):
    stranger = EstablishmentFactory(owner=establishment.owner, name="Iets Anders", postcode="5611 AA")
    url = reverse("register:establishment_merge", args=[establishment.pk])
    response = owner_client.post(url, {"duplicates": [stranger.pk], "confirmed": "true"}, follow=True)
    stranger.refresh_from_db()
    assert stranger.merged_into is None
    assert f"Selecteer een geldige keuze. {stranger.pk} is geen beschikbare keuze." in response.content.decode()


def test_merge_is_only_a_post(owner_client, establishment):
    assert owner_client.get(reverse("register:establishment_merge", args=[establishment.pk])).status_code == 405


def test_duplicates_overview_lists_groups(owner_client, establishment):
    EstablishmentFactory(owner=establishment.owner, kvk_vestigingsnummer=establishment.kvk_vestigingsnummer)
    html = owner_client.get(reverse("register:duplicates")).content.decode()
    assert "zelfde vestigingsnummer" in html and establishment.name in html


def test_organisation_page_of_a_service_lists_members_and_placed_tasks(owner_client, service, placements):
    html = owner_client.get(reverse("register:organisation", args=[service.pk])).content.decode()
    assert "Gemeente Compleet" in html and "Gemeente Half" in html and "Toezicht Brzo" in html


def test_organisation_page_of_a_municipality_lists_its_basistaken(owner_client, placements):
    _, partial = placements
    html = owner_client.get(reverse("register:organisation", args=[partial.pk])).content.decode()
    assert "Vergunningverlening IPPC" in html and "status-bad" in html


def test_organisation_page_shows_mandates_only_to_authority_and_holder(client, owner, outsider):
    authority = OrganisationFactory(name="Gemeente Mandaatdorp")
    Mandate.objects.create(
        authority=authority,
        holder=owner,
        decision_type=DecisionType.LAST_ONDER_DWANGSOM,
        valid_from=datetime.date(2024, 1, 1),
        reference="Mandaatbesluit 2024-7",
    )
    url = reverse("register:organisation", args=[authority.pk])
    for user, shown in ((owner, True), (outsider, False)):
        client.force_login(user)
        assert ("Mandaatbesluit 2024-7" in client.get(url).content.decode()) is shown


def test_organisation_list_filters_by_kind(owner_client, service, province):
    html = owner_client.get(reverse("register:organisations"), {"soort": "province"}).content.decode()
    assert reverse("register:organisation", args=[province.pk]) in html
    assert reverse("register:organisation", args=[service.pk]) not in html


def test_basistaken_overview_marks_incomplete_rows(owner_client, province, placements):
    html = owner_client.get(reverse("register:basistaken", args=[province.pk])).content.decode()
    rows = {name: html[html.index(name) :].split("</tr>")[0] for name in ("Gemeente Compleet", "Gemeente Half")}
    assert "onvolledig" not in rows["Gemeente Compleet"] and "1-1-2021" in rows["Gemeente Compleet"]
    assert "onvolledig" in rows["Gemeente Half"]
    assert '<th scope="col">' in html and '<th scope="row">' in html


def test_basistaken_overview_is_only_for_provinces(owner_client, service):
    assert owner_client.get(reverse("register:basistaken", args=[service.pk])).status_code == 404


def test_province_list_links_to_the_overview(owner_client, province):
    html = owner_client.get(reverse("register:provinces")).content.decode()
    assert reverse("register:basistaken", args=[province.pk]) in html


def test_search_query_count_does_not_grow_with_results(owner_client, establishment, django_assert_max_num_queries):
    for n in range(20):
        EstablishmentFactory(owner=establishment.owner, name=f"Chemie Filiaal {n}")
    with django_assert_max_num_queries(5):
        response = owner_client.get(reverse("register:search"), {"q": "Chemie"})
    assert response.content.decode().count('<th scope="row">') == 21


def test_establishment_page_query_count_does_not_grow(owner_client, establishment, django_assert_max_num_queries):
    for _ in range(5):
        ActivityFactory(establishment=establishment)
        EstablishmentFactory(owner=establishment.owner, company=establishment.company)
        EstablishmentFactory(owner=establishment.owner, kvk_vestigingsnummer=establishment.kvk_vestigingsnummer)
    owner_client.post(
        reverse("register:establishment_edit", args=[establishment.pk]), _edit_data(establishment, name="Chemie X")
    )
    with django_assert_max_num_queries(12):  # incl. the risk panel, the enforcement cases and the bell's count
        response = owner_client.get(reverse("register:establishment", args=[establishment.pk]))
    assert response.status_code == 200


def test_organisations_are_public_register_data(outsider_client, service):
    assert Organisation.objects.filter(pk=service.pk).exists()
    assert outsider_client.get(reverse("register:organisation", args=[service.pk])).status_code == 200


@pytest.mark.parametrize("asset", ["css/openvth.css", "js/htmx-2.0.11.min.js"])
def test_static_assets_of_the_ui_are_found(asset):
    # openvth/static belongs to no app: it is only served when settings.STATICFILES_DIRS names it
    assert finders.find(asset), f"{asset} not found: add BASE_DIR / 'static' to STATICFILES_DIRS"


def test_merged_establishment_points_to_the_kept_one(owner_client, establishment):
    twin = EstablishmentFactory(owner=establishment.owner, kvk_vestigingsnummer=establishment.kvk_vestigingsnummer)
    url = reverse("register:establishment_merge", args=[establishment.pk])
    owner_client.post(url, {"duplicates": [twin.pk], "confirmed": "true"})
    html = owner_client.get(reverse("register:establishment", args=[twin.pk])).content.decode()
    assert "Deze vestiging is samengevoegd in" in html
    assert reverse("register:establishment", args=[establishment.pk]) in html
    assert reverse("register:establishment_edit", args=[twin.pk]) not in html
