"""The one predicate of every write (openvth.core.permissions), generated from its table: every role × every action
× own / other organisation; and for actions of each app, that the real service refuses exactly when `may` says no."""

from types import SimpleNamespace as NS

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock, scoping
from openvth.core.permissions import RULES, SYSTEM_JOB, Action, belongs_to, check, has_role, may
from openvth.register.tests.factories import EstablishmentFactory, ServiceFactory

OWN, OTHER = 1, 2


def _establishment(o):
    return NS(owner_id=o, supervising_service_id=o)


# per action an object that belongs to organisation `o` for that action (None: a national action needs none)
SAMPLES = {
    Action.EDIT_REGISTER: _establishment,
    Action.HANDLE_APPLICATION: _establishment,
    Action.HANDLE_INTAKE: lambda o: None,
    Action.DELIVER_NOTIFICATION: lambda o: o,
    Action.APPRAISE: _establishment,
    Action.PROPOSE_HAND_OVER: lambda o: NS(establishment=NS(supervising_service_id=o), from_organisation_id=o),
    Action.ACCEPT_HAND_OVER: lambda o: NS(to_organisation_id=o),
    Action.PLAN_INSPECTION: _establishment,
    Action.INSPECT: lambda o: NS(owner_id=o, establishment=_establishment(o)),
    Action.TRIAGE_COMPLAINT: lambda o: NS(service_id=o),
    Action.DECIDE_PERMIT: _establishment,
    Action.ENFORCE: lambda o: NS(owner_id=o, establishment=_establishment(o)),
    Action.CONFIGURE_TABLES: lambda o: NS(pk=o, omgevingsdienst_id=o),
    Action.PLAN: lambda o: o,
    Action.EDIT_PROGRAMME: lambda o: None,
    Action.PROPOSE_PUBLICATION: lambda o: o,
    Action.RELEASE_PERMIT: _establishment,
    Action.REVIEW_PUBLICATION: lambda o: NS(owner_id=o),
    Action.MANAGE_SHARING: lambda o: o,
    Action.ADMINISTER: lambda o: NS(organisation_id=o),
    Action.EXPORT_READS: lambda o: o,
    Action.SEE_FAILED_JOBS: lambda o: None,
    Action.MANAGE_REGIONAL_PLAN: lambda o: NS(service_id=o),
    Action.ADOPT_PLAN: lambda o: o,
    Action.RECORD_VISITATION: lambda o: None,
    Action.RECORD_INVESTIGATION: lambda o: o,
    Action.FOLLOW_UP_RECOMMENDATION: lambda o: NS(service_id=o),
    Action.RECORD_HOURS: lambda o: NS(service_id=o),
    Action.MANAGE_COSTS: lambda o: NS(service_id=o),
}
CASES = [(action, role, where) for action in Action for role in Role.values for where in ("own", "other")]


def _user(role, organisation_id=OWN, superuser=False):
    return NS(is_authenticated=True, is_superuser=superuser, role=role, organisation_id=organisation_id, pk=7)


def test_every_action_has_a_rule_and_a_sample():
    assert set(RULES) == set(Action) == set(SAMPLES)


@pytest.mark.parametrize(("action", "role", "where"), CASES, ids=lambda v: str(v))
def test_may_follows_the_table(action, role, where):
    rule = RULES[action]
    user = _user(role, OWN if where == "own" else OTHER)
    expected = role in rule.roles and (rule.organisations is None or where == "own")
    assert may(user, action, SAMPLES[action](OWN)) is expected
    assert has_role(user, action) is (role in rule.roles)
    if expected:
        check(user, action, SAMPLES[action](OWN))
    else:
        with pytest.raises(PermissionDenied, match=rule.refusal[:20]):
            check(user, action, SAMPLES[action](OWN))


@pytest.mark.parametrize("action", list(Action), ids=str)
def test_none_and_anonymous_may_nothing_a_system_job_what_a_superuser_may(action):
    obj = SAMPLES[action](OWN)
    assert not may(None, action, obj) and not has_role(None, action)
    assert not may(AnonymousUser(), action, obj)
    rule = RULES[action]
    superuser = _user("", organisation_id=None, superuser=True)
    expected = rule.superuser_any_role and rule.superuser_any_organisation
    assert may(superuser, action, obj) is expected
    assert may(SYSTEM_JOB, action, obj) is expected


