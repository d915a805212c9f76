"""Enforcement cases under the Awb (docs/domain.md §5): routes as transition tables, their deadlines, the una via rule,
limitation periods, dwangsom forfeiture, tolerance, and the local policy on terms and amounts.

Sources (Algemene wet bestuursrecht unless stated):
- 4:8, 4:11: an intended burdensome decision (voornemen) and a chance to give a view (zienswijze), unless urgent.
- 5:24, 5:25: last onder bestuursdwang states the measures and a term to comply; the costs are recoverable.
  5:31: in urgent cases bestuursdwang without a prior order.
- 5:32a: a last onder dwangsom that ends or prevents a violation has a begunstigingstermijn; 5:32b: the penalty is a
  lump sum, per time unit or per breach, with a maximum. 5:33: forfeited sums are payable within 6 weeks.
  5:34(2): lifting on request once the order has been in force a year without forfeiture. 5:35: the power to
  collect lapses 1 year after forfeiture. 5:37: collection needs an invorderingsbeschikking.
- 5:41 no boete without blame; 5:43 one boete per offence; 5:44 una via: no boete once the criminal hearing has
  begun or a strafbeschikking was issued; a fact that is also a crime goes to the prosecutor first, a boete only
  once he waives or has not answered within 13 weeks. 5:45: the power to fine lapses after 3 years, after 5 years
  where 5:53 applies. 5:51: decide within 13 weeks of the report, adjournable once by 13 weeks. 5:53: where the
  boete that can be imposed exceeds €340, a report and a zienswijze are required. 4:87(1): pay within 6 weeks.
- 6:7, 6:8: objection within 6 weeks, from the day after the decision was made known.
- Algemene termijnenwet: only terms set by law are extended (openvth.rules.terms); terms an authority sets in a
  letter or order (hersteltermijn, zienswijzetermijn, begunstigingstermijn) are plain calendar periods.
- Tolerance (gedogen): explicit, in writing, limited in scope and time, with a concrete prospect of legalisation
  (national policy framework on tolerance, "Gedogen in Nederland", 1996).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from .terms import DEFAULT_CALENDAR, AtwCalendar, Unit, add_months, calendar_end, term_end

Term = tuple[int, Unit]

# ---------------------------------------------------------------------------------------------------------- routes

CLOSED = "afgesloten"
CLOSE = "sluiten"  # allowed from every open state, always with a reason (enforcement_events: reason_required)

STATE_LABELS = {
    "geconstateerd": "overtreding geconstateerd",
    "waarschuwing": "waarschuwing verzonden, hersteltermijn loopt",
    "hercontrole_na_waarschuwing": "hercontrole na de hersteltermijn",
    "voornemen": "voornemen verzonden, zienswijzetermijn loopt",
    "zienswijze": "zienswijze ontvangen of termijn verstreken",
    "last_onder_dwangsom": "last onder dwangsom van kracht",
    "hercontrole_dwangsom": "hercontrole na de begunstigingstermijn",
    "verbeurd": "dwangsom verbeurd",
    "invorderingsbeschikking": "invorderingsbeschikking genomen",
    "invordering": "invordering loopt",
    "last_onder_bestuursdwang": "last onder bestuursdwang opgelegd",
    "hercontrole_bestuursdwang": "hercontrole na de termijn van de last",
    "bestuursdwang_toegepast": "bestuursdwang toegepast",
    "kostenverhaal": "kosten van bestuursdwang verhaald",
    "gedoogd": "gedoogbeschikking van kracht",
    "voorgelegd_aan_om": "voorgelegd aan de officier van justitie",
    "om_akkoord": "OM ziet af of antwoordde niet binnen 13 weken",
    "rapport": "boeterapport opgemaakt",
    "boete_opgelegd": "bestuurlijke boete opgelegd",
    "afstemming": "afgestemd met politie en OM",
    "strafbeschikking": "bestuurlijke strafbeschikking uitgevaardigd",
    "proces_verbaal": "proces-verbaal opgemaakt",
    "bij_om": "bij het OM",
    "ingediend": "bezwaar ingediend",
    "gehoord": "bezwaarde gehoord",
    CLOSED: "afgesloten",
}

_VIEW = {"zienswijze_ontvangen": "zienswijze", "zienswijzetermijn_verstreken": "zienswijze"}

ROUTES: Mapping[str, Mapping[str, Mapping[str, str]]] = {
    # herstel (reparatoir): warning → re-inspection → voornemen → zienswijze → order → re-inspection → ...
    "herstel": {
        "geconstateerd": {
            "waarschuwen": "waarschuwing",
            "voornemen_verzenden": "voornemen",
            "spoedeisende_bestuursdwang": "bestuursdwang_toegepast",  # 5:31
            "spoedeisende_last_opleggen": "last_onder_bestuursdwang",  # 4:11: no zienswijze when urgent
            "gedogen": "gedoogd",
        },
        "waarschuwing": {"hercontrole_uitvoeren": "hercontrole_na_waarschuwing", "gedogen": "gedoogd"},
        "hercontrole_na_waarschuwing": {"voornemen_verzenden": "voornemen", "gedogen": "gedoogd"},
        "voornemen": _VIEW,
        "zienswijze": {
            "last_onder_dwangsom_opleggen": "last_onder_dwangsom",
            "last_onder_bestuursdwang_opleggen": "last_onder_bestuursdwang",
            "gedogen": "gedoogd",
        },
        "last_onder_dwangsom": {"hercontrole_uitvoeren": "hercontrole_dwangsom", "last_opheffen": CLOSED},  # 5:34
        "hercontrole_dwangsom": {"nageleefd": "last_onder_dwangsom", "verbeuren": "verbeurd"},
        "verbeurd": {
            "betaald": "last_onder_dwangsom",
            "invorderingsbeschikking_nemen": "invorderingsbeschikking",  # 5:37
            "verjaard": CLOSED,  # 5:35
        },
        "invorderingsbeschikking": {"invorderen": "invordering", "betaald": "last_onder_dwangsom"},
        "invordering": {"betaald": "last_onder_dwangsom"},
        "last_onder_bestuursdwang": {"hercontrole_uitvoeren": "hercontrole_bestuursdwang"},
        "hercontrole_bestuursdwang": {"bestuursdwang_toepassen": "bestuursdwang_toegepast"},
        "bestuursdwang_toegepast": {"kosten_verhalen": "kostenverhaal"},  # 5:25
        "kostenverhaal": {"betaald": CLOSED},
        "gedoogd": {"hercontrole_uitvoeren": "hercontrole_na_waarschuwing"},
        CLOSED: {},
    },
    # bestraffend: una via first where the act is also a crime, then report, zienswijze and boete
    "boete": {
        "geconstateerd": {"voorleggen_aan_om": "voorgelegd_aan_om", "rapport_opmaken": "rapport"},
        "voorgelegd_aan_om": {"om_ziet_af": "om_akkoord", "om_termijn_verstreken": "om_akkoord", "om_vervolgt": CLOSED},
        "om_akkoord": {"rapport_opmaken": "rapport"},
        "rapport": {"voornemen_verzenden": "voornemen", "boete_opleggen": "boete_opgelegd"},
        "voornemen": _VIEW,
        "zienswijze": {"boete_opleggen": "boete_opgelegd"},
        "boete_opgelegd": {"betaald": CLOSED, "invorderen": "invordering"},
        "invordering": {"betaald": CLOSED},
        CLOSED: {},
    },
    # strafrechtelijk: consultation with police and OM, bestuurlijke strafbeschikking or proces-verbaal
    "strafrecht": {
        "geconstateerd": {
            "afstemmen_met_om": "afstemming",
            "strafbeschikking_uitvaardigen": "strafbeschikking",
            "proces_verbaal_opmaken": "proces_verbaal",
        },
        "afstemming": {"strafbeschikking_uitvaardigen": "strafbeschikking", "proces_verbaal_opmaken": "proces_verbaal"},
        "strafbeschikking": {"betaald": CLOSED, "verzet_ingesteld": "bij_om"},
        "proces_verbaal": {"insturen": "bij_om"},
        "bij_om": {"om_afgedaan": CLOSED},
        CLOSED: {},
    },
    # bezwaar against any decision of the other routes
    "bezwaar": {
        "ingediend": {
            "horen": "gehoord",
            "beslissen": CLOSED,
            "beslistermijn_verdagen": "ingediend",  # 7:10(3)
            "beslistermijn_uitstellen": "ingediend",  # 7:10(4)
        },
        "gehoord": {"beslissen": CLOSED, "beslistermijn_verdagen": "gehoord", "beslistermijn_uitstellen": "gehoord"},
        CLOSED: {},
    },
}
INITIAL_STATE = {route: next(iter(states)) for route, states in ROUTES.items()}


def allowed_events(route: str, state: str) -> tuple[str, ...]:
    """The events that may happen to a case of `route` in `state`; closing is allowed from every open state."""
    if route not in ROUTES:
        raise ValueError(f"Onbekende route '{route}'; kies uit: {', '.join(ROUTES)}.")
    if state not in ROUTES[route]:
        raise ValueError(f"Route {route} kent geen stand '{state}'; wel: {', '.join(ROUTES[route])}.")
    events = tuple(ROUTES[route][state])
    return events if state == CLOSED else (*events, CLOSE)


def next_state(route: str, state: str, event: str) -> str:
    """The state after `event` in the route's state machine; an event the route does not allow here is refused in
    Dutch. The event's other rules (a reason, its guards) are in openvth.rules.enforcement_events."""
    events = allowed_events(route, state)
    if event not in events:
        allowed = ", ".join(events) if events else "geen: de zaak is afgesloten"
        raise ValueError(
            f"'{event}' kan niet in stand '{state}' ({STATE_LABELS[state]}) van route {route}; toegestaan: {allowed}."
        )
    return CLOSED if event == CLOSE else ROUTES[route][state][event]


