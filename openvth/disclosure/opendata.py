"""Open data: every published publication as CSV, JSON or Parquet, with the public fields of `public.py` only, and
every version of every provision of the released permits (`PROVISION_FIELDS`) in the same three forms.

CSV and JSON are streamed row by row; Parquet keeps its footer at the end, so it is written in record batches
to a spooled temporary file first and then sent.
"""

import csv
import datetime
import json
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice

import pyarrow as pa
import pyarrow.parquet as pq
from django.core.serializers.json import DjangoJSONEncoder

from . import public

FIELDS = public.PUBLICATION_FIELDS
PROVISION_FIELDS = public.PROVISION_FIELDS
_ARROW_TYPES = {
    "integer": pa.int64(),
    "string": pa.string(),
    "date": pa.date32(),
    "datetime": pa.timestamp("us", tz="UTC"),
    "boolean": pa.bool_(),
}
BATCH_ROWS = 5000


def _schema(fields) -> pa.Schema:
    return pa.schema([pa.field(f.name, _ARROW_TYPES[f.type], nullable=f.nullable) for f in fields])


SCHEMA = _schema(FIELDS)


def field_dictionary(fields=FIELDS) -> list[dict]:
    return [{"name": f.name, "type": f.type, "nullable": f.nullable, "description": f.description} for f in fields]


class _Echo:
    """A file that hands back what is written to it, so csv.writer yields lines for a streaming response."""

    def write(self, value: str) -> str:
        return value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def csv_lines(records: Iterable[dict], fields=FIELDS) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([f.name for f in fields])
    for record in records:
        yield writer.writerow([_csv_value(record[f.name]) for f in fields])


def json_chunks(records: Iterable[dict], fields=FIELDS) -> Iterator[str]:
    """A JSON array of the records, one record a line, never the whole list in memory."""
    yield "["
    separator = "\n"
    for record in records:
        yield separator + json.dumps({f.name: record[f.name] for f in fields}, cls=DjangoJSONEncoder)
        separator = ",\n"
    yield "\n]\n"


def write_parquet(records: Iterable[dict], target, fields=FIELDS) -> None:
    schema = _schema(fields)
    with pq.ParquetWriter(target, schema, compression="zstd") as writer:
        records = iter(records)
        while rows := list(islice(records, BATCH_ROWS)):
            columns = {f.name: [row[f.name] for row in rows] for f in fields}
            writer.write_batch(pa.RecordBatch.from_pydict(columns, schema=schema))
    # no rows still gives a valid file with the schema: ParquetWriter writes it on close


def parquet_file(records: Iterable[dict], fields=FIELDS):
    """The Parquet file in a spooled temporary file, positioned at its start."""
    spooled = tempfile.SpooledTemporaryFile(max_size=32 << 20)  # noqa: SIM115  (the response closes it)
    write_parquet(records, spooled, fields)
    spooled.seek(0)
    return spooled
