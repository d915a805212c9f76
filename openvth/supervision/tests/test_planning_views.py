"""Planning pages: the three users, the risk table form, generating and editing the programme, the iCalendar feed."""

import datetime

import pytest
from django.urls import reverse

from openvth.core.permissions import SYSTEM_JOB
from openvth.register.tests.factories import EstablishmentFactory
from openvth.rules import risk
from openvth.supervision.models import PlannedVisit, Programme, RiskTableVersion
from openvth.supervision.selectors.agenda import visit_event
from openvth.supervision.services import planning as services
from openvth.supervision.services.agenda import renew_calendar_feed

from .factories import activity, closed_inspection, manager_of

TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def manager(service):
    return manager_of(service)


@pytest.fixture
def programme(service, establishment):
    activity(establishment, "3.39")
    closed_inspection(EstablishmentFactory(owner=service, name="Garage Hoek", ied=True), "2025-03-01", 4)
    services.appraise_service(user=SYSTEM_JOB, service=service, today=TODAY)
    return services.generate_programme(user=SYSTEM_JOB, service=service, year=2026).programme


def login(client, user):
    client.force_login(user)
    return client


def test_establishment_risk_page_and_panel(client, member, outsider, establishment):
    activity(establishment, "3.46")
    services.appraise_establishment(user=member, establishment=establishment, today=TODAY)
    url = reverse("supervision:establishment_risk", args=[establishment.pk])
    page = login(client, member).get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "risicoscore" in content and "Volgend bezoek uiterlijk" in content and "nooit bezocht" in content
    assert login(client, outsider).get(url).status_code == 404


def test_reappraise_from_the_page(client, member, establishment):
    url = reverse("supervision:establishment_risk", args=[establishment.pk])
    assert login(client, member).post(url).status_code == 302
    assert establishment.risk_appraisals.count() == 1


def form_data(table: dict, valid_from: str) -> dict:
    data = {"valid_from": valid_from, "note": "Geurklachten wegen zwaarder"}
    data |= {f"w_{c}": v for c, v in (table["impact_weights"] | table["performance_weights"]).items()}
    data |= {f"t_{i}": v for i, v in enumerate(table["category_thresholds"])}
    data |= {f"i_{k}": v for k, v in table["interval_months"].items()}
    data |= {f"h_{k}": v for k, v in table["visit_hours"].items()}
    return data


def test_risk_table_page_stores_a_version(client, manager, service):
    table = risk.table_to_dict(risk.DEFAULT_TABLE)
    table["impact_weights"]["noise_and_odour"] = 1.5
    url = reverse("supervision:risk_table")
    assert "de standaardtabel" in login(client, manager).get(url).content.decode()
    assert client.post(url, form_data(table, "2026-02-01")).status_code == 302
    version = RiskTableVersion.objects.get(organisation=service)
    assert version.table["impact_weights"]["noise_and_odour"] == 1.5
    assert "Geurklachten wegen zwaarder" in client.get(url).content.decode()


def test_risk_table_errors_in_dutch_and_nothing_stored(client, manager):
    table = risk.table_to_dict(risk.DEFAULT_TABLE) | {"category_thresholds": [9, 4, 12]}
    page = login(client, manager).post(reverse("supervision:risk_table"), form_data(table, "2026-02-01"))
    assert page.status_code == 200
    assert "De grenzen van de risicocategorieën lopen op." in page.content.decode()
    assert not RiskTableVersion.objects.exists()


def test_an_inspector_sees_the_table_but_may_not_store(client, member):
    url = reverse("supervision:risk_table")
    page = login(client, member).get(url)
    assert page.status_code == 200 and "Nieuwe versie opslaan" not in page.content.decode()
    assert client.post(url, form_data(risk.table_to_dict(risk.DEFAULT_TABLE), "2026-02-01")).status_code == 403


@pytest.mark.date_sensitive
def test_programme_generated_from_the_page(client, manager, service, establishment):
    activity(establishment, "3.39")
    services.appraise_service(user=SYSTEM_JOB, service=service, today=TODAY)
    response = login(client, manager).post(reverse("supervision:programmes"), {"year": 2026, "capacity_hours": 3})
    programme = Programme.objects.get(service=service, year=2026)
    assert response.url == reverse("supervision:programme", args=[programme.pk])
    page = client.get(response.url).content.decode()
    assert "Tekort" not in page  # the only visit is not bound by law: postponed, no shortfall
    assert programme.visits.get().postponed


def test_programme_page_three_users(client, owner, member, outsider, programme):
    url = reverse("supervision:programme", args=[programme.pk])
    for user in (owner, member):
        page = login(client, user).get(url)
        assert page.status_code == 200
        assert "Gepland en uitgevoerd per maand" in page.content.decode()
    assert login(client, outsider).get(url).status_code == 404


def test_visit_moved_and_assigned(client, manager, member, programme):
    visit = programme.visits.first()
    data = {f"v{visit.pk}-month": 6, f"v{visit.pk}-inspector": member.pk}
    login(client, manager).post(reverse("supervision:visit_change", args=[visit.pk]), data)
    visit.refresh_from_db()
    assert (visit.month, visit.inspector, visit.postponed) == (6, member, False)


