"""The batch export for national systems: one organisation's inspections, findings and sanctions of the last
years as CSV files in a zip with a manifest (organisation, generated_at, period, per file rows, sha256, columns).

Rows stream from the database in chunks straight into the zip: memory stays constant whatever the volume. The zip
is written next to its destination and renamed into place, so a failed run leaves no half-written file.
"""

import csv
import hashlib
import io
import json
import os
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from django.db.models import Q

from openvth.core import clock
from openvth.core.routers import replica_reads
from openvth.enforcement.models import Sanction
from openvth.register.models import Organisation
from openvth.rules.terms import add_months
from openvth.supervision.models import Finding, Inspection

CHUNK = 2000

INSPECTION_COLUMNS = {
    "id": "id",
    "establishment_id": "establishment_id",
    "kvk_vestigingsnummer": "establishment__kvk_vestigingsnummer",
    "establishment_name": "establishment__name",
    "kind": "kind",
    "status": "status",
    "announced": "announced",
    "planned_on": "planned_on",
    "performed_on": "performed_on",
}
FINDING_COLUMNS = {
    "id": "id",
    "inspection_id": "inspection_id",
    "establishment_id": "inspection__establishment_id",
    "performed_on": "inspection__performed_on",
    "provision_number": "provision_number",
    "general_rule": "general_rule",
    "consequences": "consequences",
    "brzo_grade": "brzo_grade",
    "description": "description",
}
SANCTION_COLUMNS = {
    "id": "id",
    "case_reference": "case__reference",
    "establishment_id": "case__establishment_id",
    "kind": "kind",
    "imposed_on": "imposed_on",
    "term_end": "term_end",
    "amount": "amount",
    "basis": "basis",
    "maximum": "maximum",
    "forfeited_on": "forfeited_on",
    "forfeited_amount": "forfeited_amount",
}


class _Digest(io.RawIOBase):
    """A write-through stream that counts the sha256 of what passes."""

    def __init__(self, target):
        self.target, self.sha256 = target, hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.sha256.update(data)
        return self.target.write(data)


def _since_q(prefix: str, since: date) -> Q:
    return Q(**{f"{prefix}performed_on__gte": since}) | Q(
        **{f"{prefix}performed_on__isnull": True, f"{prefix}planned_on__gte": since}
    )


def _tables(organisation: Organisation, since: date):
    inspections = Inspection.objects.filter(_since_q("", since), owner=organisation).order_by("id")
    findings = Finding.objects.filter(_since_q("inspection__", since), inspection__owner=organisation).order_by("id")
    sanctions = Sanction.objects.filter(case__owner=organisation, imposed_on__gte=since).order_by("id")
    return [
        ("inspections.csv", inspections, INSPECTION_COLUMNS),
        ("findings.csv", findings, FINDING_COLUMNS),
        ("sanctions.csv", sanctions, SANCTION_COLUMNS),
    ]


def _write_csv(archive: zipfile.ZipFile, name: str, queryset, columns: dict[str, str]) -> dict:
    with archive.open(name, "w") as raw:
        digest = _Digest(raw)
        text = io.TextIOWrapper(io.BufferedWriter(digest, buffer_size=1 << 16), encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(columns)
        rows = 0
        for row in queryset.values_list(*columns.values()).iterator(chunk_size=CHUNK):
            writer.writerow("" if value is None else value for value in row)
            rows += 1
        text.flush()
        text.detach().detach()
    return {"name": name, "rows": rows, "sha256": digest.sha256.hexdigest(), "columns": list(columns)}


@replica_reads()
def write_batch_export(organisation: Organisation, output: Path, *, years: int = 5, today: date | None = None) -> dict:
    """Write the zip to `output` and return its manifest."""
    today = today or clock.today()
    since = add_months(today, -12 * years)
    output = Path(output)
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=".export-", suffix=".zip")
    try:
        with os.fdopen(handle, "wb") as target, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            files = [_write_csv(archive, *table) for table in _tables(organisation, since)]
            manifest = {
                "organisation": {"code": organisation.code, "name": organisation.name},
                "generated_at": clock.now().isoformat(timespec="seconds"),
                "period": {"from": since.isoformat(), "to": today.isoformat()},
                "files": files,
            }
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return manifest
