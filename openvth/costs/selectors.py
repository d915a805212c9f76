"""Every read of the costs app.

Records go through `visible_to`: hours (they name people) only for their own service; rates, norms and budgets also
for the service's authorities. The cost figures are sums: per product and task area against the norm, per
commissioning authority and quarter against its budget. A service reads its own, an authority its own share of
its service's (`authority_id`), the ministry national totals per service (no person in any of them).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from openvth.capacity.selectors import own_service, sees_country
from openvth.register.models import Organisation
from openvth.rules import norm_costs, quality

from .models import Budget, HourEntry, HourlyRate, NormHoursVersion

__all__ = ["own_service", "sees_country"]
ZERO = Decimal(0)


# --- records --------------------------------------------------------------------------------------------------------


def entries(user):
    return HourEntry.objects.visible_to(user).select_related(
        "staff", "worker", "authority", "inspection__establishment", "application", "case"
    )


def rates(user):
    return HourlyRate.objects.visible_to(user).select_related("service")


def budgets(user):
    return Budget.objects.visible_to(user).select_related("service", "authority")


def norm_versions(user):
    return NormHoursVersion.objects.visible_to(user).select_related("organisation", "created_by")


def commissioner_ids(service: Organisation) -> set[int]:
    """The authorities that commission the service's work: its member municipalities and their provinces."""
    members = Organisation.objects.filter(omgevingsdienst=service)
    provinces = members.exclude(province__isnull=True).values_list("province_id", flat=True)
    return set(members.values_list("pk", flat=True)) | set(provinces)


def commissioners(service: Organisation) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=commissioner_ids(service)).order_by("kind", "name"))


def own_authority(user) -> Organisation | None:
    """The commissioning authority the user works at (a municipality or province with a service), or None."""
    organisation = getattr(user, "organisation", None) if getattr(user, "is_authenticated", False) else None
    if organisation is None or organisation.kind not in (Organisation.Kind.MUNICIPALITY, Organisation.Kind.PROVINCE):
        return None
    return organisation


def services_of(authority: Organisation) -> list[Organisation]:
    """The services that work for an authority: a municipality's own; a province's, those of its municipalities."""
    if authority.kind == Organisation.Kind.PROVINCE:
        found = Organisation.objects.filter(member_authorities__province=authority).distinct()
    else:
        found = Organisation.objects.filter(pk=authority.omgevingsdienst_id)
    return list(found.filter(kind=Organisation.Kind.OMGEVINGSDIENST).order_by("name"))


def norm_hours(service_id: int, day: date) -> dict[str, Decimal]:
    version = NormHoursVersion.in_force(service_id, day)
    return norm_costs.norm_hours(version.hours if version else None)


def rate_table(service_id: int) -> dict[int, Decimal]:
    return dict(HourlyRate.objects.filter(service_id=service_id).values_list("year", "rate"))


# --- the weekly sheet -----------------------------------------------------------------------------------------------


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class SheetRow:
    label: str
    authority: str
    package: str
    days: list[Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.days, ZERO)


def week_sheet(user, service: Organisation, start: date, **person) -> tuple[list[date], list[SheetRow], list[Decimal]]:
    """One person's week from Monday `start`: a row per task (or task area) and authority, the hours per day."""
    days = [start + timedelta(days=n) for n in range(7)]
    found = entries(user).filter(service=service, day__gte=days[0], day__lte=days[-1], **person).order_by("id")
    rows: dict[tuple, SheetRow] = {}
    for entry in found:
        label = str(entry.task) if entry.task else entry.get_task_area_display()
        key = (
            entry.inspection_id,
            entry.application_id,
            entry.case_id,
            entry.task_area,
            entry.authority_id,
            entry.package,
        )
        row = rows.setdefault(key, SheetRow(label, entry.authority.name, entry.get_package_display(), [ZERO] * 7))
        row.days[(entry.day - start).days] += entry.hours
    totals = [sum((row.days[n] for row in rows.values()), ZERO) for n in range(7)]
    return days, list(rows.values()), totals


# --- costs against the norm -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CostRow:
    code: str
    label: str
    comparison: norm_costs.Comparison


