"""The national sharing export in one read of each table for every organisation: the same files as the export of
one organisation at a time as it was (each table filtered on the organisation, in id order), on a small generated
country, and a number of queries that does not grow with the number of organisations."""

import csv
import hashlib
import io
import zipfile

import pytest

from openvth.core import clock
from openvth.enforcement.models import Sanction
from openvth.register.models import Organisation
from openvth.register.tests.factories import EstablishmentFactory, ServiceFactory
from openvth.rules.terms import add_months
from openvth.sharing import batch
from openvth.supervision.models import Finding, Inspection
from openvth.synthetic.loader import load

from .factories import days_ago, records_of


def reference_files(organisation: Organisation, since) -> dict[str, bytes]:
    """The CSV files of one organisation as the export wrote them before it read all organisations at once."""
    tables = [
        (
            "inspections.csv",
            Inspection.objects.filter(batch._since_q("", since), owner=organisation),
            batch.INSPECTION_COLUMNS,
        ),
        (
            "findings.csv",
            Finding.objects.filter(batch._since_q("inspection__", since), inspection__owner=organisation),
            batch.FINDING_COLUMNS,
        ),
        (
            "sanctions.csv",
            Sanction.objects.filter(case__owner=organisation, imposed_on__gte=since),
            batch.SANCTION_COLUMNS,
        ),
    ]
    files = {}
    for name, queryset, columns in tables:
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow(columns)
        for row in queryset.order_by("id").values_list(*columns.values()):
            writer.writerow("" if value is None else value for value in row)
        files[name] = text.getvalue().encode("utf-8")
    return files


def files_of(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.endswith(".csv")}


@pytest.fixture
def country(db):
    """The small generated country (one service owns its inspections) and three more services whose records were
    made in turns, so that their ids interleave; one of them has an inspection older than the five years too."""
    load("small", 3, today=clock.today())
    services = [ServiceFactory(name=f"Omgevingsdienst {n}") for n in range(3)]
    for _round in range(3):
        for service in services:
            records_of(EstablishmentFactory(owner=service))
    old = records_of(EstablishmentFactory(owner=services[0]))
    Inspection.objects.filter(pk__in=old["inspections"]).update(performed_on=days_ago(5 * 366 + 1))
    return list(Organisation.objects.filter(pk__in=Inspection.objects.values("owner_id")).order_by("code"))


def test_one_read_for_all_organisations_writes_the_files_of_each_organisation_alone(tmp_path, country):
    today = clock.today()
    since = add_months(today, -60)
    owners = country + [Organisation.objects.exclude(pk__in=[o.pk for o in country]).order_by("code").first()]
    manifests = batch.write_batch_exports({o: tmp_path / f"{o.code}.zip" for o in owners}, today=today)
    assert sum(f["rows"] for m in manifests.values() for f in m["files"]) > 500
    for organisation in owners:
        expected = reference_files(organisation, since)
        assert files_of(tmp_path / f"{organisation.code}.zip") == expected, organisation.code
        manifest = manifests[organisation.pk]
        assert manifest["organisation"]["code"] == organisation.code
        assert [(f["name"], f["sha256"]) for f in manifest["files"]] == [
            (name, hashlib.sha256(content).hexdigest()) for name, content in expected.items()
        ]
        alone = batch.write_batch_export(organisation, tmp_path / "alone.zip", today=today)
        assert alone["files"] == manifest["files"]
    assert files_of(tmp_path / f"{owners[-1].code}.zip")["inspections.csv"].count(b"\n") == 1  # the header only


def test_the_number_of_queries_does_not_grow_with_the_organisations(tmp_path, country, django_assert_max_num_queries):
    outputs = {o: tmp_path / f"{o.code}.zip" for o in country}
    assert len(outputs) > 1
    with django_assert_max_num_queries(5):  # one read per table (and the planner setting on PostgreSQL)
        batch.write_batch_exports(outputs, today=clock.today())


def test_a_failed_export_leaves_no_file(tmp_path, country, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(batch, "_write_table", broken)
    with pytest.raises(OSError):
        batch.write_batch_exports({o: tmp_path / f"{o.code}.zip" for o in country}, today=clock.today())
    assert not list(tmp_path.iterdir())
