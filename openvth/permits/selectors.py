"""Reads of the permits, always through the scoping layer: applications and their terms, decisions, the permit."""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.db.models.base import ModelState

from openvth.register.models import Establishment, Organisation
from openvth.rules import permit_terms
from openvth.rules.consolidation import natural_key

from .models import Application, Decision, PenaltyRate, ProvisionVersion, Suspension

OPEN = (Application.Status.RECEIVED, Application.Status.SUSPENDED)


@dataclass(frozen=True)
class TermStatus:
    deadline: date
    calendar_deadline: date  # before the Algemene termijnenwet moved a rest day on
    suspended_days: int
    extended: bool
    days_left: int  # negative once the term has passed
    late: bool
    penalty_days: int
    penalty_amount: Decimal


@dataclass(frozen=True)
class DiffItem:
    number: str
    old_text: str | None
    new_text: str | None
    decisions: list[Decision]  # the decisions between the two dates that changed this provision


@dataclass(frozen=True)
class PermitDiff:
    start: date
    end: date
    added: list[DiffItem]
    replaced: list[DiffItem]
    revoked: list[DiffItem]


@dataclass(frozen=True)
class LeadTime:
    competent_authority: Organisation
    procedure: str
    decided: int
    median_days: float
    in_time_share: float  # 0..1


# --- applications and terms -----------------------------------------------------------------------------------


def applications(user) -> QuerySet[Application]:
    return Application.objects.visible_to(user).prefetch_related("suspensions")


def penalty_rates() -> list[permit_terms.Rate]:
    return [
        permit_terms.Rate(r.valid_from, r.first_day, r.last_day, r.amount_per_day) for r in PenaltyRate.objects.all()
    ]


def application_term(
    application: Application, *, today: date, rates: Sequence[permit_terms.Rate] | None = None
) -> TermStatus:
    """The statutory decision term as it stands on `today`, or as it stood on the day of the decision or the
    withdrawal."""
    rates = penalty_rates() if rates is None else rates
    until = application.decided_on or application.withdrawn_on or today
    periods = [permit_terms.Suspension(s.requested_on, s.supplemented_on) for s in _suspensions(application)]
    suspended = permit_terms.suspended_days(periods, until=until)
    extended = application.extended_on is not None
    calendar_deadline = permit_terms.calendar_deadline(
        application.received_on, application.procedure, extended=extended, suspended=suspended
    )
    deadline = permit_terms.decision_deadline(
        application.received_on, application.procedure, extended=extended, suspended=suspended
    )
    withdrawn = application.status == Application.Status.WITHDRAWN
    owed = permit_terms.penalty(
        deadline=deadline,
        default_notice_on=None if withdrawn else application.default_notice_on,
        # the decision day itself ends the default
        until=until - timedelta(days=1) if application.decided_on else until,
        rates=rates,
    )
    return TermStatus(
        deadline=deadline,
        calendar_deadline=calendar_deadline,
        suspended_days=suspended,
        extended=extended,
        days_left=(deadline - until).days,
        late=not withdrawn and until > deadline,
        penalty_days=owed.days,
        penalty_amount=owed.amount,
    )


def _suspensions(application: Application) -> list[Suspension]:
    if application.pk is None:
        return []
    return list(application.suspensions.all())


def applications_due(user, *, today: date, within_days: int = 14) -> list[tuple[Application, TermStatus]]:
    """The work queue: open applications whose term ends within `within_days` days or has passed, soonest first."""
    rates = penalty_rates()
    found = applications(user).filter(status__in=OPEN).select_related("establishment", "competent_authority")
    terms = [(application, application_term(application, today=today, rates=rates)) for application in found]
    due = [(a, t) for a, t in terms if t.days_left <= within_days]
    return sorted(due, key=lambda pair: (pair[1].deadline, pair[0].pk))


def lead_times(user) -> list[LeadTime]:
    """Per competent authority and procedure: decisions taken, median days from receipt, share decided in time."""
    rates = penalty_rates()
    groups: dict[tuple[int, str], list[tuple[int, bool]]] = {}
    authorities: dict[int, Organisation] = {}
    decided = applications(user).filter(status=Application.Status.DECIDED).select_related("competent_authority")
    for application in decided:
        term = application_term(application, today=application.decided_on, rates=rates)
        key = (application.competent_authority_id, application.procedure)
        groups.setdefault(key, []).append(((application.decided_on - application.received_on).days, not term.late))
        authorities[application.competent_authority_id] = application.competent_authority
    result = [
        LeadTime(
            competent_authority=authorities[authority_id],
            procedure=procedure,
            decided=len(rows),
            median_days=float(statistics.median(days for days, _ in rows)),
            in_time_share=sum(1 for _, in_time in rows if in_time) / len(rows),
        )
        for (authority_id, procedure), rows in groups.items()
    ]
    return sorted(result, key=lambda lt: (lt.competent_authority.name, lt.procedure))


# --- decisions and the permit --------------------------------------------------------------------------------


def decisions(user, establishment: Establishment | None = None) -> QuerySet[Decision]:
    found = Decision.objects.visible_to(user).select_related("establishment", "signed_by")
    if establishment is not None:
        found = found.filter(establishment=establishment)
    return found.prefetch_related("changes")


