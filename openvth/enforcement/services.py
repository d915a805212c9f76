"""Every write of enforcement's cases: the recorded LHSO step per finding, opening a case, and every transition of
its state machine (openvth.rules.enforcement) with the deadlines, sanctions and re-inspections it brings.

Each write runs in one transaction and is logged; a refused step raises a Dutch ValidationError (or
PermissionDenied) and stores nothing. Letters live in letters.py, configurable tables in configuration.py.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import uuid4

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from openvth.core import clock
from openvth.core.history import record_change, snapshot
from openvth.core.inputs import parse_date
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import author
from openvth.notifications import services as notifications
from openvth.register.services import require_mandate
from openvth.rules import enforcement, lhso
from openvth.rules import enforcement_events as events
from openvth.rules import enforcement_guards as guards
from openvth.supervision.models import Finding, Inspection, PlannedVisit, Programme

from . import letters, selectors, steps
from .models import CaseTransition, Deadline, EnforcementCase, Letter, LhsoDecision, Objection
from .permissions import check_step

REINSPECTION_HOURS = Decimal("2.0")  # a re-inspection checks the violations only: a short visit


def classify_finding(finding: Finding, *, behaviour: str, aspects=(), mitigating=(), consequences=None, on=None):
    """Steps 1-4 of the LHSO with the table in force for the finding's service: (table version, classification)."""
    version = selectors.lhso_table_version(finding.inspection.owner, on or clock.today())
    try:
        found = lhso.classify(
            consequences or finding.consequences, behaviour, aspects, mitigating, selectors.lhso_table(version)
        )
    except lhso.RuleError as exc:
        raise ValidationError({exc.field: [str(exc)]}) from None
    return version, found


@transaction.atomic
def record_lhso_decision(
    *,
    user,
    finding: Finding,
    behaviour: str,
    chosen: Iterable[str],
    aspects: Iterable[str] = (),
    mitigating: Iterable[str] = (),
    consequences: int | None = None,
    reasons: str = "",
    consultation_partner: str = "",
    consultation_held_on=None,
    consultation_outcome: str = "",
) -> LhsoDecision:
    """Step 5 of the LHSO: the cell, aspects, consultation, chosen interventions and reasons for any deviation."""
    check(user, Action.ENFORCE, finding.inspection)
    version, classification = classify_finding(
        finding, behaviour=behaviour, aspects=aspects, mitigating=mitigating, consequences=consequences
    )
    try:
        decision = classification.record(chosen, reasons or "")
    except lhso.RuleError as exc:
        raise ValidationError({exc.field: [str(exc)]}) from None
    if consultation_partner not in LhsoDecision.Partner.values:
        raise ValidationError({"consultation_partner": [f"Onbekende overlegpartner '{consultation_partner}'."]})
    held_on = None
    if consultation_held_on:
        held_on = parse_date(consultation_held_on, "consultation_held_on", "De datum van het overleg")
    if bool(consultation_partner) != bool(held_on):
        raise ValidationError(
            {"consultation_held_on": ["Vul bij een gevoerd overleg zowel de partner als de datum in."]}
        )
    if consultation_partner and not (consultation_outcome or "").strip():
        raise ValidationError({"consultation_outcome": ["Vul de uitkomst van het overleg in (LHSO stap 3)."]})
    if held_on is not None and held_on > clock.today():
        raise ValidationError(
            {"consultation_held_on": ["Het overleg ligt in de toekomst: leg het vast als het is gevoerd."]}
        )
    existing = LhsoDecision.objects.filter(finding=finding).first()
    before = snapshot(existing) if existing else None
    record = existing or LhsoDecision(finding=finding)
    record.table_version = version
    record.consequences = classification.consequences
    record.behaviour = classification.behaviour
    record.cell = decision.cell
    record.aspects, record.mitigating = list(decision.aspects), list(decision.mitigating)
    record.consultation_indicated = decision.consultation_indicated
    record.consultation_partner, record.consultation_held_on = consultation_partner, held_on
    record.consultation_outcome = (consultation_outcome or "").strip()
    record.advised_interventions, record.chosen_interventions = list(decision.advised), list(decision.chosen)
    record.deviation_reason = decision.reasons
    record.decided_by, record.decided_at = user, clock.now()
    record.save()
    action = ChangeRecord.Action.UPDATE if before else ChangeRecord.Action.CREATE
    record_change(record, user=user, action=action, before=before, note=f"LHSO-cel {decision.cell}")
    return record


# --- cases -----------------------------------------------------------------------------------------------------

