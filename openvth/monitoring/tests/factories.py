"""Small records with known answers for the data-quality and KPI tests: cases, terms, planned visits, publications."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from openvth.accounts.tests.factories import UserFactory
from openvth.disclosure.models import Publication
from openvth.enforcement.models import Deadline, EnforcementCase
from openvth.supervision.models import PlannedVisit, Programme
from openvth.supervision.tests.factories import InspectionFactory


def case(establishment, *, opened_on=date(2025, 1, 1), closed_on=None, findings=(), parent=None) -> EnforcementCase:
    created = EnforcementCase.objects.create(
        owner=establishment.owner,
        competent_authority=establishment.competent_authority,
        establishment=establishment,
        reference=f"H-{EnforcementCase.objects.count() + 1}",
        route="warning",
        state="closed" if closed_on else "open",
        opened_on=opened_on,
        opened_by=UserFactory(organisation=establishment.owner),
        closed_on=closed_on,
        parent=parent,
    )
    created.findings.set(findings)
    return created


def deadline(case, *, due_on, done_on=None, passive=False) -> Deadline:
    return Deadline.objects.create(
        case=case, code="hersteltermijn", event="warning", started_on=date(2025, 1, 1), due_on=due_on,
        source="Awb 5:31d", passive=passive, done_on=done_on,
    )  # fmt: skip


def planned_visit(establishment, *, year=2025, inspection=None, postponed=False) -> PlannedVisit:
    programme, _ = Programme.objects.get_or_create(
        service=establishment.supervising_service, year=year, defaults={"capacity_hours": 1000}
    )
    return PlannedVisit.objects.create(
        programme=programme, establishment=establishment, month=3, hours=4, inspection=inspection, postponed=postponed
    )


def publication(establishment, *, status=Publication.Status.PUBLISHED, published=date(2025, 6, 1)) -> Publication:
    moment = datetime.combine(published, datetime.min.time(), ZoneInfo("Europe/Amsterdam"))
    return Publication.objects.create(
        owner=establishment.owner, establishment=establishment, kind=Publication.Kind.INSPECTION_RESULT,
        inspection=InspectionFactory(establishment=establishment, performed_on=published),
        title="Inspectieresultaat", decided_on=published, source_text="-", public_text="-", status=status,
        reviewed_at=moment, published_at=moment,
    )  # fmt: skip
