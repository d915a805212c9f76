"""Inspection reports: the IED deadlines of art. 23(6) (2 and 4 months after the visit, month ends), late flags,
the HTML page and the PDF (issue 3)."""

import io
from datetime import date

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from openvth.supervision.models import Inspection
from openvth.supervision.selectors import inspections as selectors
from openvth.supervision.services import inspections as services
from openvth.testing.pdf import pdf_text

from .factories import answer_the_rest, started_inspection

D = date.fromisoformat


@pytest.mark.parametrize(
    "visit, sent_by, public_by",
    [
        ("2024-03-12", "2024-05-12", "2024-07-12"),
        ("2023-12-31", "2024-02-29", "2024-04-30"),  # leap year; April has 30 days
        ("2022-12-31", "2023-02-28", "2023-04-30"),
        ("2024-10-31", "2024-12-31", "2025-02-28"),  # over the year end
        ("2024-06-30", "2024-08-30", "2024-10-30"),
    ],
)
def test_ied_deadlines_are_two_and_four_calendar_months(establishment, visit, sent_by, public_by):
    establishment.ied = True
    inspection = Inspection(establishment=establishment, kind="routine", performed_on=D(visit))
    deadlines = selectors.report_deadlines(inspection, today=D(visit))
    assert (deadlines.sent.due, deadlines.public.due) == (D(sent_by), D(public_by))
    assert not deadlines.late


@pytest.mark.parametrize(
    "sent_on, today, late",
    [
        (None, "2024-05-12", False),  # the last day
        (None, "2024-05-13", True),
        ("2024-05-12", "2024-09-01", False),
        ("2024-05-13", "2024-05-13", True),  # sent, but a day too late: stays late
    ],
)
@pytest.mark.date_sensitive
def test_the_sent_deadline_is_late_after_its_last_day(establishment, sent_on, today, late):
    establishment.ied = True
    inspection = Inspection(
        establishment=establishment,
        kind="routine",
        performed_on=D("2024-03-12"),
        report_sent_on=D(sent_on) if sent_on else None,
    )
    assert selectors.report_deadlines(inspection, today=D(today)).sent.late is late


def test_no_ied_deadlines_for_other_establishments_or_an_administrative_check(establishment):
    visit = D("2024-03-12")
    assert (
        selectors.report_deadlines(
            Inspection(establishment=establishment, kind="routine", performed_on=visit), today=visit
        )
        is None
    )
    establishment.ied = True
    administrative = Inspection(establishment=establishment, kind="administrative", performed_on=visit)
    assert selectors.report_deadlines(administrative, today=visit) is None


@pytest.fixture
def ied_inspection(member, establishment):
    establishment.ied = True
    establishment.save()
    inspection = started_inspection(member, establishment, visit=D("2024-03-12"))
    services.add_finding(
        user=member,
        inspection=inspection,
        general_rule="Bal art. 4.1030",
        consequences=3,
        description="De tankput lekt.",
    )
    answer_the_rest(member, inspection)
    return services.close_inspection(user=member, inspection=inspection)


def test_late_reports_are_listed_in_red_until_done(client, member, ied_inspection):
    client.force_login(member)
    page = client.get(reverse("supervision:late_reports")).content.decode()
    assert "Chemie Delfzijl B.V." in page and 'class="late-row"' in page
    services.record_report(user=member, inspection=ied_inspection, sent_on=D("2024-05-01"), published_on="2024-07-01")
    assert selectors.late_reports(member, today=D("2026-01-01")) == []
    assert "Chemie Delfzijl B.V." not in client.get(reverse("supervision:late_reports")).content.decode()


def test_report_dates_before_the_visit_or_on_an_open_inspection_are_refused(member, establishment, ied_inspection):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="vóór het bezoek"):
        services.record_report(user=member, inspection=ied_inspection, sent_on="2024-03-01")
    open_one = started_inspection(member, establishment)
    with pytest.raises(ValidationError, match="Sluit eerst"):
        services.record_report(user=member, inspection=open_one, sent_on="2024-04-01")


def test_the_report_page_and_pdf(client, member, outsider, ied_inspection, tmp_path):
    client.force_login(member)
    page = client.get(reverse("supervision:report", args=[ied_inspection.pk])).content.decode()
    assert "Inspectierapport Chemie Delfzijl B.V." in page and "De tankput lekt." in page
    assert "12 mei 2024" in page  # sent to the operator by
    response = client.get(reverse("supervision:report_pdf", args=[ied_inspection.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(response.content)
    text = pdf_text(pdf)
    assert "Chemie Delfzijl B.V." in text and "Bal art. 4.1030" in text
    client.force_login(outsider)
    assert client.get(reverse("supervision:report_pdf", args=[ied_inspection.pk])).status_code == 404


def _photo(name: str, size: tuple[int, int], colour: str) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG" if name.endswith(".jpg") else "PNG")
    return SimpleUploadedFile(name, out.getvalue())


def _images(pdf: bytes) -> list[tuple[int, int]]:
    """The pixel size of every image object on every page of the PDF."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [
            tuple(image.get_px_size())
            for page in document
            for image in page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE])
        ]
    finally:
        document.close()


def test_the_report_pdf_holds_the_photos_scaled_with_their_captions(client, member, establishment, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    inspection = started_inspection(member, establishment, visit=D("2024-03-12"))
    finding = services.add_finding(
        user=member, inspection=inspection, general_rule="Bal art. 4.1030", consequences=3, description="Lek."
    )
    services.attach(
        user=member, inspection=inspection, finding=finding, file=_photo("tankput.jpg", (3000, 2000), "red"),
        caption="Lekkende tankput aan de oostzijde",
    )  # fmt: skip
    services.attach(user=member, inspection=inspection, file=_photo("poort.png", (800, 600), "blue"), caption="Poort")
    services.attach(user=member, inspection=inspection, file=SimpleUploadedFile("meting.pdf", b"%PDF-1.4 x"))
    answer_the_rest(member, inspection)
    services.close_inspection(user=member, inspection=inspection)
    client.force_login(member)
    response = client.get(reverse("supervision:report_pdf", args=[inspection.pk]))
    text = pdf_text(response.content)
    assert "Lekkende tankput aan de oostzijde" in text and "Poort" in text and "Foto’s van het bezoek" in text
    sizes = _images(response.content)
    assert len(sizes) == 2  # the two photos, not the PDF
    assert (1200, 800) in sizes  # the large photo scaled down, its proportions kept
    assert (800, 600) in sizes
    assert text.index("Lekkende tankput") < text.index("Foto’s van het bezoek")  # under its finding
