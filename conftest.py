"""Fixtures for the whole suite: the set clock, the three-user access pattern (owner, team member, outsider)."""

import os
from datetime import date

import pytest
import time_machine
from hypothesis import settings as hypothesis_settings

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.register.tests.factories import EstablishmentFactory, ServiceFactory
from openvth.testing.clock import DEFAULT_DAY, TRIAL_DAYS, moment

# speed is measured in benchmarks, never in tests: no per-example deadline
hypothesis_settings.register_profile("openvth", deadline=None)
hypothesis_settings.load_profile("openvth")


def pytest_addoption(parser):
    parser.addoption(
        "--every-clock-day",
        action="store_true",
        help="run the tests marked date_sensitive once on each trial day (openvth.testing.clock.TRIAL_DAYS)",
    )


def _test_day() -> date:
    day = os.environ.get("OPENVTH_TEST_DAY")
    return date.fromisoformat(day) if day else DEFAULT_DAY


def pytest_configure(config):
    # the set day already while test modules are imported (dates in parametrize lists) and session fixtures run
    config.openvth_clock = time_machine.travel(moment(_test_day()), tick=True)
    config.openvth_clock.start()


def pytest_unconfigure(config):
    config.openvth_clock.stop()


def pytest_generate_tests(metafunc):
    if metafunc.config.getoption("--every-clock-day") and metafunc.definition.get_closest_marker("date_sensitive"):
        metafunc.parametrize("clock_day", TRIAL_DAYS, ids=[f"{d:%Y-%m-%d-%a}" for d in TRIAL_DAYS])


@pytest.fixture
def clock_day():
    """The day the test runs on: DEFAULT_DAY, or OPENVTH_TEST_DAY (JJJJ-MM-DD) to run the suite on another day;
    `--every-clock-day` parametrizes it for date-sensitive tests."""
    return _test_day()


@pytest.fixture(autouse=True)
def clock(clock_day):
    """The one clock, set: `clock.move_to(...)` moves it within a test."""
    with time_machine.travel(moment(clock_day), tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def service(db):
    return ServiceFactory(name="Omgevingsdienst Eigen Regio")


@pytest.fixture
def other_service(db):
    return ServiceFactory(name="Omgevingsdienst Andere Regio")


@pytest.fixture
def owner(service):
    return UserFactory(username="eigenaar", organisation=service, role=Role.PERMIT_OFFICER)


@pytest.fixture
def member(service):
    return UserFactory(username="collega", organisation=service, role=Role.INSPECTOR)


@pytest.fixture
def outsider(other_service):
    return UserFactory(username="buitenstaander", organisation=other_service, role=Role.INSPECTOR)


@pytest.fixture
def establishment(service):
    return EstablishmentFactory(owner=service, name="Chemie Delfzijl B.V.")


@pytest.fixture
def foreign_establishment(other_service):
    return EstablishmentFactory(owner=other_service, name="Chemie Elders B.V.")
