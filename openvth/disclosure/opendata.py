"""Open data: every published publication as CSV, JSON or Parquet, with the public fields of `public.py` only.

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
_ARROW_TYPES = {
    "integer": pa.int64(),
    "string": pa.string(),
    "date": pa.date32(),
    "datetime": pa.timestamp("us", tz="UTC"),
    "boolean": pa.bool_(),
}
SCHEMA = pa.schema([pa.field(f.name, _ARROW_TYPES[f.type], nullable=f.nullable) for f in FIELDS])
BATCH_ROWS = 5000


def field_dictionary() -> list[dict]:
    return [{"name": f.name, "type": f.type, "nullable": f.nullable, "description": f.description} for f in FIELDS]


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


def csv_lines(records: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([f.name for f in FIELDS])
    for record in records:
        yield writer.writerow([_csv_value(record[f.name]) for f in FIELDS])


def json_chunks(records: Iterable[dict]) -> Iterator[str]:
    """A JSON array of the records, one record a line, never the whole list in memory."""
    yield "["
    separator = "\n"
    for record in records:
        yield separator + json.dumps({f.name: record[f.name] for f in FIELDS}, cls=DjangoJSONEncoder)
        separator = ",\n"
    yield "\n]\n"


def write_parquet(records: Iterable[dict], target) -> None:
    with pq.ParquetWriter(target, SCHEMA, compression="zstd") as writer:
        records = iter(records)
        while rows := list(islice(records, BATCH_ROWS)):
            columns = {f.name: [row[f.name] for row in rows] for f in FIELDS}
            writer.write_batch(pa.RecordBatch.from_pydict(columns, schema=SCHEMA))
    # no rows still gives a valid file with the schema: ParquetWriter writes it on close


def parquet_file(records: Iterable[dict]):
    """The Parquet file in a spooled temporary file, positioned at its start."""
    spooled = tempfile.SpooledTemporaryFile(max_size=32 << 20)  # noqa: SIM115  (the response closes it)
    write_parquet(records, spooled)
    spooled.seek(0)
    return spooled