# which route a chosen LHSO intervention starts (informing and addressing need no case)
ROUTE_OF_INTERVENTION = {
    **dict.fromkeys(
        ("warning", "last_onder_dwangsom", "last_onder_bestuursdwang", "suspension", "revocation", "closure"), "herstel"
    ),
    "bestuurlijke_boete": "boete",
    "bestuurlijke_strafbeschikking": "strafrecht",
    "proces_verbaal": "strafrecht",
}
ANNOUNCEABLE = ("last_onder_dwangsom", "last_onder_bestuursdwang", "bestuurlijke_boete")
OPENED = "openen"  # the log's first entry


def routes_for(decision: LhsoDecision) -> list[str]:
    """The routes the recorded LHSO decision calls for, in the order of the rule module's routes."""
    wanted = {ROUTE_OF_INTERVENTION[i] for i in decision.chosen_interventions if i in ROUTE_OF_INTERVENTION}
    return [route for route in enforcement.ROUTES if route in wanted]


def _event_day(value) -> date:
    day = parse_date(value, "on", "De datum") if value else clock.today()
    refused = guards.not_in_the_future(guards.StepFacts("", "", "", day, clock.today(), day))
    if refused is not None:
        raise ValidationError({refused.field: [refused.reason]})
    return day


def _add_deadline(case: EnforcementCase, deadline: enforcement.Deadline, *, event: str, on: date) -> Deadline:
    """Store a term the rule module computed for `event` on `on` as an open deadline of the case."""
    return Deadline.objects.create(
        case=case,
        code=deadline.code,
        event=event,
        started_on=on,
        due_on=deadline.due,
        source=deadline.source,
        statutory=deadline.statutory,
        extended_by_days=deadline.extended_by_days,
        passive=deadline.passive,
    )


def _log(
    case: EnforcementCase,
    *,
    user,
    event: str,
    from_state: str,
    on: date,
    note: str = "",
    reinspection=None,
    inspection=None,
):
    return CaseTransition.objects.create(
        case=case,
        event=event,
        from_state=from_state,
        to_state=case.state,
        on=on,
        by=author(user),
        note=note,
        reinspection=reinspection,
        inspection=inspection,
    )


def _new_case(*, user, establishment, route: str, on: date, parent: EnforcementCase | None = None, **values):
    case = EnforcementCase.objects.create(
        owner_id=getattr(user, "organisation_id", None) or establishment.supervising_service_id,
        competent_authority=establishment.competent_authority,
        establishment=establishment,
        reference=f"tmp-{uuid4().hex}",
        route=route,
        state=enforcement.INITIAL_STATE[route],
        opened_on=on,
        opened_by=user,
        parent=parent,
        **values,
    )
    case.reference = f"HH-{on.year}-{case.pk:06d}"
    case.save(update_fields=["reference"])
    return case


@transaction.atomic
def open_case(
    *,
    user,
    findings: Iterable[Finding],
    route: str,
    violation_type: str = "",
    also_crime: bool = False,
    on=None,
    note: str = "",
) -> EnforcementCase:
    """Open a case for findings of one establishment whose LHSO decision is recorded (LHSO step 5 comes first)."""
    findings = list(findings)
    if not findings:
        raise ValidationError({"findings": ["Een zaak gaat over ten minste één bevinding."]})
    establishments = {f.inspection.establishment_id for f in findings}
    if len(establishments) > 1:
        raise ValidationError({"findings": ["De bevindingen van één zaak horen bij één vestiging."]})
    establishment = findings[0].inspection.establishment
    check(user, Action.ENFORCE, establishment)
    if route not in enforcement.ROUTES or route == "bezwaar":
        choices = ", ".join(r for r in enforcement.ROUTES if r != "bezwaar")
        raise ValidationError({"route": [f"Onbekende route '{route}'; kies uit: {choices}."]})
    undecided = [f.pk for f in findings if not LhsoDecision.objects.filter(finding=f).exists()]
    if undecided:
        numbers = ", ".join(str(pk) for pk in undecided)
        raise ValidationError({"findings": [f"Leg eerst de LHSO-afweging vast van bevinding {numbers}."]})
    on = _event_day(on)
    found_on = min((f.inspection.performed_on for f in findings if f.inspection.performed_on), default=on)
    if on < found_on:
        reason = f"De zaak opent vóór de vaststelling van de overtreding ({found_on:%d-%m-%Y}) (art. 5:2 Awb)."
        raise ValidationError({"on": [reason]})
    refused = guards.opening_refusal(route, steps.same_facts(findings))
    if refused is not None:
        raise ValidationError({refused.field: [refused.reason]})
    kinds = {s.kind for s in steps.same_facts(findings)}
    if route == "boete" and guards.PROCES_VERBAAL in kinds and not also_crime:
        # a proces-verbaal on the same facts shows them to be a crime: the prosecutor first (Awb 5:44(2))
        also_crime = True
        note = f"{note.strip()} (ook strafbaar feit: er is een proces-verbaal opgemaakt)".strip()
    policy = selectors.local_policy(establishment.competent_authority, on)
    if violation_type and violation_type not in policy.violations:
        choices = ", ".join(policy.violations)
        message = f"Onbekende soort overtreding '{violation_type}'; kies uit: {choices}."
        raise ValidationError({"violation_type": [message]})
    case = _new_case(
        user=user, establishment=establishment, route=route, on=on, violation_type=violation_type, also_crime=also_crime
    )
    case.findings.set(findings)
    _log(case, user=user, event=OPENED, from_state="", on=on, note=note.strip())
    return case


