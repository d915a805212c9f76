"""What each role may use: one check per part of the system, made of the role sets the apps' services decide with.
The main menu and the home page's work blocks both ask these checks, so a role sees only what it may use."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openvth.accounts.models import Role
from openvth.audit.selectors import EXPORT_ROLES as AUDIT_EXPORT_ROLES
from openvth.disclosure.services import PROPOSER_ROLES, REVIEWER_ROLES
from openvth.enforcement.permissions import ENFORCER_ROLES
from openvth.monitoring.selectors import COUNTRY_ROLES
from openvth.monitoring.services import EDITOR_ROLES as PROGRAMME_EDITOR_ROLES
from openvth.permits.services import DECIDER_ROLES
from openvth.register.services import EDITOR_ROLES as REGISTER_EDITOR_ROLES
from openvth.register.services import HAND_OVER_ROLES
from openvth.sharing.services import MANAGER_ROLES as SHARING_MANAGER_ROLES
from openvth.supervision.services.inspections import EDITOR_ROLES as INSPECTION_EDITOR_ROLES
from openvth.supervision.services.planning import PLANNER_ROLES

# the official of a competent authority reads the records of its own establishments in every part of the region
READER = frozenset({Role.AUTHORITY_OFFICIAL})
# who works with the register of a region: everyone but the chain partners (their view is the chain dossier) and the
# ministry (national figures)
REGION_ROLES = frozenset(Role.values) - {Role.CHAIN_PARTNER, Role.PROGRAMME_OFFICE}

CAPABILITIES: dict[str, frozenset[str]] = {
    "register": REGION_ROLES,
    "duplicates": frozenset(REGISTER_EDITOR_ROLES),
    "basistaken": frozenset(HAND_OVER_ROLES) | READER | {Role.PROGRAMME_OFFICE},
    "permits": frozenset(DECIDER_ROLES) | READER,
    "decide_permits": frozenset(DECIDER_ROLES),
    "supervision": frozenset(INSPECTION_EDITOR_ROLES) | frozenset(PLANNER_ROLES) | READER,
    "inspect": frozenset(INSPECTION_EDITOR_ROLES),  # inspections, re-inspections and the triage of complaints
    "enforcement": frozenset(ENFORCER_ROLES) | READER,
    "enforce": frozenset(ENFORCER_ROLES),
    "publications": frozenset(PROPOSER_ROLES) | frozenset(REVIEWER_ROLES),
    "review": frozenset(REVIEWER_ROLES),
    "sharing": frozenset(SHARING_MANAGER_ROLES) | {Role.CHAIN_PARTNER},
    "chain_dossier": frozenset({Role.CHAIN_PARTNER}),
    "monitoring": frozenset(COUNTRY_ROLES) | {Role.MANAGER} | READER,
    "ibp": frozenset(PROGRAMME_EDITOR_ROLES) | {Role.MANAGER},
    "administration": frozenset({Role.ADMINISTRATOR}),  # openvth.administration: the own organisation's management
    "audit": frozenset(AUDIT_EXPORT_ROLES),  # the read log of personal data and the export for an inzageverzoek
    "failed_jobs": frozenset({Role.ADMINISTRATOR}),  # as openvth.jobs.selectors.may_see_failures
}


def may_use(user, capability: str) -> bool:
    """Whether the user's role may use this part (a superuser may use all)."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.role in CAPABILITIES[capability]


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    capability: str
    section: str  # the namespace or path prefix that marks the entry as the current page
    count: str = ""  # the home page's work count shown with the entry (openvth.core.home.Work.counts)


ENTRIES = (
    Entry(_("Start"), "core:home", "", "core:home"),
    Entry(_("Vestigingen zoeken"), "register:search", "register", "register:search"),
    Entry(_("Vergunningen"), "permits:work_queue", "permits", "permits", count="permits"),
    Entry(_("Toezicht"), "supervision:inspections", "supervision", "supervision", count="supervision"),
    Entry(_("Handhaving"), "enforcement:work_queue", "enforcement", "enforcement", count="enforcement"),
    Entry(_("Publicaties"), "disclosure:publications", "publications", "disclosure", count="publications"),
    Entry(_("Ketensamenwerking"), "sharing:agreements", "sharing", "sharing"),
    Entry(_("Monitoring"), "monitoring:dashboard", "monitoring", "monitoring/"),
    Entry(_("IBP VTH"), "monitoring:programme", "ibp", "ibp/"),
    Entry(_("Organisaties"), "register:organisations", "", "register:organisations"),
    Entry(_("Basistakenpakket"), "register:provinces", "basistaken", "register:provinces"),
    Entry(_("Mogelijke dubbelen"), "register:duplicates", "duplicates", "register:duplicates"),
    Entry(_("Beheer"), "administration:index", "administration", "administration"),
    Entry(_("Inzageverzoek (AVG)"), "audit:inzage", "audit", "audit/"),
    Entry(_("Mislukte taken"), "jobs:failed", "failed_jobs", "jobs:failed"),
)


def entries_for(user) -> list[Entry]:
    """The menu entries the user may use, in menu order (an entry without capability is for everyone)."""
    return [entry for entry in ENTRIES if not entry.capability or may_use(user, entry.capability)]
