"""Every read of the capacity app.

Records (people, competences, certificates, grants) are read through `visible_to`: a service sees its own. The
national figures (the criteria matrix, the mandate comparison, the SPUK totals) are for the ministry's programme
office (monitoring.selectors.sees_country) and hold counts per service, never a person.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from openvth.monitoring.selectors import sees_country
from openvth.register.models import Mandate, Organisation
from openvth.rules import director_mandate, quality, spuk

from .models import Certificate, Competence, Grant, GrantQuarter, QualityCriteriaVersion, StaffMember

__all__ = ["sees_country"]


def own_service(user) -> Organisation | None:
    """The omgevingsdienst the user works at, or None."""
    organisation = getattr(user, "organisation", None) if getattr(user, "is_authenticated", False) else None
    if organisation is not None and organisation.kind == Organisation.Kind.OMGEVINGSDIENST:
        return organisation
    return None


def require_own_service(user, refusal: str = "") -> Organisation:
    """`own_service` for a page or endpoint of one service: anyone else is refused (PermissionDenied)."""
    service = own_service(user)
    if service is None:
        raise PermissionDenied(refusal or _("Dit overzicht is voor medewerkers van een omgevingsdienst."))
    return service


def require_country(user) -> None:
    """For the national figures: anyone but the ministry's programme office is refused (PermissionDenied)."""
    if not sees_country(user):
        raise PermissionDenied(_("Landelijke overzichten zijn voor het programmabureau van het ministerie."))


def services() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=Organisation.Kind.OMGEVINGSDIENST).order_by("name"))


# --- records --------------------------------------------------------------------------------------------------------


def staff(user):
    return StaffMember.objects.visible_to(user).select_related("service", "user")


def competences(user):
    return Competence.objects.visible_to(user).select_related("staff")


def certificates(user):
    return Certificate.objects.visible_to(user).select_related("competence__staff")


def criteria_versions(user):
    return QualityCriteriaVersion.objects.visible_to(user).select_related("organisation", "created_by")


def grants(user):
    spent = Coalesce(Sum("quarters__spent"), Decimal(0))  # a grant without quarters has spent nothing, not null
    return Grant.objects.visible_to(user).select_related("service").annotate(spent_total=spent)


def grant_quarters(user):
    return GrantQuarter.objects.visible_to(user).select_related("grant__service")


# --- criteria ---------------------------------------------------------------------------------------------------------

_NATIONAL = Q(organisation__kind=Organisation.Kind.MINISTRY)


def national_version(day: date) -> QualityCriteriaVersion | None:
    found = QualityCriteriaVersion.objects.filter(_NATIONAL, valid_from__lte=day)
    return found.order_by("-valid_from", "-id").first()


def national_criteria(day: date) -> dict[str, quality.Criteria]:
    """The national minimum in force on `day` (the shipped default where none is stored)."""
    version = national_version(day)
    return quality.national_criteria(version.criteria if version else None)


def national_criteria_now() -> dict[str, quality.Criteria]:
    """The newest national minimum, also one in force only from a later day."""
    version = QualityCriteriaVersion.objects.filter(_NATIONAL).order_by("-valid_from", "-id").first()
    return quality.national_criteria(version.criteria if version else None)


class CriteriaHistory:
    """The national and one service's criteria versions, read once, answering the criteria in force on any day."""

    def __init__(self, service_id: int | None, national=None):
        if national is None:
            national = list(QualityCriteriaVersion.objects.filter(_NATIONAL).order_by("valid_from", "id"))
        self.national = national
        self.regional = (
            list(QualityCriteriaVersion.objects.filter(organisation_id=service_id).order_by("valid_from", "id"))
            if service_id is not None
            else []
        )

    @staticmethod
    def _on(versions, day: date):
        found = None
        for version in versions:
            if version.valid_from <= day:
                found = version
        return found

    def on(self, day: date) -> dict[str, quality.Criteria]:
        national = self._on(self.national, day)
        regional = self._on(self.regional, day)
        return quality.effective_criteria(
            quality.national_criteria(national.criteria if national else None), regional.criteria if regional else None
        )

    @property
    def days(self) -> list[date]:
        return [v.valid_from for v in self.national + self.regional]


# --- assessment -------------------------------------------------------------------------------------------------------


