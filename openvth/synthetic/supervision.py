"""Ten years of inspections and findings of the synthetic Netherlands as row tuples (pure: no database).

How often an establishment is visited follows its weight: Brzo upper tier twice a year (a routine visit and a
system inspection), Brzo lower tier and IED installations every one to two years, other permit holders every
three years, the rest every six years, plus visits after complaints. About one visit in four finds a violation
(compliance around 75 %, as the omgevingsdiensten report it); a violation has one to three findings, each tied
to a provision of the permit in force on that day where the establishment holds one, else to a general rule of
the Besluit activiteiten leefomgeving. A violation brings a re-inspection within weeks, a serious one (LHSO
consequences 3-4) always within 6 months (IED art. 23(4)). Reports go to the operator within 2 months and IED
reports are public within 4, with a few late ones to see. One random stream of its own, in establishment order.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from .generator import _E, FastRandom, RowNumbers
from .permits import VERSION_COLUMNS

INSPECTION_COLUMNS = (
    "id", "owner_id", "establishment_id", "kind", "announced", "planned_on", "performed_on", "status", "checklist_id",
    "summary", "closed_at", "closed_by_id", "report_sent_on", "report_published_on", "follows_id",
)  # fmt: skip
FINDING_COLUMNS = (
    "id", "inspection_id", "answer_id", "provision_number", "provision_text", "general_rule", "consequences",
    "brzo_grade", "description", "created_at",
)  # fmt: skip
TABLE_COLUMNS = {"inspection": INSPECTION_COLUMNS, "finding": FINDING_COLUMNS}

HISTORY_YEARS = 10
# visits per year by weight of the establishment (routine and thematic; re-inspections come on top)
VISITS_PER_YEAR = {"upper": 2.0, "lower": 0.7, "ied": 0.6, "permit": 0.33, "other": 0.17}
COMPLAINT_VISITS_PER_YEAR = 0.02
VIOLATION_SHARE = 0.25
RESTORED_AT_REINSPECTION = 0.8
CONSEQUENCES_WEIGHTS = ((1, 0.40), (2, 0.40), (3, 0.15), (4, 0.05))
OPEN_RECENT_SHARE = 0.5  # visits of the last fortnight whose report is still being written
_V = {name: index for index, name in enumerate(VERSION_COLUMNS)}

GENERAL_RULES = (
    ("Bal art. 2.11 (specifieke zorgplicht)", "Passende maatregelen tegen nadelige gevolgen voor het milieu missen."),
    ("Bal art. 4.1038 (opslag gevaarlijke stoffen)", "Verpakte gevaarlijke stoffen staan niet boven een lekbak."),
    ("Bal art. 4.1047 (opslagtank)", "Het keuringscertificaat van de bovengrondse opslagtank is verlopen."),
    ("Bal art. 3.2 (registratie afvalstoffen)", "De afgifte van afvalstoffen is niet geregistreerd."),
    ("Bal art. 4.1005 (bodembeschermende voorziening)", "De vloeistofdichte vloer vertoont scheuren."),
    ("Bal art. 5.9 (energiebesparing)", "De energiebesparingsrapportage is niet ingediend."),
    ("Bal art. 2.18 (ongewoon voorval)", "Een ongewoon voorval is niet gemeld bij het bevoegd gezag."),
    ("Bbl art. 6.7 (brandveiligheid)", "Vluchtroutes zijn geblokkeerd door opgeslagen materiaal."),
)  # fmt: skip
# what was seen when a permit provision is breached, by the provision's first words
PROVISION_FINDINGS = (
    "Het voorschrift wordt niet nageleefd: de gevraagde registratie ontbrak bij de inspectie.",
    "Bij de inspectie bleek de voorziening niet aanwezig of niet in orde.",
    "De gemeten waarde overschrijdt de in het voorschrift genoemde grenswaarde.",
    "De termijn uit het voorschrift is verstreken zonder dat de vereiste stukken zijn ontvangen.",
    "De installatie werd niet bedreven zoals het voorschrift vereist.",
)
SUMMARIES = {
    True: "Tijdens de inspectie zijn overtredingen geconstateerd; zie de bevindingen.",
    False: "Tijdens de inspectie zijn geen overtredingen geconstateerd.",
}


@dataclass
class SupervisionBatch:
    inspection: list[tuple] = field(default_factory=list)
    finding: list[tuple] = field(default_factory=list)


class SupervisionGenerator(RowNumbers):
    def __init__(self, seed: int, first_ids: dict[str, int], *, today: date):
        self.rng = FastRandom(f"supervision-{seed}")  # a stream apart: the register and permit rows stay
        self.next_id = dict(first_ids)
        self.today = today
        self.first_day = date(today.year - HISTORY_YEARS, today.month, 1)

    def batch(self, establishments: list[tuple], provision_versions: list[tuple]) -> SupervisionBatch:
        batch = SupervisionBatch()
        versions = defaultdict(list)
        for version in provision_versions:
            versions[version[_V["establishment_id"]]].append(version)
        for row in establishments:
            self._establishment(batch, row, versions.get(row[_E["id"]], []))
        return batch

    def _weight(self, row: tuple, has_permit: bool) -> str:
        if row[_E["brzo_tier"]]:
            return row[_E["brzo_tier"]]
        if row[_E["ied"]]:
            return "ied"
        return "permit" if has_permit else "other"

    def _establishment(self, batch: SupervisionBatch, row: tuple, versions: list[tuple]) -> None:
        rng = self.rng
        weight = self._weight(row, bool(versions))
        span = (self.today - self.first_day).days
        # routine visits at the establishment's interval with some jitter: the legal intervals hold
        interval = 365 / VISITS_PER_YEAR[weight]
        offset = rng.random() * interval
        visits = []
        while offset < span:
            jitter = (rng.random() - 0.5) * 0.3 * interval
            visits.append((self.first_day + timedelta(days=int(max(0, offset + jitter))), "routine"))
            offset += interval
        expected = COMPLAINT_VISITS_PER_YEAR * HISTORY_YEARS
        for _ in range(int(expected) + (rng.random() < expected - int(expected))):
            visits.append((self.first_day + timedelta(days=rng.randint(0, span - 1)), "complaint"))
        if weight == "upper":  # every other visit of an upper-tier establishment is a system inspection
            visits = [(day, "brzo_system" if i % 2 else kind) for i, (day, kind) in enumerate(sorted(visits))]
        for day, kind in sorted(visits):
            self._visit(batch, row, versions, day, kind, follows=None, violated=rng.random() < VIOLATION_SHARE)

    def _visit(self, batch, row, versions, day: date, kind: str, *, follows: int | None, violated: bool) -> None:
        rng = self.rng
        day -= timedelta(days=max(0, day.weekday() - 4))  # inspectors visit on working days: a weekend goes to Friday
        if day >= self.today:
            return
        inspection_id = self._id("inspection")
        is_open = (self.today - day).days < 14 and rng.random() < OPEN_RECENT_SHARE
        # closed within ten days of the visit, and never later than yesterday
        closed_on = min(day + timedelta(days=rng.randint(0, 10)), self.today - timedelta(days=1))
        closed_at = None if is_open else datetime.combine(closed_on, time(16), UTC)
        sent = published = None
        if not is_open:
            late = rng.random() >= 0.9
            sent = day + timedelta(days=rng.randint(62, 100) if late else rng.randint((closed_on - day).days, 55))
            if row[_E["ied"]] and sent < self.today:
                published = sent + timedelta(days=rng.randint(10, 60) if rng.random() < 0.9 else rng.randint(70, 120))
        sent = sent if sent and sent < self.today else None
        published = published if published and published < self.today else None
        batch.inspection.append((
            inspection_id, row[_E["supervising_service_id"]], row[_E["id"]], kind, rng.random() < 0.6,
            day - timedelta(days=rng.randint(0, 30)), day, "open" if is_open else "closed", None, SUMMARIES[violated],
            closed_at, None, sent, published, follows,
        ))  # fmt: skip
        if not violated:
            return
        worst = 0
        created = datetime.combine(day, time(11), UTC)
        for _ in range(rng.randint(1, 3)):
            consequences = rng.weighted(CONSEQUENCES_WEIGHTS)
            worst = max(worst, consequences)
            in_force = [v for v in versions if v[_V["valid_from"]] <= day and (v[_V["valid_until"]] or day) >= day]
            if in_force and rng.random() < 0.7:
                version = rng.choice(in_force)
                provision = (version[_V["number"]], version[_V["text"]])
                rule, text = "", rng.choice(PROVISION_FINDINGS)
            else:
                provision, (rule, text) = ("", ""), rng.choice(GENERAL_RULES)
            grade = ("licht", "middelmatig", "zwaar")[min(consequences, 3) - 1] if row[_E["brzo_tier"]] else ""
            batch.finding.append(
                (self._id("finding"), inspection_id, None, *provision, rule, consequences, grade, text, created)
            )
        weeks = rng.randint(3, 12) if worst < 3 else rng.randint(2, 20)  # serious: always within 6 months
        self._visit(
            batch, row, versions, day + timedelta(weeks=weeks), "reinspection", follows=inspection_id,
            violated=rng.random() >= RESTORED_AT_REINSPECTION,
        )  # fmt: skip