# ------------------------------------------------------------------------------------------------------- deadlines


# the terms of a case by code (the key everywhere) with their label (shown, never a key)
DEADLINE_LABELS = {
    "hersteltermijn": "hersteltermijn",
    "zienswijzetermijn": "zienswijzetermijn",
    "begunstigingstermijn": "begunstigingstermijn",
    "termijn_last": "termijn om aan de last te voldoen",
    "bezwaartermijn": "bezwaartermijn",
    "opheffing_mogelijk": "opheffing op verzoek mogelijk",
    "betaaltermijn_dwangsom": "betaaltermijn verbeurde dwangsom",
    "verjaring_invordering": "verjaring invordering dwangsom",
    "reactietermijn_om": "reactietermijn officier van justitie",
    "beslistermijn_boete": "beslistermijn bestuurlijke boete",
    "verval_boetebevoegdheid": "verval boetebevoegdheid",
    "betaaltermijn_boete": "betaaltermijn bestuurlijke boete",
    "einde_gedoogtermijn": "einde gedoogtermijn",
    "beslistermijn_bezwaar": "beslistermijn bezwaar",
}
# deadlines that pass without anyone acting: shown while they run, never overdue
PASSIVE_DEADLINES = frozenset({"bezwaartermijn", "opheffing_mogelijk"})