def test_a_visit_is_edited_in_its_row_and_the_programme_renders_no_form_per_row(client, manager, member, programme):
    """The programme lists its visits with a button each; the form (a select of every inspector) is fetched for the
    one visit being changed: htmx gets the form alone for the row, a browser without script a page with it."""
    visit = programme.visits.first()
    change = reverse("supervision:visit_change", args=[visit.pk])
    page = login(client, manager).get(reverse("supervision:programme", args=[programme.pk])).content.decode()
    assert f'hx-get="{change}"' in page and f'href="{change}"' in page
    assert f'name="v{visit.pk}-inspector"' not in page and 'name="nieuw-inspector"' in page
    fragment = client.get(change, headers={"HX-Request": "true"})
    whole = client.get(change)
    assert fragment["Vary"] == whole["Vary"] and "HX-Request" in whole["Vary"]
    for response in (fragment, whole):
        html = response.content.decode()
        assert f'name="v{visit.pk}-inspector"' in html and f'action="{change}"' in html and str(member) in html
        assert f'<option value="{visit.month}" selected>' in html
    assert "<html" not in fragment.content.decode() and "<html" in whole.content.decode()
    restore = client.get(change, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def test_only_a_planner_opens_a_visits_form(client, member, outsider, programme):
    change = reverse("supervision:visit_change", args=[programme.visits.first().pk])
    assert login(client, member).get(change).status_code == 403  # sees the programme, may not plan
    assert login(client, outsider).get(change).status_code == 404
    assert client.put(change).status_code == 405


def test_an_inspector_may_not_edit_the_programme(client, member, programme):
    visit = programme.visits.first()
    response = login(client, member).post(reverse("supervision:visit_remove", args=[visit.pk]))
    assert response.status_code == 403
    assert PlannedVisit.objects.filter(pk=visit.pk).exists()


def test_visit_added_by_number(client, manager, service, programme):
    extra = EstablishmentFactory(owner=service, name="Erbij B.V.")
    data = {"nieuw-kvk_vestigingsnummer": extra.kvk_vestigingsnummer, "nieuw-kind": "thematic", "nieuw-month": 10}
    login(client, manager).post(reverse("supervision:visit_add", args=[programme.pk]), data)
    added = programme.visits.get(establishment=extra)
    assert (added.month, added.kind, added.source) == (10, "thematic", PlannedVisit.Source.MANUAL)


@pytest.mark.date_sensitive
def test_overdue_page(client, owner, outsider, programme):
    page = login(client, owner).get(reverse("supervision:overdue")).content.decode()
    assert "Chemie Delfzijl B.V." in page  # never visited: due on the day of the appraisal, long ago
    assert "Chemie Delfzijl B.V." not in login(client, outsider).get(reverse("supervision:overdue")).content.decode()


# --- the iCalendar feed -----------------------------------------------------------------------------------------


@pytest.mark.date_sensitive
def test_calendar_feed(client, manager, member, programme):
    visit = programme.visits.select_related("establishment").get(establishment__name="Garage Hoek")
    services.change_visit(user=manager, visit=visit, month=11, inspector=member, postponed=False)
    body = client.get(reverse("supervision:calendar_feed", args=[renew_calendar_feed(user=member)]))
    assert body["Content-Type"] == "text/calendar; charset=utf-8"
    text = body.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    unfolded = text.replace("\r\n ", "")
    assert f"UID:planned-visit-{visit.pk}@openvth\r\n" in unfolded
    assert "DTSTART;VALUE=DATE:20261101\r\nDTEND;VALUE=DATE:20261201\r\n" in unfolded
    assert unfolded.count("BEGIN:VEVENT") == 1 == unfolded.count("END:VEVENT")
    assert "Garage Hoek" in unfolded and "Industrieweg" in unfolded
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_calendar_feed_refuses_a_forged_token(client, member):
    assert client.get(reverse("supervision:calendar_feed", args=[f"{member.pk}:forged"])).status_code == 404


def test_a_planned_day_is_a_one_day_event(programme, service):
    visit = programme.visits.select_related("programme", "establishment").first()
    visit.inspection = closed_inspection(visit.establishment, "2026-03-04")
    visit.inspection.planned_on = datetime.date(2026, 3, 4)
    event = visit_event(visit)
    assert (event.start, event.end) == (datetime.date(2026, 3, 4), datetime.date(2026, 3, 5))
    assert event.uid == f"planned-visit-{visit.pk}@openvth" and visit.establishment.name in event.summary


def test_a_visit_without_a_day_spans_its_month_and_december_ends_in_the_next_year(programme):
    visit = programme.visits.select_related("programme", "establishment").first()
    visit.month, visit.planned_on = 12, None
    event = visit_event(visit)
    assert (event.start, event.end) == (datetime.date(2026, 12, 1), datetime.date(2027, 1, 1))


def test_removing_a_visit_asks_first_and_removes_only_when_confirmed(client, manager, programme):
    visit = programme.visits.first()
    path = reverse("supervision:visit_remove", args=[visit.pk])
    asked = login(client, manager).post(path)  # no JavaScript: the question on a page of its own
    assert asked.status_code == 200
    page = asked.content.decode()
    assert f"Het bezoek aan {visit.establishment.name} uit het programma verwijderen?" in page
    assert 'name="bevestigd" value="ja"' in page and f'action="{path}"' in page
    assert PlannedVisit.objects.filter(pk=visit.pk).exists()
    assert client.post(path, {"bevestigd": "ja"}).status_code == 302
    assert not PlannedVisit.objects.filter(pk=visit.pk).exists()
