"""The legal guards of an enforcement step (docs/domain.md §5): pure functions of the facts of one step, each citing
its article and returning the Dutch reason it refuses (None when the step is lawful). The event specifications
(openvth.rules.enforcement_events) say which guards an event has; the services build the facts from stored records
and the synthetic generator's test from its rows, so both are judged by the same law.

Sources (Algemene wet bestuursrecht unless stated):
- 3:2: a decision is prepared with care: no step dated in the future or before the step it follows.
- 5:2(1): a sanction answers a violation: no step dated before the violation was found.
- 5:32a(1): no dwangsom is forfeited during the begunstigingstermijn; 5:24(2): no bestuursdwang during the term of
  the order; the LHSO's hersteltermijn: no voornemen while the warning's term runs. Each established by a real
  re-inspection (closed, of the establishment, dated after the term, recording the violation still present).
- 4:8: the zienswijzetermijn has passed before it is recorded as passed.
- 5:35: the power to collect lapses a year after forfeiture.
- 5:41-5:45, 5:53 (openvth.rules.enforcement.boete_permitted); 5:46(1): the boete stays within the statutory
  maximum (recorded with the report); 4:84: within the local policy, and a deviation from its fixed amount has
  reasons (5:46(3)).
- 5:44 and Sv 243(2), 257ba: una via both ways on the same facts (the same finding or findings).
- LHSO 2022 step 3: where consultation with police and OM is indicated, no sanction before it is recorded.
- 6:11: a late objection is declared inadmissible unless the lateness is excusable.
- 7:10(3), (4): the decision term on an objection is extended once by 6 weeks, within the term; further only with
  consent.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .enforcement import boete_permitted, collection_lapses_on, report_required
from .terms import DEFAULT_CALENDAR, AtwCalendar


@dataclass(frozen=True)
class Refusal:
    """Why a step is refused: the input it concerns and the Dutch reason naming its article."""

    field: str  # "step" when the step as such is refused
    reason: str


@dataclass(frozen=True)
class Evidence:
    """An inspection offered as proof that the violation continues (a re-inspection)."""

    inspection_id: int
    performed_on: date | None
    closed_on: date | None  # the day the inspection was closed; None while it is open
    same_establishment: bool
    violation_found: bool  # it records the violation still present (it has findings)


@dataclass(frozen=True)
class OtherSanction:
    """A sanction in any case (this one included) on one of the same findings: the same facts."""

    kind: str  # openvth.enforcement.models.Sanction.Kind values
    imposed_on: date
    case_id: int


@dataclass(frozen=True)
class Consultation:
    """The LHSO consultation of one finding of the case: whether indicated, and what was recorded."""

    indicated: bool
    partner: str = ""
    held_on: date | None = None
    outcome: str = ""

    @property
    def recorded(self) -> bool:
        return bool(self.partner and self.held_on and self.outcome.strip())


@dataclass(frozen=True)
class StepFacts:
    """Everything the guards of one step look at, as plain values."""

    route: str
    state: str
    event: str
    on: date
    today: date
    violation_on: date
    previous_on: date | None = None
    # the term a re-inspection follows (hersteltermijn, begunstigingstermijn, term of the order, tolerance) and proof
    term_end: date | None = None
    evidence: Evidence | None = None
    # the open deadlines of the case by code: the due day of the newest one
    open_deadlines: Mapping[str, date] = field(default_factory=dict)
    forfeited_on: date | None = None
    # boete
    boete_maximum: Decimal | None = None  # the statutory maximum recorded with the report
    reported_on: date | None = None
    amount: Decimal | None = None
    policy_amount: Decimal | None = None
    policy_maximum: Decimal | None = None
    deviation_reason: str = ""
    to_blame: bool = True
    hearing_started: bool = False
    also_crime: bool = False
    om_submitted_on: date | None = None
    om_answer: str = ""
    om_prosecutes_same_facts: bool = False  # the prosecutor prosecutes in another case on the same facts
    same_facts: tuple[OtherSanction, ...] = ()
    # LHSO step 3
    consultations: tuple[Consultation, ...] = ()
    # objection
    objection_in_time: bool = True
    objection_excusable: bool = False
    outcome: str = ""
    decision_due: date | None = None
    extensions: int = 0
    consent: bool = False
    atw: AtwCalendar = DEFAULT_CALENDAR


Guard = Callable[[StepFacts], Refusal | None]
BOETE, STRAFBESCHIKKING, PROCES_VERBAAL = "bestuurlijke_boete", "bestuurlijke_strafbeschikking", "proces_verbaal"


def _day(value: date) -> str:
    return f"{value:%d-%m-%Y}"


# --- time ------------------------------------------------------------------------------------------------------


def not_in_the_future(facts: StepFacts) -> Refusal | None:
    """Art. 3:2 Awb: a step is recorded once it was taken."""
    if facts.on > facts.today:
        return Refusal("on", f"De datum ligt in de toekomst ({_day(facts.on)}) (art. 3:2 Awb).")
    return None


def not_before_the_previous_step(facts: StepFacts) -> Refusal | None:
    """Art. 3:2 Awb: a step follows the one before it."""
    if facts.previous_on is not None and facts.on < facts.previous_on:
        return Refusal(
            "on", f"De datum ligt vóór de vorige stap van de zaak ({_day(facts.previous_on)}) (art. 3:2 Awb)."
        )
    return None


def not_before_the_violation(facts: StepFacts) -> Refusal | None:
    """Art. 5:2 lid 1 Awb: a sanction answers a violation, so nothing precedes the day it was found."""
    if facts.on < facts.violation_on:
        return Refusal(
            "on", f"De datum ligt vóór de vaststelling van de overtreding ({_day(facts.violation_on)}) (art. 5:2 Awb)."
        )
    return None


TIME_GUARDS: tuple[Guard, ...] = (not_in_the_future, not_before_the_previous_step, not_before_the_violation)


# --- re-inspection after a term --------------------------------------------------------------------------------


def _reinspection_problems(facts: StepFacts) -> list[str]:
    evidence = facts.evidence
    if evidence is None:
        return ["er is geen hercontrole vastgelegd"]
    problems = []
    if not evidence.same_establishment:
        problems.append("de inspectie is niet van deze vestiging")
    if evidence.performed_on is None or evidence.closed_on is None:
        problems.append("de inspectie is nog niet uitgevoerd en afgesloten")
    else:
        if facts.term_end is not None and evidence.performed_on <= facts.term_end:
            problems.append(
                f"de hercontrole van {_day(evidence.performed_on)} valt niet na het einde van de termijn "
                f"({_day(facts.term_end)}): tot en met die dag mag de overtreder nog voldoen"
            )
        if evidence.closed_on > facts.on or evidence.performed_on > facts.on:
            problems.append(f"de inspectie is pas op {_day(evidence.closed_on)} afgesloten")
    return problems


def _after_term(facts: StepFacts, what: str, article: str) -> Refusal | None:
    evidence = facts.evidence
    if evidence is None:
        return Refusal(
            "inspection",
            f"{what} vraagt een afgesloten hercontrole van de vestiging na afloop van de termijn waarin de overtreding "
            f"nog is vastgesteld; koppel die inspectie ({article}).",
        )
    problems = _reinspection_problems(facts)
    if evidence.performed_on is not None and evidence.closed_on is not None and not evidence.violation_found:
        problems.append("de hercontrole legt geen voortdurende overtreding vast")
    if problems:
        return Refusal("inspection", f"{what} kan niet: " + "; ".join(problems) + f" ({article}).")
    return None


def reinspection_after_the_term(facts: StepFacts) -> Refusal | None:
    """Art. 3:2 Awb with 5:32a lid 1, 5:24 lid 2 Awb and the LHSO's hersteltermijn: a re-inspection recorded as
    performed is a closed inspection of the establishment, performed after the term it follows (on its last day the
    offender may still comply) and not after the day it is recorded. Whether it found the violation going on is for
    the step that follows (a sanction, or compliance)."""
    if facts.evidence is None:
        return Refusal("inspection", "Kies de uitgevoerde en afgesloten hercontrole van de vestiging (art. 3:2 Awb).")
    problems = _reinspection_problems(facts)
    if problems:
        reason = "De hercontrole kan niet worden vastgelegd: " + "; ".join(problems) + " (art. 3:2 Awb)."
        return Refusal("inspection", reason)
    return None


def forfeiture_after_the_term(facts: StepFacts) -> Refusal | None:
    """Art. 5:32a lid 1 Awb: no dwangsom is forfeited during the begunstigingstermijn."""
    return _after_term(facts, "Verbeuren van de dwangsom", "art. 5:32a lid 1 Awb")


def bestuursdwang_after_the_term(facts: StepFacts) -> Refusal | None:
    """Art. 5:24 lid 2 Awb: bestuursdwang only once the term to comply with the order has passed."""
    return _after_term(facts, "Bestuursdwang toepassen", "art. 5:24 lid 2 Awb")


def voornemen_after_the_warning(facts: StepFacts) -> Refusal | None:
    """LHSO (hersteltermijn) and art. 4:8 Awb: a voornemen after a warning only on a re-inspection after its term
    (or the tolerance) that finds the violation still present. Without a preceding warning nothing is asked."""
    if facts.state != "hercontrole_na_waarschuwing":
        return None
    return _after_term(facts, "Een voornemen na de waarschuwing", "LHSO: hersteltermijn; art. 3:2 en 4:8 Awb")


# --- terms that must have passed -------------------------------------------------------------------------------


def view_term_passed(facts: StepFacts) -> Refusal | None:
    """Art. 4:8 Awb: the zienswijzetermijn has passed before it is recorded as passed."""
    due = facts.open_deadlines.get("zienswijzetermijn")
    if due is not None and facts.on <= due:
        return Refusal("on", f"De zienswijzetermijn loopt nog tot en met {_day(due)} (art. 4:8 Awb).")
    return None


def prosecutor_term_passed(facts: StepFacts) -> Refusal | None:
    """Art. 5:44 lid 2 Awb: no answer counts only once the prosecutor's 13 weeks have passed."""
    due = facts.open_deadlines.get("reactietermijn_om")
    if due is not None and facts.on <= due:
        return Refusal(
            "on", f"De 13 weken voor de officier van justitie lopen tot en met {_day(due)} (art. 5:44 lid 2 Awb)."
        )
    return None