@dataclass(frozen=True)
class Deadline:
    code: str  # a key of DEADLINE_LABELS
    due: date
    source: str
    statutory: bool  # set by law, so extended by the Algemene termijnenwet
    extended_by_days: int = 0

    @property
    def name(self) -> str:
        return DEADLINE_LABELS[self.code]

    @property
    def passive(self) -> bool:
        return self.code in PASSIVE_DEADLINES


def _statutory(code: str, event_on: date, amount: int, unit: Unit, source: str, atw: AtwCalendar) -> Deadline:
    end = term_end(event_on, amount, unit, statutory=True, atw=atw)
    return Deadline(code, end.end, source, True, end.extended_by_days)


def _set_term(code: str, event_on: date, term: Term | None, source: str) -> Deadline:
    if term is None:
        raise ValueError(f"De {DEADLINE_LABELS[code]} ontbreekt: geef de termijn uit de brief of de last.")
    return Deadline(code, calendar_end(event_on, term[0], term[1]), source, False)


def objection_deadline(made_known_on: date, atw: AtwCalendar = DEFAULT_CALENDAR) -> Deadline:
    """6:7, 6:8: six weeks from the day after the decision was made known (sent: 3:41)."""
    return _statutory("bezwaartermijn", made_known_on, 6, Unit.WEEKS, "art. 6:7 en 6:8 Awb", atw)