def people(service_ids) -> dict[int, dict[str, list[quality.Person]]]:
    """Service id -> task area -> the competences of its people, as the rule reads them (internal: no scoping,
    callers show counts only or are the service itself)."""
    found: dict[int, dict[str, list[quality.Person]]] = defaultdict(lambda: defaultdict(list))
    rows = (
        Competence.objects.filter(staff__service_id__in=service_ids)
        .select_related("staff")
        .prefetch_related("certificates")
    )
    for competence in rows:
        member = competence.staff
        found[member.service_id][competence.task_area].append(
            quality.Person(
                key=competence.pk,
                active_from=member.active_from,
                active_to=member.active_to,
                competence_from=competence.valid_from,
                competence_to=competence.valid_to,
                education=competence.education,
                experience_years=competence.experience_years,
                hours_per_year=competence.hours_per_year,
                certificates=tuple((c.issued_on, c.expires_on) for c in competence.certificates.all()),
            )
        )
    return found


@dataclass(frozen=True)
class AreaRow:
    code: str
    label: str
    criteria: quality.Criteria
    assessment: quality.Assessment


def _rows(history: CriteriaHistory, by_area: dict[str, list[quality.Person]], day: date) -> list[AreaRow]:
    rows = []
    for area in quality.TaskArea:
        result = quality.assess_since(
            lambda d, a=area: history.on(d)[a], by_area.get(area.value, []), day, history.days
        )
        rows.append(AreaRow(area.value, quality.TASK_AREA_LABELS[area], history.on(day)[area], result))
    return rows


def assessment(service: Organisation, day: date) -> list[AreaRow]:
    """Per task area: meets or not, which criteria fail and since when (the caller checks the user may read it)."""
    return _rows(CriteriaHistory(service.pk), people([service.pk]).get(service.pk, {}), day)


@dataclass(frozen=True)
class MatrixRow:
    service: Organisation
    cells: list[AreaRow]

    @property
    def met(self) -> int:
        return sum(1 for cell in self.cells if cell.assessment.met)


def national_matrix(day: date) -> list[MatrixRow]:
    """Service × task area for the ministry: counts and outcomes, no person."""
    all_services = services()
    found = people([s.pk for s in all_services])
    national = list(QualityCriteriaVersion.objects.filter(_NATIONAL).order_by("valid_from", "id"))
    return [
        MatrixRow(service, _rows(CriteriaHistory(service.pk, national), found.get(service.pk, {}), day))
        for service in all_services
    ]


# --- mandates (item 5) ------------------------------------------------------------------------------------------------

POWERS = director_mandate.Power.choices()


def _director_mandates(day: date):
    """The four powers held on `day` by a director (role manager) of an omgevingsdienst."""
    return Mandate.objects.filter(
        Mandate.valid_on_q(day),
        holder__organisation__kind=Organisation.Kind.OMGEVINGSDIENST,
        holder__role="manager",
        holder__is_active=True,
        decision_type__in=list(director_mandate.Power),
    )


def _authorities(service: Organisation, held_from: set[int]):
    """The authorities of a service: its members, their provinces and any other authority mandating it."""
    members = Organisation.objects.filter(omgevingsdienst=service)
    return Organisation.objects.filter(
        Q(pk__in=members.values("pk")) | Q(pk__in=members.values("province")) | Q(pk__in=held_from)
    ).order_by("kind", "name")


@dataclass(frozen=True)
class AuthorityMandate:
    authority: Organisation
    powers: dict[str, bool]  # power code -> held by the director
    scope: str
    holders: dict[str, list[str]]  # power code -> everyone of the service holding it (the service's own people)

    @property
    def scope_label(self) -> str:
        return director_mandate.SCOPE_LABELS[director_mandate.Scope(self.scope)]

    @property
    def power_list(self) -> list[tuple[str, str, bool, list[str]]]:
        return [(code, label, self.powers[code], self.holders[code]) for code, label in POWERS]


def service_mandates(user, service: Organisation, day: date) -> list[AuthorityMandate]:
    """Per authority of the service: which powers its director holds (full, partial, none) and who holds each,
    from the mandates the user may read."""
    visible = Mandate.objects.visible_to(user).filter(
        Mandate.valid_on_q(day), holder__organisation=service, decision_type__in=list(director_mandate.Power)
    )
    held: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    director: dict[int, set[str]] = defaultdict(set)
    for mandate in visible.select_related("holder"):
        held[mandate.authority_id][mandate.decision_type].append(str(mandate.holder))
        if mandate.holder.role == "manager" and mandate.holder.is_active:
            director[mandate.authority_id].add(mandate.decision_type)
    result = []
    for authority in _authorities(service, set(held)):
        powers = {code: code in director[authority.pk] for code, _label in POWERS}
        holders = {code: sorted(set(held[authority.pk].get(code, []))) for code, _label in POWERS}
        result.append(
            AuthorityMandate(authority, powers, director_mandate.scope(director[authority.pk]).value, holders)
        )
    return result


