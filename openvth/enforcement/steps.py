"""What each event of a case does besides moving its state (called by services.transition inside its transaction):
the facts its legal guards judge (openvth.rules.enforcement_guards, listed per event in
openvth.rules.enforcement_events), the sanction it imposes and the parameters of its deadlines. All legal rules come
from openvth.rules; this module applies them to stored records.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone

from openvth.core import clock
from openvth.core.inputs import parse_date
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events
from openvth.rules import enforcement_guards as guards
from openvth.rules.terms import Unit
from openvth.supervision.models import Inspection

from . import selectors
from .models import EnforcementCase, LhsoDecision, Objection, Sanction, ToleranceDecision


@dataclass
class Step:
    user: object
    case: EnforcementCase
    event: str
    on: date
    params: dict
    note: str = ""
    sanction: Sanction | None = None
    tolerance: ToleranceDecision | None = None
    evidence: Inspection | None = None
    judged: guards.StepFacts | None = None  # the facts its guards judged (steps.check)
    deadline_params: rules.DeadlineParams = field(default_factory=rules.DeadlineParams)
    extra_deadlines: list[rules.Deadline] = field(default_factory=list)
    planned_on: date | None = None  # the day a re-inspection is planned on (plan_reinspection)

    @property
    def policy(self) -> rules.LocalPolicy:
        return selectors.local_policy(self.case.competent_authority, self.on)

    @property
    def violation(self) -> rules.ViolationPolicy | None:
        return self.policy.violations.get(self.case.violation_type)


def _decimal(step: Step, name: str, label: str, *, required: bool = True) -> Decimal | None:
    value = step.params.get(name)
    if value in (None, ""):
        if required:
            raise ValidationError({name: [f"Vul {label} in."]})
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = Decimal(-1)
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({name: [f"{label.capitalize()} is een positief bedrag, niet '{value}'."]})
    return _cents(amount)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


def _term(step: Step, default: rules.Term | None, what: str) -> rules.Term:
    """The term given with the event, else the authority's policy for the case's type of violation."""
    amount, unit = step.params.get("term_amount"), step.params.get("term_unit") or "days"
    if amount in (None, ""):
        if default is None:
            raise ValidationError(
                {"term_amount": [f"Geef de {what}: de zaak heeft geen soort overtreding uit het beleid."]}
            )
        return default
    try:
        term = int(amount), Unit(unit)
    except ValueError:
        raise ValidationError({"term_amount": [f"De {what} is een aantal dagen, weken of maanden."]}) from None
    if term[0] < 1:
        raise ValidationError({"term_amount": [f"De {what} is ten minste 1."]})
    return term


def _sanction(step: Step, kind: str, term: rules.Term | None = None, **values) -> Sanction:
    if term is not None:
        values |= {"term_amount": term[0], "term_unit": term[1].value}
    return Sanction.objects.create(case=step.case, kind=kind, imposed_on=step.on, **values)


def _latest(step: Step, kind: str) -> Sanction:
    found = step.case.sanctions.filter(kind=kind).order_by("-imposed_on", "-id").first()
    if found is None:
        raise ValidationError(f"Zaak {step.case.reference} heeft geen {Sanction.Kind(kind).label}.")
    return found


def _open_deadline(step: Step, code: str):
    return step.case.deadlines.filter(code=code, done_on__isnull=True).order_by("-due_on").first()


def violation_date(case: EnforcementCase) -> date:
    """The day the violation was found: the earliest inspection of the case's findings."""
    days = [f.inspection.performed_on for f in case.findings.select_related("inspection") if f.inspection.performed_on]
    return min(days, default=case.opened_on)


# --- the facts the guards judge --------------------------------------------------------------------------------


def same_facts(findings, *, exclude_case: int | None = None) -> tuple[guards.OtherSanction, ...]:
    """The sanctions of every case on one of these findings: the same facts (una via, 5:43)."""
    found = Sanction.objects.filter(case__findings__in=list(findings)).distinct()
    if exclude_case is not None:
        found = found.exclude(case_id=exclude_case)
    return tuple(
        guards.OtherSanction(kind, imposed_on, case_id)
        for kind, imposed_on, case_id in found.values_list("kind", "imposed_on", "case_id")
    )


def evidence_of(inspection: Inspection, case: EnforcementCase) -> guards.Evidence:
    closed = timezone.localtime(inspection.closed_at).date() if inspection.closed_at else None
    return guards.Evidence(
        inspection_id=inspection.pk,
        performed_on=inspection.performed_on,
        closed_on=closed if inspection.status == Inspection.Status.CLOSED else None,
        same_establishment=inspection.establishment_id == case.establishment_id,
        violation_found=inspection.findings.exists(),
    )