OBJECTION_EXTENSION_WEEKS = 6  # 7:10(3)


def objection_decision_deadline(
    objection_term_end: date, received_on: date, *, committee: bool, atw: AtwCalendar = DEFAULT_CALENDAR
) -> Deadline:
    """7:10(1): decide within 6 weeks, 12 with an advisory committee (7:13), from the day after the objection term
    ended; for a late objection from the day after it was received (the term cannot end before it exists)."""
    weeks, source = (12, "art. 7:10 lid 1 Awb (adviescommissie)") if committee else (6, "art. 7:10 lid 1 Awb")
    return _statutory("beslistermijn_bezwaar", max(objection_term_end, received_on), weeks, Unit.WEEKS, source, atw)


def objection_decision_extended(due: date, *, weeks: int = OBJECTION_EXTENSION_WEEKS, consent: bool = False,
                                atw: AtwCalendar = DEFAULT_CALENDAR) -> Deadline:  # fmt: skip
    """7:10(3): once by 6 weeks (a statutory term); 7:10(4)(a): further with the objector's consent, for the period
    agreed (a term set by agreement, not by law: no Atw)."""
    if consent:
        return Deadline("beslistermijn_bezwaar", calendar_end(due, weeks, Unit.WEEKS), "art. 7:10 lid 4 Awb", False)
    return _statutory("beslistermijn_bezwaar", due, weeks, Unit.WEEKS, "art. 7:10 lid 3 Awb", atw)


def report_required(boete_maximum: Decimal) -> bool:
    """5:53(1): a report and a zienswijze where the boete that can be imposed (not the one chosen) exceeds €340."""
    return boete_maximum > Decimal(340)


def boete_lapses_on(violation_on: date, boete_maximum: Decimal, atw: AtwCalendar = DEFAULT_CALENDAR) -> Deadline:
    """5:45: the power to fine lapses 3 years after the violation, 5 years where 5:53 applies."""
    if report_required(boete_maximum):
        return _statutory("verval_boetebevoegdheid", violation_on, 60, Unit.MONTHS, "art. 5:45 lid 2 Awb", atw)
    return _statutory("verval_boetebevoegdheid", violation_on, 36, Unit.MONTHS, "art. 5:45 lid 1 Awb", atw)


def collection_lapses_on(forfeited_on: date, atw: AtwCalendar = DEFAULT_CALENDAR) -> Deadline:
    return _statutory("verjaring_invordering", forfeited_on, 12, Unit.MONTHS, "art. 5:35 Awb", atw)


def lifting_possible_from(in_force_on: date, last_forfeited_on: date | None = None) -> date:
    """5:34(2): a year in force without forfeiture; counted from the last forfeiture, if any. A date from which a
    request may succeed, not a term to act within: no Atw."""
    return add_months(max(in_force_on, last_forfeited_on or in_force_on), 12)


@dataclass(frozen=True)
class DeadlineParams:
    """What the deadlines of an event need beyond its date. `term` is the term set in the letter or order (from the
    local policy or the decision itself)."""

    term: Term | None = None
    violation_on: date | None = None
    boete_maximum: Decimal | None = None
    adjourned: bool = False  # 5:51(2)
    tolerance_until: date | None = None
    atw: AtwCalendar = DEFAULT_CALENDAR


