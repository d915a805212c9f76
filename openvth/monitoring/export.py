"""The analysis export: every table of the VTH chain as one Parquet file each, streamed in batches.

Columns are the model's own (foreign keys as their id); texts that may hold unredacted personal data stay out
(EXCLUDED). Read the files with DuckDB, e.g. `SELECT * FROM 'DIR/supervision_inspection.parquet'`.
"""

import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.apps import apps
from django.db import models

from openvth.core.routers import replica_reads

BATCH = 50_000
MODELS = (
    "register.Organisation", "register.Company", "register.Establishment", "register.Activity",
    "register.ActivityType", "permits.Application", "permits.Decision", "supervision.Programme",
    "supervision.PlannedVisit", "supervision.Inspection", "supervision.Finding", "supervision.RiskAppraisal",
    "enforcement.EnforcementCase", "enforcement.Deadline", "enforcement.Sanction", "disclosure.Publication",
    "monitoring.QualityScore", "monitoring.KpiValue",
)  # fmt: skip
# the unredacted source of a Woo publication, the free texts of an inspection and a finding, and who applied (a
# natural person's name, KvK number and contact details; only whether it is a natural person stays)
EXCLUDED = {
    "disclosure.Publication": {"source_text"},
    "supervision.Inspection": {"summary"},
    "supervision.Finding": {"description"},
    "permits.Application": {"applicant_name", "applicant_kvk_number", "applicant_email", "applicant_phone"},
}

_TYPES: dict[str, pa.DataType] = {
    "AutoField": pa.int64(), "BigAutoField": pa.int64(), "IntegerField": pa.int64(), "BigIntegerField": pa.int64(),
    "PositiveIntegerField": pa.int64(), "PositiveSmallIntegerField": pa.int32(), "SmallIntegerField": pa.int32(),
    "BooleanField": pa.bool_(), "FloatField": pa.float64(), "DecimalField": pa.float64(), "DateField": pa.date32(),
    "DateTimeField": pa.timestamp("us", tz="UTC"),
}  # fmt: skip


def _columns(model: type[models.Model]) -> list[tuple[str, pa.DataType]]:
    skip = EXCLUDED.get(model._meta.label, set())
    columns = []
    for field in model._meta.concrete_fields:
        if field.name in skip:
            continue
        target = field.target_field if field.is_relation else field
        kind = target.get_internal_type()
        data_type = pa.string() if kind == "JSONField" else _TYPES.get(kind, pa.string())
        columns.append((field.attname, data_type))
    return columns


def _batches(model, names: list[str], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    rows = model._default_manager.order_by("pk").values_list(*names).iterator(chunk_size=BATCH)
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == BATCH:
            yield _batch(chunk, schema)
            chunk = []
    if chunk:
        yield _batch(chunk, schema)


def _text(value) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value) if isinstance(value, dict | list) else str(value)


def _batch(rows: list[tuple], schema: pa.Schema) -> pa.RecordBatch:
    columns = list(zip(*rows, strict=True))
    arrays = []
    for values, field in zip(columns, schema, strict=True):
        if field.type == pa.string():
            values = [_text(v) for v in values]
        elif field.type == pa.float64():
            values = [None if v is None else float(v) for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


@replica_reads()
def export_parquet(directory: Path) -> dict[str, int]:
    """Write every table of MODELS to `directory/<table>.parquet`; returns the rows per table."""
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for label in MODELS:
        model = apps.get_model(label)
        columns = _columns(model)
        schema = pa.schema(columns)
        table = model._meta.db_table
        rows = 0
        with pq.ParquetWriter(directory / f"{table}.parquet", schema) as writer:
            writer.write_table(schema.empty_table())  # a table without rows still has its columns
            for batch in _batches(model, [name for name, _ in columns], schema):
                writer.write_batch(batch)
                rows += batch.num_rows
        written[table] = rows
    return written
