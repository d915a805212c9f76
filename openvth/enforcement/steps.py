"""What each event of a case does besides moving its state (called by services.transition inside its transaction):
the sanction it imposes, the checks the law sets on it (una via, limitation, dwangsom maximum), the parameters of
its deadlines. All legal rules come from openvth.rules.enforcement; this module applies them to stored records.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from openvth.rules import enforcement as rules
from openvth.rules.terms import Unit

from . import selectors
from .models import EnforcementCase, Objection, Sanction, ToleranceDecision


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
    deadline_params: rules.DeadlineParams = field(default_factory=rules.DeadlineParams)

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


def _open_deadline(step: Step, name: str):
    return step.case.deadlines.filter(name=name, done_on__isnull=True).order_by("-due_on").first()


def violation_date(case: EnforcementCase) -> date:
    """The day the violation was found: the earliest inspection of the case's findings."""
    days = [f.inspection.performed_on for f in case.findings.select_related("inspection") if f.inspection.performed_on]
    return min(days, default=case.opened_on)


# --- herstel ---------------------------------------------------------------------------------------------------


def warn(step: Step) -> None:
    term = _term(step, step.violation.restore_term if step.violation else None, "hersteltermijn")
    step.sanction = _sanction(step, Sanction.Kind.WARNING, term)
    step.deadline_params = rules.DeadlineParams(term=term)


def announce(step: Step) -> None:
    step.deadline_params = rules.DeadlineParams(term=_term(step, step.policy.view_term, "zienswijzetermijn"))


def view_term_passed(step: Step) -> None:
    deadline = _open_deadline(step, "zienswijzetermijn")
    if deadline is not None and step.on <= deadline.due_on:
        raise ValidationError(f"De zienswijzetermijn loopt nog tot en met {deadline.due_on:%d-%m-%Y}.")


def impose_dwangsom(step: Step) -> None:
    """Awb 5:32a, 5:32b: begunstigingstermijn, amount per unit or lump sum, and a maximum; policy gives defaults."""
    violation = step.violation
    term = _term(step, violation.begunstigingstermijn if violation else None, "begunstigingstermijn")
    basis = step.params.get("basis") or (violation.dwangsom_kind if violation else "")
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
    """Forfeiture after the re-inspection: `units` days, weeks or breaches, never past the maximum (5:32b)."""
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
        raise ValidationError(f"Het maximum van de dwangsom (€ {sanction.maximum}) is al verbeurd.")
    sanction.forfeited_on = step.on
    sanction.forfeited_amount = (sanction.forfeited_amount or Decimal(0)) + amount
    sanction.save(update_fields=["forfeited_on", "forfeited_amount"])
    step.sanction = sanction


def _collection_lapses(step: Step) -> date:
    sanction = _latest(step, Sanction.Kind.DWANGSOM)
    if sanction.forfeited_on is None:
        raise ValidationError("Er is geen dwangsom verbeurd.")
    step.sanction = sanction
    return rules.collection_lapses_on(sanction.forfeited_on).due


def collect(step: Step) -> None:
    """Awb 5:37 needs an invorderingsbeschikking; 5:35: the power to collect lapses a year after forfeiture."""
    lapses = _collection_lapses(step)
    if step.on > lapses:
        raise ValidationError(
            f"De bevoegdheid tot invordering is verjaard op {lapses:%d-%m-%Y} (art. 5:35 Awb): kies 'verjaard'."
        )


def lapsed(step: Step) -> None:
    lapses = _collection_lapses(step)
    if step.on <= lapses:
        raise ValidationError(f"De invordering verjaart pas na {lapses:%d-%m-%Y} (art. 5:35 Awb).")


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


def om_term_passed(step: Step) -> None:
    deadline = _open_deadline(step, "reactietermijn officier van justitie")
    if deadline is not None and step.on <= deadline.due_on:
        raise ValidationError(f"De 13 weken voor de officier van justitie lopen tot en met {deadline.due_on:%d-%m-%Y}.")


def report(step: Step) -> None:
    """Awb 5:51, 5:45, 5:53: the decision term from the report and the lapse from the violation."""
    maximum = _decimal(step, "boete_maximum", "het wettelijk maximum van de boete")
    step.deadline_params = rules.DeadlineParams(
        violation_on=violation_date(step.case), boete_maximum=maximum, adjourned=bool(step.params.get("adjourned"))
    )


def _same_facts(step: Step, kind: str) -> bool:
    """Whether a sanction of `kind` was already imposed for one of the case's findings, in any case."""
    findings = step.case.findings.all()
    return Sanction.objects.filter(kind=kind, case__findings__in=findings).exists()


