"""Permit histories of the synthetic Netherlands as row tuples (pure: no database).

Every IED and Brzo establishment and a share of the others hold a permit: a grant, a few amending decisions and
now and then a revocation, with numbered provisions in plausible Dutch. The provision versions are derived with
the same replay as the services (openvth.rules.consolidation). Grants are spread over the whole period up to
shortly before `today`, so the applications run on at a steady rate from the start of the record (RECORDED_FROM)
to today without a break: the permit outlook (openvth.analysis) backtests on this history. The amendment that would
be decided after `today` is an application in progress: its term runs, ran out or is suspended, and fills the work
queue; decided applications give lead times. One random stream of its own, consumed in establishment order, so a
seed gives the same rows everywhere (dates count back from `today`).
"""

import string
from dataclasses import dataclass, field
from datetime import date, timedelta

from openvth.rules import consolidation, permit_terms

from .generator import _E, FastRandom, RowNumbers

DECISION_COLUMNS = (
    "id", "owner_id", "establishment_id", "reference", "kind", "decided_on", "effective_from", "signed_by_id",
)  # fmt: skip
CHANGE_COLUMNS = ("id", "decision_id", "position", "op", "number", "text")
VERSION_COLUMNS = (
    "id", "establishment_id", "number", "text", "source_decision_id", "valid_from", "valid_until", "ended_by_id",
)  # fmt: skip
APPLICATION_COLUMNS = (
    "id", "owner_id", "establishment_id", "competent_authority_id", "reference", "subject", "received_on", "procedure",
    "extended_on", "status", "default_notice_on", "decided_on", "decision_id",
)  # fmt: skip
SUSPENSION_COLUMNS = ("id", "application_id", "requested_on", "supplemented_on")

# the decision types a decision's signer needs a mandate for (register.DecisionType values: grant, amend, revoke and
# the verdaging of an application's term, as permits.services.PERMIT_MANDATE_TYPES), held since MANDATES_FROM
MANDATED_TYPES = ("permit", "permit_amendment", "revocation", "term_extension")
MANDATES_FROM = date(1995, 1, 1)  # the first generated grant
OTHERS_WITH_PERMIT = 0.03  # establishments outside IED and Brzo that need a permit (Bal: vergunningplichtig)
REVOKED_SHARE = 0.02
HEAVY_PROVISIONS, LIGHT_PROVISIONS = (40, 160), (8, 30)
# amending decisions per permit and the days between two of them: a heavy establishment changes more often
HEAVY_AMENDMENTS, LIGHT_AMENDMENTS = (2, 8), (0, 3)
HEAVY_INTERVAL, LIGHT_INTERVAL = (120, 1200), (300, 2400)
_FIRST_GRANT = date(1995, 1, 1).toordinal()
GRANT_MARGIN_DAYS = 60  # the newest grant is decided this long before `today`: every IED and Brzo site holds one
# Applications are on record from the start of the Omgevingsloket online under the Wabo (1 October 2010); an earlier
# decision has none. A record that starts in the middle of a quarter would be a break of its own.
RECORDED_FROM = date(2010, 10, 1)
# Modelled on purpose, not a break of the generator: the Omgevingswet took effect on 1 January 2024 and an
# application received before then was decided under the old law (Wabo), so many initiators filed early. A share of
# the applications that would have come in the first half of 2024 is filed in November or December 2023 instead
# (and decided as much earlier): a peak in 2023 Q4 and a dip in 2024 H1, the applications in total the same.
FILED_EARLY_SHARE = 0.25
FILED_EARLY_FROM, FILED_EARLY_UNTIL = date(2024, 1, 1), date(2024, 6, 30)
FILED_EARLY_IN = (date(2023, 11, 1), date(2023, 12, 31))
# the season: a share of the applications that would be filed in July or August waits until after the holidays
SUMMER_DELAY_SHARE = 0.3
# days since receipt of the application in progress a service is sure to have: its term (eight weeks) runs out
# within two weeks, so the work queue shows it
FIRST_IN_PROGRESS_AGE = (44, 54)

