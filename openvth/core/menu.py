"""What each role may use: one check per part of the system, made of the roles of openvth.core.permissions.RULES.
The main menu and the home page's work blocks both ask these checks, so a role sees only what it may use."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openvth.accounts.models import Role
from openvth.core.permissions import RULES, Action
from openvth.monitoring.selectors import COUNTRY_ROLES

# the official of a competent authority reads the records of its own establishments in every part of the region
READER = frozenset({Role.AUTHORITY_OFFICIAL})
# who works with the register of a region: everyone but the chain partners (their view is the chain dossier) and the
# ministry (national figures)
REGION_ROLES = frozenset(Role.values) - {Role.CHAIN_PARTNER, Role.PROGRAMME_OFFICE}


def _roles(*actions: Action) -> frozenset[str]:
    """The roles that take these actions (openvth.core.permissions.RULES): the menu shows what they may do."""
    return frozenset().union(*(RULES[action].roles for action in actions))


CAPABILITIES: dict[str, frozenset[str]] = {
    "register": REGION_ROLES,
    "duplicates": _roles(Action.EDIT_REGISTER),
    "basistaken": _roles(Action.PROPOSE_HAND_OVER, Action.ACCEPT_HAND_OVER) | READER | {Role.PROGRAMME_OFFICE},
    "permits": _roles(Action.DECIDE_PERMIT) | READER,
    "decide_permits": _roles(Action.DECIDE_PERMIT),
    "supervision": _roles(Action.INSPECT, Action.PLAN) | READER,
    "inspect": _roles(Action.PLAN_INSPECTION, Action.INSPECT, Action.TRIAGE_COMPLAINT),  # also re-inspections
    "enforcement": _roles(Action.ENFORCE) | READER,
    "enforce": _roles(Action.ENFORCE),
    "publications": _roles(Action.PROPOSE_PUBLICATION, Action.REVIEW_PUBLICATION),
    "review": _roles(Action.REVIEW_PUBLICATION),
    "sharing": _roles(Action.MANAGE_SHARING) | {Role.CHAIN_PARTNER},
    "chain_dossier": frozenset({Role.CHAIN_PARTNER}),
    "monitoring": frozenset(COUNTRY_ROLES) | {Role.MANAGER} | READER,
    "ibp": _roles(Action.EDIT_PROGRAMME) | {Role.MANAGER},
    "capacity": _roles(Action.PLAN) | frozenset(COUNTRY_ROLES),  # staff, quality criteria, mandates, SPUK (issue 21)
    "analysis": frozenset({Role.MANAGER}) | frozenset(COUNTRY_ROLES),  # permit outlook, uniform enforcement (issue 21)
    "costs": _roles(Action.RECORD_HOURS, Action.MANAGE_COSTS) | READER | frozenset(COUNTRY_ROLES),  # hours, norm costs
    "regional": _roles(Action.MANAGE_REGIONAL_PLAN, Action.ADOPT_PLAN) | frozenset(COUNTRY_ROLES),
    "quality": _roles(Action.FOLLOW_UP_RECOMMENDATION, Action.RECORD_VISITATION, Action.RECORD_INVESTIGATION),
    "administration": _roles(Action.ADMINISTER),  # openvth.administration: the own organisation's management
    "audit": _roles(Action.EXPORT_READS),  # the read log of personal data and the export for an inzageverzoek
    "failed_jobs": _roles(Action.SEE_FAILED_JOBS),
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
    Entry(_("Intake DSO"), "intake:queue", "decide_permits", "intake"),
    Entry(_("Toezicht"), "supervision:inspections", "supervision", "supervision", count="supervision"),
    Entry(_("Handhaving"), "enforcement:work_queue", "enforcement", "enforcement", count="enforcement"),
    Entry(_("Publicaties"), "disclosure:publications", "publications", "disclosure", count="publications"),
    Entry(_("Ketensamenwerking"), "sharing:agreements", "sharing", "sharing"),
    Entry(_("Wijzigingsberichten"), "webhooks:subscriptions", "sharing", "webhooks"),
    Entry(_("Monitoring"), "monitoring:dashboard", "monitoring", "monitoring/"),
    Entry(_("IBP VTH"), "monitoring:programme", "ibp", "ibp/"),
    Entry(_("Capaciteit"), "capacity:overview", "capacity", "capaciteit/"),
    Entry(_("Uren en kosten"), "costs:overview", "costs", "kosten/"),
    Entry(_("Regionaal plan"), "regional:plans", "regional", "regional"),
    Entry(_("Visitaties en ILT"), "quality:overview", "quality", "quality"),
    Entry(_("Vergunningprognose"), "analysis:outlook", "analysis", "analysis:outlook"),
    Entry(_("Uniform handhaven"), "analysis:uniformity", "analysis", "analysis:uniformity"),
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