def _collection_lapses(facts: StepFacts) -> date | None:
    return collection_lapses_on(facts.forfeited_on, facts.atw).due if facts.forfeited_on else None


def collection_not_lapsed(facts: StepFacts) -> Refusal | None:
    """Art. 5:35 Awb: the power to collect a forfeited dwangsom lapses a year after forfeiture."""
    lapses = _collection_lapses(facts)
    if lapses is None:
        return Refusal("step", "Er is geen dwangsom verbeurd (art. 5:37 Awb).")
    if facts.on > lapses:
        return Refusal(
            "on", f"De bevoegdheid tot invordering is verjaard op {_day(lapses)} (art. 5:35 Awb): kies 'verjaard'."
        )
    return None


def collection_lapsed(facts: StepFacts) -> Refusal | None:
    """Art. 5:35 Awb: recorded as lapsed only after the year has passed."""
    lapses = _collection_lapses(facts)
    if lapses is None:
        return Refusal("step", "Er is geen dwangsom verbeurd (art. 5:35 Awb).")
    if facts.on <= lapses:
        return Refusal("on", f"De invordering verjaart pas na {_day(lapses)} (art. 5:35 Awb).")
    return None


# --- bestuurlijke boete ----------------------------------------------------------------------------------------


def report_with_maximum(facts: StepFacts) -> Refusal | None:
    """Art. 5:48, 5:53 Awb: the boete follows a report that records the maximum the violation can bring."""
    if facts.boete_maximum is None or facts.reported_on is None:
        return Refusal(
            "boete_maximum", "Maak eerst het boeterapport op met het wettelijk maximum van de boete (art. 5:48 Awb)."
        )
    return None


