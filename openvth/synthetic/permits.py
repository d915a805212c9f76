"""Permit histories of the synthetic Netherlands as row tuples (pure: no database).

Every IED and Brzo establishment and a share of the others hold a permit: a grant, a few amending decisions and
now and then a revocation, with numbered provisions in plausible Dutch. The provision versions are derived with
the same replay as the services (openvth.rules.consolidation). Applications with running terms fill the work
queue; decided applications give lead times. One random stream of its own, consumed in establishment order, so
a seed gives the same rows everywhere (dates of open applications count back from `today`).
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
OPEN_APPLICATION_EVERY = 8  # every 8th permit holder has an application in progress (a quota, as for IED)
# days since receipt of those, in turn: term passed, running out within two weeks, just received
OPEN_APPLICATION_AGES = ((60, 80), (44, 54), (5, 30))
REVOKED_SHARE = 0.02
HEAVY_PROVISIONS, LIGHT_PROVISIONS = (40, 160), (8, 30)
_FIRST_GRANT, _LAST_GRANT = date(1995, 1, 1).toordinal(), date(2019, 12, 31).toordinal()

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
        self.holders = 0  # permit holders so far: the quota of open applications counts them

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
        decided = date.fromordinal(rng.randint(_FIRST_GRANT, _LAST_GRANT))
        grant = []
        for _ in range(count):
            chapter = rng.randint(1, len(chapters))
            numbers[chapter] += 1
            grant.append(
                consolidation.Change("add", f"{chapter}.{numbers[chapter]}", self._text(chapters[chapter - 1]))
            )
        in_force = [c.number for c in grant]
        plan = [("grant", decided, grant)]
        for _ in range(rng.randint(1, 5) if heavy else rng.randint(0, 2)):
            decided += timedelta(days=rng.randint(120, 1500))
            if decided >= self.today - timedelta(days=60):
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
            plan.append(("amend", decided, changes))
        if rng.random() < REVOKED_SHARE:
            decided += timedelta(days=rng.randint(200, 2000))
            if decided < self.today:
                plan.append(("revoke", decided, []))
        self._store(batch, row, plan, heavy)

    def _store(self, batch: PermitBatch, row: tuple, plan: list, heavy: bool) -> None:
        rng = self.rng
        establishment, owner = row[_E["id"]], row[_E["owner_id"]]
        signer = self.signers.get(row[_E["supervising_service_id"]])
        decisions = []
        for kind, decided, changes in plan:
            decision_id = self._id("decision")
            effective = decided + timedelta(days=rng.choice((0, 1, 42)))  # at once, next day, after the appeal term
            reference = self._reference(decided.year, {"grant": "OV", "amend": "WV", "revoke": "IV"}[kind])
            batch.decision.append((decision_id, owner, establishment, reference, kind, decided, effective, signer))
            for position, change in enumerate(changes, start=1):
                batch.provision_change.append(
                    (self._id("provision_change"), decision_id, position, change.op, change.number, change.text)
                )
            decisions.append(
                consolidation.Decision(decision_id, reference, kind, decided, effective, changes, order=decision_id)
            )
            if kind != "revoke" and decided.year >= 2010:
                self._decided_application(batch, row, decision_id, decided, heavy and kind == "grant")
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
        if plan[-1][0] != "revoke":
            self.holders += 1
            if self.holders % OPEN_APPLICATION_EVERY == 0:
                self._open_application(batch, row)

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

    def _decided_application(self, batch, row, decision_id: int, decided: date, extended_procedure: bool) -> None:
        rng = self.rng
        procedure = "extended" if extended_procedure else "regular"
        # most decide in time, some take longer: lead times to look at
        days = rng.randint(120, 230) if extended_procedure else rng.randint(20, 60 if rng.random() < 0.8 else 110)
        received = decided - timedelta(days=days)
        extended = received + timedelta(days=rng.randint(10, 50)) if rng.random() < 0.15 else None
        self._application(
            batch, row, received=received, procedure=procedure, status="decided", extended=extended,
            decided=decided, decision=decision_id,
        )  # fmt: skip

    def _open_application(self, batch: PermitBatch, row: tuple) -> None:
        """An application in progress: some terms run out within two weeks, some have passed."""
        rng = self.rng
        ages = OPEN_APPLICATION_AGES[self.holders // OPEN_APPLICATION_EVERY % len(OPEN_APPLICATION_AGES)]
        received = self.today - timedelta(days=rng.randint(*ages))
        suspension = None
        if rng.random() < 0.3:
            requested = received + timedelta(days=rng.randint(1, 4))
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
