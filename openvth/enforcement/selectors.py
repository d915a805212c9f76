"""Reads of enforcement, always through the scoping layer; the configurable tables in force on a day."""

from collections import Counter
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from openvth.register.models import Organisation
from openvth.rules import enforcement, lhso
from openvth.supervision.models import Finding, Inspection

from .models import (
    CaseTransition,
    Deadline,
    EnforcementCase,
    Letter,
    LetterTemplate,
    LhsoDecision,
    LhsoTableVersion,
    PolicyTableVersion,
)


def lhso_table_version(organisation: Organisation | None, on: date) -> LhsoTableVersion | None:
    """The organisation's stored LHSO table in force on `on`: the newest version from that day or before."""
    return LhsoTableVersion.in_force(organisation.pk if organisation else None, on)


def lhso_table(version: LhsoTableVersion | None) -> lhso.LhsoTable:
    return lhso.LhsoTable.from_dict(version.table) if version is not None else lhso.DEFAULT_TABLE


def lhso_versions(user) -> QuerySet[LhsoTableVersion]:
    return LhsoTableVersion.objects.visible_to(user).select_related("organisation", "created_by")


def policy_version(authority: Organisation, on: date) -> PolicyTableVersion | None:
    return PolicyTableVersion.in_force(authority.pk, on)


def local_policy(authority: Organisation, on: date) -> enforcement.LocalPolicy:
    """The authority's terms and dwangsom amounts on `on`; the shipped default where it stored none."""
    version = policy_version(authority, on)
    return enforcement.LocalPolicy.from_dict(version.policy) if version is not None else enforcement.DEFAULT_POLICY


def policy_versions(user) -> QuerySet[PolicyTableVersion]:
    return PolicyTableVersion.objects.visible_to(user).select_related("authority", "created_by")


def letter_template(authority: Organisation, kind: str) -> LetterTemplate | None:
    return LetterTemplate.objects.filter(authority=authority, kind=kind).first()


def findings(user) -> QuerySet[Finding]:
    return Finding.objects.visible_to(user).select_related("inspection__establishment", "inspection__owner")


def finding_detail(user, pk: int) -> Finding:
    return findings(user).get(pk=pk)


def lhso_decisions(user) -> QuerySet[LhsoDecision]:
    return LhsoDecision.objects.visible_to(user).select_related("finding__inspection__establishment", "decided_by")


def cases(user) -> QuerySet[EnforcementCase]:
    return EnforcementCase.objects.visible_to(user).select_related("establishment", "competent_authority", "owner")


def case_detail(user, pk: int) -> EnforcementCase:
    return (
        cases(user)
        .select_related("establishment__company", "opened_by")
        .prefetch_related(
            Prefetch("transitions", queryset=CaseTransition.objects.select_related("by", "reinspection", "inspection")),
            "deadlines",
            "sanctions",
            "letters__signed_by",
            "tolerance_decisions",
            Prefetch("findings", queryset=Finding.objects.select_related("inspection", "lhso_decision")),
        )
        .get(pk=pk)
    )


def establishment_cases(user, establishment) -> QuerySet[EnforcementCase]:
    return cases(user).filter(establishment=establishment)


def open_cases(user) -> QuerySet[EnforcementCase]:
    """The open cases the user sees (those of `cases`): an organisation's tested case by case on the join with the
    establishment (EnforcementCase.joined_visibility_q), which reads only the open cases of the country, not every
    establishment the organisation sees."""
    found = EnforcementCase.objects.filter(closed_on__isnull=True)
    if user is None or not user.is_authenticated or user.is_superuser or user.organisation_id is None:
        return found.visible_to(user)  # everything or nothing
    return found.filter(EnforcementCase.joined_visibility_q(user.organisation_id))


def open_deadlines(user) -> QuerySet[Deadline]:
    return _open_deadlines_of(open_cases(user))


def _open_deadlines_of(cases) -> QuerySet[Deadline]:
    return (
        Deadline.objects.filter(case__in=cases, done_on__isnull=True)
        .select_related("case__establishment")
        .order_by("due_on", "id")
    )


def deadlines_due(user, *, today: date, cases: list[int] | None = None) -> dict[str, list[Deadline]]:
    """The work queue: open deadlines past (overdue; a term that passes without anyone acting is never overdue) and
    those due in the coming seven days, today included (on a Friday the Monday after is in view). `cases`: the ids of
    the user's open cases when the caller has them (`work_queue`), else they are looked up in the same query."""
    found = open_deadlines(user) if cases is None else _open_deadlines_of(cases)
    found = list(found.filter(due_on__lte=today + timedelta(days=6)))
    for deadline in found:
        deadline.overdue = deadline.due_on < today and not deadline.passive
    return {
        "overdue": [d for d in found if d.overdue],
        "coming_week": [d for d in found if d.due_on >= today],
    }


def work_queue(user, *, today: date) -> dict:
    """The enforcement work queue in two reads: the user's open cases once (`open_cases`: their ids, routes and
    states), then the open deadlines of those cases (`deadlines_due`). "states": the open cases per route and state,
    ordered by route and state."""
    found = list(open_cases(user).values_list("id", "route", "state"))
    per_state = Counter((route, state) for _pk, route, state in found)
    states = [{"route": route, "state": state, "n": n} for (route, state), n in sorted(per_state.items())]
    return deadlines_due(user, today=today, cases=[pk for pk, _route, _state in found]) | {"states": states}


def cases_awaiting(user, states) -> QuerySet[EnforcementCase]:
    """Open cases the user's organisation works on (owner or the establishment's supervising service, as
    permissions.may_enforce) in one of the (route, state) pairs, the oldest first."""
    pairs = Q(pk__in=[])
    for route, state in states:
        pairs |= Q(route=route, state=state)
    own = Q(owner_id=user.organisation_id) | Q(establishment__supervising_service_id=user.organisation_id)
    found = open_cases(user).select_related("establishment", "competent_authority", "owner").filter(pairs)
    return (found if user.is_superuser else found.filter(own)).order_by("opened_on", "id")


def search_cases(user, query: str, *, limit: int = 10) -> QuerySet[EnforcementCase]:
    """Visible cases whose reference (zaaknummer) contains the query, newest first."""
    query = (query or "").strip()
    return cases(user).filter(reference__icontains=query)[:limit] if query else cases(user).none()


def search_letters(user, query: str, *, limit: int = 10) -> QuerySet[Letter]:
    """Letters and decisions of visible cases whose reference (kenmerk) contains the query, newest first."""
    query = (query or "").strip()
    found = Letter.objects.filter(case__in=EnforcementCase.objects.visible_to(user), reference__icontains=query)
    return found.select_related("case").order_by("-decided_on", "-id")[:limit] if query else found.none()


def reinspection_candidates(user, case: EnforcementCase, *, after: date | None, today: date) -> QuerySet[Inspection]:
    """The closed inspections of the case's establishment the user may see, performed after `after` (the end of the
    term a re-inspection follows) and not after today: those that may be recorded as the re-inspection, newest
    first."""
    found = Inspection.objects.visible_to(user).filter(
        establishment_id=case.establishment_id, status=Inspection.Status.CLOSED, performed_on__lte=today
    )
    if after is not None:
        found = found.filter(performed_on__gt=after)
    return found.order_by("-performed_on", "-id")