def view_before_a_heavy_fine(facts: StepFacts) -> Refusal | None:
    """Art. 5:53 Awb: above € 340 a voornemen and the chance to give a view (given, or its term passed)."""
    if facts.boete_maximum is not None and report_required(facts.boete_maximum) and facts.state != "zienswijze":
        return Refusal(
            "step",
            f"De boete die kan worden opgelegd (ten hoogste € {facts.boete_maximum}) is hoger dan € 340: eerst een "
            "voornemen en de gelegenheid tot zienswijze, ontvangen of de termijn verstreken (art. 5:53 Awb).",
        )
    return None


def fine_within_the_maxima(facts: StepFacts) -> Refusal | None:
    """Art. 5:46 lid 1 Awb: never above the statutory maximum (recorded with the report); art. 4:84 Awb: nor above
    the maximum of the local policy for the type of violation."""
    if facts.amount is None:
        return Refusal("amount", "Vul het boetebedrag in (art. 5:46 Awb).")
    if facts.boete_maximum is not None and facts.amount > facts.boete_maximum:
        return Refusal(
            "amount",
            f"Het bedrag € {facts.amount} is hoger dan het wettelijk maximum € {facts.boete_maximum} uit het rapport "
            "(art. 5:46 lid 1 Awb).",
        )
    if facts.policy_maximum is not None and facts.amount > facts.policy_maximum:
        return Refusal(
            "amount",
            f"Het bedrag € {facts.amount} is hoger dan het maximum € {facts.policy_maximum} van het boetebeleid voor "
            "deze soort overtreding (art. 4:84 Awb).",
        )
    return None