def _evidence(step: Step) -> Inspection | None:
    """The inspection given with the step, else the re-inspection the case planned when it entered this state."""
    given = step.params.get("inspection")
    if given not in (None, ""):
        visible = Inspection.objects.visible_to(step.user)
        found = visible.filter(pk=getattr(given, "pk", given)).first()
        if found is None:
            raise ValidationError({"inspection": [f"Inspectie {given} bestaat niet of is niet zichtbaar."]})
        return found
    return current_reinspection(step.case)


def _entered(case: EnforcementCase):
    """The log entry by which the case entered its current state."""
    return case.transitions.filter(to_state=case.state).exclude(from_state=case.state).order_by("at", "id").last()


def planned_reinspection(case: EnforcementCase) -> Inspection | None:
    """The re-inspection the case planned when it entered its current (re-inspection) state."""
    entered = _entered(case)
    return entered.reinspection if entered is not None else None


def recorded_reinspection(case: EnforcementCase) -> Inspection | None:
    """The re-inspection recorded as performed ("Herinspectie uitgevoerd") since the case entered its state."""
    entered = _entered(case)
    if entered is None:
        return None
    recorded = (
        case.transitions.filter(event=events.REINSPECTION_PERFORMED, inspection__isnull=False)
        .filter(id__gt=entered.id)
        .order_by("at", "id")
        .last()
    )
    return recorded.inspection if recorded is not None else None


def current_reinspection(case: EnforcementCase) -> Inspection | None:
    """The proof of a re-inspection state: the one recorded as performed, else the one the case planned."""
    return recorded_reinspection(case) or planned_reinspection(case)


def reinspection_term_end(case: EnforcementCase, state: str) -> date | None:
    """The end of the term the re-inspection of `state` follows (None: no such term)."""
    return _term_end(case, events.REINSPECTION_AFTER.get(state, ()))


def _term_end(case: EnforcementCase, codes: tuple[str, ...]) -> date | None:
    if not codes:
        return None
    term = case.deadlines.filter(code__in=codes).order_by("-started_on", "-id").first()
    return term.due_on if term else None


def facts(step: Step) -> guards.StepFacts:
    """The facts of one step as the guards of its event judge them, read from the case's stored records."""
    case, spec, params = step.case, events.spec(step.event), step.params
    findings = list(case.findings.all())
    open_deadlines: dict[str, date] = {}
    for code, due in case.deadlines.filter(done_on__isnull=True).order_by("due_on").values_list("code", "due_on"):
        open_deadlines[code] = due  # the newest wins
    values: dict = {}
    if "inspection" in spec.inputs:
        step.evidence = _evidence(step)
        values["evidence"] = evidence_of(step.evidence, case) if step.evidence is not None else None
        values["term_end"] = _term_end(case, spec.follows_term)
    if step.event in ("invorderingsbeschikking_nemen", "verjaard"):
        order = case.sanctions.filter(kind=Sanction.Kind.DWANGSOM).order_by("-imposed_on", "-id").first()
        values["forfeited_on"] = order.forfeited_on if order else None
    if step.event == "boete_opleggen":
        violation = step.violation
        prosecuted = EnforcementCase.objects.filter(findings__in=findings, om_answer=rules.OM_PROSECUTES)
        values |= {
            "amount": _decimal(step, "amount", "het boetebedrag", required=False),
            "policy_amount": violation.boete_amount if violation else None,
            "policy_maximum": violation.boete_maximum if violation else None,
            "deviation_reason": params.get("deviation_reason") or "",
            "to_blame": bool(params.get("to_blame", True)),
            "hearing_started": bool(params.get("hearing_started")),
            "om_prosecutes_same_facts": prosecuted.exclude(pk=case.pk).exists(),
        }
    if spec.sanction or step.event == "boete_opleggen":
        values["same_facts"] = same_facts(findings)
        values["consultations"] = tuple(
            guards.Consultation(d.consultation_indicated, d.consultation_partner, d.consultation_held_on,
                                d.consultation_outcome)
            for d in LhsoDecision.objects.filter(finding__in=findings)
        )  # fmt: skip
    if case.route == "bezwaar":
        objection = Objection.objects.filter(case=case).first()
        values |= {
            "objection_in_time": objection.in_time if objection else True,
            "objection_excusable": objection.excusable if objection else False,
            "outcome": params.get("outcome") or "",
            "decision_due": open_deadlines.get("beslistermijn_bezwaar"),
            "extensions": case.transitions.filter(event="beslistermijn_verdagen").count(),
            "consent": bool(params.get("consent")),
        }
    previous = case.transitions.order_by("-on", "-id").values_list("on", flat=True).first()
    return guards.StepFacts(
        route=case.route,
        state=case.state,
        event=step.event,
        on=step.on,
        today=clock.today(),
        violation_on=violation_date(case),
        previous_on=previous,
        open_deadlines=open_deadlines,
        boete_maximum=case.boete_maximum,
        reported_on=case.reported_on,
        also_crime=case.also_crime,
        om_submitted_on=case.om_submitted_on,
        om_answer=case.om_answer,
        **values,
    )


