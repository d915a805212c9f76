"""The batch export for national systems: one organisation's inspections, findings and sanctions of the last
years as CSV files in a zip with a manifest (organisation, generated_at, period, per file rows, sha256, columns).

Rows stream from the database in chunks straight into the zip: memory stays constant whatever the volume. The zip
is written next to its destination and renamed into place, so a failed run leaves no half-written file.

`write_batch_exports` writes the zips of many organisations in one read of each table (its rows ordered by
organisation, then id), so the national export reads each table once, not once per organisation.
"""

import csv
import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from datetime import date
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from django.db import connections, router
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


def _tables(owners: list[int], since: date):
    """Per file: its name, the rows of the organisations `owners` ordered by organisation and id, the field of the
    organisation and the columns."""
    inspections = Inspection.objects.filter(_since_q("", since), owner_id__in=owners).order_by("owner_id", "id")
    findings = Finding.objects.filter(_since_q("inspection__", since), inspection__owner_id__in=owners).order_by(
        "inspection__owner_id", "id"
    )
    sanctions = Sanction.objects.filter(case__owner_id__in=owners, imposed_on__gte=since)
    sanctions = sanctions.order_by("case__owner_id", "id")
    return [
        ("inspections.csv", inspections, "owner_id", INSPECTION_COLUMNS),
        ("findings.csv", findings, "inspection__owner_id", FINDING_COLUMNS),
        ("sanctions.csv", sanctions, "case__owner_id", SANCTION_COLUMNS),
    ]


def _write_csv(archive: zipfile.ZipFile, name: str, rows: Iterable[tuple], columns: dict[str, str]) -> dict:
    with archive.open(name, "w") as raw:
        digest = _Digest(raw)
        text = io.TextIOWrapper(io.BufferedWriter(digest, buffer_size=1 << 16), encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(columns)
        count = 0
        for row in rows:
            writer.writerow("" if value is None else value for value in row)
            count += 1
        text.flush()
        text.detach().detach()
    return {"name": name, "rows": count, "sha256": digest.sha256.hexdigest(), "columns": list(columns)}


def _write_table(archives: dict[int, zipfile.ZipFile], name: str, queryset, owner: str, columns: dict) -> dict:
    """One read of the table for all organisations of `archives`: each one's file is written while its rows pass
    (they come organisation by organisation); an organisation without rows gets the header only."""
    entries = {}
    rows = queryset.values_list(owner, *columns.values()).iterator(chunk_size=CHUNK)
    for owner_id, group in groupby(rows, key=itemgetter(0)):
        entries[owner_id] = _write_csv(archives[owner_id], name, (row[1:] for row in group), columns)
    for owner_id, archive in archives.items():
        if owner_id not in entries:
            entries[owner_id] = _write_csv(archive, name, (), columns)
    return entries


@contextmanager
def _planned_for_all_rows(alias: str):
    """PostgreSQL plans a cursor for its first tenth of rows (cursor_tuple_fraction 0.1). For these reads that walks
    the primary key of a whole national table, joining every row, to pass an organisation's rows in id order: the
    time of each organisation's export grew with the country. Planned for all rows, a read scans the organisations'
    rows once and sorts them."""
    postgresql = connections[alias].vendor == "postgresql"
    if postgresql:
        with connections[alias].cursor() as cursor:
            cursor.execute("SET cursor_tuple_fraction = 1")
    try:
        yield
    finally:
        if postgresql:
            with connections[alias].cursor() as cursor:
                cursor.execute("RESET cursor_tuple_fraction")


@replica_reads()
def write_batch_exports(
    outputs: Mapping[Organisation, Path], *, years: int = 5, today: date | None = None
) -> dict[int, dict]:
    """Write each organisation's zip to its path in `outputs`, reading each table once for all of them; return
    the manifests by organisation id."""
    today = today or clock.today()
    since = add_months(today, -12 * years)
    targets = {organisation.pk: (organisation, Path(output)) for organisation, output in outputs.items()}
    temporaries: dict[int, str] = {}
    streams, archives = {}, {}
    try:
        for pk, (_organisation, output) in targets.items():
            handle, temporaries[pk] = tempfile.mkstemp(dir=output.parent, prefix=".export-", suffix=".zip")
            streams[pk] = os.fdopen(handle, "wb")
            archives[pk] = zipfile.ZipFile(streams[pk], "w", zipfile.ZIP_DEFLATED)
        files: dict[int, list[dict]] = {pk: [] for pk in targets}
        with _planned_for_all_rows(router.db_for_read(Inspection)):
            for table in _tables(list(targets), since):
                for pk, entry in _write_table(archives, *table).items():
                    files[pk].append(entry)
        manifests = {}
        for pk, (organisation, _output) in targets.items():
            manifests[pk] = {
                "organisation": {"code": organisation.code, "name": organisation.name},
                "generated_at": clock.now().isoformat(timespec="seconds"),
                "period": {"from": since.isoformat(), "to": today.isoformat()},
                "files": files[pk],
            }
            archives[pk].writestr("manifest.json", json.dumps(manifests[pk], ensure_ascii=False, indent=2))
            archives.pop(pk).close()
            streams.pop(pk).close()
        for pk, (_organisation, output) in targets.items():
            os.replace(temporaries.pop(pk), output)
    except BaseException:
        for open_file in [*archives.values(), *streams.values()]:
            open_file.close()
        for temporary in temporaries.values():
            Path(temporary).unlink(missing_ok=True)
        raise
    return manifests


def write_batch_export(organisation: Organisation, output: Path, *, years: int = 5, today: date | None = None) -> dict:
    """Write the zip to `output` and return its manifest."""
    return write_batch_exports({organisation: output}, years=years, today=today)[organisation.pk]
