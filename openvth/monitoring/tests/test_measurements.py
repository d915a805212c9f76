"""The snapshot of scores and KPIs, who reads which figures, and the commands (snapshot, Parquet export)."""

import json
from datetime import date

import duckdb
from django.core.management import call_command

from openvth.monitoring import selectors, services
from openvth.monitoring.models import KpiValue, QualityScore
from openvth.register.tests.factories import EstablishmentFactory

TODAY = date(2025, 6, 30)


def test_snapshot_stores_each_rule_per_owner_and_country_and_replaces_its_day(service, other_service):
    EstablishmentFactory(owner=service, bag_nummeraanduiding_id="")
    EstablishmentFactory(owner=other_service)
    services.take_snapshot(today=TODAY)
    services.take_snapshot(today=TODAY)
    bag = QualityScore.objects.filter(rule="vestiging-bag", measured_on=TODAY)
    assert {(s.organisation_id, s.total, s.failing) for s in bag} == {(service.pk, 1, 1), (other_service.pk, 1, 0),
                                                                     (None, 2, 1)}  # fmt: skip
    assert KpiValue.objects.filter(organisation=None, kpi="naleving", year__in=[2024, 2025]).count() == 2


def test_an_organisation_reads_its_own_scores_the_programme_office_also_the_country(service, member, outsider, office):
    EstablishmentFactory(owner=service, bag_nummeraanduiding_id="")
    services.take_snapshot(today=TODAY)
    bag = next(row for row in selectors.quality_scores(member) if row.rule.code == "vestiging-bag")
    assert [(label, [s.failing for s in scores]) for label, scores in bag.trends] == [(str(service), [1])]
    outsiders = next(row for row in selectors.quality_scores(outsider) if row.rule.code == "vestiging-bag")
    assert [scores for _label, scores in outsiders.trends] == [[]]  # measured nothing of its own
    national = next(row for row in selectors.quality_scores(office) if row.rule.code == "vestiging-bag")
    assert [label for label, _scores in national.trends] == [str(service), "Nederland"]


def test_failing_records_are_the_own_organisations(service, other_service, member):
    mine = EstablishmentFactory(owner=service, rd_x=None)
    EstablishmentFactory(owner=other_service, rd_x=None, supervising_service=service)  # visible, not owned
    rule = selectors.quality.BY_CODE["vestiging-coordinaten"]
    assert list(selectors.failing_records(member, rule, today=TODAY)) == [mine]


def test_snapshot_command_json(establishment, capsys):
    call_command("monitoring", "snapshot", "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed["quality_scores"] == QualityScore.objects.count() > 0


def test_parquet_export_reads_back_with_duckdb(tmp_path, establishment, capsys):
    call_command("monitoring", "export-parquet", "--output", str(tmp_path))
    assert "register_establishment: 1 rijen" in capsys.readouterr().out
    found = duckdb.sql(f"SELECT name, owner_id, rd_x FROM '{tmp_path}/register_establishment.parquet'").fetchall()
    assert found == [(establishment.name, establishment.owner_id, establishment.rd_x)]
    columns = [
        c[0] for c in duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path}/disclosure_publication.parquet'").fetchall()
    ]
    assert "source_text" not in columns and "public_text" in columns
    applications = [
        c[0] for c in duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path}/permits_application.parquet'").fetchall()
    ]
    assert "applicant_is_natural_person" in applications
    assert not {"applicant_name", "applicant_kvk_number", "applicant_email", "applicant_phone"} & set(applications)
