"""Quality criteria for the critical mass of an omgevingsdienst, per task area.

Source: Kwaliteitscriteria 2.2 (VTH), Omgevingsbesluit art. 13.6/13.8 (kwaliteitsborging): an authority (and the
omgevingsdienst that carries out its tasks) sees to it that each task is done by enough qualified people (the
critical mass), each with the required education and experience, who spend enough hours a year on the task to stay
proficient. The seed letter (Kamerbrief voortgang versterking VTH-stelsel 2023, recommendation 2) asks for uniform
national minimum criteria and a framework for regional fine-tuning on top of them (never below the minimum).

Task areas: a small fixed list of the criteria's task areas (process × environmental domain), not the configurable
basistakenpakket catalogue (register.TaskCategory): the criteria are set per area of expertise, the catalogue per
product of the authority. The numbers of DEFAULT_CRITERIA are the shipped national minimum until the ministry stores
its own version; every number is configurable.

Pure Python: the caller turns its records into `Person` values and passes the criteria in force.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from openvth.rules.labels import LabelledEnum

SOURCE = "Kwaliteitscriteria 2.2 (VTH), Omgevingsbesluit art. 13.6/13.8 (kwaliteitsborging)"


class TaskArea(LabelledEnum):
    PERMITS = "VV-MIL", "Vergunningverlening milieu"
    PERMITS_COMPLEX = "VV-COMPLEX", "Vergunningverlening complexe bedrijven (IED/Brzo)"
    SUPERVISION = "TZ-MIL", "Toezicht milieu"
    SUPERVISION_COMPLEX = "TZ-COMPLEX", "Toezicht complexe bedrijven (IED/Brzo)"
    ENFORCEMENT_LEGAL = "HH-JUR", "Juridische handhaving"
    NOISE = "SP-GELUID", "Specialisme geluid"
    SOIL = "SP-BODEM", "Specialisme bodem"
    EXTERNAL_SAFETY = "SP-EV", "Specialisme externe veiligheid"


TASK_AREA_LABELS = TaskArea.labels()


class Education(LabelledEnum):
    MBO = "mbo", "mbo (niveau 4)"
    HBO = "hbo", "hbo"
    WO = "wo", "wo"


EDUCATION_RANK = {Education.MBO: 4, Education.HBO: 6, Education.WO: 7}  # NLQF levels
EDUCATION_LABELS = Education.labels()


class Criterion(LabelledEnum):
    """What a person or a service can fail; CRITERION_LABELS say it in Dutch."""

    CRITICAL_MASS = "min_qualified", "kritieke massa (aantal gekwalificeerde medewerkers)"
    EDUCATION = "education", "opleidingsniveau"
    EXPERIENCE = "experience_years", "werkervaring (jaren)"
    PROFICIENCY = "proficiency_hours", "uren per jaar om bekwaam te blijven"
    CERTIFICATE = "certificate_required", "geldig certificaat"


CRITERION_LABELS = Criterion.labels()
FIELDS = tuple(Criterion)


@dataclass(frozen=True)
class Criteria:
    """The criteria of one task area."""

    min_qualified: int
    education: str
    experience_years: int
    proficiency_hours: int
    certificate_required: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {name.value: getattr(self, name.value) for name in FIELDS}


DEFAULT_CRITERIA: dict[str, Criteria] = {
    TaskArea.PERMITS: Criteria(3, Education.HBO, 2, 400),
    TaskArea.PERMITS_COMPLEX: Criteria(3, Education.HBO, 4, 600, certificate_required=True),
    TaskArea.SUPERVISION: Criteria(4, Education.MBO, 1, 400),
    TaskArea.SUPERVISION_COMPLEX: Criteria(3, Education.HBO, 3, 600, certificate_required=True),
    TaskArea.ENFORCEMENT_LEGAL: Criteria(2, Education.WO, 2, 400),
    TaskArea.NOISE: Criteria(2, Education.HBO, 2, 300),
    TaskArea.SOIL: Criteria(2, Education.HBO, 2, 300),
    TaskArea.EXTERNAL_SAFETY: Criteria(2, Education.HBO, 3, 300, certificate_required=True),
}


class CriteriaError(ValueError):
    """Criteria that cannot be stored: `errors` maps 'AREA.field' (or 'AREA') to a Dutch message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))


def _whole(value: object, key: str, errors: dict[str, str], minimum: int = 0, maximum: int = 10_000) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        errors[key] = "geef een geheel getal."
        return None
    text = str(value).strip()
    if not text.isdigit() or not minimum <= int(text) <= maximum:
        errors[key] = f"geef een geheel getal van {minimum} tot {maximum}, niet '{value}'."
        return None
    return int(text)


