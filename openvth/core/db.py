"""Bulk SQL for the services and the data generator: one insert path (PostgreSQL COPY, SQLite executemany),
sequences after explicit ids, fresh statistics after a load."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.core.management.color import no_style
from django.db import connection


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            rows = [tuple(_sqlite_value(v) for v in row) for row in rows]
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({placeholders})", rows
            )


def _sqlite_value(value):
    """sqlite3's default date adapters are deprecated: store the text Django itself writes."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def reset_sequences(models) -> None:
    """After inserting explicit ids PostgreSQL's sequences must continue after them (SQLite needs nothing)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def analyze(models) -> None:
    """Fresh statistics after a bulk load: without them PostgreSQL plans the next queries for empty tables
    (seen as sequential scans per imported permit document in bench/permits_bench.py)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def max_id(model) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