def check(step: Step) -> None:
    """Refuse the step, with every reason its guards give, when the law forbids it."""
    step.judged = facts(step)
    refused = events.refusals(step.judged)
    if refused:
        found: dict[str, list[str]] = {}
        for refusal in refused:
            found.setdefault(refusal.field, []).append(refusal.reason)
        raise ValidationError(found)


# --- herstel ---------------------------------------------------------------------------------------------------


def warn(step: Step) -> None:
    term = _term(step, step.violation.restore_term if step.violation else None, "hersteltermijn")
    step.sanction = _sanction(step, Sanction.Kind.WARNING, term)
    step.deadline_params = rules.DeadlineParams(term=term)


def plan_reinspection(step: Step) -> None:
    """The re-inspection is planned on a day to come, after the term it follows: on the term's last day the offender
    may still comply (LHSO hersteltermijn, art. 5:32a lid 1 and 5:24 lid 2 Awb). Without a day: the first day after
    the term (the API and the generator)."""
    planned_on = step.params.get("planned_on")
    if planned_on in (None, ""):
        return
    if not isinstance(planned_on, date):
        planned_on = parse_date(planned_on, "planned_on", "De datum van de herinspectie")
    after = rules.next_state(step.case.route, step.case.state, step.event)
    term_end = reinspection_term_end(step.case, after)
    if planned_on < clock.today():
        reason = f"Plan de herinspectie vandaag of later, niet op {planned_on:%d-%m-%Y}."
        raise ValidationError({"planned_on": [reason]})
    if term_end is not None and planned_on <= term_end:
        raise ValidationError(
            {
                "planned_on": [
                    f"Plan de herinspectie na afloop van de termijn ({term_end:%d-%m-%Y}): tot en met die dag mag de "
                    "overtreder nog voldoen."
                ]
            }
        )
    step.planned_on = planned_on


def announce(step: Step) -> None:
    step.deadline_params = rules.DeadlineParams(term=_term(step, step.policy.view_term, "zienswijzetermijn"))


def impose_dwangsom(step: Step) -> None:
    """Awb 5:32a, 5:32b: begunstigingstermijn, amount per unit or lump sum, and a maximum; policy gives defaults."""
    violation = step.violation
    term = _term(step, violation.begunstigingstermijn if violation else None, "begunstigingstermijn")
    basis = step.params.get("basis") or (violation.dwangsom_kind if violation else "")
    if violation is None:  # no policy to fall back on: every part of the order is given with the step
        labels = {"basis": "de soort (per dag, per week, per overtreding of ineens)", "amount": "het bedrag",
                  "maximum": "het maximum"}  # fmt: skip
        missing = {name: [f"Vul {label} in: de zaak heeft geen soort overtreding uit het beleid."]
                   for name, label in labels.items() if step.params.get(name) in (None, "")}  # fmt: skip
        if missing:
            raise ValidationError(missing)
    amount = _decimal(step, "amount", "het bedrag", required=violation is None) or _cents(violation.dwangsom_amount)
    maximum = _decimal(step, "maximum", "het maximum", required=violation is None) or _cents(violation.dwangsom_maximum)
    try:
        rules.DwangsomOrder(basis, amount, maximum, term)
    except ValueError as exc:
        raise ValidationError({"amount": [str(exc)]}) from None
    step.sanction = _sanction(step, Sanction.Kind.DWANGSOM, term, amount=amount, basis=basis, maximum=maximum)
    step.deadline_params = rules.DeadlineParams(term=term)


