"""The regional plan: adoption by every participating authority at the boundaries, capacity needed against available,
the public IED part (nothing before adoption, no natural person), scoping, the pages and the API."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.capacity.tests.factories import CompetenceFactory, StaffMemberFactory
from openvth.core import clock
from openvth.core.scoping import SYSTEM_JOB
from openvth.regional import selectors, services
from openvth.regional.models import RegionalPlan
from openvth.register.models import Company, Organisation
from openvth.register.tests.factories import (
    ActivityFactory,
    ActivityTypeFactory,
    CompanyFactory,
    EstablishmentFactory,
    OrganisationFactory,
    ServiceFactory,
)
from openvth.rules import regional_plan
from openvth.rules.regional_plan import Process
from openvth.testing.api import client_for, problem

from .factories import PlanGoalFactory, ProgrammeFactory, RegionalPlanFactory, region, visit

TODAY = date(2026, 11, 18)


# --- the rules ----------------------------------------------------------------------------------------------------


def _refusal(**changes):
    arguments = {
        "finalised_on": date(2026, 2, 1),
        "participants": {1, 2},
        "adopted_by": set(),
        "authority_id": 1,
        "authority_name": "Gemeente Eerste",
        "decided_on": date(2026, 2, 1),
        "today": TODAY,
    }
    return regional_plan.adoption_refusal(**(arguments | changes))


def test_an_adoption_on_the_day_of_finalising_and_today_is_taken():
    assert _refusal() is None
    assert _refusal(decided_on=TODAY) is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"finalised_on": None}, "nog niet definitief"),
        ({"decided_on": date(2026, 1, 31)}, "vóór de dag waarop het plan definitief werd (01-02-2026)"),
        ({"decided_on": TODAY + timedelta(days=1)}, "ligt in de toekomst"),
        ({"adopted_by": {1}}, "Gemeente Eerste heeft dit plan al vastgesteld"),
        ({"authority_id": 3}, "neemt niet deel"),
    ],
)
def test_an_adoption_is_refused_with_a_dutch_reason(changes, message):
    assert message in _refusal(**changes)


def test_adopted_only_when_every_participant_adopted():
    assert not regional_plan.is_adopted({1, 2}, {1})
    assert regional_plan.is_adopted({1, 2}, {1, 2, 3})
    assert not regional_plan.is_adopted(set(), set())


def test_hours_count_for_the_part_of_the_year_both_periods_run():
    assert regional_plan.hours_in_year(2026, 1460, [(date(2020, 1, 1), None)]) == Decimal("1460.0")
    # leaving on 30 June 2026: 181 of 365 days
    assert regional_plan.hours_in_year(2026, 730, [(date(2020, 1, 1), date(2026, 6, 30))]) == Decimal("362.0")
    # the competence only from 1 December, the employment all year: 31 days
    periods = [(date(2020, 1, 1), None), (date(2026, 12, 1), None)]
    assert regional_plan.hours_in_year(2026, 365, periods) == Decimal("31.0")
    assert regional_plan.hours_in_year(2026, 1000, [(date(2027, 1, 1), None)]) == Decimal("0.0")
    assert regional_plan.hours_in_year(2026, 1000, [(date(2020, 1, 1), date(2025, 12, 31))]) == Decimal("0.0")


@pytest.mark.parametrize(
    ("plan_year", "today", "expected"),
    [
        (2027, date(2026, 11, 18), 2025),  # a plan for next year reads the last full year
        (2026, date(2026, 1, 1), 2025),  # on New Year's Day the year before has just ended
        (2026, date(2026, 12, 31), 2025),  # this year has not ended yet
        (2025, date(2026, 11, 18), 2024),  # a plan of an ended year reads the year before it
    ],
)
def test_the_recorded_hours_come_from_the_last_full_year_before_the_plan(plan_year, today, expected):
    assert regional_plan.base_year(plan_year, today) == expected


def test_a_years_applications_need_all_four_quarters_observed_or_forecast():
    q1 = 2027 * 4
    observed, ahead = {q1: 5.0, q1 + 1: 6.0}, {q1 + 2: 7.5, q1 + 3: 8.0, q1 + 4: 100.0}
    assert regional_plan.year_total(2027, observed, ahead) == 26.5  # the next year's quarter does not count
    assert regional_plan.year_total(2027, observed | {q1 + 2: 1.0}, ahead) == 20.0  # observed before forecast
    assert regional_plan.year_total(2027, observed, {q1 + 2: 7.5}) is None  # the fourth quarter is unknown
    assert regional_plan.year_total(2027, {}, {}) is None
    assert regional_plan.quarters_of(2027, {q1 - 1: 1.0, q1: 2.0, q1 + 3: 3.0, q1 + 4: 4.0}) == {q1: 2.0, q1 + 3: 3.0}


def test_the_expected_applications_follow_the_mix_of_procedures():
    assert regional_plan.split_by_mix(28.0, {"regulier": 6, "uitgebreid": 1}) == {"regulier": 24.0, "uitgebreid": 4.0}
    assert regional_plan.split_by_mix(28.0, {"regulier": 6, "uitgebreid": 0}) == {"regulier": 28.0}
    assert regional_plan.split_by_mix(28.0, {}) == {}


NORMS = {"vergunning-regulier": Decimal(24), "vergunning-uitgebreid": Decimal(120)}


def _need(**changes):
    arguments = {"expected": None, "expected_year": 2027, "norms": NORMS, "recorded": Decimal(0),
                 "recorded_year": 2025, "estimate": 0}  # fmt: skip
    return regional_plan.needed_hours(**(arguments | changes))


def test_the_hours_needed_come_from_the_norm_times_the_forecast_first():
    need = _need(expected={"vergunning-regulier": 24.0, "vergunning-uitgebreid": 4.0}, recorded=Decimal(900))
    assert (need.hours, need.basis, need.label) == (Decimal("1056.0"), regional_plan.Basis.NORM_FORECAST,
                                                    "norm × prognose")  # fmt: skip
    # a forecast of a fraction of an application counts as such, rounded to a tenth of an hour at the end
    assert _need(expected={"vergunning-regulier": 1 / 3}).hours == Decimal("8.0")
    # the forecast says nothing is coming: zero, not the recorded hours nor the estimate
    assert _need(expected={}, recorded=Decimal(900), estimate=500).hours == Decimal("0.0")


def test_without_a_forecast_the_recorded_hours_and_without_data_the_estimate():
    recorded = _need(recorded=Decimal("0.25"), estimate=500)
    assert (recorded.hours, recorded.label) == (Decimal("0.3"), "geregistreerde uren 2025")
    estimate = _need(estimate=1)
    assert (estimate.hours, estimate.basis, estimate.label) == (Decimal(1), regional_plan.Basis.ESTIMATE, "schatting")
    nothing = _need()
    assert (nothing.hours, nothing.label) == (Decimal(0), "geen gegevens")


# --- the services -------------------------------------------------------------------------------------------------


@pytest.fixture
def regional(db):
    service, authorities = region()
    return service, authorities


@pytest.fixture
def manager(regional):
    return UserFactory(organisation=regional[0], role=Role.MANAGER)


def _officials(authorities):
    return [UserFactory(organisation=authority, role=Role.AUTHORITY_OFFICIAL) for authority in authorities]


def _final_plan(service, finalised_on=date(2026, 2, 1)) -> RegionalPlan:
    plan = RegionalPlanFactory(service=service)
    PlanGoalFactory(plan=plan)
    plan.status, plan.finalised_on = RegionalPlan.Status.FINAL, finalised_on
    plan.save()
    return plan


def test_a_plan_is_made_from_the_services_programme_of_its_year(manager, regional):
    service = regional[0]
    with pytest.raises(ValidationError, match="nog geen uitvoeringsprogramma 2027"):
        services.create_plan(user=manager, service=service, year=2027, title="Plan 2027")
    programme = ProgrammeFactory(service=service, year=2027)
    plan = services.create_plan(user=manager, service=service, year="2027", title=" Plan 2027 ", permit_hours="900")
    assert (plan.programme, plan.title, plan.permit_hours, plan.status) == (programme, "Plan 2027", 900, "draft")
    with pytest.raises(ValidationError, match="al een regionaal plan voor 2027"):
        services.create_plan(user=manager, service=service, year=2027, title="Nog een")
    other_manager = UserFactory(organisation=ServiceFactory(), role=Role.MANAGER)
    with pytest.raises(PermissionDenied):
        services.create_plan(user=other_manager, service=service, year=2027, title="x")


def test_a_plan_without_goals_does_not_become_final_and_a_final_plan_no_longer_changes(manager, regional):
    plan = RegionalPlanFactory(service=regional[0])
    with pytest.raises(ValidationError, match="zonder doelen"):
        services.finalise_plan(user=manager, plan=plan)
    services.add_goal(user=manager, plan=plan, description="Naleving", kind="compliance_share", target="80", unit="%")
    with pytest.raises(ValidationError, match="risicocategorie"):
        services.add_goal(user=manager, plan=plan, description="x", kind="risk_category_visits", target=1, unit="x")
    plan = services.finalise_plan(user=manager, plan=plan)
    assert (plan.status, plan.finalised_on) == ("final", clock.today())
    with pytest.raises(ValidationError, match="definitief en wordt niet meer gewijzigd"):
        services.update_plan(user=manager, plan=plan, title="Anders")


def test_the_plan_is_vastgesteld_only_when_every_authority_adopted_it(regional):
    service, authorities = regional
    first, second, province = _officials(authorities)
    draft = RegionalPlanFactory(service=service, year=2026)
    with pytest.raises(ValidationError, match="nog niet definitief"):
        services.adopt(
            user=first, plan=draft, authority=authorities[0], decided_on="2026-03-01", decision_reference="B1"
        )
    PlanGoalFactory(plan=draft)
    plan = services.finalise_plan(user=SYSTEM_JOB, plan=draft)
    RegionalPlan.objects.filter(pk=plan.pk).update(finalised_on=date(2026, 2, 1))  # finalised on 1 February
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="vóór de dag waarop het plan definitief werd"):
        services.adopt(
            user=first, plan=plan, authority=authorities[0], decided_on="2026-01-31", decision_reference="B1"
        )
    services.adopt(user=first, plan=plan, authority=authorities[0], decided_on="2026-02-01", decision_reference="B1")
    with pytest.raises(ValidationError, match="Gemeente Eerste heeft dit plan al vastgesteld"):
        services.adopt(
            user=first, plan=plan, authority=authorities[0], decided_on="2026-03-01", decision_reference="B2"
        )
    with pytest.raises(PermissionDenied):  # an official adopts for his own authority only
        services.adopt(user=first, plan=plan, authority=authorities[1], decided_on="2026-03-01", decision_reference="B")
    services.adopt(user=second, plan=plan, authority=authorities[1], decided_on="2026-04-02", decision_reference="B2")
    plan.refresh_from_db()
    assert plan.adopted_on is None
    services.adopt(user=province, plan=plan, authority=authorities[2], decided_on="2026-03-15", decision_reference="P")
    plan.refresh_from_db()
    assert plan.adopted_on == date(2026, 4, 2)  # the latest decision
    outsider = OrganisationFactory(name="Gemeente Buiten")
    with pytest.raises(ValidationError, match="Gemeente Buiten neemt niet deel"):
        services.adopt(
            user=_officials([outsider])[0],
            plan=plan,
            authority=outsider,
            decided_on="2026-03-01",
            decision_reference="X",
        )


def test_capacity_needed_against_the_staff_available(regional):
    service = regional[0]
    plan = RegionalPlanFactory(service=service, permit_hours=500, enforcement_hours=0)
    visit(plan.programme, EstablishmentFactory(owner=service), "100")
    visit(plan.programme, EstablishmentFactory(owner=service), "50")
    visit(plan.programme, EstablishmentFactory(owner=service), "30", postponed=True)  # not in the plan's hours
    CompetenceFactory(staff=StaffMemberFactory(service=service), task_area="TZ-MIL", hours_per_year=800)
    leaving = StaffMemberFactory(service=service, active_to=date(2026, 6, 30))
    CompetenceFactory(staff=leaving, task_area="TZ-COMPLEX", hours_per_year=730)
    CompetenceFactory(staff=StaffMemberFactory(service=ServiceFactory()), task_area="VV-MIL", hours_per_year=900)
    lines = {line.process: line for line in selectors.capacity_lines(plan)}
    supervision = lines[Process.SUPERVISION]
    assert (supervision.needed, supervision.available, supervision.sufficient) == (
        Decimal("150.0"),
        Decimal("1162.0"),
        True,
    )
    permits = lines[Process.PERMITS]  # the other service's permit officer does not count
    assert (permits.needed, permits.available, permits.balance, permits.sufficient) == (
        Decimal(500),
        Decimal(0),
        Decimal(-500),
        False,
    )
    assert lines[Process.ENFORCEMENT].sufficient  # nothing needed, nothing available


def _quarter_start(index: int) -> date:
    return date(index // 4, index % 4 * 3 + 1, 1)


@pytest.fixture
def recorded_region(regional):
    """Last full year's hours on two applications and three enforcement cases of the service, its staff, and an
    application history of 6 regular and 1 extended application in each of the last twelve complete quarters."""
    from openvth.costs.tests.factories import SheetLineFactory
    from openvth.enforcement.tests.factories import EnforcementCaseFactory
    from openvth.permits.tests.factories import ApplicationFactory
    from openvth.rules import forecast

    service = regional[0]
    establishment = EstablishmentFactory(owner=service)
    last_year = clock.today().year - 1
    current = forecast.quarter_index(clock.today())
    applications = [
        ApplicationFactory(establishment=establishment, received_on=_quarter_start(quarter) + timedelta(days=n),
                           procedure="extended" if n == 6 else "regular")
        for quarter in range(current - 12, current)
        for n in range(7)
    ]  # fmt: skip
    worked = [a for a in applications if a.received_on.year == last_year][:2]
    cases = [EnforcementCaseFactory(establishment=establishment) for _ in range(3)]
    day = date(last_year, 6, 1)
    for application, hours in zip(worked, ("20", "6.5"), strict=True):
        SheetLineFactory(service=service, day=day, hours=Decimal(hours), task_area="VV-MIL",
                         product="vergunning-regulier", application=application)  # fmt: skip
    for case in cases:
        SheetLineFactory(service=service, day=day, hours=Decimal(10), task_area="HH-JUR", product="handhavingszaak",
                         case=case)  # fmt: skip
    SheetLineFactory(service=service, day=day, hours=Decimal(8), task_area="VV-MIL")  # a sheet line: no task
    SheetLineFactory(service=service, day=date(last_year - 1, 6, 1), hours=Decimal(7), task_area="HH-JUR",
                     product="handhavingszaak", case=cases[0])  # fmt: skip
    CompetenceFactory(staff=StaffMemberFactory(service=service), task_area="VV-MIL", hours_per_year=800)
    return service


def test_the_plan_needs_the_norm_times_the_forecast_and_last_years_cases(recorded_region):
    service = recorded_region
    year = clock.today().year + 1
    plan = RegionalPlanFactory(service=service, year=year, programme__year=year, permit_hours=5, enforcement_hours=5)
    lines = {line.process: line for line in selectors.capacity_lines(plan)}
    permits, enforcement = lines[Process.PERMITS], lines[Process.ENFORCEMENT]
    # 7 applications a quarter, 6 regular and 1 extended: 24 × 24 + 4 × 120 hours; the estimate does not count
    assert (permits.needed, permits.source, permits.recorded) == (Decimal("1056.0"), "norm × prognose",
                                                                  Decimal("26.5"))  # fmt: skip
    assert (permits.available, permits.sufficient) == (Decimal("800.0"), False)
    # last year's three cases at 16 hours; the hours of the year before are not last year's
    assert (enforcement.needed, enforcement.source, enforcement.recorded) == (Decimal("48.0"), "norm × prognose",
                                                                              Decimal(30))  # fmt: skip
    assert lines[Process.SUPERVISION].source == "uitvoeringsprogramma"
    # the service's own norm table counts (openvth.costs), for the plan's year
    from openvth.costs import services as costs

    manager = UserFactory(organisation=service, role=Role.MANAGER)
    costs.store_norm_hours(user=manager, service=service, valid_from=date(year, 1, 1), hours={"handhavingszaak": "20"})
    assert {line.process: line.needed for line in selectors.capacity_lines(plan)}[Process.ENFORCEMENT] == Decimal(60)


def test_beyond_the_forecast_the_recorded_hours_and_without_data_the_estimate(recorded_region):
    service = recorded_region
    far = clock.today().year + 6  # the outlook forecasts five years
    plan = RegionalPlanFactory(service=service, year=far, programme__year=far, permit_hours=900)
    permits = {line.process: line for line in selectors.capacity_lines(plan)}[Process.PERMITS]
    assert (permits.needed, permits.source) == (Decimal("26.5"), f"geregistreerde uren {clock.today().year - 1}")
    empty = RegionalPlanFactory(service=ServiceFactory(), permit_hours=900, enforcement_hours=0)
    lines = {line.process: line for line in selectors.capacity_lines(empty)}
    assert (lines[Process.PERMITS].needed, lines[Process.PERMITS].source) == (Decimal(900), "schatting")
    assert (lines[Process.ENFORCEMENT].source, lines[Process.ENFORCEMENT].recorded) == ("geen gegevens", None)


def test_the_page_and_the_api_say_where_the_hours_needed_come_from(recorded_region, client):
    service = recorded_region
    year = clock.today().year + 1
    plan = RegionalPlanFactory(service=service, year=year, programme__year=year)
    manager = UserFactory(organisation=service, role=Role.MANAGER)
    client.force_login(manager)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert page.count("norm × prognose") >= 2 and "uitvoeringsprogramma" in page
    assert f"Geregistreerd {clock.today().year - 1}" in page and "26,5" in page
    lines = client_for(manager).get(f"/api/v1/regional/plans/{plan.pk}/capacity").json()
    permits = next(line for line in lines if line["process"] == "permits")
    assert (permits["basis"], permits["source"], permits["needed"], permits["recorded"]) == (
        "norm_forecast",
        "norm × prognose",
        "1056.0",
        "26.5",
    )


# --- the public IED part -------------------------------------------------------------------------------------------


@pytest.fixture
def ied_plan(regional):
    service, authorities = regional
    plan = _final_plan(service)
    ied = ActivityTypeFactory(ied_category="6.6a")
    legal = EstablishmentFactory(owner=service, name="Varkenshouderij De Eik B.V.")
    person = EstablishmentFactory(
        owner=service,
        name="Pluimvee Pietersen",
        company=CompanyFactory(owner=service, name="Jan Pietersen", legal_form=Company.LegalForm.EENMANSZAAK),
    )
    plain = EstablishmentFactory(owner=service, name="Garage Zonder IED B.V.")
    for establishment in (legal, person):
        ActivityFactory(establishment=establishment, activity_type=ied)
        visit(plan.programme, establishment, "8", month=5)
    visit(plan.programme, plain, "4")
    return plan, authorities


def _adopt_all(plan, authorities):
    for authority in authorities:
        services.adopt(user=SYSTEM_JOB, plan=plan, authority=authority, decided_on="2026-03-01", decision_reference="B")


def test_the_ied_part_is_public_only_after_adoption_without_natural_persons(client, ied_plan):
    plan, authorities = ied_plan
    url = reverse("disclosure:public_regional_plan", args=[plan.pk])
    assert client.get(url).status_code == 404
    assert plan.title not in client.get(reverse("disclosure:public_regional_plans")).content.decode()
    _adopt_all(plan, authorities[:2])
    assert client.get(url).status_code == 404  # the province has not adopted yet
    _adopt_all(plan, authorities[2:])
    listing = client.get(reverse("disclosure:public_regional_plans")).content.decode()
    assert plan.title in listing
    page = client.get(url).content.decode()
    assert "Varkenshouderij De Eik B.V." in page and "6.6a" in page
    assert "Pietersen" not in page and "Natuurlijk persoon (naam afgeschermd)" in page
    assert "Garage Zonder IED" not in page and "Industrieweg" not in page  # no address


# --- scoping, pages and API ----------------------------------------------------------------------------------------


def test_a_plan_is_read_by_its_service_its_authorities_and_nationally(client, regional, manager):
    service, authorities = regional
    plan = RegionalPlanFactory(service=service)
    ministry = OrganisationFactory(kind=Organisation.Kind.MINISTRY, code="IENW-R")
    ilt = OrganisationFactory(kind=Organisation.Kind.INSPECTORATE, code="ILT-R")
    readers = [manager, *_officials(authorities), UserFactory(organisation=ministry, role=Role.PROGRAMME_OFFICE)]
    readers.append(UserFactory(organisation=ilt, role=Role.CHAIN_PARTNER))
    for user in readers:
        assert list(selectors.plans(user)) == [plan], user.organisation
        client.force_login(user)
        assert client.get(reverse("regional:plan", args=[plan.pk])).status_code == 200
    outsiders = [UserFactory(organisation=ServiceFactory(), role=Role.MANAGER), *_officials([OrganisationFactory()])]
    for user in outsiders:
        assert list(selectors.plans(user)) == []
        client.force_login(user)
        assert client.get(reverse("regional:plan", args=[plan.pk])).status_code == 404


def test_the_manager_makes_the_plan_and_an_official_adopts_it_on_the_pages(client, regional, manager):
    service, authorities = regional
    ProgrammeFactory(service=service, year=2026)
    client.force_login(manager)
    response = client.post(reverse("regional:plan_create"), {"year": 2026, "title": "UHP 2026", "permit_hours": 10})
    plan = RegionalPlan.objects.get(service=service)
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    goal = {"step": "goal", "goal-description": "Categorie 4", "goal-kind": "risk_category_visits"}
    goal |= {"goal-risk_category": 4, "goal-target": "12", "goal-unit": "inspecties"}
    assert client.post(plan.get_absolute_url(), goal).status_code == 302
    assert client.post(reverse("regional:plan_finalise", args=[plan.pk])).status_code == 302
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Categorie 4" in page and "definitief sinds" in page and "Capaciteit: nodig en beschikbaar" in page
    official = _officials(authorities[:1])[0]
    client.force_login(official)
    early = {"step": "adopt", "adopt-authority": authorities[0].pk, "adopt-decided_on": "2026-01-02"}
    page = client.post(plan.get_absolute_url(), early | {"adopt-decision_reference": "B-1"}).content.decode()
    assert "vóór de dag waarop het plan definitief werd" in page
    on_time = early | {"adopt-decided_on": clock.today().isoformat(), "adopt-decision_reference": "B-1"}
    assert client.post(plan.get_absolute_url(), on_time).status_code == 302
    assert plan.adoptions.get().decision_reference == "B-1"
    assert "Vaststelling vastleggen" not in client.get(plan.get_absolute_url()).content.decode()


def test_the_api_lists_the_plans_the_user_reads_and_refuses_a_second_adoption(regional, manager):
    service, authorities = regional
    plan = _final_plan(service)
    RegionalPlanFactory(service=ServiceFactory(), year=2026)
    listed = client_for(manager).get("/api/v1/regional/plans").json()["results"]
    assert [row["id"] for row in listed] == [plan.pk]
    official = _officials(authorities[:1])[0]
    body = {"authority": authorities[0].code, "decided_on": "2026-03-01", "decision_reference": "B-9"}
    created = client_for(official).post(f"/api/v1/regional/plans/{plan.pk}/adoptions", body, format="json")
    assert created.status_code == 201 and created.json()["authority"] == authorities[0].code
    again = client_for(official).post(f"/api/v1/regional/plans/{plan.pk}/adoptions", body, format="json")
    assert "al vastgesteld" in str(problem(again, 400))
    capacity = client_for(manager).get(f"/api/v1/regional/plans/{plan.pk}/capacity").json()
    assert [line["process"] for line in capacity] == ["permits", "supervision", "enforcement"]


def _appraisal(establishment, day, category):
    from openvth.supervision.models import RiskAppraisal

    return RiskAppraisal.objects.create(
        establishment=establishment, appraised_on=day, scores={}, score=Decimal(category), category=category,
        interval_months=12, next_due=day, due_kind="interval", due_reason="x",
    )  # fmt: skip


def test_the_risk_analysis_counts_the_current_appraisal_and_the_programmes_visits(regional):
    service = regional[0]
    plan = RegionalPlanFactory(service=service)
    upgraded, steady, unvisited = (EstablishmentFactory(owner=service) for _ in range(3))
    _appraisal(upgraded, date(2025, 1, 1), 2)
    _appraisal(upgraded, date(2026, 1, 1), 4)  # the newest counts
    _appraisal(steady, date(2026, 1, 1), 2)
    _appraisal(unvisited, date(2026, 1, 1), 2)
    _appraisal(EstablishmentFactory(owner=ServiceFactory()), date(2026, 1, 1), 4)  # another region
    visit(plan.programme, upgraded, "10")
    visit(plan.programme, steady, "6")
    visit(plan.programme, EstablishmentFactory(owner=service), "3")  # never appraised
    rows = [(r.category, r.establishments, r.planned, r.hours) for r in selectors.risk_analysis(plan)]
    assert rows == [(0, 0, 1, Decimal(3)), (2, 2, 1, Decimal(6)), (4, 1, 1, Decimal(10))]
    PlanGoalFactory(plan=plan, risk_category=4)
    assert [goal.planned for goal in selectors.goal_rows(plan, selectors.risk_analysis(plan))] == [1]