# chapter title -> provision templates; each placeholder is filled from FIGURES with a plausible value
CHAPTERS = {
    "Algemeen": [
        "De inrichting moet worden uitgevoerd overeenkomstig de bij de aanvraag behorende tekeningen, versie {versie}.",
        "Binnen {weken} weken na het in werking treden van deze vergunning meldt vergunninghouder de naam van de "
        "contactpersoon aan het bevoegd gezag.",
        "Van elk ongewoon voorval wordt binnen {uren} uur melding gedaan aan het bevoegd gezag.",
        "Het logboek wordt ten minste {jaren} jaar bewaard en op verzoek aan de toezichthouder getoond.",
    ],
    "Geluid": [
        "Het langtijdgemiddeld beoordelingsniveau (LAr,LT) bedraagt op de beoordelingspunten niet meer dan {db} dB(A) "
        "in de dagperiode.",
        "Het maximaal geluidsniveau (LAmax) bedraagt op de gevel van woningen niet meer dan {lamax} dB(A) in de "
        "nachtperiode.",
        "Laden en lossen vindt uitsluitend plaats tussen 07.00 en {uur}.00 uur.",
        "Binnen {maanden} maanden na oprichting wordt een akoestisch onderzoek uitgevoerd en aan het bevoegd gezag "
        "gezonden.",
    ],
    "Lucht": [
        "De emissie van stof bedraagt ten hoogste {stof} mg/Nm3 bij een massastroom van {massastroom} g/uur of meer.",
        "De emissieconcentratie van NOx in de afgassen van de stookinstallatie bedraagt ten hoogste {nox} mg/Nm3.",
        "Geurhinder op geurgevoelige objecten bedraagt niet meer dan {geur} ouE/m3 als 98-percentiel.",
        "De afgassen worden afgevoerd via een schoorsteen van ten minste {meter} meter boven maaiveld.",
    ],
    "Bodem": [
        "Bodembedreigende activiteiten vinden plaats boven een vloeistofdichte voorziening met een inspectie "
        "eens per {jaren} jaar.",
        "Binnen {maanden} maanden na beëindiging van de activiteiten wordt een bodemonderzoek uitgevoerd.",
        "Lekbakken hebben een inhoud van ten minste {procent}% van de opgeslagen hoeveelheid vloeistof.",
    ],
    "Afvalstoffen": [
        "Afvalstoffen worden gescheiden gehouden in ten minste {fracties} fracties.",
        "De opslag van gevaarlijke afvalstoffen bedraagt ten hoogste {ton} ton.",
        "Afgifte van afvalstoffen wordt geregistreerd; de registratie wordt {jaren} jaar bewaard.",
    ],
    "Afvalwater": [
        "Afvalwater wordt via een olieafscheider met een capaciteit van {ls} l/s geloosd op het vuilwaterriool.",
        "Het gehalte aan olie in het geloosde afvalwater bedraagt ten hoogste {olie} mg/l in enig steekmonster.",
        "Een controleput is ten minste {keer} keer per jaar bemonsterd.",
    ],
    "Energie": [
        "Vergunninghouder voert eens per 4 jaar een energie-audit uit.",
        "Maatregelen met een terugverdientijd van {jaren} jaar of minder worden binnen {maanden} maanden uitgevoerd.",
    ],
    "Externe veiligheid": [
        "De opslag van gevaarlijke stoffen in verpakking bedraagt ten hoogste {ton} ton per opslagvoorziening.",
        "De brandmeldinstallatie wordt ten minste eens per {controle} maanden gecontroleerd.",
        "Het bedrijfsnoodplan wordt ten minste eens per jaar beoefend.",
    ],
}
# placeholder -> range of plausible values (inclusive)
FIGURES = {
    "versie": (1, 9), "weken": (2, 8), "uren": (1, 24), "jaren": (2, 10), "db": (40, 55), "lamax": (60, 75),
    "uur": (18, 22), "maanden": (3, 12), "stof": (5, 20), "massastroom": (200, 500), "nox": (70, 200),
    "geur": (1, 5), "meter": (10, 40), "procent": (100, 110), "fracties": (3, 12), "ton": (5, 400),
    "ls": (1, 20), "olie": (20, 200), "keer": (2, 12), "controle": (3, 12),
}  # fmt: skip
_FIELDS = {
    template: [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name]
    for templates in CHAPTERS.values()
    for template in templates
}
_CHAPTER_NAMES = tuple(CHAPTERS)
_SUBJECTS = (
    "Veranderen van de inrichting: uitbreiding opslag",
    "Oprichten van een stookinstallatie",
    "Revisievergunning milieu",
    "Wijzigen van de productiecapaciteit",
    "Plaatsen van een bovengrondse opslagtank",
    "Lozen van bedrijfsafvalwater",
)
TABLE_COLUMNS = {
    "decision": DECISION_COLUMNS,
    "provision_change": CHANGE_COLUMNS,
    "provision_version": VERSION_COLUMNS,
    "application": APPLICATION_COLUMNS,
    "suspension": SUSPENSION_COLUMNS,
}