def _decision_type(event: str, params: dict, case: EnforcementCase) -> str | None:
    decision_type = events.spec(event).decision_type
    if decision_type != events.INTENDED:
        return decision_type
    intended = params.get("intended") or ("bestuurlijke_boete" if case.route == "boete" else "")
    if intended not in ANNOUNCEABLE:
        raise ValidationError({"intended": ["Een voornemen noemt de sanctie die het aankondigt."]})
    params["intended"] = intended
    return intended


def _plan_reinspection(case: EnforcementCase, on: date, planned_on: date | None = None) -> Inspection:
    """The re-inspection after the term, in supervision, and in the service's programme of that year if it has one:
    on the day chosen (steps.plan_reinspection checked it), else the first day after the term."""
    day = planned_on or steps.reinspection_day(case, case.state, on)
    previous = Inspection.objects.filter(findings__in=case.findings.all()).order_by("-performed_on", "-id").first()
    inspection = Inspection.objects.create(
        owner=case.owner,
        establishment=case.establishment,
        kind=Inspection.Kind.REINSPECTION,
        planned_on=day,
        status=Inspection.Status.PLANNED,
        follows=previous,
    )
    programme = Programme.objects.filter(service=case.owner, year=day.year).first()
    if programme is not None:
        PlannedVisit.objects.create(
            programme=programme,
            establishment=case.establishment,
            month=day.month,
            kind=Inspection.Kind.REINSPECTION,
            hours=REINSPECTION_HOURS,
            source=PlannedVisit.Source.REINSPECTION,
            reason=f"Hercontrole handhavingszaak {case.reference}",
            inspection=inspection,
        )
    return inspection


def four_eyes(user, case: EnforcementCase, event: str, policy: enforcement.LocalPolicy) -> str:
    """Local policy: who prepared the sanction decision (voornemen, report) does not take it; the log says who
    prepared it. Awb 10:3(3): who took the contested decision does not decide the objection."""
    spec = events.spec(event)
    if event == "beslissen":
        objection = Objection.objects.select_related("letter__signed_by").filter(case=case).first()
        if objection is not None and user.pk is not None and objection.letter.signed_by_id == user.pk:
            raise PermissionDenied(
                "Wie het bestreden besluit nam, beslist niet op het bezwaar ertegen (art. 10:3 lid 3 Awb)."
            )
        return ""
    if not spec.decides_prepared:
        return ""
    prepared = case.transitions.filter(event__in=[e for e, s in events.EVENTS.items() if s.prepares])
    preparers = {entry.by_id: entry.by for entry in prepared.select_related("by") if entry.by_id}
    refused = guards.four_eyes_refusal(
        required=policy.four_eyes, prepared_by=frozenset(preparers), user_id=getattr(user, "pk", None)
    )
    if refused:
        raise PermissionDenied(refused)
    if policy.four_eyes and preparers:
        names = ", ".join(str(p) for p in preparers.values())
        return f"vier ogen: voorbereid door {names}, besloten door {user}"
    return ""


