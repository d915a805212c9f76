"""`openvth generate` gives ten years of inspections and findings: realistic rates, legal follow-up, consistent."""

from datetime import date, timedelta

import pytest

from openvth.permits.tests.test_synthetic import TODAY, offline_permits
from openvth.rules.terms import add_months
from openvth.supervision.models import Finding, Inspection
from openvth.synthetic.generator import _E
from openvth.synthetic.loader import load, stored_digest
from openvth.synthetic.supervision import INSPECTION_COLUMNS, SupervisionGenerator

_I = {name: index for index, name in enumerate(INSPECTION_COLUMNS)}


def offline_supervision(seed: int):
    establishments, permits = offline_permits(seed)
    first = {"inspection": 1, "finding": 1}
    batch = SupervisionGenerator(seed, first, today=TODAY).batch(establishments, permits.provision_version)
    return establishments, permits, batch


def test_same_seed_same_inspections():
    assert offline_supervision(3)[2] == offline_supervision(3)[2]
    assert offline_supervision(3)[2].inspection != offline_supervision(4)[2].inspection


def test_compliance_rate_is_realistic_and_every_violation_has_findings():
    _establishments, _permits, batch = offline_supervision(3)
    violated = {row[1] for row in batch.finding}
    first_visits = [row for row in batch.inspection if row[_I["follows_id"]] is None]
    compliance = 1 - sum(row[_I["id"]] in violated for row in first_visits) / len(first_visits)
    assert 0.68 <= compliance <= 0.82
    assert all("geen overtredingen" not in row[_I["summary"]] for row in batch.inspection if row[_I["id"]] in violated)


def test_ied_and_brzo_establishments_are_visited_within_the_legal_intervals():
    establishments, _permits, batch = offline_supervision(3)
    visits: dict[int, list[date]] = {}
    for row in batch.inspection:
        visits.setdefault(row[_I["establishment_id"]], []).append(row[_I["performed_on"]])
    for row in establishments:
        bound = {"upper": 12, "lower": 36}.get(row[_E["brzo_tier"]]) or (36 if row[_E["ied"]] else None)
        if bound:
            days = sorted(visits[row[_E["id"]]])
            assert all(later <= add_months(earlier, bound) for earlier, later in zip(days, days[1:], strict=False))
            assert len(days) >= 10 * 12 // bound


def test_a_serious_violation_is_followed_by_a_reinspection_within_six_months():
    _establishments, _permits, batch = offline_supervision(3)
    by_id = {row[_I["id"]]: row for row in batch.inspection}
    serious = {row[1] for row in batch.finding if row[6] >= 3}
    followed = {row[_I["follows_id"]]: row for row in batch.inspection if row[_I["follows_id"]]}
    checked = 0
    for inspection_id in serious:
        day = by_id[inspection_id][_I["performed_on"]]
        if add_months(day, 6) < TODAY:
            assert followed[inspection_id][_I["performed_on"]] <= add_months(day, 6)
            assert followed[inspection_id][_I["kind"]] == "reinspection"
            checked += 1
    assert checked > 10


def test_findings_name_a_provision_in_force_or_a_general_rule():
    _establishments, permits, batch = offline_supervision(3)
    by_id = {row[_I["id"]]: row for row in batch.inspection}
    versions = {}
    for version in permits.provision_version:
        versions.setdefault((version[1], version[2]), []).append(version)
    with_provision = 0
    for finding in batch.finding:
        _id, inspection_id, _answer, number, text, rule = finding[:6]
        assert bool(number) != bool(rule)
        if number:
            inspection = by_id[inspection_id]
            day = inspection[_I["performed_on"]]
            matching = versions[(inspection[_I["establishment_id"]], number)]
            assert any(v[5] <= day and (v[6] is None or v[6] >= day) and v[3] == text for v in matching)
            with_provision += 1
    assert with_provision > 0


def test_reports_are_mostly_in_time_with_some_late_ones():
    establishments, _permits, batch = offline_supervision(3)
    ied = {row[_E["id"]] for row in establishments if row[_E["ied"]]}
    closed = [row for row in batch.inspection if row[_I["status"]] == "closed" and row[_I["report_sent_on"]]]
    late = [row for row in closed if row[_I["report_sent_on"]] > add_months(row[_I["performed_on"]], 2)]
    assert 0 < len(late) < 0.2 * len(closed)
    public = [row for row in closed if row[_I["establishment_id"]] in ied and row[_I["report_published_on"]]]
    assert public and all(row[_I["report_published_on"]] >= row[_I["report_sent_on"]] for row in public)
    assert all(row[_I["performed_on"]] < TODAY and row[_I["performed_on"]].weekday() < 5 for row in batch.inspection)
    for row in closed:
        closed_on = row[_I["closed_at"]].date()
        assert row[_I["performed_on"]] <= closed_on < TODAY and closed_on <= row[_I["report_sent_on"]]
    assert min(row[_I["performed_on"]] for row in batch.inspection) >= TODAY - timedelta(days=3700)


@pytest.mark.django_db
def test_stored_inspections_are_the_generated_ones():
    summary = load("small", 5, today=TODAY, digest=True)
    assert stored_digest() == summary.digest
    assert summary.inspections == Inspection.objects.count() > 300
    assert summary.findings == Finding.objects.count() > 0
    assert Inspection.objects.filter(status=Inspection.Status.OPEN).count() < 20
