"""The IBP VTH pages: readable by every logged-in user of any organisation, refused to anonymous users; the status
form and the upload only for the programme office."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openvth.accounts.tests.factories import UserFactory
from openvth.core.history import history_of
from openvth.core.permissions import SYSTEM_JOB
from openvth.monitoring import services
from openvth.monitoring.models import ProgrammeAction, ProgrammeReport

from .conftest import later_report

PROGRAMME = reverse("monitoring:programme")
REPORTS = reverse("monitoring:reports")
UPLOAD = reverse("monitoring:report_upload")


def action_url(action) -> str:
    return reverse("monitoring:action", args=[action.pk])


@pytest.fixture
def first_action(report):
    return report.actions.get(recommendation=1, position=1)


def test_anonymous_is_sent_to_login(client, report, first_action):
    for url in (
        PROGRAMME,
        REPORTS,
        UPLOAD,
        action_url(first_action),
        reverse("monitoring:report_pdf", args=[report.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_every_organisation_reads_the_programme(client, report, member, outsider):
    for user in (member, outsider):
        client.force_login(user)
        page = client.get(PROGRAMME).content.decode()
        assert report.title in page
        for number in range(1, 11):
            assert f"Aanbeveling {number}: " in page
        assert "59 van 59 acties" in page
        assert "Rapportage toevoegen" not in page


def test_an_account_without_organisation_sees_no_report(client, report):
    client.force_login(UserFactory(organisation=None))
    assert "nog geen voortgangsrapportage" in client.get(PROGRAMME).content.decode()


@pytest.mark.parametrize(
    ("query", "shown", "recommendations"),
    [
        ({"pijler": "Buiten IBP"}, 2, [4]),
        ({"status": "done"}, 5, [3, 8, 9]),
        ({"pijler": "4", "status": "delayed"}, 6, [6]),
        ({"pijler": "onbekend"}, 59, list(range(1, 11))),
    ],
)
def test_filter_by_pillar_and_status(client, report, member, query, shown, recommendations):
    client.force_login(member)
    response = client.get(PROGRAMME, query)
    assert f"{shown} van 59 acties" in response.content.decode()
    assert [group.number for group in response.context["groups"]] == recommendations


def test_action_page_for_a_reader_has_no_form(client, member, first_action):
    client.force_login(member)
    page = client.get(action_url(first_action)).content.decode()
    assert first_action.action in page
    assert "Status wijzigen" not in page
    assert client.post(action_url(first_action), {"status": "bottleneck", "reason": "x"}).status_code == 403
    first_action.refresh_from_db()
    assert first_action.status == "on_schedule"


def test_programme_office_changes_a_status_and_sees_the_history(client, office, first_action):
    client.force_login(office)
    response = client.post(action_url(first_action), {"status": "bottleneck", "reason": "Besluit uitgesteld."})
    assert response.status_code == 302
    first_action.refresh_from_db()
    assert first_action.status == "bottleneck"
    page = client.get(action_url(first_action)).content.decode()
    assert "Besluit uitgesteld." in page
    assert "<del>loopt op schema</del>" in page
    assert "<ins>knelpunt</ins>" in page


def test_status_change_without_reason_shows_the_error(client, office, first_action):
    client.force_login(office)
    response = client.post(action_url(first_action), {"status": "bottleneck", "reason": ""})
    assert response.status_code == 200
    assert "Er is niets opgeslagen" in response.content.decode()
    assert not history_of(first_action).exists()


def test_upload_is_for_the_programme_office(client, member):
    client.force_login(member)
    assert client.get(UPLOAD).status_code == 403


def test_upload_of_a_malformed_file_shows_the_line(client, office, seed_bytes):
    client.force_login(office)
    broken = seed_bytes.replace(b"\n10\tUitvoeringstoets", b"\n9\tUitvoeringstoets")
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("kapot.md", broken)})
    assert response.status_code == 200
    assert "Regel 210: aanbeveling 9 volgt op aanbeveling 9." in response.content.decode()
    assert not ProgrammeReport.objects.exists()


def test_upload_imports_and_shows_the_report(client, office, seed_bytes):
    client.force_login(office)
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("voortgang.md", seed_bytes)}, follow=True)
    report = ProgrammeReport.objects.get()
    assert response.redirect_chain[-1][0] == f"{PROGRAMME}?rapportage={report.pk}"
    assert "De voortgangsrapportage is geïmporteerd." in response.content.decode()
    assert ProgrammeAction.objects.count() == 59


def test_reports_page_shows_what_changed(client, member, report, seed_bytes):
    newer = services.import_report(user=SYSTEM_JOB, content=later_report(seed_bytes), source_name="december.md").report
    client.force_login(member)
    page = client.get(REPORTS, {"older": report.pk, "newer": newer.pk}).content.decode()
    assert "4 acties veranderd" in page
    assert "<del>loopt op schema</del> <ins>gereed</ins>" in page
    assert "<del>Start Q4 2022</del> <ins>Start Q2 2023</ins>" in page
    same = client.get(REPORTS, {"older": report.pk, "newer": report.pk})
    assert "Kies twee verschillende rapportages." in same.content.decode()


def test_pdf_of_the_overview(client, member, report):
    client.force_login(member)
    response = client.get(reverse("monitoring:report_pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