def fine(step: Step) -> None:
    """Awb 5:41, 5:43, 5:44 (una via) and 5:45 (lapse) before a bestuurlijke boete."""
    check = rules.boete_permitted(
        on=step.on,
        also_crime=step.case.also_crime,
        submitted_to_om_on=step.case.om_submitted_on,
        om_answer=step.case.om_answer,
        hearing_started=bool(step.params.get("hearing_started")),
        strafbeschikking_issued=_same_facts(step, Sanction.Kind.STRAFBESCHIKKING),
        already_fined=_same_facts(step, Sanction.Kind.BOETE),
        to_blame=bool(step.params.get("to_blame", True)),
    )
    if not check.allowed:
        raise ValidationError("Geen bestuurlijke boete: " + "; ".join(check.reasons) + ".")
    amount = _decimal(step, "amount", "het boetebedrag")
    lapse = _open_deadline(step, "verval boetebevoegdheid")
    lapses_on = lapse.due_on if lapse else rules.boete_lapses_on(violation_date(step.case), amount).due
    if step.on > lapses_on:
        raise ValidationError(f"De bevoegdheid om een boete op te leggen is vervallen op {lapses_on:%d-%m-%Y}.")
    step.sanction = _sanction(step, Sanction.Kind.BOETE, amount=amount)
    step.note = "; ".join(filter(None, [step.note, *check.reasons]))


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


EFFECTS = {
    "waarschuwen": warn,
    "voornemen_verzenden": announce,
    "zienswijzetermijn_verstreken": view_term_passed,
    "last_onder_dwangsom_opleggen": impose_dwangsom,
    "last_onder_bestuursdwang_opleggen": impose_bestuursdwang,
    "spoedeisende_last_opleggen": impose_bestuursdwang,
    "spoedeisende_bestuursdwang": urgent_bestuursdwang,
    "verbeuren": forfeit,
    "invorderingsbeschikking_nemen": collect,
    "verjaard": lapsed,
    "kosten_verhalen": recover_costs,
    "gedogen": tolerate,
    "voorleggen_aan_om": submit_to_om,
    "om_ziet_af": om_waives,
    "om_vervolgt": om_prosecutes,
    "om_termijn_verstreken": om_term_passed,
    "rapport_opmaken": report,
    "boete_opleggen": fine,
    "strafbeschikking_uitvaardigen": strafbeschikking,
    "proces_verbaal_opmaken": proces_verbaal,
    "beslissen": decide_objection,
}

# the deadlines an event handles (by the rule module's names); entering "afgesloten" handles all of them
HANDLES = {
    "hercontrole_uitvoeren": ("hersteltermijn", "begunstigingstermijn", "termijn om aan de last te voldoen",
                              "einde gedoogtermijn"),
    "zienswijze_ontvangen": ("zienswijzetermijn",),
    "zienswijzetermijn_verstreken": ("zienswijzetermijn",),
    "gedogen": ("hersteltermijn", "zienswijzetermijn"),
    "om_ziet_af": ("reactietermijn officier van justitie",),
    "om_termijn_verstreken": ("reactietermijn officier van justitie",),
    "boete_opleggen": ("beslistermijn bestuurlijke boete", "verval boetebevoegdheid"),
    "betaald": ("betaaltermijn verbeurde dwangsom", "verjaring invordering dwangsom",
                "betaaltermijn bestuurlijke boete"),
    "invorderen": ("betaaltermijn verbeurde dwangsom", "betaaltermijn bestuurlijke boete"),
}  # fmt: skip
# the deadlines whose end is the term of the sanction imposed by the same event
SANCTION_TERMS = frozenset({"hersteltermijn", "begunstigingstermijn", "termijn om aan de last te voldoen"})
# deadlines that pass without anyone acting: shown while they run, never overdue
PASSIVE = frozenset({"bezwaartermijn", "opheffing op verzoek mogelijk"})
# the term whose end a re-inspection follows, per re-inspection state
REINSPECTION_AFTER = {
    "hercontrole_na_waarschuwing": ("hersteltermijn", "einde gedoogtermijn"),
    "hercontrole_dwangsom": ("begunstigingstermijn",),
    "hercontrole_bestuursdwang": ("termijn om aan de last te voldoen",),
}


def reinspection_day(case: EnforcementCase, state: str, on: date) -> date:
    """The first day after the term the re-inspection follows (on its last day the offender may still comply)."""
    term = case.deadlines.filter(name__in=REINSPECTION_AFTER[state]).order_by("-started_on", "-id").first()
    return max(on, term.due_on + timedelta(days=1)) if term else on