def deadlines(event: str, on: date, params: DeadlineParams = DeadlineParams()) -> list[Deadline]:
    """The deadlines that `event` on day `on` starts; events that start none give []."""
    atw, term = params.atw, params.term
    if event == "waarschuwen":
        return [_set_term("hersteltermijn", on, term, "waarschuwing (LHSO; lokaal beleid)")]
    if event == "voornemen_verzenden":
        return [_set_term("zienswijzetermijn", on, term, "art. 4:8 Awb; termijn in het voornemen")]
    if event == "last_onder_dwangsom_opleggen":
        return [
            _set_term("begunstigingstermijn", on, term, "art. 5:32a Awb; termijn in de last"),
            objection_deadline(on, atw),
            Deadline("opheffing_mogelijk", lifting_possible_from(on), "art. 5:34 lid 2 Awb", False),
        ]
    if event in ("last_onder_bestuursdwang_opleggen", "spoedeisende_last_opleggen"):
        return [
            _set_term("termijn_last", on, term, "art. 5:24 Awb; termijn in de last"),
            objection_deadline(on, atw),
        ]
    if event == "verbeuren":
        return [
            _statutory("betaaltermijn_dwangsom", on, 6, Unit.WEEKS, "art. 5:33 Awb", atw),
            collection_lapses_on(on, atw),
        ]
    if event == "invorderingsbeschikking_nemen":
        return [objection_deadline(on, atw)]
    if event == "voorleggen_aan_om":
        return [_statutory("reactietermijn_om", on, 13, Unit.WEEKS, "art. 5:44 Awb", atw)]
    if event == "rapport_opmaken":
        weeks = 26 if params.adjourned else 13
        source = "art. 5:51 lid 1 en 2 Awb" if params.adjourned else "art. 5:51 lid 1 Awb"
        found = [_statutory("beslistermijn_boete", on, weeks, Unit.WEEKS, source, atw)]
        if params.violation_on and params.boete_maximum is not None:
            found.append(boete_lapses_on(params.violation_on, params.boete_maximum, atw))
        return found
    if event == "boete_opleggen":
        return [
            objection_deadline(on, atw),
            _statutory("betaaltermijn_boete", on, 6, Unit.WEEKS, "art. 4:87 lid 1 Awb", atw),
        ]
    if event == "gedogen":
        if params.tolerance_until is None:
            raise ValueError("Een gedoogbeschikking heeft een einddatum.")
        return [
            Deadline("einde_gedoogtermijn", params.tolerance_until, "gedoogbeschikking", False),
            objection_deadline(on, atw),
        ]
    return []


# --------------------------------------------------------------------------------------------- una via and blame


@dataclass(frozen=True)
class BoeteCheck:
    allowed: bool
    reasons: tuple[str, ...]
    allowed_from: date | None = None  # when waiting for the prosecutor: the first day a boete may follow


OM_WAIVED, OM_PROSECUTES = "afgezien", "vervolgen"


