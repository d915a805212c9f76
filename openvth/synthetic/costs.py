"""Synthetic hours and costs for the demo (issue 21, item 2): per omgevingsdienst an hourly rate for last year and
this year, the budgets its member municipalities and their provinces agreed (basistakenpakket, and plustaken for
some), the hours of its staff on its tasks of those two years (around the norm, faster in one region and slower in
another) and weekly sheet lines per task area. Every inspection, permit application and enforcement case has its
hours, by the staff of its process (the roles of openvth.capacity.synthetic), so the regional plan counts last
year's products and hours (openvth.regional) as a service that records all its hours would. Repeatable: a service
with a rate is left as it is. Stored in bulk like the rest of the synthetic register (generated, not recorded by
anyone)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from openvth.accounts.models import Role
from openvth.capacity.models import StaffMember
from openvth.core import clock
from openvth.costs.models import Budget, HourEntry, HourlyRate
from openvth.costs.selectors import commissioners
from openvth.enforcement.models import EnforcementCase
from openvth.permits.models import Application
from openvth.register.models import Organisation
from openvth.rules import norm_costs
from openvth.supervision.models import Inspection

ROLE_OF = {"inspection": Role.INSPECTOR, "application": Role.PERMIT_OFFICER, "case": Role.ENFORCEMENT_LAWYER}
SHEET_AREAS = ("SP-GELUID", "SP-BODEM", "SP-EV", "VV-MIL")


def _product(task) -> norm_costs.Product:
    establishment = task.establishment
    complex_establishment = establishment.ied or bool(establishment.brzo_tier)
    if isinstance(task, Inspection):
        return norm_costs.inspection_product(
            complex_establishment=complex_establishment, brzo_system=task.kind == Inspection.Kind.BRZO_SYSTEM
        )
    if isinstance(task, Application):
        return norm_costs.application_product(extended=task.procedure == Application.Procedure.EXTENDED)
    return norm_costs.Product.ENFORCEMENT_CASE


def _tasks(service, years) -> list[tuple[str, str, list]]:
    """Per kind of task (its field on HourEntry and its day): every task of the years, in the order of their keys."""
    kinds = (
        (Inspection.objects.filter(owner=service, performed_on__year__in=years), "performed_on", "inspection"),
        (Application.objects.filter(owner=service, received_on__year__in=years), "received_on", "application"),
        (EnforcementCase.objects.filter(owner=service, opened_on__year__in=years), "opened_on", "case"),
    )
    return [
        (field, day_field, list(tasks.select_related("establishment__competent_authority").order_by("pk")))
        for tasks, day_field, field in kinds
    ]


def _entries(service, staff, years, pace: float, rng: random.Random, today: date) -> list[HourEntry]:
    now = clock.now()
    entries = []
    for field, day_field, tasks in _tasks(service, years):
        people = [person for person in staff if ROLE_OF[field] in (person.roles or [])] or staff
        for task in tasks:
            product = _product(task)
            total = norm_costs.DEFAULT_NORM_HOURS[product] * Decimal(str(round(pace * rng.uniform(0.6, 1.5), 2)))
            start = getattr(task, day_field)
            days = max(1, int(total // 8) + 1)
            for n in range(days):
                day = min(start + timedelta(days=n), today)
                hours = min(Decimal(8), total - 8 * n).quantize(Decimal("0.25"))
                if hours <= 0:
                    break
                authority = getattr(task, "competent_authority", None) or task.establishment.competent_authority
                entries.append(
                    HourEntry(service=service, staff=rng.choice(people), day=day, hours=hours, authority=authority,
                              task_area=norm_costs.PRODUCT_AREA[product].value, product=product.value,
                              recorded_at=now, **{field: task})
                )  # fmt: skip
    return entries


def _sheet(service, staff, authorities, years, rng: random.Random, today: date) -> list[HourEntry]:
    now = clock.now()
    entries = []
    for year in years:
        week = date(year, 1, 5)
        while week <= min(date(year, 12, 31), today):
            for authority in rng.sample(authorities, min(3, len(authorities))):
                entries.append(
                    HourEntry(service=service, staff=rng.choice(staff), day=week, hours=Decimal(rng.choice((2, 4, 6))),
                              authority=authority, package=rng.choice(("basis", "basis", "plus")),
                              task_area=rng.choice(SHEET_AREAS), recorded_at=now)
                )  # fmt: skip
            week += timedelta(days=7)
    return entries


@transaction.atomic
def ensure_costs_demo(today: date | None = None) -> int:
    """Rates, budgets and hours for every omgevingsdienst that has no rate yet; returns the hour lines stored."""
    today = today or clock.today()
    years = (today.year - 1, today.year)
    for service in Organisation.objects.filter(kind=Organisation.Kind.OMGEVINGSDIENST).order_by("code"):
        if HourlyRate.objects.filter(service=service).exists():
            continue
        rng = random.Random(f"costs-{service.code}")
        staff = list(StaffMember.objects.filter(service=service, active_to__isnull=True).order_by("pk"))
        authorities = commissioners(service)
        if not staff or not authorities:
            continue
        rate = Decimal(rng.randint(88, 112))
        HourlyRate.objects.bulk_create(
            [HourlyRate(service=service, year=y, rate=rate + 3 * (y - years[0]), note="Uurtarief (synthetisch)")
             for y in years]
        )  # fmt: skip
        pace = rng.choice((0.8, 0.95, 1.0, 1.1, 1.3))  # some regions work faster than the norm, some slower
        entries = _entries(service, staff, years, pace, rng, today) + _sheet(
            service, staff, authorities, years, rng, today
        )
        HourEntry.objects.bulk_create(entries, batch_size=2_000)
        realised: dict[tuple[int, int, str], Decimal] = {}
        for entry in entries:
            key = (entry.authority_id, entry.day.year, entry.package)
            realised[key] = realised.get(key, Decimal(0)) + entry.hours
        budgets = []
        for (authority_id, year, package), hours in realised.items():
            planned = (hours * Decimal(str(rng.uniform(0.9, 1.2)))).quantize(Decimal("1"))
            budgets.append(
                Budget(service=service, authority_id=authority_id, year=year, package=package, hours=planned,
                       amount=(planned * (rate + 3 * (year - years[0]))).quantize(Decimal("1")),
                       reference=f"Dienstverleningsovereenkomst {year} (synthetisch)")
            )  # fmt: skip
        Budget.objects.bulk_create(budgets)
    return HourEntry.objects.count()
