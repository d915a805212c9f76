"""One declared specification per event of an enforcement case (docs/domain.md §5). The routes' transition table
(openvth.rules.enforcement.ROUTES) says from which state an event leads to which on each route; this table says
everything else about the event: its label, the input it takes, its legal guards (openvth.rules.enforcement_guards),
the deadlines it starts and ends (by code), the letter it produces, the mandate it needs, who may take it, and
whether it is a sanction step or prepares one. The services, forms, API and the synthetic generator read it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from . import enforcement_guards as g
from .enforcement import CLOSE, ROUTES, next_state

# who may take a step (openvth.enforcement.permissions maps these to roles)
ANY = "enforcer"  # every enforcement role of the case's service
LEGAL = "legal"  # lawyers and managers: closing, tolerating and every sanction decision
WARNING = "warning"  # lawyers and managers; inspectors too where the local policy allows it
BOA = "boa"  # an inspector as buitengewoon opsporingsambtenaar: the proces-verbaal
ACTORS = (ANY, LEGAL, WARNING, BOA)

INTENDED = "intended"  # the mandate of a voornemen is that of the sanction it announces


@dataclass(frozen=True)
class EventSpec:
    label: str
    actor: str
    inputs: tuple[str, ...] = ()
    guards: tuple[g.Guard, ...] = ()  # besides the time guards every step has (enforcement_guards.TIME_GUARDS)
    starts: tuple[str, ...] = ()  # deadline codes (rules.enforcement.DEADLINE_LABELS) computed by rules.deadlines
    ends: tuple[str, ...] = ()  # deadline codes it handles; closing handles all
    letter: str | None = None  # the letter kind (enforcement.models.Letter.Kind) it produces
    decision_type: str | None = None  # the mandate it needs (register.DecisionType), INTENDED for a voornemen
    reason_required: bool = False
    sanction: bool = False  # a sanction step: the LHSO consultation comes first
    prepares: bool = False  # prepares a sanction decision (four eyes)
    decides_prepared: bool = False  # takes a sanction decision another may have prepared (four eyes)
    term: str = ""  # the deadline code of the term set with the event (term_amount, term_unit)
    follows_term: tuple[str, ...] = ()  # the term(s) its re-inspection must follow (evidence guard)

    @property
    def all_guards(self) -> tuple[g.Guard, ...]:
        return (*g.TIME_GUARDS, *self.guards)


TERM = ("term_amount", "term_unit")
C = g.consultation_recorded
OBJECTION_TERM = "bezwaartermijn"

_EVENTS: dict[str, EventSpec] = {
    # --- herstel
    "waarschuwen": EventSpec(
        "Waarschuwing versturen", WARNING, TERM, (C,), starts=("hersteltermijn",), letter="warning",
        decision_type="warning", sanction=True, term="hersteltermijn",
    ),
    "hercontrole_uitvoeren": EventSpec(
        "Herinspectie plannen", ANY, ends=("hersteltermijn", "begunstigingstermijn", "termijn_last",
                                            "einde_gedoogtermijn"),
    ),
    "voornemen_verzenden": EventSpec(
        "Voornemen versturen", LEGAL, (*TERM, "intended", "inspection"), (g.voornemen_after_the_warning, C),
        starts=("zienswijzetermijn",), letter="voornemen", decision_type=INTENDED, sanction=True, prepares=True,
        term="zienswijzetermijn", follows_term=("hersteltermijn", "einde_gedoogtermijn"),
    ),
    "zienswijze_ontvangen": EventSpec("Zienswijze ontvangen", ANY, ends=("zienswijzetermijn",)),
    "zienswijzetermijn_verstreken": EventSpec(
        "Zienswijzetermijn verstreken", ANY, guards=(g.view_term_passed,), ends=("zienswijzetermijn",)
    ),
    "last_onder_dwangsom_opleggen": EventSpec(
        "Last onder dwangsom opleggen", LEGAL, (*TERM, "amount", "basis", "maximum"), (C,),
        starts=("begunstigingstermijn", OBJECTION_TERM, "opheffing_mogelijk"), letter="last_onder_dwangsom",
        decision_type="last_onder_dwangsom", sanction=True, decides_prepared=True, term="begunstigingstermijn",
    ),
    "last_onder_bestuursdwang_opleggen": EventSpec(
        "Last onder bestuursdwang opleggen", LEGAL, (*TERM, "measures", "cost_recovery"), (C,),
        starts=("termijn_last", OBJECTION_TERM), letter="last_onder_bestuursdwang",
        decision_type="last_onder_bestuursdwang", sanction=True, decides_prepared=True, term="termijn_last",
    ),
    # urgent (Awb 4:11, 5:31): no voornemen, and no wait for a consultation while the danger lasts
    "spoedeisende_last_opleggen": EventSpec(
        "Spoedeisende last onder bestuursdwang (Awb 4:11)", LEGAL, (*TERM, "measures", "cost_recovery"),
        starts=("termijn_last", OBJECTION_TERM), letter="last_onder_bestuursdwang",
        decision_type="last_onder_bestuursdwang", reason_required=True, term="termijn_last",
    ),
    "spoedeisende_bestuursdwang": EventSpec(
        "Spoedeisende bestuursdwang (Awb 5:31)", LEGAL, ("measures",), decision_type="last_onder_bestuursdwang",
        reason_required=True,
    ),
    "last_opheffen": EventSpec("Last opheffen (Awb 5:34)", LEGAL, reason_required=True),
    "nageleefd": EventSpec("Last nageleefd", ANY),
    "verbeuren": EventSpec(
        "Dwangsom verbeurd", LEGAL, ("units", "inspection"), (g.forfeiture_after_the_term,),
        starts=("betaaltermijn_dwangsom", "verjaring_invordering"), follows_term=("begunstigingstermijn",),
    ),
    "betaald": EventSpec(
        "Betaald", ANY, ends=("betaaltermijn_dwangsom", "verjaring_invordering", "betaaltermijn_boete")
    ),
    "invorderingsbeschikking_nemen": EventSpec(
        "Invorderingsbeschikking nemen", LEGAL, guards=(g.collection_not_lapsed,), starts=(OBJECTION_TERM,),
        letter="invorderingsbeschikking", decision_type="invorderingsbeschikking",
    ),
    "invorderen": EventSpec("Invorderen", ANY, ends=("betaaltermijn_dwangsom", "betaaltermijn_boete")),
    "verjaard": EventSpec("Invordering verjaard (Awb 5:35)", ANY, guards=(g.collection_lapsed,)),
    "bestuursdwang_toepassen": EventSpec(
        "Bestuursdwang toepassen", LEGAL, ("inspection",), (g.bestuursdwang_after_the_term,),
        follows_term=("termijn_last",),
    ),
    "kosten_verhalen": EventSpec("Kosten verhalen", LEGAL, ("costs",)),
    "gedogen": EventSpec(
        "Gedoogbeschikking nemen", LEGAL, ("scope", "valid_from", "valid_to", "legalisation_prospect"), (C,),
        starts=("einde_gedoogtermijn", OBJECTION_TERM), ends=("hersteltermijn", "zienswijzetermijn"),
        letter="gedoogbeschikking", decision_type="gedoogbeschikking",
    ),
    # --- boete
    "voorleggen_aan_om": EventSpec("Voorleggen aan de officier van justitie", ANY, starts=("reactietermijn_om",)),
    "om_ziet_af": EventSpec("OM ziet af van vervolging", ANY, ends=("reactietermijn_om",)),
    "om_vervolgt": EventSpec("OM vervolgt", ANY),
    "om_termijn_verstreken": EventSpec(
        "OM antwoordde niet binnen 13 weken", ANY, guards=(g.prosecutor_term_passed,), ends=("reactietermijn_om",)
    ),
    "rapport_opmaken": EventSpec(
        "Boeterapport opmaken", ANY, ("boete_maximum", "adjourned"),
        starts=("beslistermijn_boete", "verval_boetebevoegdheid"), prepares=True,
    ),
    "boete_opleggen": EventSpec(
        "Bestuurlijke boete opleggen", LEGAL, ("amount", "deviation_reason", "to_blame", "hearing_started"),
        (g.report_with_maximum, g.view_before_a_heavy_fine, g.fine_within_the_maxima, g.fixed_amount_or_reasons,
         g.boete_lawful, C),
        starts=(OBJECTION_TERM, "betaaltermijn_boete"), ends=("beslistermijn_boete", "verval_boetebevoegdheid"),
        letter="bestuurlijke_boete", decision_type="bestuurlijke_boete", sanction=True, decides_prepared=True,
    ),  # fmt: skip
    # --- strafrecht
    "afstemmen_met_om": EventSpec("Afstemmen met politie en OM", ANY),
    "strafbeschikking_uitvaardigen": EventSpec(
        "Bestuurlijke strafbeschikking uitvaardigen", LEGAL, ("amount",), (g.no_criminal_route_after_a_boete, C),
        decision_type="bestuurlijke_strafbeschikking", sanction=True,
    ),
    "proces_verbaal_opmaken": EventSpec(
        "Proces-verbaal opmaken", BOA, ("reference",), (g.no_criminal_route_after_a_boete, C), sanction=True
    ),
    "insturen": EventSpec("Proces-verbaal insturen", ANY),
    "verzet_ingesteld": EventSpec("Verzet ingesteld", ANY),
    "om_afgedaan": EventSpec("Afgedaan door het OM", ANY),
    # --- bezwaar
    "horen": EventSpec("Bezwaarde gehoord", ANY),
    "beslistermijn_verdagen": EventSpec(
        "Beslistermijn verdagen met 6 weken (Awb 7:10 lid 3)", LEGAL, guards=(g.one_extension_within_the_term,),
        starts=("beslistermijn_bezwaar",), ends=("beslistermijn_bezwaar",),
    ),
    "beslistermijn_uitstellen": EventSpec(
        "Beslissing uitstellen met instemming (Awb 7:10 lid 4)", LEGAL, ("weeks", "consent"),
        (g.postponement_with_consent,), starts=("beslistermijn_bezwaar",), ends=("beslistermijn_bezwaar",),
    ),
    "beslissen": EventSpec(
        "Beslissen op bezwaar", LEGAL, ("outcome",), (g.late_objection_inadmissible,),
        ends=("beslistermijn_bezwaar",), decision_type="beslissing_op_bezwaar", reason_required=True,
    ),
    CLOSE: EventSpec("Zaak sluiten", LEGAL, reason_required=True),
}  # fmt: skip
EVENTS: Mapping[str, EventSpec] = MappingProxyType(_EVENTS)

# the log entry that links the performed re-inspection to a case in a re-inspection state (no change of state)
REINSPECTION_PERFORMED = "hercontrole_uitgevoerd"
# entries of the case log that are no step of a route
LOG_LABELS = {
    "openen": "Zaak geopend",
    "bezwaar_ontvangen": "Bezwaar ontvangen",
    REINSPECTION_PERFORMED: "Herinspectie uitgevoerd",
}
# the re-inspection states and the terms whose end their re-inspection follows
REINSPECTION_AFTER = {
    "hercontrole_na_waarschuwing": ("hersteltermijn", "einde_gedoogtermijn"),
    "hercontrole_dwangsom": ("begunstigingstermijn",),
    "hercontrole_bestuursdwang": ("termijn_last",),
}
# the deadlines whose end is the term of the sanction imposed by the same event
SANCTION_TERMS = frozenset({"hersteltermijn", "begunstigingstermijn", "termijn_last"})


def spec(event: str) -> EventSpec:
    if event not in EVENTS:
        raise ValueError(f"Onbekende stap '{event}'.")
    return EVENTS[event]


def label(event: str) -> str:
    return EVENTS[event].label if event in EVENTS else LOG_LABELS.get(event, event)


def transition(route: str, state: str, event: str, *, reason: str = "") -> str:
    """The state after `event`: allowed by the route's state machine here, with the reason its specification asks
    for; refused in Dutch otherwise (ValueError). The legal guards are judged separately (`refusals`)."""
    after = next_state(route, state, event)
    if EVENTS[event].reason_required and not reason.strip():
        raise ValueError(f"'{event}' vraagt een motivering.")
    return after


def route_events() -> set[str]:
    """Every event some state of some route allows (closing included)."""
    return {CLOSE} | {event for states in ROUTES.values() for events in states.values() for event in events}


def refusals(facts: g.StepFacts) -> tuple[g.Refusal, ...]:
    """Every guard of the event that refuses the step with these facts (empty: lawful)."""
    found = (guard(facts) for guard in spec(facts.event).all_guards)
    return tuple(refusal for refusal in found if refusal is not None)


INPUTS = tuple(sorted({name for event in EVENTS.values() for name in event.inputs}))
