"""Every write of the regional plan: make it from the service's yearly programme, change it and its goals while it is
a draft, finalise it, and record each participating authority's adoption (openvth.rules.regional_plan). Each write
runs in one transaction and records its history; a refusal is a Dutch ValidationError (or PermissionDenied)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from openvth.core import clock
from openvth.core.cache import public_data_changed
from openvth.core.history import record_change, update_recorded
from openvth.core.inputs import check_lengths, check_lengths_into, parse_date, whole_number_into
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import SYSTEM_JOB, author
from openvth.register.models import Organisation
from openvth.rules import regional_plan
from openvth.supervision.selectors import planning

from . import selectors
from .models import Adoption, PlanGoal, RegionalPlan

MAX_HOURS = 1_000_000  # a region's hours in a year: more is a typing error
PLAN_FIELDS = ("title", "summary", "permit_hours", "enforcement_hours")


def _hours(value, field: str, label: str, errors: dict) -> int | None:
    """Hours of the plan: empty is none."""
    message = f"{label}: geef een geheel aantal uren van 0 tot {MAX_HOURS}"
    return whole_number_into(value if value not in (None, "") else 0, field, 0, MAX_HOURS, message, errors)


def _plan_values(values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned = {
        "title": (values.get("title") or "").strip(),
        "summary": (values.get("summary") or "").strip(),
        "permit_hours": _hours(values.get("permit_hours"), "permit_hours", "Uren vergunningverlening", errors),
        "enforcement_hours": _hours(values.get("enforcement_hours"), "enforcement_hours", "Uren handhaving", errors),
    }
    if not cleaned["title"]:
        errors["title"] = ["Geef het plan een titel."]
    check_lengths_into(RegionalPlan, cleaned, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _draft(plan: RegionalPlan) -> None:
    if plan.status != RegionalPlan.Status.DRAFT:
        raise ValidationError("Het plan is definitief en wordt niet meer gewijzigd.")


@transaction.atomic
def create_plan(*, user, service: Organisation, year, **values) -> RegionalPlan:
    """The plan of a service for a year, made from its yearly programme of that year (there must be one)."""
    check(user, Action.MANAGE_REGIONAL_PLAN, service)
    if service.kind != Organisation.Kind.OMGEVINGSDIENST:
        raise ValidationError({"service": [f"{service.name} is geen omgevingsdienst."]})
    text = str(year or "").strip()
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise ValidationError({"year": [f"Geef een jaar van 2000 tot 2100, niet '{text}'."]})
    year = int(text)
    cleaned = _plan_values(values)
    programme = planning.programmes(SYSTEM_JOB).filter(service=service, year=year).first()
    if programme is None:
        raise ValidationError(
            {"year": [f"{service.name} heeft nog geen uitvoeringsprogramma {year}: maak dat eerst bij Toezicht."]}
        )
    if RegionalPlan.objects.filter(service=service, year=year).exists():
        raise ValidationError({"year": [f"{service.name} heeft al een regionaal plan voor {year}."]})
    plan = RegionalPlan.objects.create(
        service=service, year=year, programme=programme, created_at=clock.now(), **cleaned
    )
    record_change(plan, user=user, action=ChangeRecord.Action.CREATE)
    return plan


@transaction.atomic
def update_plan(*, user, plan: RegionalPlan, **values) -> RegionalPlan:
    check(user, Action.MANAGE_REGIONAL_PLAN, plan)
    plan = RegionalPlan.objects.select_for_update().get(pk=plan.pk)
    _draft(plan)
    return update_recorded(plan, _plan_values({**{f: getattr(plan, f) for f in PLAN_FIELDS}, **values}), user=user)


@transaction.atomic
def add_goal(*, user, plan: RegionalPlan, description, kind, target, unit, risk_category=None) -> PlanGoal:
    """A goal with a measurable target; a goal of inspections names its risk category."""
    check(user, Action.MANAGE_REGIONAL_PLAN, plan)
    _draft(plan)
    errors: dict[str, list[str]] = {}
    values = {"description": (description or "").strip(), "unit": (unit or "").strip()}
    if not values["description"]:
        errors["description"] = ["Beschrijf het doel."]
    if not values["unit"]:
        errors["unit"] = ["Geef de eenheid van de streefwaarde, bijvoorbeeld inspecties of %."]
    if kind not in PlanGoal.Kind.values:
        errors["kind"] = ["Kies de soort doel."]
    raw = str(target if target is not None else "").strip().replace(",", ".")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or not 0 <= amount < 10_000_000:
        errors["target"] = [f"Geef een streefwaarde van 0 of meer, niet '{raw}'."]
    category = str(risk_category if risk_category is not None else "").strip()
    if kind == PlanGoal.Kind.RISK_CATEGORY_VISITS and not (category.isdigit() and 1 <= int(category) <= 9):
        errors["risk_category"] = ["Geef de risicocategorie (1 tot en met 9) van de inspecties."]
    check_lengths_into(PlanGoal, values, errors)
    if errors:
        raise ValidationError(errors)
    goal = PlanGoal.objects.create(
        plan=plan,
        kind=kind,
        target=amount.quantize(Decimal("0.1")),
        risk_category=int(category) if kind == PlanGoal.Kind.RISK_CATEGORY_VISITS else None,
        **values,
    )
    record_change(goal, user=user, action=ChangeRecord.Action.CREATE)
    return goal


@transaction.atomic
def finalise_plan(*, user, plan: RegionalPlan) -> RegionalPlan:
    """The draft becomes final today: from then on the authorities adopt it and it no longer changes."""
    check(user, Action.MANAGE_REGIONAL_PLAN, plan)
    plan = RegionalPlan.objects.select_for_update().get(pk=plan.pk)
    _draft(plan)
    if not plan.goals.exists():
        raise ValidationError("Een plan zonder doelen wordt niet definitief: geef eerst de doelen.")
    changes = {"status": RegionalPlan.Status.FINAL, "finalised_on": clock.today()}
    return update_recorded(plan, changes, user=user, note="definitief")


@transaction.atomic
def adopt(*, user, plan: RegionalPlan, authority: Organisation, decided_on, decision_reference) -> Adoption:
    """The adoption by one participating authority (date and reference of its decision); with the last one the plan
    is vastgesteld (on the latest decision's day) and its IED part becomes public."""
    check(user, Action.ADOPT_PLAN, authority)
    plan = RegionalPlan.objects.select_for_update().get(pk=plan.pk)
    decided_on = parse_date(decided_on, "decided_on", "Datum besluit")
    reference = (decision_reference or "").strip()
    if not reference:
        raise ValidationError({"decision_reference": ["Geef het kenmerk van het besluit."]})
    check_lengths(Adoption, {"decision_reference": reference})
    participants = selectors.participant_ids(plan.service)
    adopted_by = set(plan.adoptions.values_list("authority_id", flat=True))
    refusal = regional_plan.adoption_refusal(
        finalised_on=plan.finalised_on,
        participants=participants,
        adopted_by=adopted_by,
        authority_id=authority.pk,
        authority_name=authority.name,
        decided_on=decided_on,
        today=clock.today(),
    )
    if refusal:
        raise ValidationError(refusal)
    adoption = Adoption.objects.create(
        plan=plan,
        authority=authority,
        decided_on=decided_on,
        decision_reference=reference,
        recorded_by=author(user),
        recorded_at=clock.now(),
    )
    record_change(adoption, user=user, action=ChangeRecord.Action.CREATE)
    if regional_plan.is_adopted(participants, adopted_by | {authority.pk}):
        adopted_on = max(a.decided_on for a in plan.adoptions.all())
        update_recorded(plan, {"adopted_on": adopted_on}, user=user, note="vastgesteld")
        public_data_changed()
    return adoption
