"""The programme over the year and the days (issue 16): no month holds the year's backlog, a visit is planned no
later than its due month, inspectors get visits up to their hours, this month and the next are planned on working
days, only inspectors can be chosen, and a serious finding brings the extra visit into the programme at once."""

import datetime
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.core.permissions import SYSTEM_JOB
from openvth.register.models import Organisation
from openvth.register.tests.factories import EstablishmentFactory
from openvth.rules import risk
from openvth.rules.terms import DEFAULT_CALENDAR
from openvth.supervision import scheduling
from openvth.supervision.models import Answer, Inspection, PlannedVisit, Programme, RiskAppraisal
from openvth.supervision.services import inspections as inspection_services
from openvth.supervision.services import planning as services
from openvth.synthetic.generator import SCALES
from openvth.synthetic.loader import load
from openvth.testing.api import client_for, problem

from .factories import checklist, manager_of, started_inspection


@pytest.fixture
def region(db):
    """The small synthetic region with two inspectors, appraised on 1 January for this year's programme."""
    load("small", 1)
    service = Organisation.objects.get(code=SCALES["small"].service)
    inspectors = [UserFactory(organisation=service, role=Role.INSPECTOR, username=f"inspecteur-{n}") for n in (1, 2)]
    UserFactory(organisation=service, role=Role.PUBLICATION_OFFICER, username="publicatie-od")
    year = clock.today().year
    services.appraise_service(user=SYSTEM_JOB, service=service, today=datetime.date(year, 1, 1))
    return {"service": service, "inspectors": inspectors, "year": year}


@pytest.fixture
def programme(region):
    return services.generate_programme(user=SYSTEM_JOB, service=region["service"], year=region["year"]).programme


def test_no_month_holds_more_than_15_percent_of_the_visits(programme):
    months = Counter(programme.visits.values_list("month", flat=True))
    total = sum(months.values())
    assert total > 50
    assert max(months.values()) <= 0.15 * total, months


def test_a_visit_due_in_a_month_is_planned_no_later_than_that_month(programme):
    due = {
        row[0]: row[1:]
        for row in RiskAppraisal.objects.order_by("establishment_id", "appraised_on").values_list(
            "establishment_id", "next_due", "due_kind"
        )
    }
    checked = 0
    for establishment_id, month in programme.visits.values_list("establishment_id", "month"):
        next_due, kind = due[establishment_id]
        if next_due.year == programme.year and kind != risk.DueKind.NEVER_VISITED:
            assert month <= next_due.month
            checked += 1
    assert checked > 0


@pytest.mark.date_sensitive
def test_inspectors_get_visits_of_the_months_ahead_up_to_their_hours(region, programme):
    today = clock.today()
    assigned = programme.visits.filter(inspector__isnull=False)
    assert assigned.exists() == (programme.visits.filter(month__gte=today.month).exists())
    assert not assigned.filter(month__lt=today.month).exists()  # a past month's work is not handed out
    hours: Counter = Counter()
    for inspector_id, month, visit_hours in assigned.values_list("inspector_id", "month", "hours"):
        hours[inspector_id, month] += visit_hours
    for (_inspector, month), total in hours.items():
        since = today if month == today.month else None
        assert total <= scheduling.inspector_hours(programme.year, month, since=since)
    assert {i for i, _m in hours} <= {u.pk for u in region["inspectors"]}  # not the publication officer


@pytest.mark.date_sensitive
def test_this_month_and_the_next_are_planned_on_working_days(programme):
    today = clock.today()
    near = [today.month] + ([today.month + 1] if today.month < 12 else [])
    for visit in programme.visits.filter(inspector__isnull=False, postponed=False):
        if visit.month in near and scheduling.working_days(programme.year, visit.month, since=today):
            assert visit.planned_on is not None
        if visit.planned_on is None:
            continue
        assert (visit.planned_on.year, visit.planned_on.month) == (programme.year, visit.month)
        assert visit.planned_on >= today and not DEFAULT_CALENDAR.is_rest_day(visit.planned_on)
    assert not programme.visits.filter(planned_on__isnull=False).exclude(month__in=near).exists()


@pytest.mark.date_sensitive
def test_a_later_month_is_planned_on_days_by_the_planner(region):
    year = region["year"] + 1
    result = services.generate_programme(user=SYSTEM_JOB, service=region["service"], year=year)
    programme, manager = result.programme, manager_of(region["service"])
    month = 3  # never this month or the next: not planned on days when generated
    waiting = programme.visits.filter(month=month, inspector__isnull=False, planned_on__isnull=True).count()
    assert waiting > 0
    assert services.plan_month_on_days(user=manager, programme=programme, month=month) == waiting
    days = programme.visits.filter(month=month, inspector__isnull=False).values_list("planned_on", flat=True)
    assert all(d in scheduling.working_days(year, month) for d in days)
    assert services.plan_month_on_days(user=manager, programme=programme, month=month) == 0  # days stay
    past = Programme.objects.create(service=region["service"], year=year - 2, capacity_hours=0)
    with pytest.raises(ValidationError) as error:
        services.plan_month_on_days(user=manager, programme=past, month=12)
    assert "voorbij" in error.value.message_dict["month"][0]


# --- choosing inspectors and days -----------------------------------------------------------------------------


@pytest.fixture
def own_programme(service):
    return Programme.objects.create(service=service, year=2027, capacity_hours=100)