def impose_bestuursdwang(step: Step) -> None:
    """Awb 5:24: the measures and the term to comply; costs recoverable (5:25)."""
    measures = (step.params.get("measures") or "").strip()
    if not measures:
        raise ValidationError({"measures": ["Beschrijf de maatregelen die de last vraagt (art. 5:24 Awb)."]})
    violation = step.violation
    term = _term(step, violation.begunstigingstermijn if violation else None, "termijn om aan de last te voldoen")
    recovery = bool(step.params.get("cost_recovery", True))
    step.sanction = _sanction(step, Sanction.Kind.BESTUURSDWANG, term, measures=measures, cost_recovery=recovery)
    step.deadline_params = rules.DeadlineParams(term=term)


def urgent_bestuursdwang(step: Step) -> None:
    """Awb 5:31: in urgent cases bestuursdwang without a prior order; the note says why it was urgent."""
    measures = (step.params.get("measures") or "").strip()
    if not measures:
        raise ValidationError({"measures": ["Beschrijf de maatregelen die zijn of worden genomen."]})
    step.sanction = _sanction(step, Sanction.Kind.BESTUURSDWANG, measures=measures, cost_recovery=True)


def forfeit(step: Step) -> None:
    """Forfeiture proven by the re-inspection (the guard): `units` days, weeks or breaches, never past the maximum."""
    sanction = _latest(step, Sanction.Kind.DWANGSOM)
    try:
        units = int(step.params.get("units") or 1)
    except (TypeError, ValueError):
        raise ValidationError({"units": ["Het aantal dagen, weken of overtredingen is een geheel getal."]}) from None
    order = rules.DwangsomOrder(sanction.basis, sanction.amount, sanction.maximum, None, repetition_only=True)
    try:
        amount = rules.forfeited_amount(order, units, already_forfeited=sanction.forfeited_amount or Decimal(0))
    except ValueError as exc:
        raise ValidationError({"units": [str(exc)]}) from None
    if amount <= 0:
        raise ValidationError({"units": [f"Het maximum van de dwangsom (€ {sanction.maximum}) is al verbeurd."]})
    sanction.forfeited_on = step.on
    sanction.forfeited_amount = (sanction.forfeited_amount or Decimal(0)) + amount
    sanction.save(update_fields=["forfeited_on", "forfeited_amount"])
    step.sanction = sanction


def collect(step: Step) -> None:
    """Awb 5:37: the invorderingsbeschikking concerns the forfeited dwangsom (5:35 is the guard's)."""
    step.sanction = _latest(step, Sanction.Kind.DWANGSOM)


def recover_costs(step: Step) -> None:
    sanction = _latest(step, Sanction.Kind.BESTUURSDWANG)
    sanction.costs = _decimal(step, "costs", "de kosten")
    sanction.save(update_fields=["costs"])
    step.sanction = sanction


def tolerate(step: Step) -> None:
    """Gedogen: explicit, in writing, limited in scope and time, with a prospect of legalisation."""
    valid_from = step.params.get("valid_from") or step.on
    valid_to = step.params.get("valid_to")
    scope = (step.params.get("scope") or "").strip()
    prospect = (step.params.get("legalisation_prospect") or "").strip()
    tolerance = rules.Tolerance(scope, valid_from, valid_to, prospect)
    try:
        rules.check_tolerance(tolerance, max_months=step.policy.tolerance_max_months)
    except ValueError as exc:
        raise ValidationError({"valid_to": [str(exc)]}) from None
    step.tolerance = ToleranceDecision.objects.create(
        case=step.case,
        scope=scope,
        valid_from=valid_from,
        valid_to=valid_to,
        legalisation_prospect=prospect,
        decided_on=step.on,
        decided_by=step.user,
    )
    step.deadline_params = rules.DeadlineParams(tolerance_until=valid_to)


# --- boete (una via) -------------------------------------------------------------------------------------------


def submit_to_om(step: Step) -> None:
    step.case.also_crime, step.case.om_submitted_on = True, step.on


def om_waives(step: Step) -> None:
    step.case.om_answer = rules.OM_WAIVED


def om_prosecutes(step: Step) -> None:
    step.case.om_answer = rules.OM_PROSECUTES


def report(step: Step) -> None:
    """Awb 5:48, 5:53: the report records the statutory maximum; 5:51 and 5:45 run from it and from the violation."""
    maximum = _decimal(step, "boete_maximum", "het wettelijk maximum van de boete")
    step.case.reported_on, step.case.boete_maximum = step.on, maximum
    step.deadline_params = rules.DeadlineParams(
        violation_on=violation_date(step.case), boete_maximum=maximum, adjourned=bool(step.params.get("adjourned"))
    )