def fixed_amount_or_reasons(facts: StepFacts) -> Refusal | None:
    """Art. 5:46 lid 3 en 4:84 Awb: a deviation from the policy's fixed amount is reasoned."""
    if (
        facts.policy_amount is not None
        and facts.amount is not None
        and facts.amount != facts.policy_amount
        and not facts.deviation_reason.strip()
    ):
        return Refusal(
            "deviation_reason",
            f"Het beleid noemt een vast bedrag van € {facts.policy_amount}: motiveer de afwijking "
            "(art. 5:46 lid 3 en 4:84 Awb).",
        )
    return None


def boete_lawful(facts: StepFacts) -> Refusal | None:
    """Art. 5:41, 5:43, 5:44, 5:45, 5:53 Awb through rules.boete_permitted, on the same facts across cases: a
    proces-verbaal on them makes the act a crime, so the prosecutor waives or lets 13 weeks pass first."""
    if facts.om_prosecutes_same_facts:
        return Refusal("step", "Geen bestuurlijke boete: het OM vervolgt voor dezelfde feiten (art. 5:44 Awb).")
    kinds = {s.kind for s in facts.same_facts}
    check = boete_permitted(
        on=facts.on,
        also_crime=facts.also_crime or PROCES_VERBAAL in kinds,
        submitted_to_om_on=facts.om_submitted_on,
        om_answer=facts.om_answer,
        hearing_started=facts.hearing_started,
        strafbeschikking_issued=STRAFBESCHIKKING in kinds,
        already_fined=BOETE in kinds,
        to_blame=facts.to_blame,
        boete_maximum=facts.boete_maximum,
        view_offered=True,  # 5:53 is view_before_a_heavy_fine's, with its own reason
        violation_on=facts.violation_on,
        atw=facts.atw,
    )
    if not check.allowed:
        return Refusal("step", "Geen bestuurlijke boete: " + "; ".join(check.reasons) + ".")
    return None


def no_criminal_route_after_a_boete(facts: StepFacts) -> Refusal | None:
    """Art. 243 lid 2 en 257ba Sv (una via): once fined, no strafbeschikking or proces-verbaal for the same facts."""
    return opening_refusal("strafrecht", facts.same_facts)


