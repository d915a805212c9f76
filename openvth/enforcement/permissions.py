"""Who may work on enforcement: the lawyers, inspectors and managers of the service that owns the case (or the
establishment's supervising service), and system jobs; and who may take which step (openvth.rules.enforcement_events
actors): closing, tolerating and every sanction decision only lawyers and managers; a warning also an inspector where
the authority's policy allows it; the proces-verbaal an inspector as BOA."""

from django.core.exceptions import PermissionDenied

from openvth.accounts.models import Role
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events

ENFORCER_ROLES = frozenset({Role.ENFORCEMENT_LAWYER, Role.INSPECTOR, Role.MANAGER, Role.ADMINISTRATOR})
LEGAL_ROLES = frozenset({Role.ENFORCEMENT_LAWYER, Role.MANAGER})
BOA_ROLES = frozenset({Role.INSPECTOR})


def may_enforce(user, case_or_establishment) -> bool:
    if user is None or user.is_superuser:
        return True
    establishment = getattr(case_or_establishment, "establishment", case_or_establishment)
    owners = {
        getattr(case_or_establishment, "owner_id", None),
        establishment.owner_id,
        establishment.supervising_service_id,
    }
    return user.role in ENFORCER_ROLES and user.organisation_id in owners


def check_enforcer(user, case_or_establishment) -> None:
    if not may_enforce(user, case_or_establishment):
        raise PermissionDenied("U mag deze handhavingszaak niet wijzigen.")


def roles_for(actor: str, policy: rules.LocalPolicy) -> frozenset[str]:
    if actor == events.LEGAL:
        return LEGAL_ROLES
    if actor == events.WARNING:
        return LEGAL_ROLES | BOA_ROLES if policy.inspector_warnings else LEGAL_ROLES
    if actor == events.BOA:
        return BOA_ROLES
    return ENFORCER_ROLES


def may_take(user, event: str, policy: rules.LocalPolicy) -> bool:
    """Whether the user's role may take this step (a system job and a superuser may)."""
    if user is None or user.is_superuser:
        return True
    return user.role in roles_for(events.spec(event).actor, policy)


def check_step(user, event: str, policy: rules.LocalPolicy) -> None:
    if not may_take(user, event, policy):
        labels = ", ".join(sorted(str(Role(r).label) for r in roles_for(events.spec(event).actor, policy)))
        raise PermissionDenied(f"'{events.label(event)}' is voorbehouden aan: {labels}.")
