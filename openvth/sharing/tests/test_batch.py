"""The batch export for national systems: a zip of CSV files of one organisation's last 5 years, with a manifest."""

import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from openvth.enforcement.models import Sanction
from openvth.register.tests.factories import EstablishmentFactory
from openvth.supervision.models import Inspection

from .factories import days_ago, records_of


def test_zip_holds_the_organisations_records_and_a_manifest_with_checksums(tmp_path, service, establishment, records):
    records_of(EstablishmentFactory())  # another organisation's: not exported
    old = records_of(EstablishmentFactory(owner=service))
    Inspection.objects.filter(pk__in=old["inspections"]).update(performed_on=days_ago(5 * 366 + 1))
    Sanction.objects.filter(pk__in=old["sanctions"]).update(imposed_on=days_ago(5 * 366 + 1))
    output = tmp_path / "levering.zip"
    out = io.StringIO()
    call_command("sharing", "export", "--organisation", service.code, "--output", str(output), stdout=out)
    assert "inspections.csv: 1" in out.getvalue()
    with zipfile.ZipFile(output) as archive:
        assert sorted(archive.namelist()) == ["findings.csv", "inspections.csv", "manifest.json", "sanctions.csv"]
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["organisation"]["code"] == service.code
        assert manifest["period"]["from"] == days_ago(0).replace(year=days_ago(0).year - 5).isoformat()
        for entry in manifest["files"]:
            content = archive.read(entry["name"])
            assert hashlib.sha256(content).hexdigest() == entry["sha256"]
            rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
            assert rows[0] == entry["columns"] and len(rows) - 1 == entry["rows"]
        ids = {e["name"]: [int(r[0]) for r in list(csv.reader(io.StringIO(archive.read(e["name"]).decode())))[1:]]
               for e in manifest["files"]}  # fmt: skip
    assert ids == {
        "inspections.csv": records["inspections"],
        "findings.csv": records["findings"],
        "sanctions.csv": records["sanctions"],
    }


def test_unknown_organisation_is_one_dutch_line_and_no_file(tmp_path, db):
    output = tmp_path / "levering.zip"
    with pytest.raises(CommandError, match="^Organisatie met code 'XX9999' bestaat niet.$"):
        call_command("sharing", "export", "--organisation", "XX9999", "--output", str(output))
    assert not list(tmp_path.iterdir())


def test_missing_directory_is_refused(tmp_path, service):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("sharing", "export", "--organisation", service.code, "--output", str(tmp_path / "x" / "a.zip"))
