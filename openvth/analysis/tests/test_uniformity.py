"""Uniform enforcement measured from the stored LHSO decisions: exact figures on a hand-built set, and who sees
whose figures (a service its own and the country, the ministry every service; never a person)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.analysis import selectors
from openvth.core import clock
from openvth.enforcement.models import CaseTransition, EnforcementCase, LhsoDecision
from openvth.register.tests.factories import EstablishmentFactory
from openvth.supervision.tests.factories import FindingFactory, InspectionFactory

FOUND = date(2024, 3, 4)
LIGHTER = "Eerste overtreding en de overtreder werkt mee."


def decide(finding, lawyer, chosen, *, advised=("warning",), cell="B3", reason=""):
    return LhsoDecision.objects.create(
        finding=finding, consequences=int(cell[1]), behaviour=cell[0], cell=cell, advised_interventions=list(advised),
        chosen_interventions=list(chosen), deviation_reason=reason, decided_by=lawyer,
        decided_at=datetime.combine(finding.inspection.performed_on, time(10), UTC),
    )  # fmt: skip


def finding_at(establishment, on=FOUND, rule="Bal art. 4.103", follows=None):
    inspection = InspectionFactory(establishment=establishment, planned_on=on, performed_on=on, follows=follows)
    return FindingFactory(inspection=inspection, general_rule=rule)


def case_for(finding, lawyer, steps, route="herstel"):
    establishment = finding.inspection.establishment
    case = EnforcementCase.objects.create(
        owner=establishment.supervising_service, competent_authority=establishment.competent_authority,
        establishment=establishment, reference=f"HH-{finding.pk}", route=route, state="open",
        opened_on=finding.inspection.performed_on, opened_by=lawyer,
    )  # fmt: skip
    case.findings.add(finding)
    for event, days in steps:
        CaseTransition.objects.create(case=case, event=event, to_state="x", on=FOUND + timedelta(days=days), by=lawyer)
    return case


@pytest.fixture
def world(own, other):
    lawyer = UserFactory(organisation=own, role=Role.ENFORCEMENT_LAWYER, first_name="Petra", last_name="Verbeek")
    e1, e2 = EstablishmentFactory(owner=own), EstablishmentFactory(owner=own)
    first = finding_at(e1)
    decide(first, lawyer, ["warning"])
    case_for(first, lawyer, [("openen", 0), ("waarschuwen", 2), ("hercontrole_uitvoeren", 20), ("sluiten", 30)])
    second = finding_at(e2)
    decide(second, lawyer, ["warning"])
    case_for(second, lawyer, [("openen", 0), ("waarschuwen", 6), ("hercontrole_uitvoeren", 40), ("nageleefd", 50)])
    decide(finding_at(e2, rule="Bal art. 4.200"), lawyer, ["warning"])
    decide(finding_at(e1, rule="Bal art. 4.300"), lawyer, ["address"], reason=LIGHTER)
    # e1 again on the same rule 10 months later (a first visit): recidivism after the warning; a re-inspection of
    # e2 finding the same violation going on is not a new violation
    later = finding_at(e1, on=date(2025, 1, 6))
    finding_at(e2, on=date(2024, 4, 1), follows=second.inspection)
    decide(later, lawyer, ["warning"], cell="C3", advised=("warning", "bestuurlijke_boete"), reason=LIGHTER)
    elsewhere = EstablishmentFactory(owner=other)
    other_lawyer = UserFactory(organisation=other, role=Role.ENFORCEMENT_LAWYER)
    decide(finding_at(elsewhere), other_lawyer, ["address"], reason="Gemeentelijk beleid")
    decide(finding_at(elsewhere, rule="Bal art. 4.300"), other_lawyer, ["inform"], advised=("inform",), cell="A1")
    return lawyer


def test_the_figures_of_a_hand_built_set(world, own, other):
    figures = selectors.uniformity_figures(clock.today())
    mine = figures.of(own)
    b3 = mine.shares["B3"]
    assert (b3.decisions, b3.modal, b3.share) == (4, "warning", 0.75)
    assert mine.decisions == 5 and mine.deviations == 2
    assert mine.reasons == [(LIGHTER, 2)]
    timing = mine.timings["B3"]
    assert (timing.to_intervention.n, timing.to_intervention.median, timing.to_intervention.p90) == (3, 2, 6)
    # the addressing is given in the LHSO step itself: day 0; warnings on day 2 and 6
    assert (timing.to_compliance.n, timing.to_compliance.median, timing.to_compliance.p90) == (2, 40, 50)
    warning = mine.recidivism["warning"]
    assert (warning[12].eligible, warning[12].recidive) == (4, 1)  # e1's warning of March 2024, again in January
    national = figures.national
    assert (national.shares["B3"].decisions, national.shares["B3"].modal, national.shares["B3"].share) == (
        5, "warning", 0.6,
    )  # fmt: skip
    assert mine.agreement == 0.8  # 3 warnings in B3 and the warning in C3 started as most did nationally
    assert figures.of(other).agreement == 0.5  # its addressing in B3 did not, its informing in A1 did
    assert national.reasons == [(LIGHTER, 2), ("Gemeentelijk beleid", 1)]


def test_the_reads_are_bulk(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # decisions, case steps, later findings, the services' names
        selectors._uniformity_figures(clock.today())


def test_the_figures_are_kept_until_a_decision_is_added(world, own, django_assert_max_num_queries):
    today = clock.today()
    assert selectors.uniformity_figures(today).of(own).decisions == 5
    with django_assert_max_num_queries(4):  # three marks and the cache
        assert selectors.uniformity_figures(today).of(own).decisions == 5
    decide(finding_at(EstablishmentFactory(owner=own)), world, ["warning"])
    assert selectors.uniformity_figures(today).of(own).decisions == 6


def test_a_service_sees_its_own_and_the_national_figures_not_another_service(world, client, manager, own, other):
    client.force_login(manager)
    page = client.get(reverse("analysis:uniformity"))
    text = page.content.decode()
    assert page.status_code == 200 and "Omgevingsdienst Eigen" in text and "Nederland" in text
    assert "Omgevingsdienst Ander" not in text and "Gemeentelijk beleid" not in text
    assert "Petra" not in text and "Verbeek" not in text
    assert client.get(reverse("analysis:uniformity"), {"dienst": other.code}).status_code == 404
    assert client.get(reverse("analysis:uniformity"), {"dienst": "NL"}).status_code == 200
    api = client.get("/api/v1/analysis/uniformity", {"service": other.code})
    assert api.status_code == 404 and api["Content-Type"].startswith("application/problem+json")
    body = client.get("/api/v1/analysis/uniformity").json()
    assert [row["subject"] for row in body["comparison"]] == ["NL", own.code]
    assert body["figures"]["cells"][0]["cell"] == "B3" and body["figures"]["same_within"] == 0.8


def test_the_ministry_sees_every_service(world, client, office, other):
    client.force_login(office)
    page = client.get(reverse("analysis:uniformity"))
    text = page.content.decode()
    assert page.status_code == 200 and "Omgevingsdienst Eigen" in text and "Omgevingsdienst Ander" in text
    detail = client.get(reverse("analysis:uniformity"), {"dienst": other.code})
    assert detail.status_code == 200 and "Gemeentelijk beleid" in detail.content.decode()
    body = client.get("/api/v1/analysis/uniformity").json()
    assert {row["subject"] for row in body["comparison"]} == {"NL", "OD-EIGEN", "OD-ANDER"}


def test_an_inspector_has_no_analysis_pages(world, client, own):
    client.force_login(UserFactory(organisation=own, role=Role.INSPECTOR))
    assert client.get(reverse("analysis:uniformity")).status_code == 403
    assert client.get("/api/v1/analysis/uniformity").status_code == 403