def _boolean(value: object, key: str, errors: dict[str, str]) -> bool | None:
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() in ("ja", "true", "1"):
        return True
    if str(value).strip().lower() in ("nee", "false", "0", ""):
        return False
    errors[key] = f"geef ja of nee, niet '{value}'."
    return None


def parse_area(area: str, values: Mapping[str, Any], errors: dict[str, str], *, complete: bool) -> dict[str, Any]:
    """The criteria of one area as given (all fields when `complete`, else any of them), checked for form."""
    parsed: dict[str, Any] = {}
    unknown = sorted(set(values) - {f.value for f in FIELDS})
    if unknown:
        errors[area] = f"onbekende criteria: {', '.join(unknown)}."
    for name in FIELDS:
        key = f"{area}.{name.value}"
        if name.value not in values:
            if complete:
                errors[key] = f"ontbreekt: {CRITERION_LABELS[name]}."
            continue
        value = values[name.value]
        if name is Criterion.EDUCATION:
            if value not in {e.value for e in Education}:
                errors[key] = f"kies mbo, hbo of wo, niet '{value}'."
                continue
            parsed[name.value] = str(value)
        elif name is Criterion.CERTIFICATE:
            parsed[name.value] = _boolean(value, key, errors)
        elif name is Criterion.CRITICAL_MASS:
            parsed[name.value] = _whole(value, key, errors, minimum=1, maximum=1000)
        elif name is Criterion.EXPERIENCE:
            parsed[name.value] = _whole(value, key, errors, maximum=50)
        else:
            parsed[name.value] = _whole(value, key, errors, maximum=2000)
    return parsed


