"""The permit outlook on the stored applications: the history per quarter and activity group, the pipeline of
initiatives, the capacity needed against the hours available, the pages, the API and the backtest command."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.analysis import selectors, standards
from openvth.analysis.tests.factories import initiative
from openvth.core import clock
from openvth.permits.models import Application
from openvth.register.models import ActivityType
from openvth.register.tests.factories import ActivityFactory, EstablishmentFactory
from openvth.rules import forecast

SEASON = (5, 2, 3, 1)  # applications in Q1..Q4 of every year


def _last_complete_quarter() -> date:
    """The last day of the last complete quarter before the clock's today (30 September 2026 on the default day)."""
    today = clock.today()
    return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1) - timedelta(days=1)


def _label(day: date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def _history_years() -> range:
    """The five whole years before the year of the last complete quarter (2021 to 2025 on the default day): the
    history ends with that year's complete quarters, all empty."""
    last_year = _last_complete_quarter().year
    return range(last_year - 5, last_year)


def _quarters() -> int:
    """The quarters of the history: from the first of the five years to the last complete quarter (23 on the default
    day)."""
    last = _last_complete_quarter()
    return 4 * (last.year - _history_years().start) + (last.month - 1) // 3 + 1


def applications(service, years=None, *, codes=("3.81", "3.200"), procedure="regular", season=SEASON):
    years = _history_years() if years is None else years
    establishment = EstablishmentFactory(owner=service)
    for code in codes:  # the catalogue's (register migration 0003)
        ActivityFactory(establishment=establishment, activity_type=ActivityType.objects.get(code=code))
    made = []
    for year in years:
        for quarter, n in enumerate(season):
            for k in range(n):
                made.append(Application(
                    owner=service, establishment=establishment, competent_authority=establishment.competent_authority,
                    reference=f"A-{establishment.pk}-{year}-{quarter}-{k}", subject="Veranderen", procedure=procedure,
                    received_on=date(year, 3 * quarter + 1, 1 + k),
                ))  # fmt: skip
    Application.objects.bulk_create(made)
    return establishment


@pytest.fixture
def history(own, other):
    applications(own)
    applications(other, codes=("3.30",), procedure="extended", season=(1, 1, 1, 1))


def test_the_history_per_quarter_service_and_group(history, own, other):
    found = selectors.history(clock.today())  # 18 November 2026: the last complete quarter is 2026-K3
    last = _last_complete_quarter()
    assert forecast.quarter_label(found.first) == f"{_history_years().start}-K1"
    assert forecast.quarter_label(found.last) == _label(last)
    mine = found.series(found.by_service[own.pk])
    empty = (last.month - 1) // 3 + 1  # the complete quarters of the last year, without applications (3 by default)
    assert mine[:4] == [5, 2, 3, 1] and mine[-empty:] == [0] * empty and sum(mine) == 55
    assert sum(found.series(found.by_group[None, "mobiliteit"])) == 55  # 3.81 before 3.200: by number, not text
    assert sum(found.series(found.by_group[None, "afval"])) == 20
    assert found.procedures[other.pk] == {"extended": 20}


def test_the_outlook_with_its_pipeline_and_capacity(history, own):
    next_year = clock.today().year + 1
    initiative(own, expected_year=next_year, expected_count=8)
    UserFactory(organisation=own, role=Role.PERMIT_OFFICER)
    UserFactory(organisation=own, role=Role.PERMIT_OFFICER)
    found = selectors.outlook(own, clock.today())
    assert len(found.total.points) == 20 and forecast.quarter_label(found.total.points[0].quarter) == _label(
        clock.today()
    )  # the current quarter first
    assert found.total.pipeline == {next_year * 4 + q: 2.0 for q in range(4)}
    year = next(row for row in found.total.years() if row.year == next_year)
    assert year.pipeline == 8 and year.low <= year.mean <= year.high
    assert [line.key for line in found.groups] == ["mobiliteit"]
    assert found.per_application == standards.STANDARD_HOURS["regular"]
    assert found.available.source == "users" and found.available.hours == 2 * standards.HOURS_PER_OFFICER
    capacity = next(row for row in found.capacity if row.year == next_year)
    assert capacity.needed == pytest.approx(year.mean * standards.STANDARD_HOURS["regular"])
    assert capacity.available == 2400


def test_the_hours_available_come_from_the_staff_records_where_there_are(history, own, manager):
    from openvth.capacity import services

    staff = services.create_staff(user=manager, service=own, name="Medewerker", hours_per_year=1400,
                                  active_from="2020-01-01")  # fmt: skip
    services.add_competence(user=manager, staff=staff, task_area="VV-MIL", education="hbo", experience_years="4",
                            hours_per_year=900, valid_from="2020-01-01")  # fmt: skip
    services.add_competence(user=manager, staff=staff, task_area="TZ-MIL", education="hbo", experience_years="4",
                            hours_per_year=500, valid_from="2020-01-01")  # fmt: skip
    found = selectors.available_hours([own.pk], clock.today())[own.pk]
    assert (found.source, found.hours, found.people) == ("competences", 900.0, 1)


def test_the_reads_are_bulk(history, own, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the applications, the activities of their establishments
        selectors._history(clock.today())
    selectors.outlook(own, clock.today())
    # the history from the cache (2 marks, 1 get); initiatives, authorities' names, 3 for the hours available
    with django_assert_max_num_queries(9):
        selectors.outlook(own, clock.today())


def test_the_pages_render_for_the_service_and_the_ministry(history, client, manager, office, own, other):
    initiative(other, title="Windpark Ander", expected_year=clock.today().year + 1)
    client.force_login(manager)
    page = client.get(reverse("analysis:outlook"))
    text = page.content.decode()
    assert page.status_code == 200 and "Vergunningprognose: Omgevingsdienst Eigen" in text and "<svg" in text
    assert "Windpark Ander" not in text
    assert client.get(reverse("analysis:outlook"), {"dienst": other.code}).status_code == 404
    assert client.get(reverse("analysis:outlook"), {"dienst": "NL"}).status_code == 200
    client.force_login(office)
    national = client.get(reverse("analysis:outlook"))
    text = national.content.decode()
    assert national.status_code == 200 and "Omgevingsdienst Ander" in text and "Windpark Ander" not in text
    assert "energietransitie" in text  # the pipeline as numbers per theme
    assert client.get(reverse("analysis:outlook"), {"dienst": other.code}).status_code == 200


def test_the_api(history, client, manager, own, other):
    initiative(own, expected_year=clock.today().year + 1)
    initiative(other, expected_year=clock.today().year + 1)
    client.force_login(manager)
    body = client.get("/api/v1/analysis/permit-outlook").json()
    assert body["subject"] == own.code and len(body["quarters"]) == 20
    assert body["quarters"][0]["quarter"] == _label(clock.today())  # the current quarter first
    assert body["backtest"][0]["h"] == 1 and body["groups"][0]["key"] == "mobiliteit"
    assert client.get("/api/v1/analysis/permit-outlook", {"service": other.code}).status_code == 404
    listed = client.get("/api/v1/analysis/initiatives").json()
    assert [row["service"] for row in listed["results"]] == [own.code]


def test_the_backtest_command(history):
    out = StringIO()
    call_command("analysis", "backtest", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["history"]["applications"] == 75
    subjects = {row["subject"]: row for row in result["subjects"]}
    assert {"Nederland", "OD-EIGEN", "OD-ANDER", "groep mobiliteit", "groep afval"} <= set(subjects)
    # one forecast a quarter after the first two years of training (23 - 8 on the default day)
    assert subjects["Nederland"]["horizons"][0]["forecasts"] == _quarters() - 8
