"""One company per KvK number (issue 16 item 7): a second one is refused naming the first (service, API, UI form and
the database); companies merge like establishments (service, API, UI), with history on every record that changes,
a tombstone whose old links lead to the kept company, and only for who may edit both."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core.history import history_of
from openvth.register import selectors, services
from openvth.register.models import Company, Establishment
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory, OrganisationFactory
from openvth.sharing.models import AccessLog, Purpose
from openvth.testing.api import client_for

from .test_api import assert_problem

pytestmark = pytest.mark.django_db

COMPANIES = "/api/v1/companies"
REASON = "Het KvK-nummer van de gemeente was verkeerd ingevoerd."


@pytest.fixture
def first(service):
    return CompanyFactory(owner=service, kvk_number="12345678", name="Chemie Delfzijl B.V.")


@pytest.fixture
def twin(service):
    """The same enterprise registered a second time under a mistyped KvK number, with two establishments."""
    return CompanyFactory(owner=service, kvk_number="12345679", name="Chemie Delfzijl B.V.")


def _create(user, owner, kvk_number="12345678"):
    return services.create_company(user=user, owner=owner, kvk_number=kvk_number, name="Tweede B.V.", legal_form="bv")


# --- one company per KvK number -----------------------------------------------------------------------------------


def test_a_second_company_with_a_kvk_number_is_refused_naming_the_first(owner, service, first):
    with pytest.raises(services.DuplicateKvkNumber) as refused:
        _create(owner, service, "1234 5678")  # the same number, written with a space
    assert refused.value.existing == first and refused.value.visible
    [message] = refused.value.message_dict["kvk_number"]
    assert "12345678" in message and "Chemie Delfzijl B.V." in message and f"bedrijf {first.pk}" in message
    assert Company.objects.filter(kvk_number="12345678").count() == 1


def test_a_company_the_user_cannot_see_is_not_named_its_owner_is(owner, service, other_service):
    CompanyFactory(owner=other_service, kvk_number="12345678", name="Geheim Elders B.V.")
    with pytest.raises(services.DuplicateKvkNumber) as refused:
        _create(owner, service)
    [message] = refused.value.message_dict["kvk_number"]
    assert not refused.value.visible
    assert "Geheim Elders" not in message and other_service.name in message


def test_the_kvk_number_of_a_merged_company_leads_to_the_company_it_went_into(owner, service, first, twin):
    services.merge(user=owner, keep=first, duplicates=[twin], reason=REASON)
    with pytest.raises(services.DuplicateKvkNumber) as refused:
        _create(owner, service, twin.kvk_number)
    assert refused.value.existing == first


def test_a_company_may_not_take_the_kvk_number_of_another(owner, first, twin):
    with pytest.raises(ValidationError) as refused:
        services.update_company(user=owner, company=twin, kvk_number="12345678")
    assert set(refused.value.message_dict) == {"kvk_number"}
    twin.refresh_from_db()
    assert twin.kvk_number == "12345679" and not history_of(twin).exists()


def test_a_company_is_changed_with_its_history(owner, twin):
    services.update_company(user=owner, company=twin, kvk_number="8765 4321", name=" Chemie Oost B.V. ")
    twin.refresh_from_db()
    assert (twin.kvk_number, twin.name, twin.normalised_name) == ("87654321", "Chemie Oost B.V.", "chemie oost")
    [change] = history_of(twin)
    assert change.action == "update" and change.user == owner
    assert change.changes["kvk_number"] == ["12345679", "87654321"]
    services.update_company(user=owner, company=twin, kvk_number="87654321")  # its own number: no change
    assert history_of(twin).count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"kvk_number": "1234"}, "kvk_number"), ({"name": "  "}, "name"), ({"legal_form": "gmbh"}, "legal_form")],
)
def test_bad_company_changes_are_refused_naming_the_field(owner, twin, changes, field):
    with pytest.raises(ValidationError) as refused:
        services.update_company(user=owner, company=twin, **changes)
    assert set(refused.value.message_dict) == {field}


def test_only_editors_of_the_owner_change_a_company(service, outsider, twin):
    lawyer = UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER)
    for user in (lawyer, outsider):
        with pytest.raises(PermissionDenied):
            services.update_company(user=user, company=twin, name="Anders B.V.")


def test_the_database_keeps_one_active_company_per_kvk_number(service, first):
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyFactory(owner=service, kvk_number=first.kvk_number)
    merged = CompanyFactory(owner=service, kvk_number="55555555")
    Company.objects.filter(pk=merged.pk).update(merged_into=first)
    CompanyFactory(owner=service, kvk_number="55555555")  # a merged record keeps its number as history only


def test_two_writers_at_once_meet_the_constraint_as_a_validation_error(owner, service, first, monkeypatch):
    """Both passed the check before either saved: the second gets the Dutch refusal, not a server error."""
    real, calls = selectors.company_with_kvk_number, []

    def first_sees_nothing(*args, **kwargs):
        calls.append(args)
        return None if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(selectors, "company_with_kvk_number", first_sees_nothing)
    with pytest.raises(services.DuplicateKvkNumber):
        _create(owner, service)
    assert len(calls) == 2


# --- merging companies: the service ---------------------------------------------------------------------------


def test_merge_moves_every_establishment_and_records_history_on_each(owner, service, first, twin):
    municipality = OrganisationFactory()
    own = EstablishmentFactory(owner=service, company=twin)
    registered_by_municipality = EstablishmentFactory(owner=municipality, company=twin, supervising_service=service)
    kept_branch = EstablishmentFactory(owner=service, company=first)

    kept = services.merge(user=owner, keep=first, duplicates=[twin], reason=REASON)

    assert set(Establishment.objects.filter(company=kept).values_list("pk", flat=True)) == {
        own.pk,
        registered_by_municipality.pk,
        kept_branch.pk,
    }
    twin.refresh_from_db()
    assert twin.merged_into == kept
    [on_kept] = history_of(kept)
    assert on_kept.action == "merge" and on_kept.user == owner
    assert "Samengevoegd met Chemie Delfzijl B.V. (12345679)" in on_kept.note and REASON in on_kept.note
    [on_twin] = history_of(twin)
    assert on_twin.changes["merged_into"] == [None, str(kept)]
    assert "Samengevoegd in" in on_twin.note and REASON in on_twin.note
    for moved in (own, registered_by_municipality):
        [change] = history_of(moved)
        assert change.changes["company"] == [str(twin), str(kept)]
    assert not history_of(kept_branch).exists()
    assert list(selectors.companies(owner)) == [kept]


def test_merge_leaves_no_record_pointing_at_the_merged_company_but_the_log_of_reads(owner, service, first, twin):
    """Every relation to a company moves, discovered from the models (a new one is covered too); the log of who
    read the chain dossier records what was read and is not rewritten."""
    EstablishmentFactory(owner=service, company=twin)
    read = AccessLog.objects.create(
        user=owner, user_name=owner.username, company=twin, purpose_code=Purpose.SUPERVISION
    )
    services.merge(user=owner, keep=first, duplicates=[twin], reason=REASON)
    relations = [
        f for f in Company._meta.get_fields(include_hidden=True) if f.one_to_many and f.auto_created and not f.concrete
    ]
    assert {f.related_model for f in relations} >= {Establishment, AccessLog}
    for relation in relations:
        if relation.field.name == "merged_into" or relation.related_model is AccessLog:
            continue
        still = relation.related_model._base_manager.filter(**{relation.field.name: twin})
        assert not still.exists(), relation
    read.refresh_from_db()
    assert read.company_id == twin.pk


def test_merging_different_kvk_numbers_needs_a_reason(owner, service, first, twin):
    branch = EstablishmentFactory(owner=service, company=twin)
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            services.merge(user=owner, keep=first, duplicates=[twin], reason=reason)
        assert set(refused.value.message_dict) == {"reason"}
        assert "12345679" in refused.value.message_dict["reason"][0]
    with pytest.raises(ValidationError):
        services.merge(user=owner, keep=first, duplicates=[twin], reason="x" * 501)
    twin.refresh_from_db()
    branch.refresh_from_db()
    assert twin.merged_into is None and branch.company == twin and not history_of(first).exists()


@pytest.mark.parametrize("case", ["self", "empty", "already_merged", "establishment"])
def test_company_merge_refuses_nonsense(owner, service, first, twin, case):
    if case == "already_merged":
        Company.objects.filter(pk=twin.pk).update(merged_into=CompanyFactory(owner=service))
    duplicates = {
        "self": [first],
        "empty": [],
        "already_merged": [twin],
        "establishment": [EstablishmentFactory(owner=service)],
    }[case]
    with pytest.raises(ValidationError):
        services.merge(user=owner, keep=first, duplicates=duplicates, reason=REASON)
    assert not history_of(first).exists()


def test_company_merge_needs_edit_rights_on_both_owners(owner, service, other_service, first):
    foreign = CompanyFactory(owner=other_service)
    with pytest.raises(PermissionDenied):
        services.merge(user=owner, keep=first, duplicates=[foreign], reason=REASON)
    lawyer = UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER)
    with pytest.raises(PermissionDenied):
        services.merge(user=lawyer, keep=first, duplicates=[CompanyFactory(owner=service)], reason=REASON)
    foreign.refresh_from_db()
    assert foreign.merged_into is None


# --- the API ------------------------------------------------------------------------------------------------------


def test_api_refuses_a_second_company_with_a_400_naming_kvk_number(owner, first):
    body = {"kvk_number": "12345678", "name": "Nog een B.V.", "legal_form": "bv"}
    problem = assert_problem(client_for(owner).post(COMPANIES, body, format="json"), 400, "kvk_number")
    assert "Chemie Delfzijl B.V." in str(problem)
    assert Company.objects.filter(kvk_number="12345678").count() == 1


def test_api_patch_changes_a_company_and_refuses_a_taken_kvk_number(owner, first, twin):
    client = client_for(owner)
    url = f"{COMPANIES}/{twin.pk}"
    assert_problem(client.patch(url, {"kvk_number": "12345678"}, format="json"), 400, "kvk_number")
    assert_problem(
        client.patch(url, {"owner": "XX", "merged_into": first.pk}, format="json"), 400, "owner", "merged_into"
    )
    response = client.patch(url, {"name": "Chemie Oost B.V."}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Chemie Oost B.V."
    history = client.get(f"{url}/history").json()["results"]
    assert [row["action"] for row in history] == ["update"]


def test_api_merge_moves_establishments_and_the_merged_company_leaves_the_list(owner, service, first, twin):
    branch = EstablishmentFactory(owner=service, company=twin)
    client = client_for(owner)
    url = f"{COMPANIES}/{first.pk}/merge"
    assert_problem(client.post(url, {"duplicates": [twin.pk]}, format="json"), 400, "reason")
    response = client.post(url, {"duplicates": [twin.pk], "reason": REASON}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == first.pk
    branch.refresh_from_db()
    assert branch.company_id == first.pk
    assert {row["id"] for row in client.get(COMPANIES).json()["results"]} == {first.pk}
    assert_problem(client.get(f"{COMPANIES}/{twin.pk}"), 404)
    assert client.get(f"{COMPANIES}/{first.pk}/history").json()["results"][0]["action"] == "merge"


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("999999", {"duplicates": ["TWIN"], "reason": REASON}, 404, None),
        ("FIRST", {"duplicates": [999999], "reason": REASON}, 400, "duplicates.0"),
        ("FIRST", {"duplicates": ["twee"], "reason": REASON}, 400, "duplicates.0"),
        ("FIRST", {"duplicates": []}, 400, "duplicates"),
        ("FIRST", {"duplicates": ["FIRST"], "reason": REASON}, 400, None),
        ("FIRST", {"duplicates": "TWIN"}, 400, "duplicates"),
    ],
    ids=["unknown keep", "unknown duplicate", "not an id", "none", "itself", "not a list"],
)
def test_api_merge_with_bad_input_is_a_problem_not_a_server_error(owner, first, twin, path, body, status, field):
    ids = {"FIRST": first.pk, "TWIN": twin.pk}
    url = f"{COMPANIES}/{ids.get(path, path)}/merge"
    if isinstance(body["duplicates"], list):
        body = body | {"duplicates": [ids.get(d, d) for d in body["duplicates"]]}
    else:
        body = body | {"duplicates": ids[body["duplicates"]]}
    assert_problem(client_for(owner).post(url, body, format="json"), status, *([field] if field else []))
    twin.refresh_from_db()
    assert twin.merged_into is None


def test_api_another_organisations_company_is_404_and_a_reader_gets_403(service, outsider, owner, first, twin):
    for user in (outsider,):
        client = client_for(user)
        assert_problem(client.post(f"{COMPANIES}/{first.pk}/merge", {"duplicates": [twin.pk]}, format="json"), 404)
        assert_problem(client.patch(f"{COMPANIES}/{first.pk}", {"name": "X"}, format="json"), 404)
    foreign = CompanyFactory(owner=outsider.organisation)
    url = f"{COMPANIES}/{first.pk}/merge"
    assert_problem(
        client_for(owner).post(url, {"duplicates": [foreign.pk], "reason": REASON}, format="json"),
        400,
        "duplicates.0",
    )
    lawyer = UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER)
    body = {"duplicates": [twin.pk], "reason": REASON}
    assert_problem(client_for(lawyer).post(url, body, format="json"), 403)
    assert_problem(client_for(lawyer).patch(f"{COMPANIES}/{first.pk}", {"name": "X"}, format="json"), 403)
    twin.refresh_from_db()
    assert twin.merged_into is None


# --- the pages ------------------------------------------------------------------------------------------------------


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


def test_the_company_page_offers_edit_and_merge_to_editors_only(client, service, owner, first):
    merge, edit = reverse("register:company_merge", args=[first.pk]), reverse("register:company_edit", args=[first.pk])
    client.force_login(owner)
    page = client.get(reverse("register:company", args=[first.pk])).content.decode()
    assert merge in page and edit in page
    lawyer = UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER)
    client.force_login(lawyer)
    page = client.get(reverse("register:company", args=[first.pk])).content.decode()
    assert merge not in page and edit not in page
    assert client.get(merge).status_code == 403 and client.get(edit).status_code == 403
    assert client.post(merge, {"duplicates": [first.pk]}).status_code == 403


def test_merge_pages_of_another_organisation_are_404(client, outsider, first, twin):
    client.force_login(outsider)
    for name in ("register:company_merge", "register:company_edit", "register:company"):
        url = reverse(name, args=[first.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"duplicates": [twin.pk], "confirmed": "true", "reason": REASON}).status_code in (
            404,
            405,
        )
    twin.refresh_from_db()
    assert twin.merged_into is None


def test_merge_offers_the_same_name_confirms_with_a_reason_then_merges(owner_client, service, first, twin):
    branch = EstablishmentFactory(owner=service, company=twin, name="Chemie Delfzijl Oost")
    url = reverse("register:company_merge", args=[first.pk])
    choose = owner_client.get(url).content.decode()
    assert f'value="{twin.pk}"' in choose and "12345679" in choose

    confirm = owner_client.post(url, {"duplicates": [twin.pk]})
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Definitief samenvoegen" in html and "KvK-nummers verschillen" in html and 'name="confirmed"' in html
    twin.refresh_from_db()
    assert twin.merged_into is None  # the confirmation page merges nothing

    no_reason = owner_client.post(url, {"duplicates": [twin.pk], "confirmed": "true", "reason": ""})
    assert no_reason.status_code == 400
    assert "geef de reden" in no_reason.content.decode()
    twin.refresh_from_db()
    assert twin.merged_into is None

    done = owner_client.post(url, {"duplicates": [twin.pk], "confirmed": "true", "reason": REASON})
    assert done.status_code == 302 and done["Location"] == reverse("register:company", args=[first.pk])
    twin.refresh_from_db()
    branch.refresh_from_db()
    assert twin.merged_into == first and branch.company == first
    page = owner_client.get(reverse("register:company", args=[first.pk])).content.decode()
    assert "Samengevoegd met" in page and REASON in page and "Samengevoegde bedrijven" in page


def test_merge_search_finds_a_company_by_kvk_number(owner_client, service, first):
    other = CompanyFactory(owner=service, kvk_number="99887766", name="Heel Anders B.V.")
    url = reverse("register:company_merge", args=[first.pk])
    assert f'value="{other.pk}"' not in owner_client.get(url).content.decode()
    assert f'value="{other.pk}"' in owner_client.get(url, {"q": "9988 7766"}).content.decode()


@pytest.mark.parametrize("duplicates", [[], ["abc"], ["999999"], ["FIRST"]], ids=["none", "text", "unknown", "self"])
def test_merge_page_with_bad_input_says_so_in_dutch(owner_client, first, twin, duplicates):
    ids = [str(first.pk) if d == "FIRST" else d for d in duplicates]
    response = owner_client.post(reverse("register:company_merge", args=[first.pk]), {"duplicates": ids})
    assert response.status_code == 400
    assert "Er is niets samengevoegd" in response.content.decode()
    assert not Company.objects.filter(merged_into__isnull=False).exists()


def test_an_old_link_to_a_merged_company_leads_to_the_kept_one(client, owner, service, first, twin):
    municipality = OrganisationFactory()
    EstablishmentFactory(
        owner=municipality, company=twin, supervising_service=service, competent_authority=municipality
    )
    official = UserFactory(organisation=municipality, role=Role.AUTHORITY_OFFICIAL)
    services.merge(user=owner, keep=first, duplicates=[twin], reason=REASON)
    old = reverse("register:company", args=[twin.pk])
    for user in (owner, official):  # the official saw the twin only through its establishment, which moved
        client.force_login(user)
        response = client.get(old, follow=True)
        assert response.redirect_chain == [(reverse("register:company", args=[first.pk]), 302)]
        assert f"Bedrijf {twin.pk} is samengevoegd in dit bedrijf." in response.content.decode()
    client.force_login(owner)
    tombstone = client.get(old, {"historie": "1"}).content.decode()
    assert "Dit bedrijf is samengevoegd in" in tombstone and "Samengevoegd in" in tombstone
    assert reverse("register:company_merge", args=[twin.pk]) not in tombstone  # history, not editable
    assert client.get(reverse("register:company_merge", args=[twin.pk])).status_code == 403


def test_the_edit_form_refuses_a_taken_kvk_number_with_a_link_to_that_company(owner_client, first, twin):
    url = reverse("register:company_edit", args=[twin.pk])
    assert owner_client.get(url).status_code == 200
    response = owner_client.post(url, {"kvk_number": "12345678", "name": twin.name, "legal_form": "bv"})
    html = response.content.decode()
    assert response.status_code == 200 and "is al geregistreerd bij" in html
    assert f'href="{reverse("register:company", args=[first.pk])}"' in html
    assert reverse("register:company_merge", args=[first.pk]) in html  # offered as a duplicate
    twin.refresh_from_db()
    assert twin.kvk_number == "12345679"
    saved = owner_client.post(url, {"kvk_number": "11223344", "name": twin.name, "legal_form": "nv"})
    assert saved.status_code == 302
    twin.refresh_from_db()
    assert (twin.kvk_number, twin.legal_form) == ("11223344", "nv")