@dataclass
class Costs:
    """The figures of one year; `error` says why there are none (no hourly rate for the year)."""

    year: int
    rate: Decimal | None
    per_product: list[CostRow] = field(default_factory=list)
    per_area: list[CostRow] = field(default_factory=list)
    error: str = ""

    @property
    def tables(self) -> list[tuple[str, list[CostRow]]]:
        return [(_("Per product"), self.per_product), (_("Per taakveld"), self.per_area)]

    @property
    def total(self) -> norm_costs.Comparison | None:
        if not self.per_area:
            return None
        rows = [r.comparison for r in self.per_area]
        return norm_costs.Comparison(
            sum(r.products for r in rows), sum((r.norm_hours for r in rows), ZERO),
            sum((r.realised_hours for r in rows), ZERO), sum((r.norm_cost for r in rows), ZERO),
            sum((r.realised_cost for r in rows), ZERO),
        )  # fmt: skip


def _year_entries(service: Organisation, year: int, authority: Organisation | None):
    found = HourEntry.objects.filter(service=service, day__year=year)
    return found.filter(authority=authority) if authority is not None else found


def products_done(service: Organisation, year: int, authority: Organisation | None = None) -> dict[str, tuple]:
    """Per product the tasks with hours in the year and those hours: product -> (tasks, hours). Sheet lines (a
    task area without a task) have no product and are left out. An aggregate, no person."""
    found = _year_entries(service, year, authority).order_by().exclude(product="")
    tasks = Count("inspection", distinct=True) + Count("application", distinct=True) + Count("case", distinct=True)
    return {
        row["product"]: (row["tasks"], row["hours"])
        for row in found.values("product").annotate(tasks=tasks, hours=Sum("hours"))
    }


def costs(service: Organisation, year: int, authority: Organisation | None = None) -> Costs:
    """Per product: the tasks with hours in the year × standard hours × rate against their hours × rate; per task
    area the same, sheet lines counted as realised without a norm. For one authority: its tasks only."""
    try:
        rate = norm_costs.rate_for(rate_table(service.pk), year)
    except norm_costs.NoRate as error:
        return Costs(year, None, error=str(error))
    norms = norm_hours(service.pk, date(year, 12, 31))
    found = _year_entries(service, year, authority).order_by()
    products = products_done(service, year, authority)
    per_product = []
    for product in norm_costs.Product:
        count, hours = products.get(product.value, (0, ZERO))
        per_product.append(
            CostRow(product.value, norm_costs.PRODUCT_LABELS[product],
                    norm_costs.compare(count, norms[product.value], hours, rate))
        )  # fmt: skip
    area_hours = dict(found.values("task_area").annotate(hours=Sum("hours")).values_list("task_area", "hours"))
    per_area = []
    for area in quality.TaskArea:
        in_area = [r.comparison for r in per_product if norm_costs.PRODUCT_AREA[norm_costs.Product(r.code)] == area]
        count = sum(c.products for c in in_area)
        norm = sum((c.norm_hours for c in in_area), ZERO)
        hours = area_hours.get(area.value, ZERO)
        comparison = norm_costs.Comparison(
            count, norm, hours, norm_costs.cost(norm, rate), norm_costs.cost(hours, rate)
        )
        per_area.append(CostRow(area.value, quality.TASK_AREA_LABELS[area], comparison))
    return Costs(year, rate, per_product, per_area)


# --- budget against realised, per authority and quarter -------------------------------------------------------------


@dataclass(frozen=True)
class QuarterFigure:
    quarter: int
    budget: Decimal
    hours: Decimal
    cost: Decimal

    @property
    def difference(self) -> Decimal:
        return self.budget - self.cost