def revocation_in_force(user, establishment: Establishment, *, on: date) -> Decision | None:
    """The decision that revoked the whole permit, when the last decision in force on `on` is a revocation."""
    last = (
        decisions(user, establishment)
        .filter(effective_from__lte=on)
        .order_by("-effective_from", "-decided_on", "-id")
        .first()
    )
    return last if last is not None and last.kind == Decision.Kind.REVOKE else None


def _versions(user, establishment: Establishment) -> QuerySet[ProvisionVersion]:
    return ProvisionVersion.objects.visible_to(user).filter(establishment=establishment)


_VERSION_ATTRIBUTES = tuple(f.attname for f in ProvisionVersion._meta.concrete_fields)
_SOURCE, _ENDED_BY = _VERSION_ATTRIBUTES.index("source_decision_id"), _VERSION_ATTRIBUTES.index("ended_by_id")


def _loaded(queryset: QuerySet[ProvisionVersion]) -> list[ProvisionVersion]:
    """Versions with their source and ending decisions, built from plain rows without Model.__init__ and without
    a join: a permit has thousands of provisions but tens of decisions, the ORM's per-instance work took three
    quarters of the time of consolidating one, and a join made the planner hash the whole decision table
    (bench/permits_bench.py)."""
    rows = list(queryset.values_list(*_VERSION_ATTRIBUTES))
    decisions = Decision.objects.in_bulk({r[_SOURCE] for r in rows} | {r[_ENDED_BY] for r in rows if r[_ENDED_BY]})
    versions = []
    for row in rows:
        version = ProvisionVersion.__new__(ProvisionVersion)
        version.__dict__.update(zip(_VERSION_ATTRIBUTES, row, strict=True))
        version._state = ModelState()
        version._state.adding, version._state.db = False, queryset.db
        version._state.fields_cache = {
            "source_decision": decisions[row[_SOURCE]],
            "ended_by": decisions.get(row[_ENDED_BY]),
        }
        versions.append(version)
    return versions


def consolidated_permit(user, establishment: Establishment, *, on: date) -> list[ProvisionVersion]:
    """The provisions in force on `on`, by number in reading order (2 < 10, 1.2 < 1.10)."""
    in_force = _loaded(_versions(user, establishment).filter(ProvisionVersion.in_force_q(on)))
    return sorted(in_force, key=lambda v: natural_key(v.number))


def permit_versions(user, establishment: Establishment) -> list[ProvisionVersion]:
    """Every version of every provision of the permit, in the past, now and to come (a release of the permit:
    openvth.disclosure.services.propose_permit), by number in reading order, then by date."""
    versions = _loaded(_versions(user, establishment))
    return sorted(versions, key=lambda v: (natural_key(v.number), v.valid_from, v.pk))


def provision_history(user, establishment: Establishment, number: str) -> list[ProvisionVersion]:
    return _loaded(_versions(user, establishment).filter(number=number).order_by("valid_from", "id"))


def permit_diff(user, establishment: Establishment, *, start: date, end: date) -> PermitDiff:
    """What changed between the permit on `start` and the permit on `end`, and which decisions did it."""
    if start > end:
        start, end = end, start
    before = {v.number: v for v in consolidated_permit(user, establishment, on=start)}
    after = {v.number: v for v in consolidated_permit(user, establishment, on=end)}
    touched = _loaded(
        _versions(user, establishment).filter(
            Q(valid_from__gt=start, valid_from__lte=end) | Q(valid_until__gt=start, valid_until__lte=end)
        )
    )
    deciders: dict[str, dict[int, Decision]] = {}
    for version in touched:
        for day, decision in ((version.valid_from, version.source_decision), (version.valid_until, version.ended_by)):
            if decision is not None and day is not None and start < day <= end:
                deciders.setdefault(version.number, {})[decision.pk] = decision

    def item(number: str) -> DiffItem:
        old, new = before.get(number), after.get(number)
        found = sorted(deciders.get(number, {}).values(), key=lambda d: (d.effective_from, d.decided_on, d.pk))
        return DiffItem(number, old.text if old else None, new.text if new else None, found)

    numbers = sorted(before.keys() | after.keys(), key=natural_key)
    return PermitDiff(
        start=start,
        end=end,
        added=[item(n) for n in numbers if n not in before],
        replaced=[item(n) for n in numbers if n in before and n in after and before[n].pk != after[n].pk],
        revoked=[item(n) for n in numbers if n not in after],
    )


def search_applications(user, query: str, *, limit: int = 10) -> QuerySet[Application]:
    """Visible applications whose reference (kenmerk) or subject contains the query, newest first."""
    query = (query or "").strip()
    if not query:
        return Application.objects.none()
    found = Application.objects.visible_to(user).filter(Q(reference__icontains=query) | Q(subject__icontains=query))
    return found.select_related("establishment").order_by("-received_on", "-id")[:limit]


def search_decisions(user, query: str, *, limit: int = 10) -> QuerySet[Decision]:
    """Visible permit decisions whose reference (kenmerk) contains the query, newest first."""
    query = (query or "").strip()
    if not query:
        return Decision.objects.none()
    found = Decision.objects.visible_to(user).filter(reference__icontains=query)
    return found.select_related("establishment").order_by("-decided_on", "-id")[:limit]