def boete_permitted(
    *,
    on: date,
    also_crime: bool,
    submitted_to_om_on: date | None = None,
    om_answer: str = "",
    hearing_started: bool = False,
    strafbeschikking_issued: bool = False,
    already_fined: bool = False,
    to_blame: bool = True,
    boete_maximum: Decimal | None = None,
    view_offered: bool = False,
    violation_on: date | None = None,
    atw: AtwCalendar = DEFAULT_CALENDAR,
) -> BoeteCheck:
    """May a bestuurlijke boete be imposed on day `on`? Blame (5:41), once per offence (5:43), una via (5:44),
    lapse (5:45, when `violation_on` and `boete_maximum` are given), report and zienswijze above €340 (5:53)."""
    if om_answer not in ("", OM_WAIVED, OM_PROSECUTES):
        raise ValueError(f"Antwoord van het OM is leeg, '{OM_WAIVED}' of '{OM_PROSECUTES}', niet '{om_answer}'.")
    blocked = []
    if not to_blame:
        blocked.append("de overtreder valt niets te verwijten (art. 5:41 Awb)")
    if already_fined:
        blocked.append("voor deze overtreding is al een boete opgelegd (art. 5:43 Awb)")
    if hearing_started:
        blocked.append("het onderzoek ter terechtzitting in de strafzaak is begonnen (art. 5:44 lid 1 Awb)")
    if strafbeschikking_issued:
        blocked.append("er is een strafbeschikking uitgevaardigd (art. 5:44 lid 1 Awb)")
    if boete_maximum is not None and report_required(boete_maximum) and not view_offered:
        blocked.append("boven € 340: eerst een rapport en gelegenheid tot zienswijze (art. 5:53 Awb)")
    if violation_on is not None and boete_maximum is not None:
        lapse = boete_lapses_on(violation_on, boete_maximum, atw)
        if on > lapse.due:
            blocked.append(f"de bevoegdheid is vervallen op {lapse.due.isoformat()} ({lapse.source})")
    allowed_from = None
    if also_crime and submitted_to_om_on is None:
        blocked.append("het feit is ook een strafbaar feit: leg het eerst voor aan de officier van justitie")
    elif also_crime and submitted_to_om_on is not None:
        answer_due = term_end(submitted_to_om_on, 13, Unit.WEEKS, statutory=True, atw=atw).end
        if om_answer == OM_PROSECUTES:
            blocked.append("het OM stelt strafvervolging in (art. 5:44 Awb)")
        elif om_answer == "" and on <= answer_due:
            allowed_from = answer_due + timedelta(days=1)
            blocked.append(f"wacht op het OM: de 13 weken lopen tot en met {answer_due.isoformat()} (art. 5:44 Awb)")
    if blocked:
        return BoeteCheck(False, tuple(blocked), allowed_from)
    if not also_crime:
        return BoeteCheck(True, ("geen strafbaar feit: geen voorlegging aan het OM nodig",))
    why = "het OM ziet af van vervolging" if om_answer == OM_WAIVED else "het OM antwoordde niet binnen 13 weken"
    return BoeteCheck(True, (f"{why} (art. 5:44 Awb)",))


# ------------------------------------------------------------------------------------------------------- dwangsom

DWANGSOM_KINDS = {"per_day": "per dag", "per_week": "per week", "per_breach": "per overtreding", "lump_sum": "ineens"}


@dataclass(frozen=True)
class DwangsomOrder:
    """5:32a, 5:32b. `repetition_only`: the order only prevents a repetition, so no begunstigingstermijn is due."""

    kind: str
    amount: Decimal
    maximum: Decimal
    begunstigingstermijn: Term | None
    repetition_only: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.kind not in DWANGSOM_KINDS:
            problems.append(f"de soort is {', '.join(DWANGSOM_KINDS.values())}, niet '{self.kind}'")
        if not self.amount > 0:
            problems.append("het bedrag is groter dan nul")
        if not self.maximum >= self.amount:
            problems.append("het maximum (art. 5:32b lid 2 Awb) is ten minste het bedrag")
        if self.begunstigingstermijn is None and not self.repetition_only:
            problems.append("een begunstigingstermijn is verplicht (art. 5:32a Awb)")
        if self.begunstigingstermijn is not None and self.begunstigingstermijn[0] < 1:
            problems.append("de begunstigingstermijn is ten minste 1 dag")
        if problems:
            raise ValueError("Ongeldige last onder dwangsom: " + "; ".join(problems) + ".")


def forfeited_amount(order: DwangsomOrder, units: int, *, already_forfeited: Decimal = Decimal(0)) -> Decimal:
    """What `units` more days, weeks or breaches forfeit: amount × units (a lump sum once), never past the maximum."""
    if units < 0:
        raise ValueError("Het aantal eenheden is niet negatief.")
    due = order.amount * min(units, 1) if order.kind == "lump_sum" else order.amount * units
    return max(Decimal(0), min(due, order.maximum - already_forfeited))


# ------------------------------------------------------------------------------------- local policy and tolerance


def _term_data(term: Term) -> dict[str, Any]:
    return {"amount": term[0], "unit": term[1].value}


