"""Synthetic regional plans for the demo: for every omgevingsdienst with a yearly programme, this year's plan made from
it, finalised in January and adopted by each participating authority in the spring (so its IED part is public), and
next year's plan as a draft with its goals. The permit and enforcement estimates lie around the staff available; they
count only where a service has no recorded hours and no norm × forecast for a process (the plan's capacity takes those
first). Repeatable: a service's year that has a plan is left as it is."""

import random
from datetime import date, timedelta
from decimal import Decimal

from openvth.core import clock
from openvth.core.scoping import SYSTEM_JOB
from openvth.regional import selectors, services
from openvth.regional.models import PlanGoal, RegionalPlan
from openvth.rules.regional_plan import Process
from openvth.supervision.models import Programme


def _goals(plan: RegionalPlan) -> None:
    analysis = selectors.risk_analysis(plan)
    highest = max((row for row in analysis if row.category), key=lambda row: row.category, default=None)
    if highest is not None:
        services.add_goal(
            user=SYSTEM_JOB, plan=plan, kind=PlanGoal.Kind.RISK_CATEGORY_VISITS, risk_category=highest.category,
            description=f"Elk bedrijf in risicocategorie {highest.category} wordt dit jaar bezocht.",
            target=highest.establishments, unit="inspecties",
        )  # fmt: skip
    services.add_goal(
        user=SYSTEM_JOB, plan=plan, kind=PlanGoal.Kind.COMPLIANCE_SHARE, target=Decimal(80), unit="%",
        description="Ten minste 80% van de bezochte bedrijven leeft de regels na bij de hercontrole.",
    )  # fmt: skip
    services.add_goal(
        user=SYSTEM_JOB, plan=plan, kind=PlanGoal.Kind.OTHER, target=Decimal(100), unit="%",
        description="Elke IED-installatie wordt bezocht volgens het milieu-inspectieplan (RIE art. 23).",
    )  # fmt: skip


def _estimates(plan: RegionalPlan, rng: random.Random) -> None:
    """Permit and enforcement hours around what the staff bring: a shortage in one, room in the other."""
    available = {line.process: line.available for line in selectors.capacity_lines(plan)}
    permits, enforcement = (1.12, 0.85) if rng.random() < 0.5 else (0.9, 1.15)
    services.update_plan(
        user=SYSTEM_JOB, plan=plan,
        permit_hours=int(available[Process.PERMITS] * Decimal(str(permits))),
        enforcement_hours=int(available[Process.ENFORCEMENT] * Decimal(str(enforcement))),
    )  # fmt: skip


def _adopt(plan: RegionalPlan, rng: random.Random, today: date) -> None:
    finalised_on = min(date(plan.year, 1, 20), today)
    services.finalise_plan(user=SYSTEM_JOB, plan=plan)
    RegionalPlan.objects.filter(pk=plan.pk).update(finalised_on=finalised_on)  # as finalised in January
    plan.refresh_from_db()
    last = min(date(plan.year, 4, 30), today)
    for number, authority in enumerate(selectors.participants(plan.service), start=1):
        day = finalised_on + timedelta(days=rng.randint(0, max(0, (last - finalised_on).days)))
        services.adopt(
            user=SYSTEM_JOB, plan=plan, authority=authority, decided_on=day,
            decision_reference=f"{authority.code}/{plan.year}/UHP-{number:02d}",
        )  # fmt: skip


def ensure_regional_demo(today: date | None = None) -> int:
    """This year's plan adopted and next year's as a draft for each service with programmes; returns the plans."""
    today = today or clock.today()
    for programme in Programme.objects.filter(year__in=(today.year, today.year + 1)).select_related("service"):
        if RegionalPlan.objects.filter(service=programme.service, year=programme.year).exists():
            continue
        rng = random.Random(f"regional-{programme.service.code}-{programme.year}")
        plan = services.create_plan(
            user=SYSTEM_JOB, service=programme.service, year=programme.year,
            title=f"Uitvoerings- en handhavingsprogramma {programme.service.name} {programme.year}",
            summary="Eén programma voor de hele regio, gemaakt uit de risicoanalyse en het uitvoeringsprogramma.",
        )  # fmt: skip
        _estimates(plan, rng)
        _goals(plan)
        if programme.year == today.year:
            _adopt(plan, rng, today)
    return RegionalPlan.objects.count()
