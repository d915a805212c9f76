"""Every read of visitations and ILT investigations, and their chapter in the Staat van de VTH.

A service reads its own visitations, the investigations it was involved in and the recommendations to it; the ministry,
the ILT and the programme office read everything (openvth.regional.selectors.reads_nationally). The chapter counts per
service and nationally; it names no peer reviewer."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q, QuerySet

from openvth.regional.selectors import reads_nationally
from openvth.register.models import Organisation

from .models import CLOSED_STATUSES, Investigation, Recommendation, Visitation


def _scoped(model, user) -> QuerySet:
    return model.objects.all() if reads_nationally(user) else model.objects.visible_to(user)


def visitations(user) -> QuerySet[Visitation]:
    return _scoped(Visitation, user).select_related("service")


def investigations(user) -> QuerySet[Investigation]:
    return _scoped(Investigation, user).select_related("inspectorate").prefetch_related("services")


def recommendations(user) -> QuerySet[Recommendation]:
    return _scoped(Recommendation, user).select_related("service", "visitation", "investigation")


def recommendations_of(user, source: Visitation | Investigation) -> QuerySet[Recommendation]:
    field = "visitation" if isinstance(source, Visitation) else "investigation"
    return recommendations(user).filter(**{field: source})


OPEN = ~Q(status__in=CLOSED_STATUSES)


@dataclass(frozen=True)
class ServiceChapter:
    service: Organisation
    visitations: int
    last_visitation: date | None
    visitation_recommendations: int
    visitation_open: int
    investigations: int
    investigation_recommendations: int
    investigation_open: int


@dataclass(frozen=True)
class InvestigationRow:
    investigation: Investigation
    services: int
    recommendations: int
    open: int


@dataclass(frozen=True)
class StaatChapter:
    national: bool
    services: list[ServiceChapter]
    investigations: list[InvestigationRow]

    def _total(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.services)

    @property
    def totals(self) -> dict[str, int]:
        names = [
            "visitations", "visitation_recommendations", "visitation_open", "investigation_recommendations",
            "investigation_open",
        ]  # fmt: skip
        return {name: self._total(name) for name in names} | {"investigations": len(self.investigations)}


def staat_chapter(user) -> StaatChapter:
    """Per service the visitations done (and the last), their open recommendations, the ILT investigations it was
    involved in and their recommendations to it (open ones apart); nationally the totals and each investigation. A
    service reads its own row; the ministry, the ILT and the programme office every service."""
    national = reads_nationally(user)
    services = Organisation.objects.filter(kind=Organisation.Kind.OMGEVINGSDIENST)
    if not national:
        services = services.filter(pk=getattr(user, "organisation_id", None))
    visits = {
        row["service"]: row
        for row in visitations(user).values("service").annotate(n=Count("id"), last=Max("visited_on"))
    }

    def per_service(source: str) -> dict[int, dict]:
        found = recommendations(user).filter(**{f"{source}__isnull": False}).values("service")
        return {row["service"]: row for row in found.annotate(n=Count("id"), open=Count("id", filter=OPEN))}

    of_visitations, of_investigations = per_service("visitation"), per_service("investigation")
    involved = dict(
        _scoped(Investigation, user).values("services").annotate(n=Count("id")).values_list("services", "n")
    )
    rows = []
    for service in services.order_by("name"):
        visit = visits.get(service.pk, {})
        of_visits, of_ilt = of_visitations.get(service.pk, {}), of_investigations.get(service.pk, {})
        rows.append(
            ServiceChapter(
                service=service,
                visitations=visit.get("n", 0),
                last_visitation=visit.get("last"),
                visitation_recommendations=of_visits.get("n", 0),
                visitation_open=of_visits.get("open", 0),
                investigations=involved.get(service.pk, 0),
                investigation_recommendations=of_ilt.get("n", 0),
                investigation_open=of_ilt.get("open", 0),
            )
        )
    # a service counts the recommendations to itself only
    to = Q() if national else Q(recommendations__service_id=getattr(user, "organisation_id", None))
    found = investigations(user).annotate(
        n_services=Count("services", distinct=True),
        n_recs=Count("recommendations", filter=to, distinct=True),
        n_open=Count("recommendations", filter=to & ~Q(recommendations__status__in=CLOSED_STATUSES), distinct=True),
    )
    return StaatChapter(
        national, rows, [InvestigationRow(i, i.n_services, i.n_recs, i.n_open) for i in found.order_by("-published_on")]
    )