def test_the_superuser_exceptions_are_the_apps_rules():
    # a permit decision only by a deciding role, also for a superuser; sharing only for the own organisation
    assert may(_user(Role.MANAGER, OTHER, superuser=True), Action.DECIDE_PERMIT, _establishment(OWN))
    assert not may(_user("", OWN, superuser=True), Action.DECIDE_PERMIT, _establishment(OWN))
    assert may(_user("", OWN, superuser=True), Action.MANAGE_SHARING, OWN)
    assert not may(_user("", OTHER, superuser=True), Action.MANAGE_SHARING, OWN)
    # a DSO notification only from the account of the link (an administrator or a deciding role), with organisation
    assert not may(_user("", OWN, superuser=True), Action.DELIVER_NOTIFICATION, OWN)
    assert may(_user(Role.ADMINISTRATOR, OWN), Action.DELIVER_NOTIFICATION, OWN)


def test_the_organisations_are_exact_per_action():
    inspector = _user(Role.INSPECTOR, OWN)
    # an inspection belongs to its owner and the supervising service, not to the establishment's owner
    inspection = NS(owner_id=OTHER, establishment=NS(owner_id=OWN, supervising_service_id=OTHER))
    assert not may(inspector, Action.INSPECT, inspection)
    # an enforcement case does belong to the establishment's owner
    assert may(inspector, Action.ENFORCE, inspection)
    # a company belongs to its owner only; a new record to the organisation it is created under
    officer = _user(Role.PERMIT_OFFICER, OWN)
    assert may(officer, Action.EDIT_REGISTER, NS(owner_id=OWN))
    assert not may(officer, Action.EDIT_REGISTER, NS(owner_id=OTHER))
    assert may(officer, Action.EDIT_REGISTER, NS(pk=OWN)) and may(officer, Action.EDIT_REGISTER, OWN)
    # a user with a role but no organisation belongs to none
    assert not may(_user(Role.INSPECTOR, None), Action.PLAN_INSPECTION, NS(owner_id=1, supervising_service_id=None))
    assert not has_role(_user(Role.INSPECTOR, None), Action.PLAN_INSPECTION)


def test_belongs_to_asks_the_organisations_without_the_role():
    official = _user(Role.AUTHORITY_OFFICIAL, OWN)
    assert belongs_to(official, Action.CONFIGURE_TABLES, NS(pk=OTHER, omgevingsdienst_id=OWN))
    assert not belongs_to(official, Action.CONFIGURE_TABLES, NS(pk=OTHER, omgevingsdienst_id=None))
    assert not may(official, Action.CONFIGURE_TABLES, NS(pk=OWN, omgevingsdienst_id=None))


def test_one_system_job_marker_without_stored_account():
    assert scoping.SYSTEM_JOB is SYSTEM_JOB
    assert scoping.author(SYSTEM_JOB) is None


# --- the real services ------------------------------------------------------------------------------------------


def _failed_job(user) -> bool:
    from openvth.jobs import selectors as jobs
    from openvth.jobs.models import Job

    job = Job.objects.create(
        kind="x", organisation_id=user.organisation_id, status=Job.Status.FAILED, created_at=clock.now()
    )
    return job in jobs.failed_jobs(user)


def _read_of(organisation, user) -> bool:
    from openvth.audit import selectors as audit
    from openvth.audit.models import Channel, PersonalDataRead, ReadKind

    read = PersonalDataRead.objects.create(
        user_name="x", organisation=organisation, kind=ReadKind.COMPLAINT, object_type="x", channel=Channel.UI
    )
    return read in audit.reads(user)


def _regional_plan_and_recommendation(service):
    from openvth.quality.models import Recommendation, Visitation
    from openvth.regional.models import RegionalPlan
    from openvth.supervision.models import Programme

    programme = Programme.objects.create(service=service, year=2026, capacity_hours=0)
    plan = RegionalPlan.objects.create(
        service=service, year=2026, programme=programme, title="Plan", created_at=clock.now()
    )
    visitation = Visitation.objects.create(
        service=service, visited_on=clock.today(), external_party="x", peer_reviewers="x", findings="x",
        recorded_at=clock.now(),
    )  # fmt: skip
    return plan, Recommendation.objects.create(visitation=visitation, service=service, text="x")


