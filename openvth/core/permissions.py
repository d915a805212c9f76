"""Who may do what: one predicate `may(user, action, obj)` for every write of every app, by role and organisation.

Reads are scoped by `openvth.core.scoping` (organisation, the authorities a service works for, sharing agreements);
this module decides the writes and the steps. Each action names the roles that take it and the organisations an
object belongs to for it (`None`: a national task, no organisation bound). A superuser may do everything, and so
may a system job (a command, the generator, a background job): it acts as `SYSTEM_JOB` (a superuser without
organisation and without stored account), never as `None`. `None` and anonymous visitors may do nothing.

Some actions bind superusers too, as the apps always did: a permit decision is taken only by a role that decides
(role separation, issue 14; each decision also needs a mandate), a DSO notification is delivered only by the account
of the link, and an organisation's sharing agreements are decided only by its own managers and administrators (a
superuser too only for his own organisation).

The steps of an enforcement case are also decided per event by its actor (openvth.enforcement.permissions); the
mandate of a decision by openvth.register.services.require_mandate.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied

from openvth.accounts.models import Role
from openvth.core.scoping import SYSTEM_JOB

__all__ = ["RULES", "SYSTEM_JOB", "Action", "Rule", "belongs_to", "check", "has_role", "may"]


class Action(StrEnum):
    EDIT_REGISTER = "edit_register"  # companies and establishments: create, change, merge, activities
    HANDLE_APPLICATION = "handle_application"  # permit applications, their terms, intake and imported permits
    HANDLE_INTAKE = "handle_intake"  # the queue of requests from the Omgevingsloket (read scoped by their owner)
    DELIVER_NOTIFICATION = "deliver_notification"  # the DSO link posts a verzoeknotificatie for its organisation
    APPRAISE = "appraise"  # the risk appraisal of one establishment
    PROPOSE_HAND_OVER = "propose_hand_over"  # a new competent authority or supervising service (a HandOver)
    ACCEPT_HAND_OVER = "accept_hand_over"
    PLAN_INSPECTION = "plan_inspection"  # a new inspection at an establishment
    INSPECT = "inspect"  # perform, change and close an inspection, record findings and answers
    TRIAGE_COMPLAINT = "triage_complaint"
    DECIDE_PERMIT = "decide_permit"  # permit decisions and verdagingen (each also under a mandate)
    ENFORCE = "enforce"  # work on an enforcement case (each step also by the actor of its event)
    CONFIGURE_TABLES = "configure_tables"  # LHSO, policy and letter tables of an authority
    PLAN = "plan"  # risk tables, appraisal and the yearly programme of a service
    EDIT_PROGRAMME = "edit_programme"  # the national IBP VTH programme
    PROPOSE_PUBLICATION = "propose_publication"
    RELEASE_PERMIT = "release_permit"  # propose the Woo release of an establishment's permit (a publication)
    REVIEW_PUBLICATION = "review_publication"  # approve, publish, withdraw, edit the redaction
    MANAGE_SHARING = "manage_sharing"  # the organisation's sharing agreements
    ADMINISTER = "administer"  # users, roles, mandates and placements of the organisation
    EXPORT_READS = "export_reads"  # the log of reads of personal data and the AVG inzage export
    SEE_FAILED_JOBS = "see_failed_jobs"  # the failed background jobs (read scoped by openvth.jobs.models.Job)
    MANAGE_REGIONAL_PLAN = "manage_regional_plan"  # the regional plan of a service: make, goals, finalise
    ADOPT_PLAN = "adopt_plan"  # a participating authority adopts the regional plan (its decision)
    RECORD_VISITATION = "record_visitation"  # visitations of services and their recommendations (national)
    RECORD_INVESTIGATION = "record_investigation"  # an ILT investigation and its recommendations
    FOLLOW_UP_RECOMMENDATION = "follow_up_recommendation"  # a service reports how it follows a recommendation up
    RECORD_HOURS = "record_hours"  # hours per task or weekly sheet of the service's staff (openvth.costs)
    MANAGE_COSTS = "manage_costs"  # a service's hourly rates, norm hours and budgets agreed (openvth.costs)


# --- the organisations an object belongs to, per action ----------------------------------------------------------


def _itself(obj) -> set:
    """An organisation, or an organisation id."""
    return {obj if isinstance(obj, int) else obj.pk}


def _owner(obj) -> set:
    return {obj.owner_id}


def _register_record(obj) -> set:
    """An establishment: its owner and its supervising service; a company: its owner; an organisation (a new
    record under it as owner): itself."""
    if not hasattr(obj, "owner_id"):
        return _itself(obj)
    return {obj.owner_id, getattr(obj, "supervising_service_id", obj.owner_id)}


def _establishment(establishment) -> set:
    return {establishment.owner_id, establishment.supervising_service_id}


def _inspection(inspection) -> set:
    """The inspection's owner and the establishment's supervising service (not the establishment's owner)."""
    return {inspection.owner_id, inspection.establishment.supervising_service_id}


def _enforced(obj) -> set:
    """A case (or an inspection, or an establishment): its owner, the establishment's owner and supervising service."""
    establishment = getattr(obj, "establishment", obj)
    return {getattr(obj, "owner_id", None), establishment.owner_id, establishment.supervising_service_id}


def _hand_over_from(hand_over) -> set:
    """A proposal comes from the supervising service or from the current holder of the field (from_organisation)."""
    return {hand_over.establishment.supervising_service_id, hand_over.from_organisation_id}


def _hand_over_to(hand_over) -> set:
    return {hand_over.to_organisation_id}


def _authority_and_its_service(organisation) -> set:
    return {organisation.pk, organisation.omgevingsdienst_id}


def _service_of(obj) -> set:
    """A record of a service (a plan, a recommendation): its service; an organisation (a new record): itself."""
    return {obj.service_id} if hasattr(obj, "service_id") else _itself(obj)


def _colleague(user) -> set:
    """An account: administered at its own organisation."""
    return {user.organisation_id}


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    organisations: Callable[[Any], Iterable[int | None]] | None  # None: a national task
    refusal: str
    superuser_any_role: bool = True  # False: a superuser (and a system job) needs one of the roles too
    superuser_any_organisation: bool = True  # False: a superuser (and a system job) needs the organisation too


_EDITORS = frozenset({Role.PERMIT_OFFICER, Role.INSPECTOR, Role.MANAGER, Role.ADMINISTRATOR})
_MANAGERS = frozenset({Role.MANAGER, Role.ADMINISTRATOR})
_INSPECTORS = frozenset({Role.INSPECTOR, Role.MANAGER})
# permit decisions, verdagingen and the intake: by permit officers and managers (directors), under mandate; never by
# an inspector (issue 14: role separation)
_DECIDERS = frozenset({Role.PERMIT_OFFICER, Role.MANAGER})

RULES: dict[Action, Rule] = {
    Action.EDIT_REGISTER: Rule(_EDITORS, _register_record, "U mag dit registergegeven niet wijzigen."),
    Action.HANDLE_APPLICATION: Rule(_EDITORS, _establishment, "U mag de vergunning van deze vestiging niet wijzigen."),
    Action.HANDLE_INTAKE: Rule(
        _DECIDERS, None, "Alleen een vergunningverlener of manager behandelt de intake uit het Omgevingsloket."
    ),
    Action.DELIVER_NOTIFICATION: Rule(
        _DECIDERS | {Role.ADMINISTRATOR},
        _itself,
        "Dit account mag geen verzoeknotificaties van het Omgevingsloket aanleveren.",
        superuser_any_role=False,
    ),
    Action.APPRAISE: Rule(_EDITORS, _establishment, "U mag deze vestiging niet beoordelen."),
    Action.PROPOSE_HAND_OVER: Rule(
        _MANAGERS, _hand_over_from, "Alleen een manager of beheerder stelt een overdracht voor."
    ),
    Action.ACCEPT_HAND_OVER: Rule(
        _MANAGERS, _hand_over_to, "Alleen een manager of beheerder van de ontvanger accepteert."
    ),
    Action.PLAN_INSPECTION: Rule(_INSPECTORS, _establishment, "U mag bij deze vestiging geen inspectie vastleggen."),
    Action.INSPECT: Rule(_INSPECTORS, _inspection, "U mag deze inspectie niet wijzigen."),
    Action.TRIAGE_COMPLAINT: Rule(
        _INSPECTORS, lambda complaint: {complaint.service_id}, "U mag deze melding niet behandelen."
    ),
    Action.DECIDE_PERMIT: Rule(
        _DECIDERS,
        _establishment,
        "Alleen een vergunningverlener of manager neemt vergunningbesluiten en verdaagt de beslistermijn.",
        superuser_any_role=False,
    ),
    Action.ENFORCE: Rule(
        frozenset({Role.ENFORCEMENT_LAWYER, Role.INSPECTOR, Role.MANAGER, Role.ADMINISTRATOR}),
        _enforced,
        "U mag deze handhavingszaak niet wijzigen.",
    ),
    Action.CONFIGURE_TABLES: Rule(
        _MANAGERS, _authority_and_its_service, "U mag de tabellen van deze organisatie niet wijzigen."
    ),
    Action.PLAN: Rule(_MANAGERS, _itself, "U mag de planning van deze organisatie niet wijzigen."),
    Action.EDIT_PROGRAMME: Rule(
        frozenset({Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR}),
        None,
        "Alleen het programmabureau en beheerders mogen de voortgang van het IBP VTH bijwerken.",
    ),
    Action.PROPOSE_PUBLICATION: Rule(
        frozenset(
            {Role.INSPECTOR, Role.ENFORCEMENT_LAWYER, Role.MANAGER, Role.PUBLICATION_OFFICER, Role.ADMINISTRATOR}
        ),
        _itself,
        "Alleen medewerkers van de eigenaar mogen een publicatie voorstellen.",
    ),
    Action.RELEASE_PERMIT: Rule(
        frozenset({Role.PERMIT_OFFICER, Role.PUBLICATION_OFFICER, Role.MANAGER}),
        _establishment,
        "Alleen een vergunningverlener, publicatiemedewerker of manager van de vestiging stelt de openbaarmaking "
        "van haar vergunning voor.",
    ),
    Action.REVIEW_PUBLICATION: Rule(
        frozenset({Role.PUBLICATION_OFFICER, Role.MANAGER}),
        _owner,
        "Alleen een publicatiemedewerker of manager van de eigenaar mag publicaties beoordelen.",
    ),
    Action.MANAGE_SHARING: Rule(
        _MANAGERS,
        _itself,
        "Alleen managers en beheerders van de bron mogen haar deelafspraken vastleggen.",
        superuser_any_organisation=False,
    ),
    Action.ADMINISTER: Rule(
        frozenset({Role.ADMINISTRATOR}), _colleague, "U mag alleen gebruikers van uw eigen organisatie beheren."
    ),
    Action.EXPORT_READS: Rule(
        frozenset({Role.ADMINISTRATOR}), _itself, "Alleen de beheerder van een organisatie mag haar leeslog inzien."
    ),
    Action.SEE_FAILED_JOBS: Rule(frozenset({Role.ADMINISTRATOR}), None, "Alleen beheerders zien mislukte taken."),
    Action.MANAGE_REGIONAL_PLAN: Rule(
        _MANAGERS, _service_of, "Alleen een manager of beheerder van de omgevingsdienst stelt haar plan op."
    ),
    Action.ADOPT_PLAN: Rule(
        frozenset({Role.AUTHORITY_OFFICIAL}),
        _itself,
        "Alleen een medewerker van het deelnemende bestuursorgaan legt zijn vaststelling vast.",
    ),
    # Visitations are peer reviews organised nationally: the programme office of the ministry records them (the role
    # is given only to a ministry's users, administration.selectors.grantable_roles), for any service. No
    # administrator does: a service's own administrator would record the review of his own service, and a
    # ministry's administrator manages accounts, not the reviews (he gives a colleague the programme office role).
    Action.RECORD_VISITATION: Rule(
        frozenset({Role.PROGRAMME_OFFICE}),
        None,
        "Alleen het programmabureau van het ministerie legt visitaties vast.",
    ),
    Action.RECORD_INVESTIGATION: Rule(
        frozenset({Role.CHAIN_PARTNER, Role.ADMINISTRATOR}),
        _itself,
        "Alleen de inspectie (ILT) legt haar onderzoeken vast.",
    ),
    Action.FOLLOW_UP_RECOMMENDATION: Rule(
        _MANAGERS, _service_of, "Alleen een manager of beheerder van de omgevingsdienst legt de opvolging vast."
    ),
    Action.RECORD_HOURS: Rule(
        _EDITORS | {Role.ENFORCEMENT_LAWYER},
        _service_of,
        "Alleen medewerkers van de omgevingsdienst schrijven uren op haar taken.",
    ),
    Action.MANAGE_COSTS: Rule(
        _MANAGERS,
        _service_of,
        "Alleen een manager of beheerder van de omgevingsdienst stelt tarieven en budgetten vast.",
    ),
}


def _signed_in(user) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def _role_rule(user, action: Action) -> Rule | None:
    """The rule of `action` when `user` is signed in and his role takes it (a superuser any role where the rule
    says so); else None."""
    if not _signed_in(user):
        return None
    rule = RULES[action]
    if (user.is_superuser and rule.superuser_any_role) or user.role in rule.roles:
        return rule
    return None


def _any_organisation(user, rule: Rule) -> bool:
    return rule.organisations is None or (user.is_superuser and rule.superuser_any_organisation)


def _works_at(user, rule: Rule, obj) -> bool:
    return user.organisation_id is not None and user.organisation_id in set(rule.organisations(obj))


def may(user, action: Action, obj=None) -> bool:
    """Whether `user` may take `action` on `obj` (for a national action, `obj` is not needed)."""
    rule = _role_rule(user, action)
    return rule is not None and (_any_organisation(user, rule) or _works_at(user, rule, obj))


def has_role(user, action: Action) -> bool:
    """Whether `user` takes `action` at all, for some object: the role (and an organisation where the action is
    bound to one). The menu, the home page and the buttons that lead to a form ask this."""
    rule = _role_rule(user, action)
    return rule is not None and (_any_organisation(user, rule) or user.organisation_id is not None)


def belongs_to(user, action: Action, obj) -> bool:
    """Whether the user works at one of the organisations `obj` belongs to for `action`, whatever his role (a
    superuser always): a page that shows what the action changes, to everyone of those organisations."""
    if not _signed_in(user):
        return False
    rule = RULES[action]
    return user.is_superuser or rule.organisations is None or _works_at(user, rule, obj)


def check(user, action: Action, obj=None, refusal: str = "") -> None:
    """`may` or a PermissionDenied with the action's Dutch refusal (403 in the API, a message on the page)."""
    if not may(user, action, obj):
        raise PermissionDenied(refusal or RULES[action].refusal)