@dataclass(frozen=True)
class ServiceMandates:
    service: Organisation
    authorities: int
    per_power: dict[str, int]  # power -> authorities that mandated the director for it
    full: int
    partial: int
    scope: str

    @property
    def scope_label(self) -> str:
        return director_mandate.SCOPE_LABELS[director_mandate.Scope(self.scope)]

    @property
    def power_counts(self) -> list[tuple[str, int]]:
        return [(code, self.per_power[code]) for code, _label in POWERS]


def national_mandates(day: date) -> list[ServiceMandates]:
    """Services × powers for the ministry: how many of each service's authorities mandated its director for each
    power, and whether that is full, partial or none. Counts only, no holder."""
    held: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = _director_mandates(day).values_list("holder__organisation_id", "authority_id", "decision_type").distinct()
    for service_id, authority_id, power in rows:
        held[service_id][authority_id].add(power)
    members = defaultdict(set)
    for authority_id, service_id, province_id in Organisation.objects.filter(omgevingsdienst__isnull=False).values_list(
        "pk", "omgevingsdienst_id", "province_id"
    ):
        members[service_id].add(authority_id)
        if province_id:
            members[service_id].add(province_id)
    result = []
    for service in services():
        authorities = members[service.pk] | set(held[service.pk])
        scopes = [director_mandate.scope(held[service.pk].get(a, set())) for a in authorities]
        per_power = {code: sum(1 for a in authorities if code in held[service.pk].get(a, set())) for code, _ in POWERS}
        result.append(
            ServiceMandates(
                service=service,
                authorities=len(authorities),
                per_power=per_power,
                full=sum(1 for s in scopes if s is director_mandate.Scope.FULL),
                partial=sum(1 for s in scopes if s is director_mandate.Scope.PARTIAL),
                scope=director_mandate.service_scope(scopes).value,
            )
        )
    return result


# --- SPUK (item 7) ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpukRow:
    service: Organisation
    granted: dict[str, Decimal]  # purpose -> amount
    spent: Decimal

    @property
    def total(self) -> Decimal:
        return sum(self.granted.values(), Decimal(0))

    @property
    def spent_share(self) -> Decimal:
        return spuk.share(self.spent, self.total)

    @property
    def per_purpose(self) -> list[Decimal]:
        return [self.granted.get(code, Decimal(0)) for code in spuk.Purpose]


@dataclass(frozen=True)
class SpukNational:
    rows: list[SpukRow]
    per_quarter: list[tuple[int, int, Decimal]]  # (year, quarter, spent)
    total: Decimal
    spent: Decimal
    budget: Decimal = spuk.NATIONAL_TOTAL
    source: str = spuk.SOURCE

    @property
    def granted_share(self) -> Decimal:
        return spuk.share(self.total, self.budget)

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.total

    @property
    def purposes(self) -> list[tuple[str, str, Decimal]]:
        return [
            (code, label, sum((row.granted.get(code, Decimal(0)) for row in self.rows), Decimal(0)))
            for code, label in spuk.PURPOSE_LABELS.items()
        ]


def spuk_national() -> SpukNational:
    """Per service the grants per purpose and what was spent; per quarter the national spending; the national total
    against the € 15 million of the regulation."""
    granted: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for service_id, purpose, amount in (
        Grant.objects.values("service_id", "purpose")
        .annotate(amount=Sum("amount"))
        .values_list("service_id", "purpose", "amount")
    ):
        granted[service_id][purpose] = amount
    spent = dict(
        GrantQuarter.objects.values("grant__service_id").annotate(s=Sum("spent")).values_list("grant__service_id", "s")
    )
    rows = [SpukRow(s, granted[s.pk], spent.get(s.pk) or Decimal(0)) for s in services() if s.pk in granted]
    per_quarter = [
        (year, quarter, amount)
        for year, quarter, amount in GrantQuarter.objects.values("year", "quarter")
        .annotate(s=Sum("spent"))
        .order_by("year", "quarter")
        .values_list("year", "quarter", "s")
    ]
    total = sum((row.total for row in rows), Decimal(0))
    return SpukNational(rows, per_quarter, total, sum((row.spent for row in rows), Decimal(0)))