def _services(service, establishment) -> dict:
    """Per action the object `may` is asked about and the real service (or, for a read, the selector) that guards
    it, called with a user: it lets the user through (and then may refuse the input) or raises PermissionDenied."""
    from openvth.accounts import services as accounts
    from openvth.costs import services as costs
    from openvth.disclosure import services as disclosure
    from openvth.disclosure.tests.factories import publication
    from openvth.enforcement import configuration
    from openvth.enforcement import services as enforcement
    from openvth.intake import services as intake
    from openvth.intake.models import IntakeRequest
    from openvth.monitoring import services as monitoring
    from openvth.permits import services as permits
    from openvth.quality import services as quality
    from openvth.regional import services as regional
    from openvth.register import services as register
    from openvth.sharing import services as sharing
    from openvth.supervision.models import Complaint
    from openvth.supervision.services import inspections, planning
    from openvth.supervision.tests.factories import FindingFactory, InspectionFactory

    e = establishment
    authority = e.competent_authority
    inspection = InspectionFactory(establishment=e)  # closed
    complaint = Complaint.objects.create(service=service, subject="noise", description="x", location="x")
    proposed = publication(e, status="proposed")
    published = publication(e)
    published.inspection.status, published.inspection.performed_on = "closed", clock.today()
    published.inspection.save()
    hand_over = register.propose_hand_over(
        user=SYSTEM_JOB, establishment=EstablishmentFactory(), field="supervising_service", to=service
    )
    request = IntakeRequest.objects.create(
        owner=service, verzoeknummer="V-1", status=IntakeRequest.Status.PROCESSED, notified_at=clock.now()
    )
    colleague = UserFactory(organisation=service)
    plan, recommendation = _regional_plan_and_recommendation(service)
    return {
        Action.EDIT_REGISTER: (e, lambda user: register.update_establishment(user=user, establishment=e, name="")),
        Action.HANDLE_APPLICATION: (
            e,
            lambda user: permits.receive_application(
                user=user,
                establishment=e,
                competent_authority=authority,
                reference="",
                subject="",
                received_on=None,
                procedure="",
            ),
        ),
        Action.HANDLE_INTAKE: (None, lambda user: intake.retry(user=user, intake=request)),  # already processed
        Action.DELIVER_NOTIFICATION: (
            service.pk,
            lambda user: intake.receive_notification(user=user, verzoeknummer="V-2"),
        ),
        Action.APPRAISE: (e, lambda user: planning.appraise_establishment(user=user, establishment=e)),
        Action.PROPOSE_HAND_OVER: (
            NS(establishment=e, from_organisation_id=e.supervising_service_id),
            lambda user: register.propose_hand_over(
                user=user, establishment=e, field="supervising_service", to=e.supervising_service
            ),
        ),
        Action.ACCEPT_HAND_OVER: (hand_over, lambda user: register.accept_hand_over(user=user, hand_over=hand_over)),
        Action.PLAN_INSPECTION: (e, lambda user: inspections.create_inspection(user=user, establishment=e, kind="x")),
        Action.INSPECT: (
            inspection,
            lambda user: inspections.start_inspection(  # closed: cannot start again
                user=user, inspection=inspection, performed_on="x"
            ),
        ),
        Action.TRIAGE_COMPLAINT: (
            complaint,
            lambda user: inspections.close_complaint(user=user, complaint=complaint, reason=""),
        ),
        Action.DECIDE_PERMIT: (
            e,
            lambda user: permits.record_decision(
                user=user, establishment=e, reference="", kind="x", decided_on=None, effective_from=None, changes=[]
            ),
        ),
        Action.ENFORCE: (
            e,
            lambda user: enforcement.open_case(
                user=user, findings=[FindingFactory(inspection=inspection)], route="bezwaar"
            ),
        ),
        Action.CONFIGURE_TABLES: (
            authority,
            lambda user: configuration.save_letter_template(user=user, authority=authority, kind="x", body=""),
        ),
        Action.PLAN: (service.pk, lambda user: planning.generate_programme(user=user, service=service, year=1900)),
        Action.EDIT_PROGRAMME: (
            None,
            lambda user: monitoring.import_report(user=user, content=b"\xff", source_name="x"),
        ),
        Action.PROPOSE_PUBLICATION: (  # the inspection has a live publication already
            published.inspection.owner_id,
            lambda user: disclosure.propose_inspection(user=user, inspection=published.inspection),
        ),
        Action.RELEASE_PERMIT: (e, lambda user: disclosure.propose_permit(user=user, establishment=e)),  # no decision
        Action.REVIEW_PUBLICATION: (  # proposed: not to be published before approval
            proposed,
            lambda user: disclosure.publish(user=user, publication=proposed),
        ),
        Action.MANAGE_SHARING: (  # a new agreement belongs to the organisation that shares
            service.pk,
            lambda user: sharing.create_agreement(
                user=user, partners=[], kinds=[], purpose_code="", purpose="", valid_from=None
            ),
        ),
        Action.ADMINISTER: (colleague, lambda user: accounts.reset_second_factor(administrator=user, user=colleague)),
        Action.EXPORT_READS: (service.pk, lambda user: _read_of(service, user)),  # the reads of the service
        Action.SEE_FAILED_JOBS: (None, _failed_job),  # a failed job of the user's organisation
        Action.MANAGE_REGIONAL_PLAN: (  # no year: refused after the permission
            service.pk,
            lambda user: regional.create_plan(user=user, service=service, year="", title=""),
        ),
        Action.ADOPT_PLAN: (  # the plan is a draft, the service no participant
            service.pk,
            lambda user: regional.adopt(user=user, plan=plan, authority=service, decided_on="", decision_reference=""),
        ),
        Action.RECORD_VISITATION: (
            None,
            lambda user: quality.record_visitation(
                user=user, service=service, visited_on="", external_party="", peer_reviewers="", findings=""
            ),
        ),
        Action.RECORD_INVESTIGATION: (  # the service is no inspectorate
            service.pk,
            lambda user: quality.record_investigation(
                user=user, inspectorate=service, kind="", theme="", services=[], published_on="", findings=""
            ),
        ),
        Action.FOLLOW_UP_RECOMMENDATION: (
            recommendation,
            lambda user: quality.record_follow_up(user=user, recommendation=recommendation, status="", status_on=""),
        ),
        Action.RECORD_HOURS: (  # no day: refused after the permission
            service.pk,
            lambda user: costs.record_hours(user=user, service=service, day="", hours=""),
        ),
        Action.MANAGE_COSTS: (service.pk, lambda user: costs.set_rate(user=user, service=service, year="", rate="")),
    }


