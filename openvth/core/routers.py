"""Reads of the public site, reports and exports on a read replica, when there is one (DATABASE_REPLICA_URL).

The router cannot tell from a query who asked for it, so the code that may read a replica says so: a context
variable, set by `replica_reads()` (a context manager and a decorator). The public site sets it around each answer
it renders and, for a streamed one (the open-data files), around each chunk it sends (`replica_iterator`;
`openvth.core.cache.shared_cache`); the reports and exports are decorated with it: the Staat van de VTH
(`monitoring.selectors.staat_context`, page, PDF and job), the analysis export (`monitoring.export.export_parquet`)
and the national sharing export (`sharing.batch.write_batch_export`, command and job). Everything else reads and
writes the primary, `default`:
- every write, always;
- reads inside a transaction on `default` (a service reading what it just wrote, `select_for_update`);
- the cache table, sessions and the job queue, which must see the latest write (a generation just bumped, a
  session just made) and which the replica would show a moment late.
Without DATABASE_REPLICA_URL the settings install no router and the context is a no-op.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
# the app labels always read on the primary: Django's database cache, sessions, the task queue
PRIMARY_ONLY = frozenset({"django_cache", "sessions", "django_tasks_database"})

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)
T = TypeVar("T")


@contextmanager
def replica_reads(enabled: bool = True) -> Iterator[None]:
    """Within this block (in this thread or task), reads may go to the replica. `replica_reads(False)` keeps them on
    the primary, e.g. right after a change the replica may not have yet. Usable as a decorator too."""
    token = _replica_reads.set(enabled)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_iterator(items: Iterable[T], enabled: bool = True) -> Iterator[T]:
    """`items` with `replica_reads(enabled)` around each step: a streamed answer reads as it is sent, after its view
    (and any block around the view) has returned."""
    iterator = iter(items)
    while True:
        with replica_reads(enabled):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item


def reading_replica() -> bool:
    return _replica_reads.get()


class ReplicaRouter:
    """DATABASE_ROUTERS when DATABASE_REPLICA_URL is set: see the module docstring."""

    def db_for_read(self, model, **hints):
        if not _replica_reads.get() or REPLICA not in connections.settings:
            return None
        if model._meta.app_label in PRIMARY_ONLY or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return None if db == DEFAULT_DB_ALIAS else False  # migrations run on the primary and replicate
