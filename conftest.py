"""Fixtures for the whole suite: the three-user access pattern (owner, team member, outsider)."""

import pytest
from hypothesis import settings as hypothesis_settings

from openvth.accounts.models import Role
from openvth.testing.factories import EstablishmentFactory, ServiceFactory, UserFactory

# speed is measured in benchmarks, never in tests: no per-example deadline
hypothesis_settings.register_profile("openvth", deadline=None)
hypothesis_settings.load_profile("openvth")


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
