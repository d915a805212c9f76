"""Enforcement histories of the synthetic Netherlands as row tuples (no database): the LHSO step per finding and the
cases that follow it, walked through the state machine of openvth.rules.enforcement as the services walk them.

Fed per batch with the supervision batch's inspections and findings. Most closed first visits with findings get an
LHSO decision per finding (behaviour mostly A or B, sometimes C, rarely D; the interventions of the default LHSO
table, now and then a recorded deviation; how often and which way a service deviates, and how soon its step
follows the report, differ per service: `practice`). A restorative intervention opens a case on the route "herstel": a
warning with a term that ends before the supervision generator's re-inspection, which mostly finds the violation
ended (case closed with a reason); otherwise voornemen, zienswijze, a last onder dwangsom (or bestuursdwang) with
the amounts of the default local policy, a re-inspection after the begunstigingstermijn and, where the violation
goes on, forfeiture, payment or an invorderingsbeschikking. Behaviour C and D add a punitive case (bestuurlijke
boete) or a criminal one (bestuurlijke strafbeschikking, proces-verbaal); a few decisions meet an objection. A step
whose day has not come stays undone, so recent cases are open with running and overdue deadlines.

Every step goes through events.transition and rules.deadlines and follows the events' specification
(openvth.rules.enforcement_events: which deadline an event ends, which sanction term it sets, which letter it takes),
and obeys their legal guards (test_synthetic_guards replays every case of the region through them): forfeiture,
bestuursdwang and a voornemen after a warning only on a closed re-inspection of supervision after the term that
found the violation going on (linked to the step), a boete within the report's maximum and the policy's, after
voornemen and zienswijze; the LHSO consultation recorded where indicated; late objections declared inadmissible;
an objection decided by `objection_signers` (Awb 10:3(3)), with its 7:10 decision term. A letter gets a short text
from the case's rows (the shipped templates through Django's engine would take most of the generation time) and no
stored PDF (rendered from the text when asked for). Who signs is the synthetic lawyer of the case's omgevingsdienst
(`signers`), mandated by the loader before generation. One random stream of its own; memory stays per batch.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache

from openvth.enforcement.models import Letter, Sanction
from openvth.enforcement.services import OPENED, ROUTE_OF_INTERVENTION
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events
from openvth.rules import lhso
from openvth.rules.terms import Unit, calendar_end

from . import names
from .generator import _E, FastRandom, RowNumbers, Scale, municipalities_of
from .skeleton import Skeleton
from .supervision import FINDING_COLUMNS, GENERAL_RULES, INSPECTION_COLUMNS, PROVISION_FINDINGS, SupervisionBatch

LHSO_COLUMNS = (
    "id", "finding_id", "table_version_id", "consequences", "behaviour", "cell", "aspects", "mitigating",
    "consultation_indicated", "consultation_partner", "consultation_held_on", "consultation_outcome",
    "advised_interventions", "chosen_interventions", "deviation_reason", "decided_by_id", "decided_at",
)  # fmt: skip
CASE_COLUMNS = (
    "id", "owner_id", "competent_authority_id", "establishment_id", "reference", "route", "state", "violation_type",
    "opened_on", "opened_by_id", "closed_on", "close_reason", "parent_id", "also_crime", "om_submitted_on", "om_answer",
    "reported_on", "boete_maximum",
)  # fmt: skip
CASE_FINDING_COLUMNS = ("id", "enforcementcase_id", "finding_id")
SANCTION_COLUMNS = (
    "id", "case_id", "kind", "imposed_on", "term_amount", "term_unit", "term_end", "amount", "basis", "maximum",
    "measures", "cost_recovery", "costs", "forfeited_on", "forfeited_amount", "reference",
)  # fmt: skip
LETTER_COLUMNS = (
    "id", "case_id", "kind", "sanction_id", "intended", "reference", "body", "decided_on", "signed_by_id",
    "mandate_type", "pdf", "created_at",
)  # fmt: skip
TRANSITION_COLUMNS = (
    "id",
    "case_id",
    "event",
    "from_state",
    "to_state",
    "on",
    "at",
    "by_id",
    "note",
    "reinspection_id",
    "inspection_id",
)
DEADLINE_COLUMNS = (
    "id", "case_id", "code", "name", "event", "started_on", "due_on", "source", "statutory", "extended_by_days",
    "passive", "done_on",
)  # fmt: skip
OBJECTION_COLUMNS = (
    "id", "case_id", "letter_id", "received_on", "term_end", "in_time", "excusable", "excuse", "committee", "outcome",
)  # fmt: skip
# in load order: a row's references come before it
TABLE_COLUMNS = {
    "lhso_decision": LHSO_COLUMNS,
    "enforcement_case": CASE_COLUMNS,
    "enforcementcase_findings": CASE_FINDING_COLUMNS,
    "sanction": SANCTION_COLUMNS,
    "letter": LETTER_COLUMNS,
    "case_transition": TRANSITION_COLUMNS,
    "deadline": DEADLINE_COLUMNS,
    "objection": OBJECTION_COLUMNS,
}
# the decision types a case's signer needs a mandate for (register.DecisionType values)
MANDATED_TYPES = tuple(
    sorted({spec.decision_type for spec in events.EVENTS.values() if spec.decision_type not in (None, events.INTENDED)})
)

DECIDED_SHARE = 0.9  # closed first visits with findings whose LHSO step is recorded (the rest wait in the queue)
BEHAVIOUR_WEIGHTS = (("A", 0.55), ("B", 0.40), ("C", 0.045), ("D", 0.005))
DEVIATION_SHARE = 0.06
MITIGATING_SHARE = 0.05
RECIDIVE_YEARS = 5
VIEW_GIVEN_SHARE = 0.3  # a zienswijze comes in; otherwise the term passes
PAID_AFTER_FORFEITURE = 0.6  # paid within the term; the rest needs an invorderingsbeschikking
OBJECTION_SHARE = 0.1  # decisions that meet an objection
LATE_OBJECTION_SHARE = 0.1
BOETE_MAXIMUM = Decimal(5000)  # the highest boete the synthetic violations can bring: above €340, so 5:53 applies
BOETE_AMOUNTS = (750, 1500, 2250, 4500)
STRAFBESCHIKKING_AMOUNTS = (450, 900, 1350)

# the local policy's violation type a finding falls under, by what was seen (supervision.py's texts)
VIOLATION_TYPES = dict(
    zip(
        [text for _rule, text in GENERAL_RULES] + list(PROVISION_FINDINGS),
        ["geluid_geur", "gevaarlijke_stoffen", "administratie", "afval", "bodem", "administratie", "zonder_melding",
         "gevaarlijke_stoffen",
         "administratie", "bodem", "geluid_geur", "administratie", "zonder_vergunning"],
        strict=True,
    )
)  # fmt: skip
MEASURES = {
    "zonder_vergunning": "Staak de activiteit waarvoor geen vergunning is verleend.",
    "zonder_melding": "Doe de ontbrekende melding en verstrek de gevraagde gegevens.",
    "geluid_geur": "Neem maatregelen zodat de geluid- of geurnorm niet meer wordt overschreden.",
    "gevaarlijke_stoffen": "Sla de gevaarlijke stoffen op volgens de regels; verwijder wat onveilig is opgeslagen.",
    "bodem": "Breng de bodembeschermende voorziening aan of herstel haar.",
    "afval": "Scheid de afvalstoffen en voer ze af volgens de regels.",
    "administratie": "Laat de keuring uitvoeren en lever registratie of rapportage aan.",
}
# Services apply the one LHSO each in their own way (issue 21, item 9: otherwise the uniformity figures measure
# nothing): per service, from a stream of its own seeded by the seed and its name, how often it deviates from the
# matrix (DEVIATION_SHARES), how readily lighter or heavier (weights of the deviation share) and how many days its
# LHSO step takes after the report (DECISION_LAGS; the national default was 0-5). The draws per finding stay the
# same in number, so the other rows of a seed keep their stream.
DEVIATION_SHARES = (0.02, 0.04, 0.06, 0.08)
DEVIATION_WEIGHTS = (0.25, 0.6, 1.0)
DECISION_LAGS = (3, 5, 7, 10)
DEVIATION_LIGHTER = "Eerste overtreding en de overtreder werkt mee: de lichtere interventie volstaat."
DEVIATION_HEAVIER = "Eerder aangesproken zonder resultaat: een waarschuwing met hersteltermijn."
_I = {name: index for index, name in enumerate(INSPECTION_COLUMNS)}
_F = {name: index for index, name in enumerate(FINDING_COLUMNS)}
_D = {name: index for index, name in enumerate(DEADLINE_COLUMNS)}
_CENTS = Decimal("0.01")
LETTER_LABELS = {
    "warning": "Waarschuwing met hersteltermijn",
    "voornemen": "Voornemen (artikel 4:8 Awb)",
    "last_onder_dwangsom": "Besluit: last onder dwangsom (artikel 5:32 Awb)",
    "last_onder_bestuursdwang": "Besluit: last onder bestuursdwang (artikel 5:21 Awb)",
    "bestuurlijke_boete": "Besluit: bestuurlijke boete (titel 5.4 Awb)",
    "invorderingsbeschikking": "Besluit: invorderingsbeschikking (artikel 5:37 Awb)",
}
NO_PARAMS = rules.DeadlineParams()


def mandated_authorities(plan: Skeleton, scale: Scale) -> dict[str, set[str]]:
    """Per omgevingsdienst of the scale (code) the authorities (codes) whose establishments it supervises there, as
    generator.py assigns them: a municipality's own, its province's IED installations, the province's Brzo ones for
    the province's Brzo service. The loader mandates the service's synthetic lawyer by each of them."""
    found: dict[str, set[str]] = defaultdict(set)
    for municipality in municipalities_of(plan, scale):
        found[municipality.service] |= {municipality.code, municipality.province}
        found[names.BRZO_SERVICE_OF_PROVINCE[municipality.province]].add(municipality.province)
    return dict(found)


@dataclass(frozen=True)
class Practice:
    """How one service applies the LHSO (see DEVIATION_SHARES)."""

    deviation_share: float = DEVIATION_SHARE
    lighter: float = 1.0  # weight of the deviation share where a lighter intervention is possible
    heavier: float = 1.0  # weight where a heavier one is
    lag: int = 5  # days after the report, at most


def practice(seed: int, service_name: str) -> Practice:
    rng = FastRandom(f"lhso-practice-{seed}-{service_name}")
    return Practice(rng.choice(DEVIATION_SHARES), rng.choice(DEVIATION_WEIGHTS), rng.choice(DEVIATION_WEIGHTS),
                    rng.choice(DECISION_LAGS))  # fmt: skip


@lru_cache(maxsize=512)
def _classify(consequences: int, behaviour: str, aspects: tuple, mitigating: tuple) -> lhso.Classification:
    return lhso.classify(consequences, behaviour, aspects, mitigating)


@lru_cache(maxsize=8192)
def _deadlines(event: str, on: date, term, violation_on: date | None, boete_maximum: Decimal | None) -> list:
    """rules.deadlines, once per distinct input: a 5-year statutory term takes the Atw calendar a while."""
    params = rules.DeadlineParams(term=term, violation_on=violation_on, boete_maximum=boete_maximum)
    return rules.deadlines(event, on, params)


def _after(chain: list[tuple], term_end: date, *, within: int | None = None) -> tuple | None:
    """The first re-inspection of supervision after a term has ended (within `within` days of its end)."""
    for row in chain:
        seen_on = row[_I["performed_on"]]
        if seen_on > term_end and (within is None or seen_on <= term_end + timedelta(days=within)):
            return row
    return None


def _closed_on(inspection: tuple) -> date | None:
    """The day supervision closed the inspection (its report locked); None while it is open."""
    closed_at = inspection[_I["closed_at"]]
    return closed_at.date() if inspection[_I["status"]] == "closed" and closed_at is not None else None


def _at(on: date, minutes: int) -> datetime:
    return datetime.combine(on, time(9), UTC) + timedelta(minutes=minutes)


@dataclass
class EnforcementBatch:
    lhso_decision: list[tuple] = field(default_factory=list)
    enforcement_case: list[tuple] = field(default_factory=list)
    enforcementcase_findings: list[tuple] = field(default_factory=list)
    sanction: list[tuple] = field(default_factory=list)
    letter: list[tuple] = field(default_factory=list)
    case_transition: list[tuple] = field(default_factory=list)
    deadline: list[tuple] = field(default_factory=list)
    objection: list[tuple] = field(default_factory=list)


class _Case:
    """One case walked through the state machine like services.transition walks it; its rows are kept until the
    walk stops (a later step may still mark a deadline done)."""

    def __init__(
        self,
        gen: "EnforcementGenerator",
        visit: tuple,
        findings: list[tuple],
        route: str,
        opened_on: date,
        *,
        violation_type: str,
        parent: "_Case | None" = None,
        first_event: str = OPENED,
        note: str = "",
    ):
        self.gen, self.visit, self.findings, self.route = gen, visit, findings, route
        self.id = gen._id("enforcement_case")
        self.reference = f"HH-{opened_on.year}-{self.id:06d}"
        self.state = rules.INITIAL_STATE[route]
        self.establishment = gen.establishments[visit[_I["establishment_id"]]]
        self.owner_id = self.establishment[_E["supervising_service_id"]]
        self.signer = gen.signers[self.owner_id]
        self.opened_on, self.violation_type, self.parent = opened_on, violation_type, parent
        self.closed_on: date | None = None
        self.close_reason = ""
        self.reported_on: date | None = None
        self.boete_maximum: Decimal | None = None
        self.deadlines: list[list] = []
        self.sanctions: list[Sanction] = []
        self.letters: list[tuple] = []
        self.objections: list[tuple[date, date]] = []  # (received, decision day) of objections to its decisions
        self.logged = 0
        for finding in findings:
            gen.out.enforcementcase_findings.append((gen._id("enforcementcase_findings"), self.id, finding[0]))
        self._log(first_event, "", opened_on, note, None)
        self.last_on = opened_on

    def step(
        self,
        event: str,
        on: date,
        *,
        note: str = "",
        params: rules.DeadlineParams = NO_PARAMS,
        sanction: Sanction | None = None,
        reinspection: int | None = None,
        inspection: int | None = None,
        intended: str = "",
        by: int | None = None,
    ) -> bool:
        """services.transition on rows: False, and nothing happens, when the day has not come yet. A new sanction
        (without id) is imposed by the step; `inspection` is the closed re-inspection that proves it."""
        if on >= self.gen.today:
            return False
        new_state = events.transition(self.route, self.state, event, reason=note)
        if sanction is not None and sanction.id is None:
            sanction.id, sanction.case_id = self.gen._id("sanction"), self.id
            self.sanctions.append(sanction)
        spec = events.spec(event)
        for deadline in self.deadlines:
            if deadline[_D["code"]] in spec.ends and deadline[_D["done_on"]] is None:
                deadline[_D["done_on"]] = on
        for computed in _deadlines(event, on, params.term, params.violation_on, params.boete_maximum):
            self.deadline(computed, event, on)
            if sanction is not None and computed.code in events.SANCTION_TERMS:
                sanction.term_end = computed.due
        from_state, self.state = self.state, new_state
        if new_state == rules.CLOSED:
            self.closed_on, self.close_reason = on, note
            for deadline in self.deadlines:
                if deadline[_D["done_on"]] is None:
                    deadline[_D["done_on"]] = on
        if event == "rapport_opmaken":
            self.reported_on = on
            self.boete_maximum = params.boete_maximum.quantize(_CENTS) if params.boete_maximum else None
        kind = spec.letter
        if kind is not None:
            self._letter(kind, on, sanction, intended if kind == Letter.Kind.VOORNEMEN else "")
        self._log(event, from_state, on, note, reinspection, inspection, by)
        self.last_on = on
        return True

    def deadline(self, computed: rules.Deadline, event: str, on: date) -> None:
        self.deadlines.append([
            self.gen._id("deadline"), self.id, computed.code, computed.name, event, on, computed.due, computed.source,
            computed.statutory, computed.extended_by_days, computed.passive, None,
        ])  # fmt: skip

    def _log(self, event: str, from_state: str, on: date, note: str, reinspection: int | None,
             inspection: int | None = None, by: int | None = None) -> None:  # fmt: skip
        self.gen.out.case_transition.append(
            (self.gen._id("case_transition"), self.id, event, from_state, self.state, on, _at(on, self.logged),
             by or self.signer, note, reinspection, inspection)
        )  # fmt: skip
        self.logged += 1

    def _letter(self, kind: str, on: date, sanction: Sanction | None, intended: str) -> None:
        letter_id = self.gen._id("letter")
        reference = f"{self.reference}-B{len(self.letters) + 1:02d}"
        body = self._body(kind, on, sanction, intended)
        self.letters.append((
            letter_id, self.id, kind, sanction.id if sanction else None, intended, reference, body, on, self.signer,
            intended or kind, None, _at(on, self.logged),
        ))  # fmt: skip

    def _body(self, kind: str, on: date, sanction: Sanction | None, intended: str) -> str:
        """A short text from the case's rows: the shipped templates through Django's engine would take most of the
        generation time (measured at region scale). The PDF view renders it like any stored text."""
        row, gen = self.establishment, self.gen
        address = (
            f"{row[_E['street']]} {row[_E['house_number']]}{row[_E['house_number_suffix']]}, {row[_E['postcode']]}"
        )
        lines = [
            f"Geachte directie van {gen.company_names[row[_E['company_id']]]},",
            "",
            f"{LETTER_LABELS[kind]} van {gen.organisation_names[row[_E['competent_authority_id']]]} over uw vestiging "
            f"{row[_E['name']]}, {address} {row[_E['place']]}. Bij de controle van "
            f"{self.visit[_I['performed_on']]:%d-%m-%Y} is geconstateerd:",
            *(f"- {f[_F['provision_number']] and 'voorschrift ' + f[_F['provision_number']] or f[_F['general_rule']]}: "
              f"{f[_F['description']]}" for f in self.findings),
            "",
        ]  # fmt: skip
        if intended:
            views = [d[_D["due_on"]] for d in self.deadlines if d[_D["code"]] == "zienswijzetermijn" and not d[-1]]
            lines.append(f"Wij zijn van plan een {lhso.INTERVENTION_LABELS[intended]} op te leggen; u kunt uw "
                         f"zienswijze geven tot en met {max(views):%d-%m-%Y}.")  # fmt: skip
        elif sanction is not None and sanction.forfeited_amount is not None:
            lines.append(f"Verbeurd op {sanction.forfeited_on:%d-%m-%Y}: € {sanction.forfeited_amount}.")
        elif sanction is not None:
            if sanction.term_end:
                lines.append(f"Termijn tot en met {sanction.term_end:%d-%m-%Y}.")
            if sanction.amount is not None:
                basis = rules.DWANGSOM_KINDS.get(sanction.basis, "")
                maximum = f", ten hoogste € {sanction.maximum}" if sanction.maximum is not None else ""
                lines.append(f"Bedrag: € {sanction.amount} {basis}{maximum}.".replace(" .", "."))
        if kind not in (Letter.Kind.WARNING, Letter.Kind.VOORNEMEN):
            due = rules.objection_deadline(on).due
            lines.append(f"Bezwaar kunt u maken tot en met {due:%d-%m-%Y} (artikelen 6:7 en 6:8 Awb).")
        lines += [
            "",
            "Met vriendelijke groet,",
            "",
            f"namens {gen.organisation_names[row[_E['competent_authority_id']]]}",
        ]
        return "\n".join(lines)

    def emit(self) -> None:
        out, row = self.gen.out, self.establishment
        out.enforcement_case.append((
            self.id, self.owner_id, row[_E["competent_authority_id"]], row[_E["id"]], self.reference, self.route,
            self.state, self.violation_type, self.opened_on, self.signer, self.closed_on, self.close_reason,
            self.parent.id if self.parent else None, False, None, "", self.reported_on, self.boete_maximum,
        ))  # fmt: skip
        out.sanction += [tuple(getattr(s, column) for column in SANCTION_COLUMNS) for s in self.sanctions]
        out.letter += self.letters
        out.deadline += [tuple(deadline) for deadline in self.deadlines]


class EnforcementGenerator(RowNumbers):
    def __init__(self, seed: int, first_ids: dict[str, int], *, today: date, signers: dict[int, int],
                 organisations: dict[int, str], objection_signers: dict[int, int] | None = None):  # fmt: skip
        """`signers`: omgevingsdienst id → its synthetic lawyer's user id; `organisations`: id → name;
        `objection_signers`: who decides objections there (Awb 10:3(3): not who took the decision), by default the
        same lawyer until the loader provides a second one."""
        self.objection_signers = objection_signers or signers
        self.rng = FastRandom(f"enforcement-{seed}")  # a stream apart: the other generators' rows stay
        self.seed = seed
        self.practices: dict[int, Practice] = {}
        self.next_id = dict(first_ids)
        self.today = today
        self.signers = signers
        self.organisation_names = organisations
        self.company_names: dict[int, str] = {}
        self._previous_companies: dict[int, str] = {}
        self.establishments: dict[int, tuple] = {}
        self.out = EnforcementBatch()

    def batch(self, establishments: list[tuple], companies: list[tuple], supervision: SupervisionBatch):
        """The enforcement rows of one batch of establishments with its companies and supervision rows. A company of
        several establishments may have come with the previous batch: its name is kept one batch longer."""
        self.out = EnforcementBatch()
        current = {row[0]: row[3] for row in companies}
        self.company_names, self._previous_companies = {**self._previous_companies, **current}, current
        self.establishments = {row[_E["id"]]: row for row in establishments}
        findings = defaultdict(list)
        for row in supervision.finding:
            findings[row[_F["inspection_id"]]].append(row)
        following = {row[_I["follows_id"]]: row for row in supervision.inspection if row[_I["follows_id"]]}
        visits = defaultdict(list)
        for row in supervision.inspection:
            if row[_I["follows_id"]] is None and row[_I["id"]] in findings and row[_I["status"]] == "closed":
                visits[row[_I["establishment_id"]]].append(row)
        for row in establishments:
            last_violation = None
            for visit in sorted(visits.get(row[_E["id"]], ()), key=lambda v: (v[_I["performed_on"]], v[0])):
                day = visit[_I["performed_on"]]
                recidive = last_violation is not None and (day - last_violation).days < RECIDIVE_YEARS * 365
                if self._visit(visit, findings[visit[0]], following, findings, recidive=recidive):
                    last_violation = day
        for table in TABLE_COLUMNS:
            getattr(self.out, table).sort()  # cases and their rows end in another order than they began
        return self.out

    # --- the LHSO step -----------------------------------------------------------------------------------------

    def _practice(self, service: int) -> Practice:
        if service not in self.practices:
            name = self.organisation_names.get(service)
            self.practices[service] = practice(self.seed, name) if name else Practice()
        return self.practices[service]

    def _visit(self, visit: tuple, found: list[tuple], following: dict, findings: dict, *, recidive: bool) -> bool:
        """The LHSO decisions of one visit's findings and the cases they open; False when not decided (yet)."""
        rng = self.rng
        way = self._practice(self.establishments[visit[_I["establishment_id"]]][_E["supervising_service_id"]])
        decided_on = visit[_I["closed_at"]].date() + timedelta(days=rng.randint(0, way.lag))
        if rng.random() >= DECIDED_SHARE or decided_on >= self.today:
            return False
        behaviour = rng.weighted(BEHAVIOUR_WEIGHTS)
        aspects = ("recidive",) if recidive else ()
        if behaviour in "CD" and rng.random() < 0.6:
            aspects += ("financieel_voordeel",)
        mitigating = ("direct_herstel",) if behaviour == "A" and rng.random() < MITIGATING_SHARE else ()
        signer = self.signers[self.establishments[visit[_I["establishment_id"]]][_E["supervising_service_id"]]]
        chosen_all: set[str] = set()
        for finding in found:
            classification = _classify(finding[_F["consequences"]], behaviour, aspects, mitigating)
            advised = classification.interventions
            chosen, reasons = advised, ""
            draw = rng.random()
            if len(advised) > 1 and draw < way.deviation_share * way.lighter:
                chosen, reasons = advised[:-1], DEVIATION_LIGHTER
            elif advised in (("inform",), ("address",)) and draw < way.deviation_share * way.heavier:
                chosen, reasons = ("warning",), DEVIATION_HEAVIER
            decision = classification.record(chosen, reasons)
            chosen_all.update(decision.chosen)
            punitive = bool(lhso.PUNITIVE & set(decision.chosen))
            consulted = decision.consultation_indicated
            self.out.lhso_decision.append((
                self._id("lhso_decision"), finding[0], None, classification.consequences, behaviour, decision.cell,
                list(decision.aspects), list(decision.mitigating), consulted, "both" if consulted else "",
                decided_on if consulted else None,
                ("Strafrechtelijke of bestraffende afdoening afgesproken." if punitive
                 else "Bestuursrechtelijke afdoening volstaat.") if consulted else "",
                list(decision.advised), list(decision.chosen), decision.reasons, signer,
                datetime.combine(decided_on, time(10), UTC),
            ))  # fmt: skip
        routes = {ROUTE_OF_INTERVENTION[i] for i in chosen_all if i in ROUTE_OF_INTERVENTION}
        worst = max(found, key=lambda f: f[_F["consequences"]])
        violation_type = VIOLATION_TYPES[worst[_F["description"]]]
        chain = []
        reinspection = following.get(visit[0])
        while reinspection is not None:
            chain.append(reinspection)
            reinspection = following.get(reinspection[0])
        violated = {r[0] for r in chain if r[0] in findings}
        if "herstel" in routes:
            case = _Case(self, visit, found, "herstel", decided_on, violation_type=violation_type)
            self._herstel(case, chain, violated, chosen_all)
            self._emit(case)
        # one punitive route for the same facts (una via): a boete for the calculating, criminal law for the criminal
        if "boete" in routes and (behaviour == "C" or "strafrecht" not in routes):
            case = _Case(self, visit, found, "boete", decided_on, violation_type=violation_type)
            self._boete(case)
            self._emit(case)
        elif "strafrecht" in routes:
            case = _Case(self, visit, found, "strafrecht", decided_on, violation_type=violation_type)
            self._strafrecht(case, chosen_all)
            self._emit(case)
        return bool(routes)

    # --- the routes --------------------------------------------------------------------------------------------

    def _days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randint(low, high))

    def _herstel(self, case: _Case, chain: list[tuple], violated: set[int], chosen: set[str]) -> None:
        violation = rules.DEFAULT_POLICY.violations[case.violation_type]
        orders = {"last_onder_dwangsom", "last_onder_bestuursdwang"} & chosen
        order = "last_onder_bestuursdwang" if orders == {"last_onder_bestuursdwang"} else "last_onder_dwangsom"
        day = case.opened_on
        if "warning" in chosen or not orders:
            day += self._days(0, 3)
            if not chain:  # the re-inspection is still to come
                term = violation.restore_term
                warning = Sanction(kind="warning", imposed_on=day, term_amount=term[0], term_unit=term[1].value)
                case.step("waarschuwen", day, params=rules.DeadlineParams(term=term), sanction=warning)
                return
            first = chain[0]
            # the term ends before supervision's re-inspection; one too soon for a term is followed by another visit
            term = violation.restore_term
            if (
                first[_I["performed_on"]] > day + timedelta(days=1)
                and calendar_end(day, *term) >= first[_I["performed_on"]]
            ):
                term = ((first[_I["performed_on"]] - day).days - 1, Unit.DAYS)
            warning = Sanction(kind="warning", imposed_on=day, term_amount=term[0], term_unit=term[1].value)
            if not case.step("waarschuwen", day, params=rules.DeadlineParams(term=term), sanction=warning):
                return
            proof = _after(chain, warning.term_end)
            if proof is None:  # no visit after the term: the offender's word that it is restored closes the case
                day = warning.term_end + self._days(1, 14)
                if case.step("hercontrole_uitvoeren", day):
                    note = "Hersteld: de overtreder heeft het herstel na de hersteltermijn aangetoond."
                    case.step(rules.CLOSE, day + self._days(0, 10), note=note)
                return
            day = proof[_I["performed_on"]]
            if not case.step("hercontrole_uitvoeren", day, reinspection=proof[0]):
                return
            chain = chain[chain.index(proof) + 1 :]
            if proof[0] not in violated:
                note = f"Hersteld: bij de hercontrole van {day:%d-%m-%Y} was de overtreding beëindigd."
                case.step(rules.CLOSE, day + self._days(0, 10), note=note)
                return
            closed_on = _closed_on(proof)
            if closed_on is None:  # the re-inspection's report is still being written
                return
            self._order(case, order, max(day, closed_on), chain, violated, violation, proof=proof[0])
            return
        self._order(case, order, day, chain, violated, violation)

    def _view(self, case: _Case, day: date, intended: str, proof: int | None = None) -> date | None:
        """Voornemen and zienswijze (Awb 4:8): the day the view was given or its term passed, None if not yet."""
        view_term = rules.DEFAULT_POLICY.view_term
        params = rules.DeadlineParams(term=view_term)
        if not case.step("voornemen_verzenden", day, params=params, intended=intended, inspection=proof):
            return None
        due = calendar_end(day, *view_term)
        if self.rng.random() < VIEW_GIVEN_SHARE:
            day, event = day + self._days(2, (due - day).days), "zienswijze_ontvangen"
        else:
            day, event = due + self._days(1, 7), "zienswijzetermijn_verstreken"
        return day if case.step(event, day) else None

    def _order(self, case, kind: str, day: date, chain, violated, violation, proof: int | None = None) -> None:
        day = self._view(case, day + self._days(3, 14), kind, proof)
        if day is None:
            return
        day += self._days(3, 14)
        term = violation.begunstigingstermijn
        values = {"kind": kind, "imposed_on": day, "term_amount": term[0], "term_unit": term[1].value}
        if kind == "last_onder_dwangsom":
            values |= {
                "amount": violation.dwangsom_amount.quantize(_CENTS),
                "basis": violation.dwangsom_kind,
                "maximum": violation.dwangsom_maximum.quantize(_CENTS),
            }
        else:
            values |= {"measures": MEASURES[case.violation_type], "cost_recovery": True}
        sanction = Sanction(**values)
        if not case.step(f"{kind}_opleggen", day, params=rules.DeadlineParams(term=term), sanction=sanction):
            return
        self._maybe_objection(case, case.letters[-1])
        # forfeiture and bestuursdwang only on a closed re-inspection after the term that finds the violation going on
        proof = _after(chain, sanction.term_end, within=90)
        if proof is not None:
            day, reinspection = proof[_I["performed_on"]], proof[0]
            still, closed_on = proof[0] in violated, _closed_on(proof)
        else:  # no visit of supervision after the term: the offender shows compliance
            day, reinspection, still, closed_on = sanction.term_end + self._days(1, 14), None, False, None
        if not case.step("hercontrole_uitvoeren", day, reinspection=reinspection):
            return
        if still and closed_on is None:  # the re-inspection's report is still being written
            return
        if kind == "last_onder_bestuursdwang":
            self._bestuursdwang(case, sanction, max(day, closed_on or day), still, reinspection)
        elif not still:
            if case.step("nageleefd", day):
                case.step(
                    rules.CLOSE, day + self._days(7, 45), note="De last is nageleefd: de overtreding is beëindigd."
                )
        else:
            self._forfeit(case, sanction, max(day, closed_on) + self._days(1, 7), day, reinspection)

    def _bestuursdwang(self, case: _Case, sanction: Sanction, day: date, still: bool, proof: int | None) -> None:
        if not still:
            case.step(rules.CLOSE, day + self._days(0, 10), note="De last is uitgevoerd: de overtreding is beëindigd.")
            return
        day += self._days(1, 14)
        if not case.step("bestuursdwang_toepassen", day, inspection=proof):
            return
        day += self._days(14, 60)
        if not case.step("kosten_verhalen", day, sanction=sanction):
            return
        sanction.costs = Decimal(self.rng.randint(8, 250) * 100).quantize(_CENTS)
        case.step("betaald", day + self._days(14, 90), note="De kosten van de bestuursdwang zijn betaald.")

    def _forfeit(self, case: _Case, sanction: Sanction, day: date, seen_on: date, proof: int | None) -> None:
        """Forfeiture after the re-inspection (Awb 5:32b, never past the maximum), payment or collection (5:37)."""
        rng = self.rng
        overdue = max(1, (seen_on - sanction.term_end).days)
        units = {"per_day": overdue, "per_week": max(1, overdue // 7), "per_breach": rng.randint(1, 3)}.get(
            sanction.basis, 1
        )
        order = rules.DwangsomOrder(sanction.basis, sanction.amount, sanction.maximum, None, repetition_only=True)
        amount = rules.forfeited_amount(order, units)
        if not case.step("verbeuren", day, sanction=sanction, inspection=proof):
            return
        sanction.forfeited_on, sanction.forfeited_amount = day, amount.quantize(_CENTS)
        if rng.random() < PAID_AFTER_FORFEITURE:
            day += self._days(10, 42)
        else:
            day += timedelta(weeks=6) + self._days(1, 30)
            if not case.step("invorderingsbeschikking_nemen", day, sanction=sanction):
                return
            self._maybe_objection(case, case.letters[-1])
            day += self._days(14, 60)
            if not case.step("invorderen", day):
                return
            day += self._days(14, 120)
        if case.step("betaald", day):
            note = "De verbeurde dwangsom is betaald en de overtreding is beëindigd."
            case.step(rules.CLOSE, day + self._days(1, 30), note=note)

    def _boete(self, case: _Case) -> None:
        """The punitive route without a crime: report (5:53), voornemen and zienswijze, boete (5:40), payment."""
        rng = self.rng
        day = case.opened_on + self._days(7, 30)
        violation_on = case.visit[_I["performed_on"]]
        params = rules.DeadlineParams(violation_on=violation_on, boete_maximum=BOETE_MAXIMUM)
        if not case.step("rapport_opmaken", day, params=params):
            return
        day = self._view(case, day + self._days(3, 14), "bestuurlijke_boete")
        if day is None:
            return
        day += self._days(3, 21)
        check = rules.boete_permitted(on=day, also_crime=False)
        ceiling = rules.DEFAULT_POLICY.violations[case.violation_type].boete_maximum or BOETE_MAXIMUM
        amount = rng.choice([a for a in BOETE_AMOUNTS if a <= min(ceiling, BOETE_MAXIMUM)])  # 5:46(1), 4:84
        boete = Sanction(kind="bestuurlijke_boete", imposed_on=day, amount=Decimal(amount).quantize(_CENTS))
        if not case.step("boete_opleggen", day, note="; ".join(check.reasons), sanction=boete):
            return
        self._maybe_objection(case, case.letters[-1])
        day += self._days(14, 42)
        if rng.random() < 0.2:
            if not case.step("invorderen", day + timedelta(weeks=2)):
                return
            day += timedelta(weeks=2) + self._days(14, 90)
        case.step("betaald", day, note="De boete is betaald.")

    def _strafrecht(self, case: _Case, chosen: set[str]) -> None:
        """Consultation with police and OM, then a bestuurlijke strafbeschikking or a proces-verbaal."""
        rng = self.rng
        day = case.opened_on + self._days(3, 21)
        if not case.step("afstemmen_met_om", day, note="Afgestemd met politie en OM."):
            return
        day += self._days(7, 30)
        if "proces_verbaal" in chosen:
            pv = Sanction(kind="proces_verbaal", imposed_on=day, reference=f"PV-{day.year}-{case.id:06d}")
            if not case.step("proces_verbaal_opmaken", day, sanction=pv):
                return
            day += self._days(1, 14)
            if not case.step("insturen", day):
                return
        else:
            amount = Decimal(rng.choice(STRAFBESCHIKKING_AMOUNTS)).quantize(_CENTS)
            fine = Sanction(kind="bestuurlijke_strafbeschikking", imposed_on=day, amount=amount)
            if not case.step("strafbeschikking_uitvaardigen", day, sanction=fine):
                return
            day += self._days(14, 56)
            if rng.random() >= 0.15:
                case.step("betaald", day, note="De strafbeschikking is betaald.")
                return
            if not case.step("verzet_ingesteld", day):
                return
        case.step("om_afgedaan", day + self._days(60, 240), note="Afgedaan door het OM.")

    # --- objections --------------------------------------------------------------------------------------------

    def _maybe_objection(self, case: _Case, letter: tuple) -> None:
        """Bezwaar against a decision, as services.lodge_objection records it: a case of its own on the route
        "bezwaar", heard and decided; late ones are declared inadmissible."""
        rng = self.rng
        if rng.random() >= OBJECTION_SHARE:
            return
        decided_on = letter[LETTER_COLUMNS.index("decided_on")]
        term = rules.objection_deadline(decided_on)
        received = decided_on + (self._days(43, 70) if rng.random() < LATE_OBJECTION_SHARE else self._days(5, 40))
        if received >= self.today:
            return
        in_time = received <= term.due
        timing = "tijdig" if in_time else f"te laat: de termijn eindigde op {term.due:%d-%m-%Y}"
        child = _Case(self, case.visit, case.findings, "bezwaar", received, violation_type=case.violation_type,
                      parent=case, first_event="bezwaar_ontvangen", note=f"({timing})")  # fmt: skip
        child.deadline(rules.objection_decision_deadline(term.due, received, committee=False), "bezwaar_ontvangen",
                       received)  # fmt: skip
        objection = [self._id("objection"), child.id, letter[0], received, term.due, in_time, False, "", False, ""]
        case.objections.append((received, decided_on))
        day = received
        if in_time:
            day += self._days(14, 42)
            if not child.step("horen", day):
                return self._end_objection(child, objection)
        outcome = "inadmissible" if not in_time else "withdrawn" if rng.random() < 0.15 else "unfounded"
        note = {
            "inadmissible": "Niet-ontvankelijk: het bezwaar is te laat ingediend.",
            "withdrawn": "Het bezwaar is ingetrokken.",
            "unfounded": "Ongegrond: het besluit blijft in stand.",
        }[outcome]
        if child.step("beslissen", day + self._days(14, 60), note=note, by=self.objection_signers[child.owner_id]):
            objection[-1] = outcome
        self._end_objection(child, objection)

    def _end_objection(self, child: _Case, objection: list) -> None:
        child.emit()
        self.out.objection.append(tuple(objection))

    def _emit(self, case: _Case) -> None:
        """An objection marks the decision's objection term handled on its day (services.lodge_objection), unless
        the term was handled before; then the case's rows are complete."""
        for received, decided_on in case.objections:
            for deadline in case.deadlines:
                if (deadline[_D["code"]] == "bezwaartermijn" and deadline[_D["started_on"]] == decided_on
                        and (deadline[_D["done_on"]] is None or deadline[_D["done_on"]] > received)):  # fmt: skip
                    deadline[_D["done_on"]] = received
        case.emit()
