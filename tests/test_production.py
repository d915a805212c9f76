"""Production as the README describes it: safe defaults, `check --deploy` clean, `make serve` answering."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from openvth.core import clock

ROOT = Path(__file__).resolve().parent.parent
# the production variables of the README's "Production" section
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "vth.example.nl,127.0.0.1",
    "CSRF_TRUSTED_ORIGINS": "https://vth.example.nl",
    "SECURE_COOKIES": "true",
    "OPENVTH_MANIFEST_STATIC": "true",
}


def bare_environment(**variables) -> dict[str, str]:
    """The machine's environment without any openvth setting, plus `variables`."""
    names = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL", "SECURE_COOKIES", "OPENVTH_MANIFEST_STATIC"}
    names |= {"DJANGO_ALLOW_ASYNC_UNSAFE"}  # set in the test process for Playwright, never in deployment
    return {k: v for k, v in os.environ.items() if k not in names} | variables


def openvth(*args, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "openvth", *args],
        env=bare_environment(**variables),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": "openvth-insecure-development-key-change-me", "ALLOWED_HOSTS": "vth.nl"}, "SECRET_KEY"),
        ({"SECRET_KEY": PRODUCTION["SECRET_KEY"]}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": PRODUCTION["SECRET_KEY"], "ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS"),
    ],
)
def test_without_debug_it_refuses_to_start_with_one_line_naming_the_variable(variables, named):
    result = openvth("check", **variables)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("openvth: Set " + named), result.stderr


def test_development_mode_starts_with_the_built_in_key():
    result = openvth("check", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_importing_the_settings_creates_no_folder(tmp_path):
    var = tmp_path / "var"
    done = subprocess.run(
        [sys.executable, "-c", "import openvth.settings"],
        env=bare_environment(DEBUG="true", OPENVTH_VAR_DIR=str(var)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not var.exists()


def test_check_deploy_is_clean_with_the_production_variables():
    result = openvth("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    # behind the TLS proxy the README describes: it sets X-Forwarded-Proto
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", "Host": "vth.example.nl"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def serve_database(django_db_blocker, tmp_path):
    """A database of its own for `make serve`: a fresh PostgreSQL database when the suite runs on PostgreSQL."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'serve.sqlite3'}"
        return
    name = f"openvth_serve_{os.getpid()}"
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield f"{url}/{name}"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_make_serve_runs_gunicorn_with_the_production_settings(serve_database, tmp_path):
    port = free_port()
    server = subprocess.Popen(
        # in the virtual environment this suite runs in, installed already: no install step
        ["make", "-s", "-o", "install", "serve", f"VENV={sys.prefix}", f"BIND=127.0.0.1:{port}", "WORKERS=2"],
        cwd=ROOT,
        env=bare_environment(**PRODUCTION, DATABASE_URL=serve_database, OPENVTH_VAR_DIR=str(tmp_path / "var")),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = clock.seconds() + 240
        while True:
            try:
                status, body = fetch(f"http://127.0.0.1:{port}/login/")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert clock.seconds() < deadline, "make serve did not answer within 4 minutes"
                time.sleep(0.5)
        assert status == 200 and 'name="password"' in body
        status, body = fetch(f"http://127.0.0.1:{port}/openbaar/")
        assert status == 200 and "<html" in body
        stylesheet = next(line for line in body.splitlines() if "stylesheet" in line)
        assert "/static/" in stylesheet and "." in stylesheet.split("/static/")[1]  # hashed by the manifest
        status, _ = fetch(f"http://127.0.0.1:{port}/api/v1/establishments")
        assert status == 401
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