@dataclass(frozen=True)
class AuthorityBudget:
    authority: Organisation
    package: str
    budget_hours: Decimal
    budget_amount: Decimal
    quarters: list[QuarterFigure]

    @property
    def package_label(self) -> str:
        return norm_costs.PACKAGE_LABELS[norm_costs.Package(self.package)]

    @property
    def hours(self) -> Decimal:
        return sum((q.hours for q in self.quarters), ZERO)

    @property
    def cost(self) -> Decimal:
        return sum((q.cost for q in self.quarters), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.budget_amount - self.cost


@dataclass
class BudgetOverview:
    service: Organisation
    year: int
    rate: Decimal | None
    rows: list[AuthorityBudget]
    error: str = ""


def budget_overview(service: Organisation, year: int, authority: Organisation | None = None) -> BudgetOverview:
    """Per authority and package: the budget agreed (spread over the quarters) against the hours realised per
    quarter × the year's rate. An authority with hours but no budget shows a budget of zero."""
    try:
        rate = norm_costs.rate_for(rate_table(service.pk), year)
    except norm_costs.NoRate as error:
        return BudgetOverview(service, year, None, [], error=str(error))
    agreed = Budget.objects.filter(service=service, year=year).select_related("authority")
    if authority is not None:
        agreed = agreed.filter(authority=authority)
    realised: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    quarter_rows = (
        _year_entries(service, year, authority).order_by()
        .values("authority", "package", "day__quarter").annotate(hours=Sum("hours"))
    )  # fmt: skip
    for row in quarter_rows:
        realised[(row["authority"], row["package"])][row["day__quarter"]] = row["hours"]
    keys = {(b.authority_id, b.package): b for b in agreed}
    authorities = {o.pk: o for o in Organisation.objects.filter(pk__in={a for a, _p in set(keys) | set(realised)})}
    rows = []
    for authority_id, package in sorted(set(keys) | set(realised), key=lambda k: (authorities[k[0]].name, k[1])):
        budget = keys.get((authority_id, package))
        amount = budget.amount if budget else ZERO
        quarters = []
        for quarter in (1, 2, 3, 4):
            hours = realised.get((authority_id, package), {}).get(quarter, ZERO)
            quarters.append(
                QuarterFigure(quarter, norm_costs.quarter_budget(amount, quarter), hours, norm_costs.cost(hours, rate))
            )
        rows.append(
            AuthorityBudget(authorities[authority_id], package, budget.hours if budget else ZERO, amount, quarters)
        )
    return BudgetOverview(service, year, rate, rows)


@dataclass(frozen=True)
class ServiceTotal:
    service: Organisation
    hours: Decimal
    cost: Decimal | None  # None: no rate for the year
    budget: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return None if self.cost is None else self.budget - self.cost


def national(year: int) -> list[ServiceTotal]:
    """For the ministry: per service the hours, their cost and the budgets agreed in the year (no person)."""
    hours = dict(
        HourEntry.objects.filter(day__year=year).order_by().values("service").annotate(h=Sum("hours"))
        .values_list("service", "h")
    )  # fmt: skip
    agreed = dict(
        Budget.objects.filter(year=year).order_by().values("service").annotate(a=Sum("amount"))
        .values_list("service", "a")
    )  # fmt: skip
    year_rates = dict(HourlyRate.objects.filter(year=year).values_list("service", "rate"))
    rows = []
    for service in Organisation.objects.filter(Q(pk__in=hours) | Q(pk__in=agreed)).order_by("name"):
        spent = hours.get(service.pk, ZERO)
        rate = year_rates.get(service.pk)
        cost = norm_costs.cost(spent, rate) if rate is not None else None
        rows.append(ServiceTotal(service, spent, cost, agreed.get(service.pk, ZERO)))
    return rows


@dataclass(frozen=True)
class AuthorityCosts:
    """What the council report shows of item 2: the budget agreed against the cost realised, per package."""

    rows: list[AuthorityBudget]
    errors: list[str]

    @property
    def budget(self) -> Decimal:
        return sum((r.budget_amount for r in self.rows), ZERO)

    @property
    def cost(self) -> Decimal:
        return sum((r.cost for r in self.rows), ZERO)


def authority_costs(authority: Organisation, year: int) -> AuthorityCosts:
    """An authority's budgets and realised cost of a year at every service that works for it."""
    rows, errors = [], []
    for service in services_of(authority):
        overview = budget_overview(service, year, authority)
        rows += overview.rows
        if overview.error:
            errors.append(f"{service.name}: {overview.error}")
    return AuthorityCosts(rows, errors)