def opening_refusal(route: str, same_facts: tuple[OtherSanction, ...]) -> Refusal | None:
    """Una via when a case is opened on findings that already carry a sanction (any case): no criminal route after a
    boete (Sv 243(2), 257ba); no boete after a strafbeschikking (Awb 5:44(1)) or a second one (5:43)."""
    kinds = {s.kind for s in same_facts}
    if route == "strafrecht" and BOETE in kinds:
        return Refusal(
            "findings",
            "Voor dezelfde feiten is al een bestuurlijke boete opgelegd: geen strafbeschikking of proces-verbaal "
            "(una via, art. 243 lid 2 en 257ba Sv).",
        )
    if route == "boete" and STRAFBESCHIKKING in kinds:
        return Refusal(
            "findings",
            "Voor dezelfde feiten is een bestuurlijke strafbeschikking uitgevaardigd: geen bestuurlijke boete "
            "(una via, art. 5:44 lid 1 Awb).",
        )
    if route == "boete" and BOETE in kinds:
        return Refusal("findings", "Voor dezelfde feiten is al een bestuurlijke boete opgelegd (art. 5:43 Awb).")
    return None


# --- LHSO consultation -----------------------------------------------------------------------------------------


def consultation_recorded(facts: StepFacts) -> Refusal | None:
    """LHSO 2022 step 3: where consultation with police and OM is indicated, no sanction before it is recorded with
    partner, date and outcome, held on or before the step."""
    for consultation in facts.consultations:
        if not consultation.indicated:
            continue
        if not consultation.recorded:
            return Refusal(
                "consultation",
                "Afstemming met politie en OM is aangewezen: leg eerst partner, datum en uitkomst van het overleg vast "
                "bij de LHSO-afweging (LHSO stap 3).",
            )
        if consultation.held_on is not None and consultation.held_on > facts.on:
            return Refusal(
                "consultation",
                f"Het overleg met politie en OM is pas op {_day(consultation.held_on)} gevoerd, na deze stap "
                "(LHSO stap 3).",
            )
    return None


# --- objection -------------------------------------------------------------------------------------------------


def late_objection_inadmissible(facts: StepFacts) -> Refusal | None:
    """Art. 6:11 Awb: a late objection whose lateness is not excusable is declared inadmissible (or withdrawn)."""
    if not facts.outcome:
        return Refusal("outcome", "Kies de uitkomst van het bezwaar (art. 7:12 Awb).")
    if (
        not facts.objection_in_time
        and not facts.objection_excusable
        and facts.outcome not in ("inadmissible", "withdrawn")
    ):
        return Refusal(
            "outcome",
            "Het bezwaar is te laat ingediend en de termijnoverschrijding is niet verschoonbaar: verklaar het "
            "niet-ontvankelijk (art. 6:11 Awb).",
        )
    return None


def one_extension_within_the_term(facts: StepFacts) -> Refusal | None:
    """Art. 7:10 lid 3 Awb: the decision term is extended once, by 6 weeks, before it has ended."""
    if facts.extensions >= 1:
        return Refusal(
            "step",
            "De beslistermijn is al eens verdaagd; verder uitstel alleen met instemming van de indiener "
            "(art. 7:10 lid 3 en 4 Awb).",
        )
    if facts.decision_due is not None and facts.on > facts.decision_due:
        return Refusal(
            "on",
            f"De beslistermijn is verstreken op {_day(facts.decision_due)}: verdagen kan niet meer "
            "(art. 7:10 lid 3 Awb).",
        )
    return None


def postponement_with_consent(facts: StepFacts) -> Refusal | None:
    """Art. 7:10 lid 4 onder a Awb: a further postponement only with the consent of the objector."""
    if not facts.consent:
        return Refusal(
            "consent",
            "Verder uitstel van de beslissing op bezwaar vraagt instemming van de indiener (art. 7:10 lid 4 Awb).",
        )
    return None


# --- four eyes -------------------------------------------------------------------------------------------------


def four_eyes_refusal(*, required: bool, prepared_by: frozenset[int], user_id: int | None) -> str | None:
    """Local policy (internal control): who prepared the sanction decision (voornemen, report) does not take it."""
    if required and user_id is not None and user_id in prepared_by:
        return "Het beleid vraagt vier ogen: wie het voornemen of rapport opstelde, neemt het sanctiebesluit niet zelf."
    return None
