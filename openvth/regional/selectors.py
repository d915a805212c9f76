"""Every read of the regional plan: the plans a user sees (the service, its participating authorities, the ministry and
the ILT nationally), what each plan is made of (the risk analysis and the yearly programme through the supervision
selectors, the staff through the capacity selectors, the hours needed through the costs selectors and the permit
outlook of openvth.analysis), its adoptions, and the public IED part of adopted plans.

The parts of a plan are aggregates over the whole region (counts and hours, no person): the caller has read the plan
through `plans(user)`, so they are read for the installation (SYSTEM_JOB), as the adopting authorities need the
whole plan, not only their own establishments."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery

from openvth.analysis import selectors as analysis
from openvth.capacity import selectors as capacity
from openvth.core import clock
from openvth.core.permissions import Action, may
from openvth.core.scoping import SYSTEM_JOB
from openvth.costs import selectors as costs
from openvth.disclosure.policy import shown_name
from openvth.register.models import Activity, Establishment, Organisation
from openvth.rules import norm_costs, regional_plan
from openvth.rules.regional_plan import Process
from openvth.supervision.models import RiskAppraisal
from openvth.supervision.selectors import planning

from .models import NATIONAL_KINDS, Adoption, PlanGoal, RegionalPlan


def reads_nationally(user) -> bool:
    """The ministry (its programme office) and the ILT read every region's records, as their scoping says
    (models.national_q); an administrator of a service reads its own service's."""
    if user is None or not user.is_authenticated:
        return False
    organisation = getattr(user, "organisation", None)
    return user.is_superuser or (organisation is not None and organisation.kind in NATIONAL_KINDS)


def plans(user) -> QuerySet[RegionalPlan]:
    found = RegionalPlan.objects.all() if reads_nationally(user) else RegionalPlan.objects.visible_to(user)
    return found.select_related("service", "programme")


def plan_detail(user, pk: int) -> RegionalPlan:
    return plans(user).get(pk=pk)


def goals(plan: RegionalPlan) -> QuerySet[PlanGoal]:
    return plan.goals.order_by("id")


def participants(service: Organisation) -> list[Organisation]:
    """The authorities taking part in the service: its member authorities and their provinces."""
    members = Organisation.objects.filter(omgevingsdienst=service)
    return list(
        Organisation.objects.filter(Q(pk__in=members.values("pk")) | Q(pk__in=members.values("province"))).order_by(
            "kind", "name"
        )
    )


def participant_ids(service: Organisation) -> set[int]:
    return {authority.pk for authority in participants(service)}


@dataclass(frozen=True)
class AdoptionRow:
    authority: Organisation
    adoption: Adoption | None


def adoption_rows(plan: RegionalPlan) -> list[AdoptionRow]:
    """Per participating authority its adoption, if any (an adoption by an authority that left the service stays)."""
    found = {a.authority_id: a for a in plan.adoptions.select_related("authority")}
    rows = [AdoptionRow(authority, found.pop(authority.pk, None)) for authority in participants(plan.service)]
    return rows + [AdoptionRow(adoption.authority, adoption) for adoption in found.values()]


def authorities_to_adopt(user, plan: RegionalPlan) -> list[Organisation]:
    """The participating authorities the user may record an adoption for that have not adopted yet."""
    return [
        row.authority
        for row in adoption_rows(plan)
        if row.adoption is None and may(user, Action.ADOPT_PLAN, row.authority)
    ]


# --- what the plan is made of -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskRow:
    category: int
    establishments: int
    planned: int
    hours: Decimal


def _current_appraisals(service: Organisation):
    """The newest appraisal of each establishment the service supervises (the one risk analysis)."""
    newest = RiskAppraisal.objects.filter(establishment=OuterRef("establishment")).order_by("-appraised_on", "-id")
    return RiskAppraisal.objects.filter(establishment__supervising_service=service).filter(
        pk=Subquery(newest.values("pk")[:1])
    )


def _kept_visits(plan: RegionalPlan):
    return planning.visits(plan.programme, SYSTEM_JOB).filter(postponed=False)


NOT_APPRAISED = 0  # the category of a planned visit to an establishment without appraisal


def risk_analysis(plan: RegionalPlan) -> list[RiskRow]:
    """Per risk category of the current appraisals of the service's establishments: how many there are, how many
    visits the programme plans to them and their hours."""
    category_of = dict(_current_appraisals(plan.service).values_list("establishment_id", "category"))
    establishments: dict[int, int] = defaultdict(int)
    for category in category_of.values():
        establishments[category] += 1
    planned: dict[int, int] = defaultdict(int)
    hours: dict[int, Decimal] = defaultdict(Decimal)
    for establishment_id, visit_hours in _kept_visits(plan).values_list("establishment_id", "hours"):
        category = category_of.get(establishment_id, NOT_APPRAISED)
        planned[category] += 1
        hours[category] += visit_hours
    return [
        RiskRow(category, establishments.get(category, 0), planned.get(category, 0), hours.get(category, Decimal(0)))
        for category in sorted(set(establishments) | set(planned))
    ]


@dataclass(frozen=True)
class GoalRow:
    goal: PlanGoal
    planned: int | None  # for a goal of visits in a risk category: the visits the programme plans there


def goal_rows(plan: RegionalPlan, analysis: list[RiskRow]) -> list[GoalRow]:
    planned = {row.category: row.planned for row in analysis}
    return [
        GoalRow(
            goal,
            planned.get(goal.risk_category, 0) if goal.kind == PlanGoal.Kind.RISK_CATEGORY_VISITS else None,
        )
        for goal in goals(plan)
    ]


