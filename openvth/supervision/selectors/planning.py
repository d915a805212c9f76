"""Reads of supervision planning: risk tables, appraisals, programmes with planned vs done, overdue establishments."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from openvth.accounts.models import Role, User
from openvth.register import selectors as register_selectors
from openvth.register.models import Establishment
from openvth.rules import risk

from ..models import CalendarFeed, Inspection, PlannedVisit, Programme, RiskAppraisal, RiskTableVersion

CLOSED = Inspection.Status.CLOSED


@dataclass(frozen=True)
class ActiveTable:
    version: RiskTableVersion | None  # None: the default of openvth.rules.risk
    table: risk.RiskTable


def risk_table_versions(user) -> QuerySet[RiskTableVersion]:
    """The stored versions of the user's own organisation, newest first."""
    return RiskTableVersion.objects.visible_to(user).filter(organisation_id=user.organisation_id)


def active_table(organisation_id: int | None, on: datetime.date) -> ActiveTable:
    """The organisation's newest table from on or before `on`, else the default."""
    version = RiskTableVersion.in_force(organisation_id, on)
    if version is None:
        return ActiveTable(None, risk.DEFAULT_TABLE)
    return ActiveTable(version, risk.table_from_dict(version.table))


def appraisal_history(user, establishment: Establishment) -> QuerySet[RiskAppraisal]:
    return (
        RiskAppraisal.objects.visible_to(user)
        .filter(establishment=establishment)
        .select_related("table_version")
        .order_by("-appraised_on", "-id")
    )


def _current(field: str) -> Subquery:
    newest = RiskAppraisal.objects.filter(establishment=OuterRef("pk")).order_by("-appraised_on", "-id")
    return Subquery(newest.values(field)[:1])


def overdue(user, *, today: datetime.date) -> QuerySet[Establishment]:
    """Visible establishments whose current appraisal's next visit was due before today and that had no closed
    inspection since the last visit that appraisal knew of."""
    since = Coalesce(OuterRef("current_last_visit"), Value(datetime.date.min))
    visited = Inspection.objects.filter(establishment=OuterRef("pk"), status=CLOSED, performed_on__gt=since)
    return (
        register_selectors.establishments(user)
        .annotate(current_next_due=_current("next_due"), current_last_visit=_current("last_visit"))
        .filter(current_next_due__lt=today)
        .exclude(Exists(visited))
        .select_related("competent_authority")
        .order_by("current_next_due", "name", "id")
    )


def programmes(user) -> QuerySet[Programme]:
    return Programme.objects.visible_to(user).select_related("service")


def planned_visits(user) -> QuerySet[PlannedVisit]:
    """Visits of the programmes the user sees, to establishments the user could open by id."""
    return PlannedVisit.objects.filter(
        programme__in=programmes(user), establishment__in=Establishment.objects.visible_to(user)
    )


def _visible_visits(programme: Programme, user) -> QuerySet[PlannedVisit]:
    """The programme's visits to establishments the user could open by id: a municipality that placed tasks with
    the service sees the programme, but only the visits to its own establishments (and counts only those). An
    organisation's visits are tested on the establishment each joins (Establishment.joined_visibility_q), which reads
    only the programme's visits, not every establishment the organisation sees."""
    if user is None or not user.is_authenticated or user.is_superuser or user.organisation_id is None:
        return programme.visits.filter(establishment__in=Establishment.objects.visible_to(user))  # all or none
    return programme.visits.filter(Establishment.joined_visibility_q(user.organisation_id, "establishment"))


def visits(programme: Programme, user) -> QuerySet[PlannedVisit]:
    return (
        _visible_visits(programme, user)
        .select_related("establishment", "establishment__competent_authority", "inspector", "inspection")
        .order_by("month", "establishment__name", "id")
    )


def done_q(prefix: str = "") -> Q:
    """A planned visit is done when its inspection is closed."""
    return Q(**{f"{prefix}inspection__status": CLOSED})


@dataclass(frozen=True)
class ProgrammeSummary:
    planned: int
    done: int
    postponed: int
    planned_hours: Decimal
    postponed_hours: Decimal
    capacity_hours: int

    @property
    def shortfall_hours(self) -> Decimal:
        """Hours of planned visits beyond capacity: only visits bound by law are planned over capacity."""
        return max(Decimal(0), self.planned_hours - self.capacity_hours)


