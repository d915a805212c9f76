"""Who may work on enforcement: the lawyers, inspectors and managers of the service that owns the case (or the
establishment's supervising service), and system jobs."""

from django.core.exceptions import PermissionDenied

from openvth.accounts.models import Role

ENFORCER_ROLES = frozenset({Role.ENFORCEMENT_LAWYER, Role.INSPECTOR, Role.MANAGER, Role.ADMINISTRATOR})


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