@dataclass
class PermitBatch:
    decision: list[tuple] = field(default_factory=list)
    provision_change: list[tuple] = field(default_factory=list)
    provision_version: list[tuple] = field(default_factory=list)
    application: list[tuple] = field(default_factory=list)
    suspension: list[tuple] = field(default_factory=list)


class PermitGenerator(RowNumbers):
    def __init__(self, seed: int, first_ids: dict[str, int], *, today: date, signers: dict[int, int] | None = None):
        """`signers`: omgevingsdienst id → the user id of its (synthetic) permit officer, who signs the decisions of
        the establishments it supervises and holds MANDATED_TYPES of their competent authorities since
        MANDATES_FROM; without one a decision has no signer (as one imported from an earlier system)."""
        self.rng = FastRandom(f"permits-{seed}")  # a stream apart: the register rows stay what they were
        self.next_id = dict(first_ids)
        self.today = today
        self.signers = signers or {}
        self.serial = 0
        self.last_grant = today - timedelta(days=GRANT_MARGIN_DAYS)
        self.in_progress: set[int] = set()  # the supervising services with an application in progress

    def batch(self, establishments: list[tuple]) -> PermitBatch:
        batch = PermitBatch()
        for row in establishments:
            heavy = row[_E["ied"]] or bool(row[_E["brzo_tier"]])
            if heavy or self.rng.random() < OTHERS_WITH_PERMIT:
                self._permit(batch, row, heavy)
        return batch

    # --- decisions and provisions ----------------------------------------------------------------------------

    def _text(self, chapter: str) -> str:
        rng = self.rng
        template = rng.choice(CHAPTERS[chapter])
        return template.format(**{name: rng.randint(*FIGURES[name]) for name in _FIELDS[template]})

    def _reference(self, year: int, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}-{year}-{self.serial:06d}"

    def _permit(self, batch: PermitBatch, row: tuple, heavy: bool) -> None:
        rng = self.rng
        low, high = HEAVY_PROVISIONS if heavy else LIGHT_PROVISIONS
        chapters = rng.sample(_CHAPTER_NAMES, rng.randint(4, len(_CHAPTER_NAMES)) if heavy else rng.randint(2, 4))
        count = rng.randint(low, high)
        numbers: dict[int, int] = {c: 0 for c in range(1, len(chapters) + 1)}  # chapter -> last number used
        decided = date.fromordinal(rng.randint(_FIRST_GRANT, self.last_grant.toordinal()))
        received, decided = self._dates(decided, extended=heavy, after=None, latest=self.last_grant)
        grant = []
        for _ in range(count):
            chapter = rng.randint(1, len(chapters))
            numbers[chapter] += 1
            grant.append(
                consolidation.Change("add", f"{chapter}.{numbers[chapter]}", self._text(chapters[chapter - 1]))
            )
        in_force = [c.number for c in grant]
        plan = [("grant", decided, grant, received)]
        pending = None  # the received day of the amendment in progress today
        waiting = True  # whether it may wait for a supplement (suspended)
        interval = HEAVY_INTERVAL if heavy else LIGHT_INTERVAL
        for _ in range(rng.randint(*(HEAVY_AMENDMENTS if heavy else LIGHT_AMENDMENTS))):
            previous = decided
            received, decided = self._dates(
                previous + timedelta(days=rng.randint(*interval)), extended=False, after=previous, latest=None
            )
            if decided >= self.today:  # not decided yet: in progress when received already
                pending = received if received < self.today else None
                break
            changes = []
            for number in rng.sample(in_force, min(len(in_force), rng.randint(1, 8))):
                chapter = int(number.split(".")[0])
                if rng.random() < 0.7:
                    changes.append(consolidation.Change("replace", number, self._text(chapters[chapter - 1])))
                else:
                    changes.append(consolidation.Change("revoke", number))
                    in_force.remove(number)
            for _ in range(rng.randint(0 if changes else 1, 6)):
                chapter = rng.randint(1, len(chapters))
                numbers[chapter] += 1
                number = f"{chapter}.{numbers[chapter]}"
                changes.append(consolidation.Change("add", number, self._text(chapters[chapter - 1])))
                in_force.append(number)
            plan.append(("amend", decided, changes, received))
        service = row[_E["supervising_service_id"]]
        if pending is None and service not in self.in_progress:
            # the first permit holder of a service without one yet applies now: every service has an application
            # in its work queue, also at the smallest scale (one in addition to the steady stream, no peak)
            received = self.today - timedelta(days=rng.randint(*FIRST_IN_PROGRESS_AGE))
            pending, waiting = (received if received > plan[-1][1] else None), False
        if pending is not None:
            self.in_progress.add(service)
        if pending is None and rng.random() < REVOKED_SHARE:
            decided += timedelta(days=rng.randint(200, 2000))
            if decided < self.today:
                plan.append(("revoke", decided, [], None))
        self._store(batch, row, plan, heavy, pending, waiting)

    def _processing_days(self, extended: bool) -> int:
        """Receipt to decision: most decide in time, some take longer (lead times to look at)."""
        rng = self.rng
        return rng.randint(120, 230) if extended else rng.randint(20, 60 if rng.random() < 0.8 else 110)

    def _dates(self, decided: date, *, extended: bool, after: date | None, latest: date | None) -> tuple[date, date]:
        """The received and decided day of an application that would be decided on `decided`, after the previous
        decision `after`: its processing time, the summer delay and the early filing before the Omgevingswet
        (module constants). A shift that would take the decision past `latest` is not made."""
        rng = self.rng
        received = decided - timedelta(days=self._processing_days(extended))
        if received.month in (7, 8) and rng.random() < SUMMER_DELAY_SHARE:
            shift = timedelta(days=rng.randint(30, 60))
            if latest is None or decided + shift <= latest:
                received, decided = received + shift, decided + shift
        if FILED_EARLY_FROM <= received <= FILED_EARLY_UNTIL and rng.random() < FILED_EARLY_SHARE:
            first, last = FILED_EARLY_IN
            early = first + timedelta(days=rng.randint(0, (last - first).days))
            if after is None or early > after:
                received, decided = early, decided - (received - early)
        return received, decided

    def _store(
        self, batch: PermitBatch, row: tuple, plan: list, heavy: bool, pending: date | None, waiting: bool
    ) -> None:
        rng = self.rng
        establishment, owner = row[_E["id"]], row[_E["owner_id"]]
        signer = self.signers.get(row[_E["supervising_service_id"]])
        decisions = []
        for kind, decided, changes, received in plan:
            decision_id = self._id("decision")
            effective = decided + timedelta(days=rng.choice((0, 1, 42)))  # at once, next day, after the appeal term
            effective = min(effective, self.today)  # a recent decision: in force by today
            reference = self._reference(decided.year, {"grant": "OV", "amend": "WV", "revoke": "IV"}[kind])
            batch.decision.append((decision_id, owner, establishment, reference, kind, decided, effective, signer))
            for position, change in enumerate(changes, start=1):
                batch.provision_change.append(
                    (self._id("provision_change"), decision_id, position, change.op, change.number, change.text)
                )
            decisions.append(
                consolidation.Decision(decision_id, reference, kind, decided, effective, changes, order=decision_id)
            )
            if received is not None and received >= RECORDED_FROM:
                procedure = "extended" if heavy and kind == "grant" else "regular"
                self._decided_application(batch, row, decision_id, received, decided, procedure)
        for version in consolidation.replay(decisions):
            batch.provision_version.append(
                (
                    self._id("provision_version"),
                    establishment,
                    version.number,
                    version.text,
                    version.source,
                    version.valid_from,
                    version.valid_until,
                    version.ended_by,
                )  # fmt: skip
            )
        if pending is not None and pending >= RECORDED_FROM:
            self._open_application(batch, row, pending, waiting)

    # --- applications ----------------------------------------------------------------------------------------

    def _application(
        self, batch, row, *, received, procedure, status, extended=None, notice=None, decided=None, decision=None
    ) -> int:  # noqa: E501
        application_id = self._id("application")
        batch.application.append(
            (
                application_id,
                row[_E["owner_id"]],
                row[_E["id"]],
                row[_E["competent_authority_id"]],
                f"OLO-{received.year}-{application_id:07d}",
                self.rng.choice(_SUBJECTS),
                received,
                procedure,
                extended,
                status,
                notice,
                decided,
                decision,
            )  # fmt: skip
        )
        return application_id

    def _decided_application(self, batch, row, decision_id: int, received: date, decided: date, procedure: str) -> None:
        extended = received + timedelta(days=self.rng.randint(10, 50)) if self.rng.random() < 0.15 else None
        if extended is not None and extended >= decided:
            extended = None
        self._application(
            batch, row, received=received, procedure=procedure, status="decided", extended=extended,
            decided=decided, decision=decision_id,
        )  # fmt: skip

    def _open_application(self, batch: PermitBatch, row: tuple, received: date, waiting: bool = True) -> None:
        """An application in progress since `received`: some wait for a supplement (suspended, where `waiting`),
        some terms have passed and a share of those has a notice of default (ingebrekestelling)."""
        rng = self.rng
        suspension = None
        if rng.random() < 0.3 and waiting:
            requested = min(received + timedelta(days=rng.randint(1, 4)), self.today)
            supplemented = requested + timedelta(days=rng.randint(3, 20))
            suspension = (requested, supplemented if supplemented < self.today and rng.random() < 0.6 else None)
        suspended = permit_terms.suspended_days(
            [permit_terms.Suspension(*suspension)] if suspension else [], until=self.today
        )
        deadline = permit_terms.decision_deadline(received, "regular", suspended=suspended)
        status = "suspended" if suspension and suspension[1] is None else "received"
        notice = None
        if status == "received" and deadline < self.today - timedelta(days=1) and rng.random() < 0.5:
            notice = deadline + timedelta(days=rng.randint(1, (self.today - deadline).days))
        application_id = self._application(
            batch, row, received=received, procedure="regular", status=status, notice=notice
        )
        if suspension:
            batch.suspension.append((self._id("suspension"), application_id, *suspension))
