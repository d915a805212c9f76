"""One bulk-insert path for generated rows: PostgreSQL COPY, SQLite executemany."""

import hashlib
import queue
import threading
from collections.abc import Iterable, Iterator, Sequence
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


class RowDigest:
    """A digest of rows in primary-key order, equal for generated rows and the same rows read back."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def update(self, table: str, rows: Iterable[tuple]) -> None:
        for row in rows:
            self._hash.update(f"{table}{row!r}\n".encode())

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def prefetched(items: Iterator, depth: int = 2) -> Iterator:
    """Produce the next items in a thread while the caller waits for the database (that wait releases the GIL),
    so generating and loading overlap on two cores. Order and content are those of `items`."""
    channel: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        channel.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            channel.put(done)
        except BaseException as exc:  # handed to the consumer, raised there
            channel.put(exc)

    thread = threading.Thread(target=produce, name="synthetic-generator", daemon=True)
    thread.start()
    try:
        while (item := channel.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()
