"""The demo of `openvth demo`, built once per test module, and a live server for each test that serves it.

pytest-django's `live_server` makes every test that uses it a transactional test, whose database is emptied after
each test: the demo (built in about ten seconds, more on a busy machine) would have to be built for every test. Here
the demo is built once, committed, outside any test; each test runs in `db` (its own transaction) with a live server
of its own: on SQLite's in-memory test database that server shares the test's connection, so what a test writes
through the browser is rolled back after it and the next test starts from the same demo (on PostgreSQL the server
commits; the tests touch different records). At the end of the module the database is emptied and the catalogue the
migrations seeded is put back, so that the tests after this module find the database as they would have found it.
"""

import io
import os
import threading

import pytest
from django.apps import apps
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings

from openvth.core import clock
from openvth.core.db import reset_sequences
from openvth.synthetic.demo import DEMO_PASSWORD
from openvth.synthetic.loader import load

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the suite's own (conftest `_fast_password_hashing`)


class Demo:
    """The built demo: `seconds` the build took."""

    def __init__(self, seconds: float):
        self.seconds = seconds


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo region, built and committed once for the module; afterwards the database as the migrations left it."""
    from django.db import connection

    with django_db_blocker.unblock():
        # only ever a test database: the tests of the module ask for `db`, so pytest-django made one
        assert connection.settings_dict["NAME"].startswith("test_") or connection.is_in_memory_db()
        # built and committed before any test's transaction: ask for this fixture before `db`
        assert not connection.in_atomic_block, "demo_site must be set up before db"
        seeded = connection.creation.serialize_db_to_string()  # the catalogue of the migrations
        started = clock.seconds()
        with override_settings(PASSWORD_HASHERS=FAST_HASHER):
            load("small", 1)  # the demo command generates only into an empty register: the small scale is enough
            call_command("demo", no_progress=True, stdout=io.StringIO())
        demo = Demo(clock.seconds() - started)
    try:
        yield demo
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(seeded)
            reset_sequences(apps.get_models())  # PostgreSQL: the next row after the restored ids, not id 1 again
            for cache in caches.all():  # e.g. the complaint form's rate limit counted the demo's complaints
                cache.clear()


@pytest.fixture
def demo_server(demo_site, db):
    """A live server of the test's own on the demo: made after `db`, so that on SQLite's in-memory database it shares
    the test's connection (and so its transaction: what the browser writes is rolled back after the test)."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    try:
        yield server
    finally:
        # the browser's last requests end first: a request thread that closes its connection after the server
        # stopped sharing it would fail ("DatabaseWrapper objects created in a thread ...")
        for thread in threading.enumerate():
            if "process_request_thread" in thread.name:
                thread.join(timeout=5)
        server.stop()


def as_another_user(write, *args):
    """What someone else stores meanwhile (another role's part of the work), visible to the live server: on SQLite's
    in-memory database the server shares the test's connection, elsewhere it sees only what is committed, so there
    the write runs in a thread of its own (its own connection, committed) and is gone only when the module's demo is."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return write(*args)
    outcome: dict = {}

    def run():
        from django.db import connection as own

        try:
            outcome["result"] = write(*args)
        except Exception as error:  # raised again in the test's own thread
            outcome["error"] = error
        finally:
            own.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def log_in(page, url: str, username: str) -> None:
    """Log in with the demo password; the home page with the user's work follows."""
    page.goto(f"{url}/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{url}/")