def expected_applications(service: Organisation, year: int, today: date) -> dict[str, float] | None:
    """The permit applications the service can expect in `year` per product (openvth.rules.norm_costs): from the
    permit outlook, those received in its past quarters plus the forecast (with the announced initiatives) for the
    others, shared out by the mix of procedures in the history. None where the outlook does not cover the whole year
    or the service has no application history."""
    outlook = analysis.outlook(service, today)
    line = outlook.total
    if not any(line.observed):
        return None
    observed = regional_plan.quarters_of(year, dict(zip(outlook.history.quarters, line.observed, strict=True)))
    ahead = regional_plan.quarters_of(year, {point.quarter: line.total(point.quarter) for point in line.points})
    total = regional_plan.year_total(year, observed, ahead)
    if total is None:
        return None
    mix: dict[str, int] = defaultdict(int)
    for procedure, count in outlook.history.procedures.get(service.pk, {}).items():
        mix[norm_costs.application_product(extended=procedure == "extended").value] += count
    return regional_plan.split_by_mix(total, mix)


def capacity_lines(plan: RegionalPlan, today: date | None = None) -> list[regional_plan.CapacityLine]:
    """Per process the hours the plan needs against the hours the service's staff bring in the plan's year in its
    task areas. Needed (openvth.rules.regional_plan.needed_hours): supervision the programme's planned visits;
    permits and enforcement the norm hours per product times the expected products (the applications of the permit
    outlook for the plan's year, the enforcement cases of the last full year), else the hours recorded on their
    tasks in the last full year, else the plan's estimate. Each line says which (`source`)."""
    today = today or clock.today()
    recorded_year = regional_plan.base_year(plan.year, today)
    done = costs.products_done(plan.service, recorded_year)
    recorded = {
        process: sum((done.get(product.value, (0, Decimal(0)))[1] for product in products), Decimal(0))
        for process, products in regional_plan.PROCESS_PRODUCTS.items()
    }
    norms = costs.norm_hours(plan.service_id, date(plan.year, 12, 31))
    cases = done.get(norm_costs.Product.ENFORCEMENT_CASE.value, (0, Decimal(0)))[0]
    needs = {
        Process.PERMITS: regional_plan.needed_hours(
            expected=expected_applications(plan.service, plan.year, today), expected_year=plan.year, norms=norms,
            recorded=recorded[Process.PERMITS], recorded_year=recorded_year, estimate=plan.permit_hours,
        ),
        Process.ENFORCEMENT: regional_plan.needed_hours(
            expected={norm_costs.Product.ENFORCEMENT_CASE.value: cases} if cases else None,
            expected_year=recorded_year, norms=norms, recorded=recorded[Process.ENFORCEMENT],
            recorded_year=recorded_year, estimate=plan.enforcement_hours,
        ),
    }  # fmt: skip
    summary = planning.programme_summary(plan.programme, SYSTEM_JOB)
    needs[Process.SUPERVISION] = regional_plan.Need(summary.planned_hours, regional_plan.Basis.PROGRAMME, plan.year)
    by_area = capacity.people([plan.service_id]).get(plan.service_id, {})
    lines = []
    for process, areas in regional_plan.PROCESS_AREAS.items():
        available = sum(
            (
                regional_plan.hours_in_year(
                    plan.year,
                    person.hours_per_year,
                    [(person.active_from, person.active_to), (person.competence_from, person.competence_to)],
                )
                for area in areas
                for person in by_area.get(area, [])
            ),
            Decimal(0),
        )
        need = needs[process]
        lines.append(
            regional_plan.CapacityLine(
                process, need.hours, available, need.basis, need.year, recorded[process] if done else None
            )
        )
    return lines


# --- the IED part (public once adopted) -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IedRow:
    name: str  # the establishment's name; a natural person's enterprise masked (disclosure.policy)
    municipality: str
    categories: str  # the IED categories (annex I) of its activities
    visits: int
    months: str


def ied_part(plan: RegionalPlan) -> list[IedRow]:
    """The establishments with IED activities (an activity type with an annex I category) among the programme's
    planned visits: per establishment the visits and their months. No address, no person's name."""
    ied_activities = Activity.objects.filter(activity_type__ied_category__gt="")
    visits = _kept_visits(plan).filter(establishment__in=ied_activities.values("establishment"))
    per_establishment: dict[int, list[int]] = defaultdict(list)
    for establishment_id, month in visits.values_list("establishment_id", "month"):
        per_establishment[establishment_id].append(month)
    categories: dict[int, set[str]] = defaultdict(set)
    for establishment_id, category in ied_activities.filter(establishment__in=per_establishment).values_list(
        "establishment_id", "activity_type__ied_category"
    ):
        categories[establishment_id].add(category)
    establishments = Establishment.objects.filter(pk__in=per_establishment).select_related("company", "municipality")
    rows = [
        IedRow(
            name=shown_name(e.name, e.company),
            municipality=e.municipality.name,
            categories=", ".join(sorted(categories[e.pk])),
            visits=len(per_establishment[e.pk]),
            months=", ".join(str(m) for m in sorted(set(per_establishment[e.pk]))),
        )
        for e in establishments
    ]
    return sorted(rows, key=lambda row: (row.municipality, row.name))


def public_plans() -> QuerySet[RegionalPlan]:
    """The adopted plans: their IED part is public."""
    return (
        RegionalPlan.objects.filter(adopted_on__isnull=False)
        .select_related("service")
        .order_by("-year", "service__name")
    )


def public_plan(pk: int) -> RegionalPlan:
    return public_plans().select_related("programme").get(pk=pk)
