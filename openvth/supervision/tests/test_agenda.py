"""Mijn agenda: today and this week first, later visits filtered and paged, each with a start button that makes or
opens the visit's inspection; a bounded number of queries at any length; the inspections page lists the programme's
visits of this week too (issue 16)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openvth.core import clock
from openvth.register.tests.factories import EstablishmentFactory
from openvth.supervision.models import Inspection, PlannedVisit, Programme
from openvth.supervision.selectors import agenda as selectors

from .factories import checklist

CALENDAR = reverse("supervision:calendar")
pytestmark = pytest.mark.date_sensitive


@pytest.fixture
def days():
    today = clock.today()
    return {
        "today": today,
        "week": selectors.week_end(today),  # Sunday: the last day of "this week" (today itself on a Sunday)
        "later": selectors.week_end(today) + datetime.timedelta(days=3),
        "overdue": today - datetime.timedelta(days=2),
    }


def visit(service, inspector, day: datetime.date, name: str, **fields) -> PlannedVisit:
    programme, _created = Programme.objects.get_or_create(
        service=service, year=day.year, defaults={"capacity_hours": 0}
    )
    return PlannedVisit.objects.create(
        programme=programme,
        establishment=EstablishmentFactory(owner=service, name=name),
        month=day.month,
        planned_on=day,
        hours=4,
        inspector=inspector,
        reason="interval 36 maanden",
        **fields,
    )


@pytest.fixture
def planned(service, member, days):
    checklist(name="Algemeen (test)")
    return {key: visit(service, member, day, f"Bedrijf {key}") for key, day in days.items()}


def page(client, user, **query):
    client.force_login(user)
    return client.get(CALENDAR, query).content.decode()


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start:end]


def test_today_and_this_week_come_first_then_later_visits(client, member, planned, days):
    html = page(client, member)
    assert "Bedrijf today" in section(html, "kop-vandaag")
    week = section(html, "kop-week")
    assert ("Bedrijf week" in week) == (days["week"] > days["today"])  # on a Sunday the week ends today
    later = section(html, "kop-bezoeken")
    assert "Bedrijf later" in later and "Bedrijf overdue" not in later and "Bedrijf today" not in later
    assert days["later"].strftime("%Y") in later and "Start inspectie" in later
    overdue = section(page(client, member, periode="overdue"), "kop-bezoeken")
    assert "Bedrijf overdue" in overdue and "Bedrijf later" not in overdue


def test_filters_by_kind_and_status(client, member, planned):
    planned["later"].kind = Inspection.Kind.REINSPECTION
    planned["later"].save()
    assert "Bedrijf later" in section(page(client, member, soort="reinspection"), "kop-bezoeken")
    assert "Bedrijf later" not in section(page(client, member, soort="routine"), "kop-bezoeken")
    inspection = Inspection.objects.create(
        owner=member.organisation,
        establishment=planned["later"].establishment,
        kind="reinspection",
        status=Inspection.Status.CLOSED,
        performed_on=clock.today(),
    )
    PlannedVisit.objects.filter(pk=planned["later"].pk).update(inspection=inspection)
    assert "Bedrijf later" not in section(page(client, member), "kop-bezoeken")  # default: still to do
    done = section(page(client, member, status="done"), "kop-bezoeken")
    assert "Bedrijf later" in done and "Inspectie openen" in done


def test_a_month_only_visit_counts_as_due_at_the_end_of_its_month(member, service, days):
    today = days["today"]
    next_year = visit(service, member, datetime.date(today.year + 1, 6, 1), "Volgend jaar")
    PlannedVisit.objects.filter(pk=next_year.pk).update(planned_on=None)
    last_year = visit(service, member, datetime.date(today.year - 1, 6, 1), "Vorig jaar")
    PlannedVisit.objects.filter(pk=last_year.pk).update(planned_on=None)
    listed = {v.establishment.name for v in selectors.agenda(member, today=today).listed}
    overdue = {v.establishment.name for v in selectors.agenda(member, today=today, period="overdue").listed}
    assert ("Volgend jaar" in listed, "Vorig jaar" in listed) == (True, False)
    assert ("Volgend jaar" in overdue, "Vorig jaar" in overdue) == (False, True)


def test_fifty_a_page_in_as_many_queries_as_for_a_few(client, member, service, days, django_assert_max_num_queries):
    def add(numbers):
        for n in numbers:
            visit(service, member, days["later"] + datetime.timedelta(days=n % 20), f"Reeks {n:03d}")

    add(range(5))
    client.force_login(member)
    with CaptureQueriesContext(connection) as few:
        client.get(CALENDAR)
    add(range(5, 120))
    with django_assert_max_num_queries(len(few)):
        html = client.get(CALENDAR).content.decode()
    assert html.count("Start inspectie") == 50 and "Pagina 1 van 3" in html
    with django_assert_max_num_queries(len(few)):
        last = client.get(CALENDAR, {"pagina": 3}).content.decode()
    assert last.count("Start inspectie") == 20 and len(few) <= 15


def test_start_makes_the_inspection_and_starts_it_on_the_day_of_the_visit(client, member, planned, days):
    client.force_login(member)
    response = client.post(reverse("supervision:visit_start", args=[planned["today"].pk]))
    inspection = Inspection.objects.get(planned_visit=planned["today"])
    assert response.status_code == 302 and response["Location"] == reverse(
        "supervision:inspection", args=[inspection.pk]
    )
    assert (inspection.status, inspection.performed_on, inspection.kind) == ("open", days["today"], "routine")
    assert list(inspection.inspectors.all()) == [member] and inspection.checklist is not None
    again = client.post(reverse("supervision:visit_start", args=[planned["today"].pk]))
    assert again["Location"] == response["Location"] and Inspection.objects.count() == 1  # opened, not made again
    client.post(reverse("supervision:visit_start", args=[planned["later"].pk]))
    later = Inspection.objects.get(planned_visit=planned["later"])
    assert (later.status, later.planned_on) == ("planned", days["later"])  # to prepare; started on the day


def test_start_is_refused_to_an_outsider_and_a_reader(client, outsider, owner, planned):
    url = reverse("supervision:visit_start", args=[planned["today"].pk])
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    client.force_login(owner)  # a permit officer of the service sees the visit but does not inspect
    assert client.post(url).status_code == 403
    assert not Inspection.objects.exists()


def test_the_inspections_page_lists_this_weeks_visits(client, member, planned):
    client.force_login(member)
    html = client.get(reverse("supervision:inspections")).content.decode()
    week = section(html, "kop-week")
    assert "Bedrijf today" in week and "Bedrijf later" not in week and "Start inspectie" in week
    assert "Inspectie plannen" in html


def test_the_inspections_page_offers_no_planning_to_a_reader(client, owner):
    client.force_login(owner)
    html = client.get(reverse("supervision:inspections")).content.decode()
    assert "Inspectie plannen" not in html
    assert client.get(reverse("supervision:inspection_new")).status_code == 403