def fine(step: Step) -> None:
    """The boete the guards allowed (5:40-5:53, una via): its amount, and the reasons in the log."""
    amount = _decimal(step, "amount", "het boetebedrag")
    step.sanction = _sanction(step, Sanction.Kind.BOETE, amount=amount)
    deviation = (step.params.get("deviation_reason") or "").strip()
    check = rules.boete_permitted(
        on=step.on,
        also_crime=step.case.also_crime,
        submitted_to_om_on=step.case.om_submitted_on,
        om_answer=step.case.om_answer,
    )
    reasons = [step.note, *check.reasons, f"afwijking van het beleidsbedrag: {deviation}" if deviation else ""]
    step.note = "; ".join(filter(None, reasons))


# --- strafrecht and bezwaar ------------------------------------------------------------------------------------


def strafbeschikking(step: Step) -> None:
    step.sanction = _sanction(step, Sanction.Kind.STRAFBESCHIKKING, amount=_decimal(step, "amount", "het bedrag"))


def proces_verbaal(step: Step) -> None:
    reference = (step.params.get("reference") or "").strip()
    step.sanction = _sanction(step, Sanction.Kind.PROCES_VERBAAL, reference=reference)


def decide_objection(step: Step) -> None:
    outcome = step.params.get("outcome") or ""
    if outcome not in Objection.Outcome.values or not outcome:
        choices = ", ".join(v for v in Objection.Outcome.values if v)
        raise ValidationError({"outcome": [f"Kies de uitkomst van het bezwaar: {choices}."]})
    Objection.objects.filter(case=step.case).update(outcome=outcome)


def _decision_due(step: Step) -> date:
    current = _open_deadline(step, "beslistermijn_bezwaar")
    if current is None:
        raise ValidationError({"step": ["Dit bezwaar heeft geen lopende beslistermijn (art. 7:10 Awb)."]})
    return current.due_on


def extend_decision_term(step: Step) -> None:
    """Awb 7:10(3): once by 6 weeks."""
    step.extra_deadlines.append(rules.objection_decision_extended(_decision_due(step)))


def postpone_decision(step: Step) -> None:
    """Awb 7:10(4)(a): further, with the objector's consent, for the weeks agreed."""
    try:
        weeks = int(step.params.get("weeks") or 0)
    except (TypeError, ValueError):
        weeks = 0
    if weeks < 1:
        raise ValidationError({"weeks": ["Geef het aantal weken uitstel waarmee de indiener instemt."]})
    step.extra_deadlines.append(rules.objection_decision_extended(_decision_due(step), weeks=weeks, consent=True))


# what an event does besides moving the state; None: nothing (its guards and deadlines are in its specification)
EFFECTS = {
    "waarschuwen": warn,
    "hercontrole_uitvoeren": plan_reinspection,
    "voornemen_verzenden": announce,
    "zienswijze_ontvangen": None,
    "zienswijzetermijn_verstreken": None,
    "last_onder_dwangsom_opleggen": impose_dwangsom,
    "last_onder_bestuursdwang_opleggen": impose_bestuursdwang,
    "spoedeisende_last_opleggen": impose_bestuursdwang,
    "spoedeisende_bestuursdwang": urgent_bestuursdwang,
    "last_opheffen": None,
    "nageleefd": None,
    "verbeuren": forfeit,
    "betaald": None,
    "invorderingsbeschikking_nemen": collect,
    "invorderen": None,
    "verjaard": None,
    "bestuursdwang_toepassen": None,
    "kosten_verhalen": recover_costs,
    "gedogen": tolerate,
    "voorleggen_aan_om": submit_to_om,
    "om_ziet_af": om_waives,
    "om_vervolgt": om_prosecutes,
    "om_termijn_verstreken": None,
    "rapport_opmaken": report,
    "boete_opleggen": fine,
    "afstemmen_met_om": None,
    "strafbeschikking_uitvaardigen": strafbeschikking,
    "proces_verbaal_opmaken": proces_verbaal,
    "insturen": None,
    "verzet_ingesteld": None,
    "om_afgedaan": None,
    "horen": None,
    "beslistermijn_verdagen": extend_decision_term,
    "beslistermijn_uitstellen": postpone_decision,
    "beslissen": decide_objection,
    rules.CLOSE: None,
}
PASSIVE = rules.PASSIVE_DEADLINES


def reinspection_day(case: EnforcementCase, state: str, on: date) -> date:
    """The first day after the term the re-inspection follows (on its last day the offender may still comply)."""
    term = case.deadlines.filter(code__in=events.REINSPECTION_AFTER[state]).order_by("-started_on", "-id").first()
    return max(on, term.due_on + timedelta(days=1)) if term else on