def parse_national(table: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A national minimum: every task area with every criterion. Raises CriteriaError."""
    errors: dict[str, str] = {}
    if not isinstance(table, Mapping):
        raise CriteriaError({"criteria": "geef per taakveld de criteria."})
    for area in sorted(set(table) - set(TaskArea)):
        errors[area] = "onbekend taakveld."
    parsed = {}
    for area in TaskArea:
        if area.value not in table or not isinstance(table[area.value], Mapping):
            errors[area.value] = f"de landelijke minimumcriteria van {TASK_AREA_LABELS[area]} ontbreken."
            continue
        parsed[area.value] = parse_area(area.value, table[area.value], errors, complete=True)
    if errors:
        raise CriteriaError(errors)
    return parsed


def parse_regional(table: Mapping[str, Any], national: Mapping[str, Criteria]) -> dict[str, dict[str, Any]]:
    """A service's own values on top of the national minimum: any criteria of any areas, each at least as strict
    as the national minimum in force (Kwaliteitscriteria: regional fine-tuning above the uniform minimum). Raises
    CriteriaError naming each value below the minimum."""
    errors: dict[str, str] = {}
    if not isinstance(table, Mapping):
        raise CriteriaError({"criteria": "geef per taakveld de criteria."})
    parsed = {}
    for area, values in table.items():
        if area not in set(TaskArea):
            errors[area] = "onbekend taakveld."
            continue
        if not isinstance(values, Mapping):
            errors[area] = "geef de criteria van dit taakveld."
            continue
        own = parse_area(area, values, errors, complete=False)
        floor = national[area]
        for name, value in own.items():
            if value is None:
                continue
            minimum = getattr(floor, name)
            if below(name, value, minimum):
                shown = "ja" if minimum is True else minimum
                errors[f"{area}.{name}"] = (
                    f"{CRITERION_LABELS[Criterion(name)]} van {TASK_AREA_LABELS[TaskArea(area)]} mag niet lager zijn "
                    f"dan het landelijke minimum ({shown})."
                )
        if own:
            parsed[area] = own
    if errors:
        raise CriteriaError(errors)
    return parsed


def _rank(education: str) -> int:
    """The rank of an education level; an unknown one ranks below every level."""
    try:
        return EDUCATION_RANK[Education(education)]
    except ValueError:
        return 0


def below(name: str, value: Any, minimum: Any) -> bool:
    """Whether a regional value is less strict than the national minimum."""
    if name == Criterion.EDUCATION:
        return EDUCATION_RANK[Education(value)] < EDUCATION_RANK[Education(minimum)]
    if name == Criterion.CERTIFICATE:
        return bool(minimum) and not value
    return bool(value < minimum)


def national_criteria(stored: Mapping[str, Mapping[str, Any]] | None) -> dict[str, Criteria]:
    """The national minimum per area: a stored version, or DEFAULT_CRITERIA where none is stored."""
    if not stored:
        return dict(DEFAULT_CRITERIA)
    return {area: Criteria(**stored[area]) if area in stored else DEFAULT_CRITERIA[area] for area in TaskArea}


def effective_criteria(
    national: Mapping[str, Criteria], regional: Mapping[str, Mapping[str, Any]] | None
) -> dict[str, Criteria]:
    """The criteria that apply to a service: its own values where stricter, the national minimum elsewhere (a
    regional value below a later national minimum gives way to it)."""
    result = dict(national)
    for area, values in (regional or {}).items():
        if area not in result:
            continue
        stricter = {
            name: value for name, value in values.items() if not below(name, value, getattr(result[area], name))
        }
        result[area] = replace(result[area], **stricter)
    return result


# --- people and the assessment -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """One staff member's competence in one task area, with the periods it holds."""

    key: object
    active_from: date
    active_to: date | None  # last day at the service (inclusive); None: still there
    competence_from: date
    competence_to: date | None  # last day of the competence (inclusive)
    education: str
    experience_years: Decimal  # at competence_from; grows by a year on each anniversary while it runs
    hours_per_year: int
    certificates: tuple[tuple[date, date | None], ...] = ()  # (issued on, expires on inclusive)


def _within(day: date, start: date, end: date | None) -> bool:
    return start <= day and (end is None or day <= end)


def whole_years(start: date, day: date) -> int:
    if day < start:
        return 0
    return day.year - start.year - ((day.month, day.day) < (start.month, start.day))


def experience_on(person: Person, day: date) -> Decimal:
    return Decimal(person.experience_years) + whole_years(person.competence_from, day)


def failing(person: Person, criteria: Criteria, day: date) -> tuple[Criterion, ...] | None:
    """The criteria the person fails on `day`; None when they do not work in the area that day."""
    if not (
        _within(day, person.active_from, person.active_to)
        and _within(day, person.competence_from, person.competence_to)
    ):
        return None
    failed = []
    if _rank(person.education) < EDUCATION_RANK[Education(criteria.education)]:
        failed.append(Criterion.EDUCATION)
    if experience_on(person, day) < criteria.experience_years:
        failed.append(Criterion.EXPERIENCE)
    if person.hours_per_year < criteria.proficiency_hours:
        failed.append(Criterion.PROFICIENCY)
    if criteria.certificate_required and not any(
        _within(day, issued, expires) for issued, expires in person.certificates
    ):
        failed.append(Criterion.CERTIFICATE)
    return tuple(failed)


@dataclass(frozen=True)
class Assessment:
    """Whether a service meets the criteria of one area on a day, and which criteria fail."""

    met: bool
    qualified: int
    required: int
    working: int  # people with a running competence in the area
    failing: dict[str, int] = field(default_factory=dict)  # criterion -> people failing it (critical mass: shortfall)
    since: date | None = None  # the status holds from this day on; None: since the first record

    @property
    def failing_labels(self) -> list[str]:
        return [f"{CRITERION_LABELS[Criterion(name)]} ({count})" for name, count in self.failing.items()]


def assess(criteria: Criteria, people: Iterable[Person], day: date) -> Assessment:
    qualified = working = 0
    failures: dict[str, int] = {}
    for person in people:
        failed = failing(person, criteria, day)
        if failed is None:
            continue
        working += 1
        if not failed:
            qualified += 1
        for criterion in failed:
            failures[criterion.value] = failures.get(criterion.value, 0) + 1
    met = qualified >= criteria.min_qualified
    failing_now = {} if met else {Criterion.CRITICAL_MASS.value: criteria.min_qualified - qualified, **failures}
    return Assessment(met, qualified, criteria.min_qualified, working, failing_now)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without it: the anniversary is 1 March (as whole_years counts)
        return date(day.year + years, 3, 1)


def change_days(people: Iterable[Person], until: date) -> set[date]:
    """The days on which a person's part in the assessment can change: starts, the day after ends, anniversaries."""
    days: set[date] = set()
    for person in people:
        days |= {person.active_from, person.competence_from}
        days |= {end + timedelta(days=1) for end in (person.active_to, person.competence_to) if end is not None}
        for issued, expires in person.certificates:
            days.add(issued)
            if expires is not None:
                days.add(expires + timedelta(days=1))
        for years in range(1, whole_years(person.competence_from, until) + 1):
            days.add(_add_years(person.competence_from, years))
    return {day for day in days if day <= until}


def assess_since(
    criteria_on: Callable[[date], Criteria],
    people: Iterable[Person],
    day: date,
    criteria_days: Iterable[date] = (),
) -> Assessment:
    """The assessment on `day` with since when its outcome (met or not) holds: the first day of the unbroken run
    up to `day`, found from the days anything changes (people, competences, certificates, experience, criteria)."""
    people = list(people)
    now = assess(criteria_on(day), people, day)
    candidates = sorted(change_days(people, day) | {d for d in criteria_days if d <= day}, reverse=True)
    for candidate in candidates:
        before = candidate - timedelta(days=1)
        if assess(criteria_on(before), people, before).met != now.met:
            return replace(now, since=candidate)
    return now