def test_only_an_inspector_of_the_service_is_assigned_a_visit(service, member, own_programme):
    manager = manager_of(service)
    visit = services.add_visit(
        user=manager, programme=own_programme, establishment=EstablishmentFactory(owner=service), month=3
    )
    with pytest.raises(ValidationError) as error:
        services.change_visit(user=manager, visit=visit, month=3, inspector=manager, postponed=False)
    assert "geen toezichthouder" in error.value.message_dict["inspector"][0]
    services.change_visit(user=manager, visit=visit, month=3, inspector=member, postponed=False)
    assert PlannedVisit.objects.get(pk=visit.pk).inspector == member


def test_a_planned_day_is_a_working_day_of_the_visits_month(service, own_programme):
    manager = manager_of(service)
    visit = services.add_visit(
        user=manager, programme=own_programme, establishment=EstablishmentFactory(owner=service), month=4
    )
    for day, message in [
        (datetime.date(2027, 4, 27), "geen werkdag"),  # King's Day
        (datetime.date(2027, 4, 3), "geen werkdag"),  # a Saturday
        (datetime.date(2027, 5, 3), "maand 4 van 2027"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.change_visit(user=manager, visit=visit, month=4, inspector=None, postponed=False, planned_on=day)
        assert message in error.value.message_dict["planned_on"][0]
    services.change_visit(
        user=manager, visit=visit, month=4, inspector=None, postponed=False, planned_on=datetime.date(2027, 4, 28)
    )
    assert PlannedVisit.objects.get(pk=visit.pk).planned_on == datetime.date(2027, 4, 28)
    services.change_visit(user=manager, visit=visit, month=4, inspector=None, postponed=True, planned_on=None)
    assert PlannedVisit.objects.get(pk=visit.pk).planned_on is None


def test_the_programme_page_offers_only_inspectors(client, service, member, own_programme):
    manager = manager_of(service)
    UserFactory(organisation=service, role=Role.PUBLICATION_OFFICER, first_name="Paula", last_name="Publicatie")
    visit = services.add_visit(
        user=manager, programme=own_programme, establishment=EstablishmentFactory(owner=service), month=5
    )
    client.force_login(manager)
    html = client.get(reverse("supervision:visit_change", args=[visit.pk])).content.decode()
    form = html.split('class="form"')[1]
    assert str(member) in form and "Paula Publicatie" not in form and str(manager) not in form


def test_the_api_refuses_a_colleague_who_is_no_inspector(service, member, establishment):
    checklist(name="Algemeen (test)")
    publisher = UserFactory(organisation=service, role=Role.PUBLICATION_OFFICER, username="publicist")
    data = {"establishment": establishment.pk, "kind": "routine", "inspectors": [member.username, "publicist"]}
    refused = problem(client_for(member).post("/api/v1/inspections", data, format="json"), 400)
    assert refused["invalid-params"] == [
        {
            "name": "inspectors",
            "code": "invalid",
            "reason": inspection_services.NOT_AN_INSPECTOR.format(value="publicist"),
        }
    ]
    assert not Inspection.objects.exists() and publisher.inspections.count() == 0


# --- a serious finding ----------------------------------------------------------------------------------------


def close_with_finding(member, establishment, consequences: int, day: datetime.date) -> Inspection:
    inspection = started_inspection(member, establishment, visit=day)
    inspection.inspectors.add(member)
    for item in inspection.checklist.items.all() if inspection.checklist else []:
        inspection_services.save_answer(user=member, inspection=inspection, item=item, result=Answer.Result.COMPLIANT)
    inspection_services.add_finding(
        user=member, inspection=inspection, general_rule="Bal art. 4.1030", consequences=consequences, description="Lek"
    )
    return inspection_services.close_inspection(user=member, inspection=inspection)


def test_closing_with_a_serious_finding_brings_the_extra_visit_into_the_programme(clock, service, member):
    day = datetime.date(2026, 3, 10)
    clock.move_to(datetime.datetime(2026, 3, 10, 15, 0))
    establishment = EstablishmentFactory(owner=service, name="Raffinaderij", ied=True)
    programme = Programme.objects.create(service=service, year=2026, capacity_hours=100)
    routine = PlannedVisit.objects.create(
        programme=programme, establishment=establishment, month=11, hours=16, reason="interval 12 maanden"
    )
    close_with_finding(member, establishment, 3, day)
    appraisal = establishment.risk_appraisals.order_by("-id").first()
    assert (appraisal.appraised_on, appraisal.next_due) == (day, datetime.date(2026, 9, 10))
    assert (appraisal.due_kind, appraisal.due_reason) == (risk.DueKind.REVISIT, risk.DUE_LABELS[risk.DueKind.REVISIT])
    routine.refresh_from_db()
    assert (routine.month, routine.kind, routine.source) == (9, "reinspection", "reinspection")  # moved forward
    assert routine.inspector == member and "hercontrole na ernstige overtreding" in routine.reason
    assert programme.visits.count() == 1


def test_the_extra_visit_is_added_to_next_years_programme(clock, service, member):
    clock.move_to(datetime.datetime(2026, 8, 3, 15, 0))
    establishment = EstablishmentFactory(owner=service, name="Metaalbewerking")
    programme = Programme.objects.create(service=service, year=2027, capacity_hours=100)
    close_with_finding(member, establishment, 4, datetime.date(2026, 8, 3))
    (visit,) = programme.visits.all()
    assert (visit.month, visit.kind, visit.source, visit.inspector) == (2, "reinspection", "reinspection", member)


def test_a_minor_finding_changes_no_appraisal(clock, service, member):
    clock.move_to(datetime.datetime(2026, 3, 10, 15, 0))
    establishment = EstablishmentFactory(owner=service)
    Programme.objects.create(service=service, year=2026, capacity_hours=100)
    close_with_finding(member, establishment, 2, datetime.date(2026, 3, 10))
    assert not establishment.risk_appraisals.exists() and not PlannedVisit.objects.exists()
