"""The one predicate of every write (openvth.core.permissions), generated from its table: every role × every action
× own / other organisation; and for actions of each app, that the real service refuses exactly when `may` says no."""

from types import SimpleNamespace as NS

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from openvth.accounts.models import Role
from openvth.core import scoping
from openvth.core.permissions import RULES, SYSTEM_JOB, Action, belongs_to, check, has_role, may
from openvth.testing.factories import EstablishmentFactory, ServiceFactory, UserFactory

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
    Action.REVIEW_PUBLICATION: lambda o: NS(owner_id=o),
    Action.MANAGE_SHARING: lambda o: o,
    Action.ADMINISTER: lambda o: NS(organisation_id=o),
    Action.EXPORT_READS: lambda o: o,
    Action.SEE_FAILED_JOBS: lambda o: None,
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


def _outcome(call) -> bool:
    """True when the service let the user through (it may still refuse the input), False on PermissionDenied."""
    try:
        call()
    except PermissionDenied:
        return False
    except ValidationError:
        return True
    return True


def _services():
    from openvth.enforcement import configuration
    from openvth.monitoring import services as monitoring
    from openvth.register import services as register
    from openvth.sharing import services as sharing
    from openvth.supervision.services import inspections, planning

    return {
        Action.EDIT_REGISTER: lambda user, e: register.update_establishment(user=user, establishment=e, name=""),
        Action.PROPOSE_HAND_OVER: lambda user, e: register.propose_hand_over(
            user=user, establishment=e, field="supervising_service", to=e.supervising_service
        ),
        Action.PLAN_INSPECTION: lambda user, e: inspections.create_inspection(user=user, establishment=e, kind="x"),
        Action.APPRAISE: lambda user, e: planning.appraise_establishment(user=user, establishment=e),
        Action.PLAN: lambda user, e: planning.generate_programme(user=user, service=e.supervising_service, year=1900),
        Action.CONFIGURE_TABLES: lambda user, e: configuration.save_letter_template(
            user=user, authority=e.competent_authority, kind="x", body=""
        ),
        Action.EDIT_PROGRAMME: lambda user, e: monitoring.import_report(user=user, content=b"\xff", source_name="x"),
        Action.MANAGE_SHARING: lambda user, e: sharing.create_agreement(
            user=user, partners=[], kinds=[], purpose_code="", purpose="", valid_from=None
        ),
    }


def _sample(action, establishment):
    """The object of the service call, as core.permissions sees it."""
    if action == Action.PLAN:
        return establishment.supervising_service_id
    if action == Action.MANAGE_SHARING:  # a new agreement belongs to the organisation that shares
        return establishment.owner_id
    if action == Action.CONFIGURE_TABLES:
        return establishment.competent_authority
    if action == Action.PROPOSE_HAND_OVER:
        return NS(establishment=establishment, from_organisation_id=establishment.supervising_service_id)
    return establishment


SERVICE_CASES = [(a, r, w) for a in _services() for r in Role.values for w in ("own", "other")]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "role", "where"), SERVICE_CASES, ids=lambda v: str(v))
def test_the_service_refuses_exactly_when_may_says_no(action, role, where):
    service = ServiceFactory()
    establishment = EstablishmentFactory(owner=service, supervising_service=service)
    if action == Action.CONFIGURE_TABLES:
        establishment.competent_authority.omgevingsdienst = service
        establishment.competent_authority.save()
    organisation = service if where == "own" else ServiceFactory()
    if action == Action.MANAGE_SHARING and where == "other":
        organisation = None  # a new agreement is the own organisation's: without one, none
    user = UserFactory(role=role, organisation=organisation)
    expected = may(user, action, _sample(action, establishment))
    assert expected is (role in RULES[action].roles and (RULES[action].organisations is None or where == "own"))
    assert _outcome(lambda: _services()[action](user, establishment)) is expected


@pytest.mark.django_db
def test_a_service_refuses_none_and_takes_the_system_job():
    from openvth.monitoring import services as monitoring

    with pytest.raises(PermissionDenied):
        monitoring.import_report(user=None, content=b"\xff", source_name="x")
    with pytest.raises(ValidationError):
        monitoring.import_report(user=SYSTEM_JOB, content=b"\xff", source_name="x")
