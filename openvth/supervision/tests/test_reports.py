"""Inspection reports: the IED deadlines of art. 23(6) (2 and 4 months after the visit, month ends), late flags,
the HTML page and the PDF (issue 3)."""

from datetime import date

import pytest
from django.urls import reverse

from openvth.supervision.models import Inspection
from openvth.supervision.selectors import inspections as selectors
from openvth.supervision.services import inspections as services
from openvth.testing.pdf import pdf_text

from .inspection_factories import answer_the_rest, started_inspection

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
