"""The supervision dossier of one establishment: its inspections of the last ten years, their findings, per year."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from openvth.register.models import Establishment
from openvth.rules.terms import add_months
from openvth.supervision.models import Finding, Inspection

DOSSIER_YEARS = 10


@dataclass
class DossierYear:
    year: int
    inspections: list[Inspection] = field(default_factory=list)

    @property
    def compliant(self) -> int:
        return sum(1 for inspection in self.inspections if not inspection.findings.all())

    @property
    def closed(self) -> int:
        return sum(1 for inspection in self.inspections if inspection.status == Inspection.Status.CLOSED)


def dossier(user, establishment: Establishment, *, today: date) -> list[DossierYear]:
    """The establishment's inspections since ten years, newest year first, each with its findings."""
    since = add_months(today, -12 * DOSSIER_YEARS)
    inspections = (
        Inspection.objects.visible_to(user)
        .filter(establishment=establishment, performed_on__gte=since)
        .select_related("owner")
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.order_by("id")))
        .order_by("-performed_on", "-id")
    )
    years: dict[int, DossierYear] = {}
    for inspection in inspections:
        years.setdefault(inspection.performed_on.year, DossierYear(inspection.performed_on.year))
        years[inspection.performed_on.year].inspections.append(inspection)
    return list(years.values())