@transaction.atomic
def transition(
    *, user, case: EnforcementCase, event: str, on=None, note: str = "", draft: bool = False, **params
) -> EnforcementCase:
    """One step of the case through the rule module's state machine, as its event's specification says: refused in
    Dutch when the route does not allow it here (field `event`), when the user's role may not take it or holds no
    mandate for it (PermissionDenied), when a legal guard forbids it or its input is incomplete. `draft` (only
    draft_step, whose transaction is rolled back) renders a letter's text without its PDF."""
    case = EnforcementCase.objects.select_for_update().select_related("establishment__company").get(pk=case.pk)
    check(user, Action.ENFORCE, case)
    on = parse_date(on, "on", "De datum") if on else clock.today()
    note = (note or "").strip()
    allowed = event in enforcement.allowed_events(case.route, case.state)
    try:
        new_state = events.transition(case.route, case.state, event, reason=note)
    except ValueError as exc:  # not a step of this state, or one that needs a reason
        raise ValidationError({"note" if allowed else "event": [str(exc)]}) from None
    spec = events.spec(event)
    step = steps.Step(user=user, case=case, event=event, on=on, params=params, note=note)
    policy = step.policy
    check_step(user, event, policy)
    steps.check(step)
    decision_type = _decision_type(event, params, case) if spec.decision_type else None
    if decision_type is not None:
        amount = step.judged.amount if event == "boete_opleggen" else None  # the mandate's ceiling
        require_mandate(user, case.competent_authority, decision_type, on, amount)
    control = four_eyes(user, case, event, policy)
    if effect := steps.EFFECTS[event]:
        effect(step)
    step.note = "; ".join(filter(None, [step.note, control]))
    case.deadlines.filter(code__in=spec.ends, done_on__isnull=True).update(done_on=on)
    try:
        computed = enforcement.deadlines(event, on, step.deadline_params) + step.extra_deadlines
    except ValueError as exc:
        raise ValidationError({"term_amount": [str(exc)]}) from None
    for deadline in computed:
        _add_deadline(case, deadline, event=event, on=on)
        if step.sanction is not None and deadline.code in events.SANCTION_TERMS:
            step.sanction.term_end = deadline.due
            step.sanction.save(update_fields=["term_end"])
    from_state, case.state = case.state, new_state
    if new_state == enforcement.CLOSED:
        case.closed_on, case.close_reason = on, note
        case.deadlines.filter(done_on__isnull=True).update(done_on=on)
    case.save()
    by_id = getattr(user, "pk", None)  # who may sign what the step prepared is told (not in a draft: rolled back)
    transaction.on_commit(lambda: notifications.decision_to_sign(case.pk, by_id=by_id), robust=True)
    reinspection = (
        _plan_reinspection(case, on, step.planned_on)
        if new_state in events.REINSPECTION_AFTER and from_state != new_state
        else None
    )
    if decision_type is not None and spec.letter is not None:
        letters.issue(
            user=user,
            case=case,
            kind=spec.letter,
            on=on,
            sanction=step.sanction,
            intended=params.get("intended", "") if spec.letter == Letter.Kind.VOORNEMEN else "",
            tolerance=step.tolerance,
            draft=draft,
        )
    _log(
        case,
        user=user,
        event=event,
        from_state=from_state,
        on=on,
        note=step.note,
        reinspection=reinspection,
        inspection=step.evidence,
    )
    return case


@dataclass
class StepDraft:
    """What a step would do, computed by taking it in a transaction that is rolled back: nothing is stored."""

    event: str
    label: str
    state: str  # the state after the step
    letter: Letter | None = None  # the draft letter (text, not signed, no PDF)
    deadlines: list[Deadline] = field(default_factory=list)  # the terms the step starts
    ended: list[Deadline] = field(default_factory=list)  # the running terms the step ends
    reinspection: Inspection | None = None  # the re-inspection it plans


class _RolledBack(Exception):
    def __init__(self, draft: StepDraft):
        super().__init__(draft.event)
        self.draft = draft


def draft_step(*, user, case: EnforcementCase, event: str, on=None, note: str = "", **params) -> StepDraft:
    """The step as `transition` takes it, with every check, mandate and guard, but rolled back: the draft letter to
    preview before signing and what the step does, for its confirmation. Refused as `transition` refuses."""
    before = set(case.letters.values_list("pk", flat=True))
    existing = set(case.deadlines.values_list("pk", flat=True))  # the step's own terms are the ones it adds
    running = {d.pk: d for d in case.deadlines.filter(done_on__isnull=True)}
    try:
        with transaction.atomic():
            after = transition(user=user, case=case, event=event, on=on, note=note, draft=True, **params)
            new_letter = after.letters.exclude(pk__in=before).order_by("-id").first()
            still = set(after.deadlines.filter(done_on__isnull=True).values_list("pk", flat=True))
            entry = after.transitions.order_by("-id").first()
            raise _RolledBack(
                StepDraft(
                    event=event,
                    label=events.label(event),
                    state=after.state,
                    letter=new_letter,
                    deadlines=list(after.deadlines.exclude(pk__in=existing).order_by("due_on")),
                    ended=[d for pk, d in running.items() if pk not in still],
                    reinspection=entry.reinspection if entry is not None else None,
                )
            )
    except _RolledBack as rolled_back:
        return rolled_back.draft


