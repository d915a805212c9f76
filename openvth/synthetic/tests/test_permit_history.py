"""The generated permit applications run at a steady rate from the start of the record to today (the permit outlook
backtests on them): no break when the grants stop, no burst of open applications at the end, the early filing
before the Omgevingswet as the one shift, and every service with an application in its work queue."""

import statistics
from collections import Counter
from datetime import date, timedelta

import pytest

from openvth.core import clock
from openvth.rules import forecast, permit_terms
from openvth.synthetic.generator import _E
from openvth.synthetic.permits import APPLICATION_COLUMNS, RECORDED_FROM, TABLE_COLUMNS, PermitGenerator

from .helpers import generate_offline

RECEIVED, STATUS = APPLICATION_COLUMNS.index("received_on"), APPLICATION_COLUMNS.index("status")


@pytest.fixture(scope="module")
def region():
    """The region scale's establishments and their permits, generated without a database up to the set day."""
    _companies, establishments, _activities = generate_offline(1, "region")
    generator = PermitGenerator(1, dict.fromkeys(TABLE_COLUMNS, 1), today=clock.today())
    applications = []
    for start in range(0, len(establishments), 5_000):
        applications += generator.batch(establishments[start : start + 5_000]).application
    return establishments, applications


def _quarters(applications) -> tuple[Counter, int]:
    """Applications per quarter and the last complete quarter."""
    return Counter(forecast.quarter_index(row[RECEIVED]) for row in applications), forecast.quarter_index(
        clock.today()
    ) - 1


def test_the_record_starts_with_a_whole_quarter_and_runs_on_at_one_level(region):
    _establishments, applications = region
    per_quarter, last = _quarters(applications)
    first = forecast.quarter_index(RECORDED_FROM)
    assert min(per_quarter) == first and (RECORDED_FROM.month - 1) % 3 == 0 and RECORDED_FROM.day == 1
    counts = [per_quarter.get(q, 0) for q in range(first, last + 1)]
    median = statistics.median(counts)
    assert median >= 20
    # every year about as many as any other: no fall once the grants of the past are amended
    years = Counter(forecast.quarter_year(q) for q in range(first, last + 1) for _ in range(per_quarter.get(q, 0)))
    full = [years[y] for y in range(forecast.quarter_year(first) + 1, forecast.quarter_year(last))]
    assert max(full) / min(full) < 1.5, years
    # the last complete quarters hold no burst of open applications
    assert max(counts[-4:]) < 1.6 * median, counts[-8:]


def test_the_omgevingswet_brings_the_one_shift_applications_filed_before_1_january_2024(region):
    _establishments, applications = region
    per_quarter, _last = _quarters(applications)
    q4_2023, q1_2024 = forecast.quarter_index(date(2023, 10, 1)), forecast.quarter_index(date(2024, 1, 1))
    others = [per_quarter[q] for q in range(q4_2023 - 20, q4_2023) if q % 4 == 3]  # the fourth quarters before
    assert per_quarter[q4_2023] > 1.3 * statistics.mean(others), (per_quarter[q4_2023], others)
    assert per_quarter[q1_2024] + per_quarter[q1_2024 + 1] < 2 * statistics.median(per_quarter.values())


def test_the_applications_in_progress_are_the_streams_tail_and_every_service_has_one_due(region):
    establishments, applications = region
    today = clock.today()
    open_ = [row for row in applications if row[STATUS] != "decided"]
    per_quarter, last = _quarters(applications)
    assert 0 < len(open_) < sum(per_quarter[q] for q in (last - 1, last))  # fewer than half a year brings
    assert all(today - timedelta(days=230) <= row[RECEIVED] <= today for row in open_)
    assert all(row[RECEIVED] < row[APPLICATION_COLUMNS.index("decided_on")] < today for row in applications
               if row[STATUS] == "decided")  # fmt: skip
    service_of = {row[_E["id"]]: row[_E["supervising_service_id"]] for row in establishments}
    establishment = APPLICATION_COLUMNS.index("establishment_id")
    due = {
        service_of[row[establishment]]
        for row in open_
        if row[STATUS] == "received"
        and 0 <= (permit_terms.decision_deadline(row[RECEIVED], "regular", suspended=0) - today).days <= 14
    }
    assert due == {service_of[row[establishment]] for row in applications}  # every service with permit holders