def _term(data: Mapping[str, Any]) -> Term:
    return int(data["amount"]), Unit(data["unit"])


@dataclass(frozen=True)
class ViolationPolicy:
    """One row of the "richtlijn dwangsombedragen en termijnen"."""

    label: str
    restore_term: Term
    begunstigingstermijn: Term
    dwangsom_kind: str
    dwangsom_amount: Decimal
    dwangsom_maximum: Decimal
    boete_amount: Decimal | None = None  # a fixed amount of the boete policy: deviating needs reasons (5:46(3), 4:84)
    boete_maximum: Decimal | None = None  # the policy's highest boete for this type (below the statutory one)


@dataclass(frozen=True)
class LocalPolicy:
    """Local policy per authority: terms and dwangsom amounts per violation type, the zienswijze term of a
    voornemen and the longest tolerance; whether a sanction decision needs four eyes (who prepared the voornemen or
    report does not take it) and whether inspectors may send warnings. Construction validates and raises one Dutch
    ValueError."""

    violations: Mapping[str, ViolationPolicy]
    view_term: Term = (2, Unit.WEEKS)
    tolerance_max_months: int = 12
    four_eyes: bool = False
    inspector_warnings: bool = True

    def __post_init__(self) -> None:
        problems = [] if self.violations else ["geef ten minste één soort overtreding"]
        for code, row in self.violations.items():
            try:
                self.dwangsom_order(code)
            except ValueError as exc:
                problems.append(f"{code}: {str(exc).removeprefix('Ongeldige last onder dwangsom: ').rstrip('.')}")
            if row.restore_term[0] < 1:
                problems.append(f"{code}: de hersteltermijn is ten minste 1 dag")
            if row.boete_amount is not None and not row.boete_amount > 0:
                problems.append(f"{code}: het vaste boetebedrag is groter dan nul")
            if row.boete_maximum is not None and row.boete_amount is not None and row.boete_amount > row.boete_maximum:
                problems.append(f"{code}: het vaste boetebedrag is ten hoogste het maximum van het boetebeleid")
        if self.view_term[0] < 1:
            problems.append("de zienswijzetermijn is ten minste 1 dag")
        if self.tolerance_max_months < 1:
            problems.append("de langste gedoogtermijn is ten minste 1 maand")
        if problems:
            raise ValueError("Ongeldig beleid dwangsommen en termijnen: " + "; ".join(problems) + ".")

    def dwangsom_order(self, violation_type: str) -> DwangsomOrder:
        if violation_type not in self.violations:
            raise ValueError(f"Onbekende soort overtreding '{violation_type}'; kies uit: {', '.join(self.violations)}.")
        row = self.violations[violation_type]
        return DwangsomOrder(row.dwangsom_kind, row.dwangsom_amount, row.dwangsom_maximum, row.begunstigingstermijn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "violations": {
                code: {
                    "label": row.label,
                    "restore_term": _term_data(row.restore_term),
                    "begunstigingstermijn": _term_data(row.begunstigingstermijn),
                    "dwangsom": {
                        "kind": row.dwangsom_kind,
                        "amount": str(row.dwangsom_amount),
                        "maximum": str(row.dwangsom_maximum),
                    },
                    "boete": {
                        "amount": None if row.boete_amount is None else str(row.boete_amount),
                        "maximum": None if row.boete_maximum is None else str(row.boete_maximum),
                    },
                }
                for code, row in self.violations.items()
            },
            "view_term": _term_data(self.view_term),
            "tolerance_max_months": self.tolerance_max_months,
            "four_eyes": self.four_eyes,
            "inspector_warnings": self.inspector_warnings,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "LocalPolicy":
        """The inverse of `to_dict`: the validation of a configured policy; bad data raises a Dutch ValueError."""
        try:
            violations = {
                str(code): ViolationPolicy(
                    label=str(row["label"]),
                    restore_term=_term(row["restore_term"]),
                    begunstigingstermijn=_term(row["begunstigingstermijn"]),
                    dwangsom_kind=str(row["dwangsom"]["kind"]),
                    dwangsom_amount=Decimal(str(row["dwangsom"]["amount"])),
                    dwangsom_maximum=Decimal(str(row["dwangsom"]["maximum"])),
                    boete_amount=_optional_amount(row.get("boete", {}).get("amount")),
                    boete_maximum=_optional_amount(row.get("boete", {}).get("maximum")),
                )
                for code, row in dict(data["violations"]).items()
            }
            view_term = _term(data["view_term"])
            tolerance_max_months = int(data["tolerance_max_months"])
            four_eyes, inspector_warnings = (
                bool(data.get("four_eyes", False)),
                bool(data.get("inspector_warnings", True)),
            )
        except KeyError as missing:
            raise ValueError(f"Ongeldig beleid dwangsommen en termijnen: onderdeel {missing} ontbreekt.") from None
        except (TypeError, AttributeError, ValueError, InvalidOperation):
            raise ValueError("Ongeldig beleid dwangsommen en termijnen: bedragen en termijnen zijn getallen.") from None
        return cls(violations, view_term, tolerance_max_months, four_eyes, inspector_warnings)


def _optional_amount(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _row(label: str, restore: Term, grace: Term, kind: str, amount: int, maximum: int, boete: int) -> ViolationPolicy:
    return ViolationPolicy(label, restore, grace, kind, Decimal(amount), Decimal(maximum), None, Decimal(boete))


W, D = Unit.WEEKS, Unit.DAYS
# A starting point for an authority's own richtlijn, in the range of the published municipal ones; not law.
DEFAULT_POLICY = LocalPolicy(
    violations={
        "zonder_vergunning": _row("activiteit zonder vergunning", (2, W), (2, W), "per_day", 1000, 25000, 4500),
        "zonder_melding": _row("activiteit zonder melding of informatie", (4, W), (4, W), "lump_sum", 1500, 1500, 2250),
        "geluid_geur": _row("overschrijding geluid- of geurnorm", (4, W), (4, W), "per_breach", 2500, 25000, 4500),
        "gevaarlijke_stoffen": _row(
            "onveilige opslag gevaarlijke stoffen", (1, W), (7, D), "per_day", 2500, 50000, 4500
        ),
        "bodem": _row("bodembedreigende activiteit zonder voorziening", (6, W), (8, W), "per_week", 2500, 25000, 4500),
        "afval": _row("onjuiste afvalscheiding of -afgifte", (4, W), (4, W), "per_breach", 750, 7500, 2250),
        "administratie": _row(
            "keuring, registratie of rapportage ontbreekt", (4, W), (6, W), "lump_sum", 1000, 1000, 1500
        ),
    },
)


@dataclass(frozen=True)
class Tolerance:
    """A tolerance decision (gedoogbeschikking)."""

    scope: str
    starts_on: date
    ends_on: date | None
    legalisation_prospect: str
    in_writing: bool = True
    conditions: tuple[str, ...] = field(default_factory=tuple)


def check_tolerance(tolerance: Tolerance, *, max_months: int = DEFAULT_POLICY.tolerance_max_months) -> None:
    """Tolerance only explicit, in writing, limited in scope and time, with a concrete prospect of legalisation."""
    problems = []
    if not tolerance.in_writing:
        problems.append("gedogen gebeurt uitdrukkelijk en schriftelijk")
    if not tolerance.scope.strip():
        problems.append("omschrijf wat gedoogd wordt")
    if not tolerance.legalisation_prospect.strip():
        problems.append("noem het concrete zicht op legalisatie")
    if tolerance.ends_on is None:
        problems.append("een einddatum is verplicht")
    elif tolerance.ends_on <= tolerance.starts_on:
        problems.append("de einddatum ligt na de begindatum")
    elif tolerance.ends_on > add_months(tolerance.starts_on, max_months):
        problems.append(f"gedogen duurt ten hoogste {max_months} maanden")
    if problems:
        raise ValueError("Ongeldige gedoogbeschikking: " + "; ".join(problems) + ".")