@transaction.atomic
def record_reinspection(*, user, case: EnforcementCase, inspection: Inspection, note: str = "") -> CaseTransition:
    """ "Herinspectie uitgevoerd": link the performed, closed re-inspection of the establishment after the term to a
    case in a re-inspection state (the proof its next step judges); the case keeps its state. Dated the day the
    inspection was performed."""
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    check(user, Action.ENFORCE, case)
    if case.state not in events.REINSPECTION_AFTER:
        raise ValidationError({"inspection": ["De zaak wacht niet op een herinspectie."]})
    visible = Inspection.objects.visible_to(user)
    if not visible.filter(pk=inspection.pk).exists():
        raise ValidationError({"inspection": [f"Inspectie {inspection.pk} bestaat niet of is niet zichtbaar."]})
    today = clock.today()
    facts = guards.StepFacts(
        route=case.route,
        state=case.state,
        event=events.REINSPECTION_PERFORMED,
        on=today,
        today=today,
        violation_on=steps.violation_date(case),
        term_end=steps.reinspection_term_end(case, case.state),
        evidence=steps.evidence_of(inspection, case),
    )
    refused = guards.reinspection_after_the_term(facts)
    if refused is not None:
        raise ValidationError({refused.field: [refused.reason]})
    found = "de overtreding duurt voort" if inspection.findings.exists() else "geen overtreding meer vastgesteld"
    note = "; ".join(filter(None, [(note or "").strip(), found]))
    return _log(
        case,
        user=user,
        event=events.REINSPECTION_PERFORMED,
        from_state=case.state,
        on=inspection.performed_on,
        note=note,
        inspection=inspection,
    )


@transaction.atomic
def lodge_objection(
    *, user, letter: Letter, received_on, note: str = "", excusable: bool = False, excuse: str = "",
    committee: bool = False,
) -> Objection:  # fmt: skip
    """Bezwaar against a decision of a case: a case of its own on the route "bezwaar". The objection term is 6 weeks
    from the day after the decision was sent (Awb 6:7, 6:8; a letter is sent on the day it is decided); a late
    objection is marked for inadmissibility unless its lateness is excusable (6:11). The decision term is 6 weeks,
    12 with an advisory committee, from the end of the objection term (7:10), in the work queue."""
    parent = letter.case
    check(user, Action.ENFORCE, parent)
    if not letter.is_decision:
        raise ValidationError({"letter": [f"Tegen een {letter.get_kind_display()} staat geen bezwaar open."]})
    received_on = _event_day(received_on)
    if received_on < letter.decided_on:
        raise ValidationError({"received_on": ["Het bezwaar is ontvangen vóór het besluit."]})
    term = enforcement.objection_deadline(letter.decided_on)
    in_time = received_on <= term.due
    excuse = (excuse or "").strip()
    if excusable and not in_time and not excuse:
        raise ValidationError(
            {"excuse": ["Geef aan waarom de termijnoverschrijding verschoonbaar is (art. 6:11 Awb)."]}
        )
    case = _new_case(
        user=user,
        establishment=parent.establishment,
        route="bezwaar",
        on=received_on,
        parent=parent,
        violation_type=parent.violation_type,
    )
    case.findings.set(parent.findings.all())
    objection = Objection.objects.create(
        case=case,
        letter=letter,
        received_on=received_on,
        term_end=term.due,
        in_time=in_time,
        excusable=bool(excusable) and not in_time,
        excuse=excuse if not in_time else "",
        committee=bool(committee),
    )
    parent.deadlines.filter(code=term.code, started_on=letter.decided_on, done_on__isnull=True).update(
        done_on=received_on
    )
    decide = enforcement.objection_decision_deadline(term.due, received_on, committee=bool(committee))
    _add_deadline(case, decide, event="bezwaar_ontvangen", on=received_on)
    if in_time:
        timing = "tijdig"
    elif objection.excusable:
        timing = f"te laat, verschoonbaar: {excuse}"
    else:
        timing = (
            f"te laat: de termijn eindigde op {term.due:%d-%m-%Y}; voor niet-ontvankelijkverklaring (art. 6:11 Awb)"
        )
    note = f"{note.strip()} ({timing})".strip()
    _log(case, user=user, event="bezwaar_ontvangen", from_state="", on=received_on, note=note)
    return objection
