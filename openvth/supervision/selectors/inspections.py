"""Reads of inspections, checklists, reports and complaints, always through the scoping layer."""

import base64
import io
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, QuerySet
from PIL import Image, ImageOps

from openvth.core.models import ChangeRecord
from openvth.permits import selectors as permit_selectors
from openvth.permits.models import ProvisionVersion
from openvth.register.models import Activity, Establishment
from openvth.rules.terms import Unit, calendar_end

from ..models import Answer, ChecklistItem, ChecklistVersion, Complaint, Finding, Inspection

# IED art. 23(6) (2010/75/EU): the report of a site visit goes to the operator within 2 months and is public within
# 4 months. Calendar months from the day after the visit (docs/domain.md §6; calendar_end clamps 31 Dec + 2 months to
# 28/29 Feb). A duty of the authority itself: the Algemene termijnenwet does not move it past a weekend.
IED_REPORT_SENT_MONTHS = 2
IED_REPORT_PUBLIC_MONTHS = 4


def inspections(user) -> QuerySet[Inspection]:
    return Inspection.objects.visible_to(user).select_related("establishment", "owner", "checklist__template")


def inspection_detail(user, pk: int) -> Inspection:
    return (
        inspections(user)
        .select_related("establishment__competent_authority", "establishment__company", "closed_by", "follows")
        .prefetch_related("inspectors")
        .get(pk=pk)
    )


def findings(inspection: Inspection) -> list[Finding]:
    return list(inspection.findings.select_related("answer__item").prefetch_related("attachments"))


PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png")
PHOTO_MAX_PIXELS = 1200  # the longer side in the report: sharp on A4 at 150 dpi, small in the PDF


@dataclass(frozen=True)
class ReportPhoto:
    caption: str
    src: str  # a data: URI, so that rendering the PDF fetches nothing
    finding_id: int | None


def report_photos(inspection: Inspection) -> list[ReportPhoto]:
    """The photos (JPG, PNG) of the inspection and its findings for the report, scaled down and embedded; a file
    that cannot be read is left out, never a failed report."""
    photos = []
    for attachment in inspection.attachments.order_by("finding_id", "id"):
        if not attachment.file.name.lower().endswith(PHOTO_EXTENSIONS):
            continue
        try:
            with attachment.file.open("rb") as source, Image.open(source) as image:
                image = ImageOps.exif_transpose(image)
                image.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
                out = io.BytesIO()
                image.convert("RGB").save(out, "JPEG", quality=82)
        except (OSError, ValueError, Image.DecompressionBombError):
            continue
        src = "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")
        caption = attachment.caption or attachment.file.name.rsplit("/", 1)[-1]
        photos.append(ReportPhoto(caption=caption, src=src, finding_id=attachment.finding_id))
    return photos


def checklist_version_for(establishment: Establishment, *, on: date) -> ChecklistVersion | None:
    """The newest version valid on `on` of the checklist for one of the establishment's activities (an IED
    activity first), else of the general checklist."""
    activity_types = Activity.objects.filter(establishment=establishment).values("activity_type")
    return (
        ChecklistVersion.objects.filter(valid_from__lte=on)
        .filter(Q(template__activity_type__in=activity_types) | Q(template__activity_type__isnull=True))
        .select_related("template")
        .order_by(
            F("template__activity_type__ied_category").desc(nulls_last=True),  # IED first, the general list last
            F("template__activity_type__code").asc(nulls_last=True),
            "-valid_from",
            "-number",
        )
        .first()
    )


@dataclass(frozen=True)
class ChecklistRow:
    item: ChecklistItem
    answer: Answer | None

    @property
    def result(self) -> str:
        return self.answer.result if self.answer else Answer.Result.NOT_ASSESSED


def checklist_rows(inspection: Inspection) -> list[ChecklistRow]:
    if inspection.checklist_id is None:
        return []
    answers = {a.item_id: a for a in inspection.answers.select_related("finding")}
    items = ChecklistItem.objects.filter(version_id=inspection.checklist_id).order_by("position")
    return [ChecklistRow(item, answers.get(item.pk)) for item in items]


