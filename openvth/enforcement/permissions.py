"""Who may take which step of an enforcement case (openvth.rules.enforcement_events actors): closing, tolerating and
every sanction decision only lawyers and managers; a warning also an inspector where the authority's policy allows
it; the proces-verbaal an inspector as BOA. Who may work on a case at all (the lawyers, inspectors, managers and
administrators of its owner or of the establishment's owner or supervising service) is Action.ENFORCE of
openvth.core.permissions; a superuser and a system job (SYSTEM_JOB) take every step, `None` none."""

from django.core.exceptions import PermissionDenied

from openvth.accounts.models import Role
from openvth.core.permissions import RULES, Action
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events

ENFORCER_ROLES = RULES[Action.ENFORCE].roles
LEGAL_ROLES = frozenset({Role.ENFORCEMENT_LAWYER, Role.MANAGER})
BOA_ROLES = frozenset({Role.INSPECTOR})


def roles_for(actor: str, policy: rules.LocalPolicy) -> frozenset[str]:
    if actor == events.LEGAL:
        return LEGAL_ROLES
    if actor == events.WARNING:
        return LEGAL_ROLES | BOA_ROLES if policy.inspector_warnings else LEGAL_ROLES
    if actor == events.BOA:
        return BOA_ROLES
    return ENFORCER_ROLES


def may_take(user, event: str, policy: rules.LocalPolicy) -> bool:
    """Whether the user's role may take this step (a system job and a superuser may; None and anonymous may not)."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.role in roles_for(events.spec(event).actor, policy)


def check_step(user, event: str, policy: rules.LocalPolicy) -> None:
    if not may_take(user, event, policy):
        labels = ", ".join(sorted(str(Role(r).label) for r in roles_for(events.spec(event).actor, policy)))
        raise PermissionDenied(f"'{events.label(event)}' is voorbehouden aan: {labels}.")
