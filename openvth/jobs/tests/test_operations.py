"""Operations (issue 17): `/health/` answers 200 when the database, cache, disk and queue are well and 503 when one
is not; every answer carries an X-Request-ID that is also in every log line, as JSON with LOG_FORMAT=json."""

import io
import json
import logging
import logging.config
from datetime import timedelta

import pytest
from django.conf import settings
from health_check.checks import Database
from health_check.exceptions import ServiceUnavailable

from openvth.core import clock as core_clock
from openvth.jobs import services
from openvth.jobs.health import Disk, QueueAge


def test_health_is_200_when_all_is_well(client, db):
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    checks = response.json()
    assert set(checks.values()) == {"OK"}
    assert {name.split("(")[0] for name in checks} == {"Database", "Cache", "Disk", "QueueAge"}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_database_check_fails(client, db, monkeypatch):
    def unavailable(self):
        raise ServiceUnavailable("verbinding geweigerd")

    monkeypatch.setattr(Database, "run", unavailable)
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert "Unavailable: verbinding geweigerd" in response.json().values()


def test_the_queue_is_unhealthy_once_its_oldest_task_waited_too_long(owner, clock, night):
    QueueAge().run()  # nothing waits
    services.start("staat_pdf", user=owner)
    QueueAge().run()  # it just came in
    night.move_to(core_clock.now() + timedelta(minutes=16))
    with pytest.raises(ServiceUnavailable, match="wacht al 16 minuten"):
        QueueAge().run()


def test_the_disk_check_wants_room_left(settings):
    Disk(min_free_mb=1).run()
    with pytest.raises(ServiceUnavailable, match="MB vrij"):
        Disk(min_free_mb=10**12).run()


def test_every_answer_has_a_request_id_and_a_proxys_plain_id_is_kept(client, db):
    first, second = client.get("/login/"), client.get("/login/")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    assert client.get("/login/", HTTP_X_REQUEST_ID="lb-0123456789abcdef")["X-Request-ID"] == "lb-0123456789abcdef"
    forged = client.get("/login/", HTTP_X_REQUEST_ID="x\nINFO fake log line")
    assert "\n" not in forged["X-Request-ID"] and len(forged["X-Request-ID"]) == 32


@pytest.fixture
def json_log():
    """The console handler of the settings with LOG_FORMAT=json, writing to a buffer."""
    configurator = logging.config.DictConfigurator(settings.LOGGING)
    handler = logging.StreamHandler(buffer := io.StringIO())
    handler.setFormatter(configurator.configure_formatter(dict(settings.LOGGING["formatters"]["json"])))
    handler.addFilter(configurator.configure_filter(dict(settings.LOGGING["filters"]["request_id"])))
    logger = logging.getLogger("openvth.request")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield buffer
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_a_request_is_one_json_log_line_with_its_request_id(client, db, json_log):
    response = client.get("/login/")
    line = json.loads(json_log.getvalue().splitlines()[-1])
    assert line["request_id"] == response["X-Request-ID"]
    assert line["message"] == "GET /login/ 200" and line["status"] == 200
    assert {"time", "level", "logger", "duration_ms"} <= set(line)
