from datetime import datetime, time

import pytest
from django_tasks_db.management.commands import db_worker

from openvth.core import clock as core_clock
from openvth.testing.clock import AMSTERDAM


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_transaction(monkeypatch, settings, tmp_path):
    """The worker closes stale connections between tasks: inside a test's transaction that would end it. Result
    files and exports go to a folder of the test's own."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SHARING_EXPORT_DIR = tmp_path / "levering"


@pytest.fixture
def night(clock):
    """Half past midnight of the test day: before the first daily job's hour, so a worker runs only what a test
    enqueued."""
    clock.move_to(datetime.combine(core_clock.today(), time(0, 30), tzinfo=AMSTERDAM))
    return clock