def _outcome(call) -> bool:
    """True when the service let the user through (it may still refuse the input), False on PermissionDenied; a
    selector lets the user through when it returns the record (True), it refuses by leaving it out (False)."""
    try:
        answer = call()
    except PermissionDenied:
        return False
    except ValidationError:
        return True
    return answer is not False


# an action bound to the user's own organisation only (a new agreement, a notification): "other" is without one
WITHOUT_ORGANISATION = {Action.MANAGE_SHARING, Action.DELIVER_NOTIFICATION}
SERVICE_CASES = [(a, r, w) for a in Action for r in Role.values for w in ("own", "other")]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "role", "where"), SERVICE_CASES, ids=lambda v: str(v))
def test_the_service_refuses_exactly_when_may_says_no(action, role, where):
    service = ServiceFactory()
    establishment = EstablishmentFactory(owner=service, supervising_service=service)
    establishment.competent_authority.omgevingsdienst = service  # the authority's tables are the service's too
    establishment.competent_authority.save()
    organisation = service if where == "own" else ServiceFactory()
    if action in WITHOUT_ORGANISATION and where == "other":
        organisation = None
    user = UserFactory(role=role, organisation=organisation)
    sample, call = _services(service, establishment)[action]
    expected = may(user, action, sample)
    assert expected is (role in RULES[action].roles and (RULES[action].organisations is None or where == "own"))
    assert _outcome(lambda: call(user)) is expected


@pytest.mark.django_db
def test_a_service_refuses_none_and_takes_the_system_job():
    from openvth.monitoring import services as monitoring

    with pytest.raises(PermissionDenied):
        monitoring.import_report(user=None, content=b"\xff", source_name="x")
    with pytest.raises(ValidationError):
        monitoring.import_report(user=SYSTEM_JOB, content=b"\xff", source_name="x")