@dataclass(frozen=True)
class ProgrammeProgress:
    """The figures of a programme's page: totals, per month and per competent authority (postponed visits left out
    of the last two), and the number of visits per month (postponed ones included) that numbers the list's pages."""

    summary: ProgrammeSummary
    months: list[dict]
    authorities: list[dict]
    visits_per_month: dict[int, int]

    def visit_count(self, month: int | None = None) -> int:
        """The visible visits (postponed ones included) of the month, or of the whole year."""
        if month is None:
            return sum(self.visits_per_month.values())
        return self.visits_per_month.get(month, 0)


def programme_progress(programme: Programme, user) -> ProgrammeProgress:
    """The visits the user sees (a system job, such as the report after generating: all of them) in one read,
    grouped by month, competent authority and postponed or not, summed up here."""
    groups = (
        _visible_visits(programme, user)
        .values("month", "postponed", authority=F("establishment__competent_authority__name"))
        .annotate(n=Count("id"), done=Count("id", filter=done_q()), hours=Sum("hours"))
        .order_by("authority", "month", "postponed")  # the authorities in the database's order of names
    )
    zero = Decimal(0)
    totals = {"planned": 0, "done": 0, "postponed": 0, "planned_hours": zero, "postponed_hours": zero}
    months: dict[int, dict] = {}
    authorities: dict[str, dict] = {}
    per_month: dict[int, int] = {}
    for group in groups:
        per_month[group["month"]] = per_month.get(group["month"], 0) + group["n"]
        if group["postponed"]:
            totals["postponed"] += group["n"]
            totals["postponed_hours"] += group["hours"]
            continue
        totals["planned"] += group["n"]
        totals["done"] += group["done"]
        totals["planned_hours"] += group["hours"]
        month = months.setdefault(group["month"], {"month": group["month"], "planned": 0, "done": 0, "hours": zero})
        month["planned"] += group["n"]
        month["done"] += group["done"]
        month["hours"] += group["hours"]
        authority = authorities.setdefault(
            group["authority"], {"authority": group["authority"], "planned": 0, "done": 0}
        )
        authority["planned"] += group["n"]
        authority["done"] += group["done"]
    empty = {"planned": 0, "done": 0, "hours": 0}
    return ProgrammeProgress(
        summary=ProgrammeSummary(**totals, capacity_hours=programme.capacity_hours),
        months=[months.get(month, {"month": month} | empty) for month in range(1, 13)],
        authorities=list(authorities.values()),
        visits_per_month=per_month,
    )


def programme_summary(programme: Programme, user) -> ProgrammeSummary:
    """The totals of the visits the user sees (a system job, such as the report after generating: all of them)."""
    return programme_progress(programme, user).summary


def progress_by_month(programme: Programme, user) -> list[dict]:
    """Per month 1-12: the visible visits planned, done and their hours (postponed visits left out)."""
    return programme_progress(programme, user).months


def progress_by_authority(programme: Programme, user) -> list[dict]:
    """Per competent authority: the visible visits planned and done (postponed visits left out)."""
    return programme_progress(programme, user).authorities


def inspectors_of(service_id: int | None) -> QuerySet[User]:
    """The active inspectors (role toezichthouder) of the organisation: the only people a visit or an inspection
    is assigned to."""
    return User.objects.filter(organisation_id=service_id, role=Role.INSPECTOR, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def inspectors(programme: Programme) -> QuerySet[User]:
    """The people of the service a visit can be assigned to."""
    return inspectors_of(programme.service_id)


def calendar_visits(user: User) -> QuerySet[PlannedVisit]:
    """The visits assigned to the user, postponed ones left out, for the calendar feed."""
    return (
        planned_visits(user)
        .filter(inspector=user, postponed=False)
        .select_related("programme", "establishment", "inspection")
        .order_by("programme__year", "month", "id")
    )


def calendar_feed(user: User) -> CalendarFeed | None:
    """The user's active feed address (its digest and age), if any."""
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_owner(token: str) -> User | None:
    """The active user whose feed the token opens; None for a revoked, renewed or made-up token."""
    feed = CalendarFeed.objects.select_related("user").filter(token_digest=CalendarFeed.digest(token)).first()
    return feed.user if feed is not None and feed.user.is_active else None
