"""Every permit decision and every verdaging under a mandate of the competent authority for that decision type on
that day (Awb 10:3), by a permit officer or manager, never an inspector (issue 13 item 7, issue 14 item 2): through
the services, the API and the pages; a refusal stores nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.core.permissions import SYSTEM_JOB
from openvth.permits import services
from openvth.permits.models import Application, Decision, ProvisionVersion
from openvth.register.models import DecisionType
from openvth.register.selectors import holds_mandate
from openvth.register.tests.factories import MandateFactory, OrganisationFactory, ProvinceFactory
from openvth.testing.api import client_for, problem

from .factories import ApplicationFactory, grant

D = date.fromisoformat
DECIDED = D("2024-02-01")


@pytest.fixture
def officer(service):
    """A permit officer of the service without any mandate until a test gives one."""
    return UserFactory(username="vv-zonder-mandaat", first_name="Vera", last_name="Verlener", organisation=service,
                       role=Role.PERMIT_OFFICER)  # fmt: skip


@pytest.fixture
def granted(owner, establishment):
    """The permit in force since 2020 (granted by the mandated owner): provisions 1 and 2."""
    return services.record_decision(user=owner, establishment=establishment, **grant("1", "2"))


@pytest.fixture
def application(establishment):
    # received Wednesday 10 January 2024: the regular term ends Wednesday 6 March 2024
    return ApplicationFactory(establishment=establishment, received_on=D("2024-01-10"))


def decision(kind: str, reference: str = "B-2024-1") -> dict:
    changes = {
        "grant": [{"op": "add", "number": "3", "text": "Nieuw voorschrift."}],
        "amend": [{"op": "replace", "number": "2", "text": "Voorschrift 2, gewijzigd."}],
        "revoke": [],
    }[kind]
    return {"reference": reference, "kind": kind, "decided_on": DECIDED, "effective_from": DECIDED, "changes": changes}


def mandate(user, authority, decision_type, **period):
    return MandateFactory(holder=user, authority=authority, decision_type=decision_type, **period)


def stored(establishment) -> tuple:
    decisions = Decision.objects.filter(establishment=establishment)
    versions = ProvisionVersion.objects.filter(establishment=establishment)
    return sorted(decisions.values_list("reference", flat=True)), sorted(versions.values_list("number", "text"))


KINDS = [("grant", DecisionType.PERMIT), ("amend", DecisionType.PERMIT_AMENDMENT), ("revoke", DecisionType.REVOCATION)]


# --- decisions through the service ------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "decision_type"), KINDS)
def test_a_decision_under_the_mandate_of_its_type_is_stored_with_its_signer(
    officer, establishment, granted, kind, decision_type
):
    mandate(officer, establishment.competent_authority, decision_type)
    taken = services.record_decision(user=officer, establishment=establishment, **decision(kind))
    assert (taken.kind, taken.signed_by) == (kind, officer)


@pytest.mark.parametrize(("kind", "decision_type"), KINDS)
def test_a_decision_without_a_mandate_is_refused_and_nothing_stored(
    officer, establishment, granted, kind, decision_type
):
    before = stored(establishment)
    label = DecisionType(decision_type).label
    authority = establishment.competent_authority
    reason = f"Vera Verlener heeft op 01-02-2024 geen geldig mandaat van {authority} voor {label}"
    with pytest.raises(PermissionDenied, match=reason):
        services.record_decision(user=officer, establishment=establishment, **decision(kind))
    assert stored(establishment) == before


@pytest.mark.parametrize(
    ("valid_from", "valid_to"),
    [(D("2020-01-01"), D("2024-01-31")), (D("2024-02-02"), None)],
    ids=["expired the day before", "valid only from the day after"],
)
def test_a_mandate_not_valid_on_the_decision_day_is_refused(officer, establishment, granted, valid_from, valid_to):
    mandate(officer, establishment.competent_authority, DecisionType.PERMIT_AMENDMENT, valid_from=valid_from,
            valid_to=valid_to)  # fmt: skip
    before = stored(establishment)
    with pytest.raises(PermissionDenied, match="geen geldig mandaat"):
        services.record_decision(user=officer, establishment=establishment, **decision("amend"))
    assert stored(establishment) == before


def test_a_mandate_valid_on_exactly_the_decision_day_is_enough(officer, establishment, granted):
    mandate(officer, establishment.competent_authority, DecisionType.PERMIT_AMENDMENT, valid_from=DECIDED,
            valid_to=DECIDED)  # fmt: skip
    assert services.record_decision(user=officer, establishment=establishment, **decision("amend")).signed_by == officer


def test_a_mandate_of_another_authority_is_refused(officer, establishment, granted):
    mandate(officer, OrganisationFactory(name="Gemeente Elders"), DecisionType.PERMIT_AMENDMENT)
    with pytest.raises(PermissionDenied, match="geen geldig mandaat"):
        services.record_decision(user=officer, establishment=establishment, **decision("amend"))


@pytest.mark.parametrize(
    ("kind", "held"),
    [("amend", DecisionType.PERMIT), ("revoke", DecisionType.PERMIT_AMENDMENT), ("grant", DecisionType.REVOCATION)],
)
def test_a_mandate_for_another_decision_type_is_refused(officer, establishment, granted, kind, held):
    mandate(officer, establishment.competent_authority, held)
    with pytest.raises(PermissionDenied, match="geen geldig mandaat"):
        services.record_decision(user=officer, establishment=establishment, **decision(kind))


def test_a_decision_on_an_application_needs_the_mandate_of_the_applications_authority(officer, establishment, granted):
    province = ProvinceFactory()
    application = ApplicationFactory(establishment=establishment, competent_authority=province)
    mandate(officer, establishment.competent_authority, DecisionType.PERMIT_AMENDMENT)
    on_application = {"establishment": establishment, "application": application, **decision("amend")}
    with pytest.raises(PermissionDenied, match=f"geen geldig mandaat van {province}"):
        services.record_decision(user=officer, **on_application)
    application.refresh_from_db()
    assert (application.status, application.decision) == (Application.Status.RECEIVED, None)
    mandate(officer, province, DecisionType.PERMIT_AMENDMENT)
    services.record_decision(user=officer, **on_application)
    application.refresh_from_db()
    assert application.status == Application.Status.DECIDED


def test_an_inspector_takes_no_permit_decision_even_with_a_mandate(member, establishment, granted):
    mandate(member, establishment.competent_authority, DecisionType.PERMIT_AMENDMENT)
    before = stored(establishment)
    with pytest.raises(PermissionDenied, match="Alleen een vergunningverlener of manager"):
        services.record_decision(user=member, establishment=establishment, **decision("amend"))
    assert stored(establishment) == before


def test_a_manager_with_the_mandate_decides(service, establishment, granted):
    manager = UserFactory(organisation=service, role=Role.MANAGER)
    mandate(manager, establishment.competent_authority, DecisionType.REVOCATION)
    assert (
        services.record_decision(user=manager, establishment=establishment, **decision("revoke")).signed_by == manager
    )


def test_an_imported_decision_needs_no_mandate_and_has_no_signer(establishment):
    document = {"establishment": establishment.kvk_vestigingsnummer, "decisions": [grant("1", reference="OUD-1")]}
    document["decisions"][0] = {**document["decisions"][0], "decided_on": "2001-05-01", "effective_from": "2001-05-01"}
    (imported,) = services.import_permit_document(user=SYSTEM_JOB, document=document)
    assert imported.signed_by is None


# --- the verdaging of the decision term (Ow 16.64(2), Awb 3:18(2)) ---------------------------------------------


def test_a_verdaging_under_mandate_extends_the_term(officer, application):
    mandate(officer, application.competent_authority, DecisionType.TERM_EXTENSION)
    services.extend_term(user=officer, application=application, extended_on=D("2024-03-01"))
    application.refresh_from_db()
    assert application.extended_on == D("2024-03-01")


@pytest.mark.parametrize(
    "held",
    [
        None,
        {"decision_type": DecisionType.PERMIT},
        {"valid_from": D("2020-01-01"), "valid_to": D("2024-02-29")},
        {"authority": "elders"},
    ],
    ids=["no mandate", "a mandate to grant, not to extend", "expired", "of another authority"],
)
def test_a_verdaging_without_a_valid_mandate_is_refused_and_the_term_stays(officer, application, held):
    if held is not None:
        authority = OrganisationFactory() if held.get("authority") else application.competent_authority
        mandate(officer, authority, held.get("decision_type", DecisionType.TERM_EXTENSION),
                **{k: v for k, v in held.items() if k in ("valid_from", "valid_to")})  # fmt: skip
    with pytest.raises(PermissionDenied, match="geen geldig mandaat .* voor verdaging beslistermijn"):
        services.extend_term(user=officer, application=application, extended_on=D("2024-03-01"))
    application.refresh_from_db()
    assert application.extended_on is None


def test_an_inspector_does_not_extend_a_term_even_with_a_mandate(member, application):
    mandate(member, application.competent_authority, DecisionType.TERM_EXTENSION)
    with pytest.raises(PermissionDenied, match="Alleen een vergunningverlener of manager"):
        services.extend_term(user=member, application=application, extended_on=D("2024-03-01"))
    application.refresh_from_db()
    assert application.extended_on is None


# --- the API: 403 application/problem+json, nothing stored --------------------------------------------------------

DECISIONS, APPLICATIONS = "/api/v1/decisions", "/api/v1/applications"


def api_decision(establishment, kind: str = "amend") -> dict:
    body = decision(kind)
    return {**body, "establishment": establishment.pk, "decided_on": "2024-02-01", "effective_from": "2024-02-01"}


def test_scenario_6_an_amend_decision_without_mandate_is_403_and_stores_nothing(officer, establishment, granted):
    before = stored(establishment)
    body = problem(client_for(officer).post(DECISIONS, api_decision(establishment), format="json"), 403)
    assert "geen geldig mandaat" in body["detail"] and "wijziging omgevingsvergunning" in body["detail"]
    assert stored(establishment) == before


def test_an_amend_decision_under_mandate_is_201_with_its_signer(officer, establishment, granted):
    mandate(officer, establishment.competent_authority, DecisionType.PERMIT_AMENDMENT)
    response = client_for(officer).post(DECISIONS, api_decision(establishment), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["signed_by"] == "Vera Verlener"


def test_an_inspector_posting_a_decision_gets_403(member, establishment, granted):
    mandate(member, establishment.competent_authority, DecisionType.PERMIT_AMENDMENT)
    before = stored(establishment)
    body = problem(client_for(member).post(DECISIONS, api_decision(establishment), format="json"), 403)
    assert "vergunningverlener of manager" in body["detail"]
    assert stored(establishment) == before


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.PERMIT_OFFICER])
def test_extend_without_role_or_mandate_is_403_and_the_term_stays(service, application, role):
    user = UserFactory(organisation=service, role=role)
    if role == Role.INSPECTOR:
        mandate(user, application.competent_authority, DecisionType.TERM_EXTENSION)
    url = f"{APPLICATIONS}/{application.pk}/extend"
    problem(client_for(user).post(url, {"extended_on": "2024-03-01"}, format="json"), 403)
    application.refresh_from_db()
    assert application.extended_on is None


def test_extend_under_mandate_is_200(officer, application):
    mandate(officer, application.competent_authority, DecisionType.TERM_EXTENSION)
    url = f"{APPLICATIONS}/{application.pk}/extend"
    response = client_for(officer).post(url, {"extended_on": "2024-03-01"}, format="json")
    assert response.status_code == 200 and response.json()["term"]["extended"] is True


# --- the pages ----------------------------------------------------------------------------------------------------


def test_the_decision_form_says_in_dutch_that_the_mandate_is_missing_and_stores_nothing(
    client, officer, establishment, granted
):
    client.force_login(officer)
    before = stored(establishment)
    data = {
        "reference": "B-2024-1",
        "kind": "amend",
        "decided_on": "2024-02-01",
        "effective_from": "2024-02-01",
        "wijziging-TOTAL_FORMS": "1",
        "wijziging-INITIAL_FORMS": "0",
        "wijziging-0-op": "replace",
        "wijziging-0-number": "2",
        "wijziging-0-text": "Voorschrift 2, gewijzigd.",
    }
    response = client.post(reverse("permits:decision_new", args=[establishment.pk]), data)
    assert response.status_code == 403
    assert "geen geldig mandaat" in response.content.decode()
    assert stored(establishment) == before


def test_an_inspector_gets_no_decision_form_and_no_extension_button(client, owner, member, establishment):
    running = ApplicationFactory(establishment=establishment, received_on=clock.today() - timedelta(days=10))
    url = reverse("permits:application", args=[running.pk])
    client.force_login(owner)
    page = client.get(url).content.decode()
    assert "Termijn verdagen" in page and "Besluit op deze aanvraag vastleggen" in page
    client.force_login(member)
    assert client.get(reverse("permits:decision_new", args=[establishment.pk])).status_code == 403
    page = client.get(url).content.decode()
    assert "Termijn verdagen" not in page and "Besluit op deze aanvraag vastleggen" not in page


def test_a_verdaging_on_the_page_without_mandate_says_why_and_stores_nothing(client, officer, application):
    client.force_login(officer)
    url = reverse("permits:application_action", args=[application.pk, "verdagen"])
    response = client.post(url, {"verdagen-datum": "2024-03-01"}, follow=True)
    assert "geen geldig mandaat" in response.content.decode()
    application.refresh_from_db()
    assert application.extended_on is None


# --- the demo ----------------------------------------------------------------------------------------------------


def test_the_demo_permit_officer_holds_every_permit_mandate_of_the_members_and_their_province(db):
    from openvth.register.tests.factories import ServiceFactory
    from openvth.synthetic.demo import DEMO_SCALE, MANDATE_START, ensure_demo_mandates
    from openvth.synthetic.generator import SCALES

    service = ServiceFactory(code=SCALES[DEMO_SCALE].service)
    province = ProvinceFactory()
    members = [OrganisationFactory(omgevingsdienst=service, province=province) for _ in range(2)]
    officer = UserFactory(username="vergunningverlener", organisation=service, role=Role.PERMIT_OFFICER)
    manager = UserFactory(username="manager", organisation=service, role=Role.MANAGER)
    lawyer = UserFactory(username="handhavingsjurist", organisation=service, role=Role.ENFORCEMENT_LAWYER)
    ensure_demo_mandates([officer, manager, lawyer])
    for authority in [*members, province]:
        for decision_type in services.PERMIT_MANDATE_TYPES:
            assert holds_mandate(officer, authority=authority, decision_type=decision_type, on=MANDATE_START)
            assert not holds_mandate(manager, authority=authority, decision_type=decision_type, on=MANDATE_START)