def provision_ids(inspection: Inspection) -> dict[str, int]:
    """Provision number -> id of its version in force at the establishment on the day of the visit (what a
    finding's `provision` was chosen from); empty before the visit."""
    day = inspection.performed_on
    if day is None:
        return {}
    versions = ProvisionVersion.objects.filter(
        ProvisionVersion.in_force_q(day), establishment_id=inspection.establishment_id
    )
    return dict(versions.values_list("number", "pk"))


def provisions_in_force(user, inspection: Inspection) -> list[ProvisionVersion]:
    """The permit on the day of the visit: what the finding form offers."""
    if inspection.performed_on is None:
        return []
    return permit_selectors.consolidated_permit(user, inspection.establishment, on=inspection.performed_on)


def inspection_history(inspection: Inspection) -> QuerySet[ChangeRecord]:
    """Every change of the inspection and of its answers and findings, newest first; a removed finding is recorded
    on the inspection."""
    types = ContentType.objects.get_for_models(Inspection, Answer, Finding)
    return ChangeRecord.objects.filter(
        Q(content_type=types[Inspection], object_id=inspection.pk)
        | Q(content_type=types[Answer], object_id__in=inspection.answers.values("pk"))
        | Q(content_type=types[Finding], object_id__in=inspection.findings.values("pk"))
    ).select_related("user", "content_type")


# --- reports --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportDeadline:
    due: date
    done_on: date | None
    late: bool  # done after the deadline, or not done and the deadline has passed

    @property
    def open(self) -> bool:
        return self.done_on is None


@dataclass(frozen=True)
class ReportDeadlines:
    sent: ReportDeadline
    public: ReportDeadline

    @property
    def late(self) -> bool:
        return self.sent.late or self.public.late

    @property
    def terms(self) -> tuple[ReportDeadline, ReportDeadline]:
        return self.sent, self.public


def _deadline(due: date, done_on: date | None, today: date) -> ReportDeadline:
    return ReportDeadline(due, done_on, (done_on or today) > due)


def is_ied_site_visit(inspection: Inspection) -> bool:
    """IED art. 23(6) applies to the site visits of an IED installation; an administrative check is none."""
    return inspection.establishment.ied and inspection.kind != Inspection.Kind.ADMINISTRATIVE


def report_deadlines(inspection: Inspection, *, today: date) -> ReportDeadlines | None:
    if not is_ied_site_visit(inspection) or inspection.performed_on is None:
        return None
    visit = inspection.performed_on
    return ReportDeadlines(
        sent=_deadline(calendar_end(visit, IED_REPORT_SENT_MONTHS, Unit.MONTHS), inspection.report_sent_on, today),
        public=_deadline(
            calendar_end(visit, IED_REPORT_PUBLIC_MONTHS, Unit.MONTHS), inspection.report_published_on, today
        ),
    )


def _reports_outstanding(user) -> QuerySet[Inspection]:
    return (
        inspections(user)
        .filter(establishment__ied=True, performed_on__isnull=False)
        .exclude(kind=Inspection.Kind.ADMINISTRATIVE)
        .filter(Q(report_sent_on__isnull=True) | Q(report_published_on__isnull=True))
        .order_by("performed_on", "pk")
    )


def reports_due(user, *, today: date) -> list[tuple[Inspection, ReportDeadlines]]:
    """IED site visits whose report is not yet sent or not yet public, the earliest visit first."""
    rows = ((i, report_deadlines(i, today=today)) for i in _reports_outstanding(user))
    return [(i, d) for i, d in rows if d is not None]


def late_reports(user, *, today: date) -> list[tuple[Inspection, ReportDeadlines]]:
    return [(i, d) for i, d in reports_due(user, today=today) if d.late]


@dataclass(frozen=True)
class Queue:
    open: QuerySet[Inspection]
    planned: QuerySet[Inspection]
    reports: list[tuple[Inspection, ReportDeadlines]]


def queue(user, *, today: date) -> Queue:
    """The visible work: visits in progress, visits planned, IED reports due or late."""
    own = inspections(user)
    return Queue(
        open=own.filter(status=Inspection.Status.OPEN).order_by("performed_on", "pk"),
        planned=own.filter(status=Inspection.Status.PLANNED).order_by("planned_on", "pk"),
        reports=reports_due(user, today=today),
    )


# --- complaints -----------------------------------------------------------------------------------------------


def complaints(user) -> QuerySet[Complaint]:
    return Complaint.objects.visible_to(user).select_related("service", "establishment", "inspection")
