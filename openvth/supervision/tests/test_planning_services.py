"""Risk appraisal and the yearly programme: known answers on small data, capacity, legal visits, edits, scoping."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openvth.core.scoping import SYSTEM_JOB
from openvth.register.tests.factories import EstablishmentFactory
from openvth.rules import risk
from openvth.supervision.models import Inspection, OperatorProfile, PlannedVisit, Programme, RiskAppraisal
from openvth.supervision.selectors import planning as selectors
from openvth.supervision.services import planning as services

from .factories import activity, closed_inspection, manager_of

D = datetime.date.fromisoformat
TODAY = D("2026-01-15")


@pytest.fixture
def manager(service):
    return manager_of(service)


def appraise(establishment, today=TODAY) -> RiskAppraisal:
    return services.appraise_establishment(user=SYSTEM_JOB, establishment=establishment, today=today)


def test_appraisal_of_a_metal_works_after_a_serious_violation(establishment):
    activity(establishment, "3.46")  # iron and steel: air 3, water 2, soil 2, noise 3, accident 2
    closed_inspection(establishment, "2025-03-01", 2, 3)  # one minor, one serious finding
    appraisal = appraise(establishment, today=D("2025-06-01"))
    # impact 3 + 2 + 0.75*2 + 0.5*3 + 1 (surroundings, no profile) + 1.25*2 = 11.5; compliance 4 points -> 2;
    # no management system: performance (2/3 + 0.5) / 1.5 -> factor 1.278 -> 14.69 -> highest -> 12 months
    assert (appraisal.score, appraisal.category, appraisal.interval_months) == (Decimal("14.69"), 4, 12)
    assert appraisal.scores["compliance"] == 2 and appraisal.scores["surroundings"] == 1
    assert appraisal.last_visit == D("2025-03-01")
    assert (appraisal.next_due, appraisal.due_kind) == (D("2025-09-01"), risk.DueKind.REVISIT)
    assert appraisal.due_reason == "extra bezoek binnen 6 maanden na ernstige overtreding (RIE art. 23 lid 4)"
    assert "1 lichte en 1 ernstige bevindingen in 5 jaar" in appraisal.reasons


def test_appraisal_uses_the_operator_profile_and_the_stored_table(establishment, manager, service):
    OperatorProfile.objects.create(establishment=establishment, surroundings=0, certified_management_system=True)
    table = risk.table_to_dict(risk.DEFAULT_TABLE) | {"interval_months": {"1": 48, "2": 36, "3": 24, "4": 12}}
    version = services.store_risk_table(user=manager, organisation=service, valid_from=D("2025-01-01"), table=table)
    appraisal = appraise(establishment)
    assert (appraisal.score, appraisal.category, appraisal.interval_months) == (Decimal("0.00"), 1, 48)
    assert appraisal.table_version == version
    assert (appraisal.next_due, appraisal.due_kind, appraisal.due_reason) == (TODAY, "never_visited", "nooit bezocht")


def test_the_migration_gives_stored_appraisals_the_code_of_their_words(establishment):
    migration = importlib.import_module("openvth.supervision.migrations.0007_risk_appraisal_due_kind")
    stored = {}
    for words in ("interval 36 maanden", "nooit bezocht", risk.DUE_LABELS[risk.DueKind.REVISIT]):
        appraisal = appraise(establishment)
        RiskAppraisal.objects.filter(pk=appraisal.pk).update(due_kind="interval", due_reason=words)
        stored[appraisal.pk] = words
    migration.codes(django_apps, None)
    kinds = dict(RiskAppraisal.objects.filter(pk__in=stored).values_list("due_reason", "due_kind"))
    assert kinds == {"interval 36 maanden": "interval", "nooit bezocht": "never_visited",
                     risk.DUE_LABELS[risk.DueKind.REVISIT]: "revisit"}  # fmt: skip


def test_findings_older_than_five_years_do_not_count(establishment):
    closed_inspection(establishment, "2020-01-10", 4, 4)
    closed_inspection(establishment, "2024-01-10")
    appraisal = appraise(establishment)
    assert (appraisal.scores["findings_serious"], appraisal.scores["compliance"]) == (0, 0)
    assert appraisal.last_visit == D("2024-01-10")  # revisited since the violation: the interval applies


def test_an_appraisal_as_of_a_day_does_not_see_later_visits(establishment):
    closed_inspection(establishment, "2024-01-10")
    closed_inspection(establishment, "2025-06-01", 4)
    appraisal = appraise(establishment, today=D("2025-01-01"))
    assert (appraisal.last_visit, appraisal.scores["findings_serious"]) == (D("2024-01-10"), 0)


def test_open_inspections_are_no_visit(establishment):
    Inspection.objects.create(
        owner=establishment.owner, establishment=establishment, kind="routine", performed_on=D("2025-12-01")
    )
    assert appraise(establishment).last_visit is None


def test_bulk_appraisal_reads_per_batch_not_per_establishment(service, manager, monkeypatch):
    for _ in range(6):
        e = EstablishmentFactory(owner=service)
        activity(e, "3.66")
        closed_inspection(e, "2024-05-01", 2)
    monkeypatch.setattr(services, "BATCH_SIZE", 4)
    with CaptureQueriesContext(connection) as queries:
        assert services.appraise_service(user=manager, service=service, today=TODAY) == 6
    # per batch: establishments, activities, inspections with findings (and one bulk insert); plus the risk table
    # and the empty last batch
    reads = [q for q in queries if q["sql"].startswith("SELECT")]
    assert len(reads) == 2 * 3 + 2
    assert RiskAppraisal.objects.filter(establishment__supervising_service=service).count() == 6


def test_only_planners_appraise_a_whole_service(service, member, outsider):
    for user in (member, outsider):
        with pytest.raises(PermissionDenied):
            services.appraise_service(user=user, service=service, today=TODAY)


def test_risk_table_versions_follow_each_other(service, manager):
    table = risk.table_to_dict(risk.DEFAULT_TABLE)
    services.store_risk_table(user=manager, organisation=service, valid_from=D("2025-01-01"), table=table)
    with pytest.raises(ValidationError) as error:
        services.store_risk_table(user=manager, organisation=service, valid_from=D("2025-01-01"), table=table)
    assert "na 01-01-2025" in error.value.message_dict["valid_from"][0]
    bad = table | {"category_thresholds": [8, 4, 12]}
    with pytest.raises(ValidationError) as error:
        services.store_risk_table(user=manager, organisation=service, valid_from=D("2026-01-01"), table=bad)
    assert "lopen op" in error.value.message_dict["table"][0]
    assert selectors.active_table(service.pk, D("2024-12-31")).version is None
    assert selectors.active_table(service.pk, D("2025-06-01")).version.valid_from == D("2025-01-01")


def test_an_inspector_may_not_change_the_risk_table(service, member):
    with pytest.raises(PermissionDenied):
        services.store_risk_table(
            user=member, organisation=service, valid_from=D("2026-01-01"), table=risk.table_to_dict(risk.DEFAULT_TABLE)
        )


# --- the programme ----------------------------------------------------------------------------------------------


@pytest.fixture
def supervised(service):
    """Five establishments, appraised on 15 January 2026."""
    made = {
        "ied": EstablishmentFactory(owner=service, name="IED Raffinaderij", ied=True),
        "brzo": EstablishmentFactory(owner=service, name="Brzo Tankopslag", brzo_tier="upper"),
        "violator": EstablishmentFactory(owner=service, name="Overtreder Metaal"),
        "high": EstablishmentFactory(owner=service, name="Chemie Hoog"),
        "low": EstablishmentFactory(owner=service, name="Bakkerij Laag"),
        "medium": EstablishmentFactory(owner=service, name="Timmerfabriek Midden"),
    }
    activity(made["high"], "3.39")
    activity(made["low"], "3.73")
    activity(made["medium"], "3.66")
    closed_inspection(made["medium"], "2023-05-10")  # medium risk: 36 months -> May 2026
    closed_inspection(made["violator"], "2025-10-20", 3)  # serious: re-inspection by 20 April 2026
    OperatorProfile.objects.create(establishment=made["low"], surroundings=0, certified_management_system=True)
    services.appraise_service(user=SYSTEM_JOB, service=service, today=TODAY)
    return made


def visits_by_name(programme) -> dict[str, PlannedVisit]:
    return {v.establishment.name: v for v in programme.visits.select_related("establishment")}


@pytest.mark.date_sensitive
def test_programme_places_visits_in_the_month_they_are_due(supervised, service, manager):
    result = services.generate_programme(user=manager, service=service, year=2026)
    visits = visits_by_name(result.programme)
    assert set(visits) == {e.name for e in supervised.values()}
    assert visits["Timmerfabriek Midden"].month == 5
    assert visits["Overtreder Metaal"].month == 4
    assert visits["Overtreder Metaal"].kind == Inspection.Kind.REINSPECTION
    assert visits["Overtreder Metaal"].source == PlannedVisit.Source.REINSPECTION
    assert visits["Brzo Tankopslag"].kind == Inspection.Kind.BRZO_SYSTEM
    # never visited, due at once: the legal ones first, spread over the first months by capacity
    assert {visits["IED Raffinaderij"].month, visits["Brzo Tankopslag"].month} == {1, 2}
    assert result.postponed == 0 and result.legally_bound == 3
    # capacity left out for a new programme: the hours of every visit due
    assert result.summary.capacity_hours == result.summary.planned_hours and result.summary.shortfall_hours == 0


@pytest.mark.date_sensitive
def test_nothing_due_after_the_year_is_planned(supervised, service):
    closed_inspection(supervised["low"], "2025-06-01")  # low risk: 60 months -> 2030
    services.appraise_establishment(user=SYSTEM_JOB, establishment=supervised["low"], today=TODAY)
    visits = visits_by_name(services.generate_programme(user=SYSTEM_JOB, service=service, year=2026).programme)
    assert "Bakkerij Laag" not in visits


def test_over_capacity_the_legal_visits_stay_and_the_lowest_risks_are_postponed(supervised, service, manager):
    result = services.generate_programme(user=manager, service=service, year=2026, capacity_hours=10)
    visits = visits_by_name(result.programme)
    for name in ("IED Raffinaderij", "Brzo Tankopslag", "Overtreder Metaal"):
        assert not visits[name].postponed
    assert all(visits[name].postponed for name in ("Chemie Hoog", "Bakkerij Laag", "Timmerfabriek Midden"))
    assert visits["Bakkerij Laag"].reason.startswith("uitgesteld: onvoldoende capaciteit")
    legal_hours = sum(visits[n].hours for n in ("IED Raffinaderij", "Brzo Tankopslag", "Overtreder Metaal"))
    assert result.summary.planned_hours == legal_hours
    assert result.summary.shortfall_hours == legal_hours - 10 > 0
    assert result.postponed == 3


def test_a_little_short_postpones_only_the_lowest_risk(supervised, service):
    full = services.generate_programme(user=SYSTEM_JOB, service=service, year=2026).summary.planned_hours
    visits = visits_by_name(
        services.generate_programme(user=SYSTEM_JOB, service=service, year=2026, capacity_hours=int(full) - 1).programme
    )
    assert [name for name, v in visits.items() if v.postponed] == ["Bakkerij Laag"]


def test_regenerating_keeps_manual_and_inspected_visits(supervised, service, manager):
    programme = services.generate_programme(user=manager, service=service, year=2026).programme
    extra = EstablishmentFactory(owner=service, name="Handmatig Erbij")
    services.add_visit(user=manager, programme=programme, establishment=extra, month=7)
    visit = programme.visits.get(establishment=supervised["medium"])
    visit.inspection = closed_inspection(supervised["medium"], "2026-05-12")
    visit.save()
    services.generate_programme(user=manager, service=service, year=2026)
    visits = visits_by_name(programme)
    assert visits["Handmatig Erbij"].source == PlannedVisit.Source.MANUAL
    assert visits["Timmerfabriek Midden"].inspection_id == visit.inspection_id
    assert programme.visits.count() == len(supervised) + 1


def test_planned_versus_done(supervised, service):
    programme = services.generate_programme(user=SYSTEM_JOB, service=service, year=2026).programme
    visit = programme.visits.get(establishment=supervised["medium"])
    visit.inspection = closed_inspection(supervised["medium"], "2026-05-12")
    visit.save()
    months = selectors.progress_by_month(programme, SYSTEM_JOB)
    assert (months[4]["planned"], months[4]["done"]) == (1, 1)
    # IED, Brzo, high, low: never visited, due at once, over the first months with room (not all in January)
    assert [m["planned"] for m in months[:3]] == [1, 1, 1] and months[0]["done"] == 0
    assert sum(m["planned"] for m in months) == 6
    authorities = selectors.progress_by_authority(programme, SYSTEM_JOB)
    assert sum(row["planned"] for row in authorities) == 6 and sum(row["done"] for row in authorities) == 1
    summary = selectors.programme_summary(programme, SYSTEM_JOB)
    assert (summary.planned, summary.done, summary.postponed) == (6, 1, 0)


def test_visit_edits(supervised, service, manager, member, other_service):
    programme = services.generate_programme(user=manager, service=service, year=2026).programme
    visit = programme.visits.get(establishment=supervised["high"])
    services.change_visit(user=manager, visit=visit, month=9, inspector=member, postponed=False)
    visit.refresh_from_db()
    assert (visit.month, visit.inspector) == (9, member)
    with pytest.raises(ValidationError) as error:
        services.change_visit(user=manager, visit=visit, month=13, inspector=manager_of(other_service), postponed=False)
    assert set(error.value.message_dict) == {"month", "inspector"}
    with pytest.raises(PermissionDenied):
        services.change_visit(user=member, visit=visit, month=3, inspector=None, postponed=False)
    services.remove_visit(user=manager, visit=visit)
    assert not programme.visits.filter(establishment=supervised["high"]).exists()


def test_a_visit_for_an_establishment_of_another_service_is_refused(service, manager, foreign_establishment):
    programme = Programme.objects.create(service=service, year=2026, capacity_hours=100)
    with pytest.raises(ValidationError) as error:
        services.add_visit(user=manager, programme=programme, establishment=foreign_establishment, month=3)
    assert "houdt geen toezicht" in error.value.message_dict["establishment"][0]


@pytest.mark.date_sensitive
def test_overdue(supervised, owner):
    overdue = selectors.overdue(owner, today=D("2026-06-01"))
    names = {e.name for e in overdue}
    # due at once (never visited) or by April (re-inspection), May (medium); the low-risk bakery too (never visited)
    assert names == {e.name for e in supervised.values()}
    closed_inspection(supervised["medium"], "2026-05-20")
    assert "Timmerfabriek Midden" not in {e.name for e in selectors.overdue(owner, today=D("2026-06-01"))}
    assert "Timmerfabriek Midden" not in {e.name for e in selectors.overdue(owner, today=D("2026-05-01"))}


def test_outsider_sees_no_appraisal_programme_or_overdue(supervised, service, outsider):
    services.generate_programme(user=SYSTEM_JOB, service=service, year=2026)
    assert not selectors.appraisal_history(outsider, supervised["ied"]).exists()
    assert not selectors.programmes(outsider).exists()
    assert not selectors.overdue(outsider, today=D("2026-06-01")).exists()
