"""The connections' session settings (issue 19): on PostgreSQL a request's query gets no parallel workers, unless
DATABASE_PARALLEL_WORKERS says otherwise; the replica keeps the server's setting. The settings are computed at import,
so each case reads them in a fresh interpreter with its own environment (no database is reached)."""

import json
import os
import subprocess
import sys

PROBE = """
import json
from django.conf import settings
print(json.dumps({alias: db.get("OPTIONS", {}) for alias, db in settings.DATABASES.items()}))
"""
PRIMARY, REPLICA = "postgres://openvth@db.internal:5432/openvth", "postgres://openvth@replica.internal:5432/openvth"


def options(**variables) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    env |= {"DJANGO_SETTINGS_MODULE": "openvth.settings", "DEBUG": "true"} | variables
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_postgresql_requests_run_without_parallel_workers_and_the_replica_keeps_its_own():
    found = options(DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL=REPLICA)
    assert found["default"]["options"] == "-c max_parallel_workers_per_gather=0"
    assert "options" not in found["replica"]


def test_the_number_of_parallel_workers_can_be_set():
    assert options(DATABASE_URL=PRIMARY, DATABASE_PARALLEL_WORKERS="2")["default"]["options"] == (
        "-c max_parallel_workers_per_gather=2"
    )


def test_sqlite_gets_no_postgresql_options():
    assert "options" not in options()["default"]
