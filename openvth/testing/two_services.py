"""Fixtures of two omgevingsdiensten ("own" and "other"), the ministry and their people, for the tests of the apps
that compare services (capacity, costs, analysis): `from openvth.testing.two_services import *` in a conftest."""

import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.register.models import Organisation
from openvth.register.tests.factories import OrganisationFactory, ServiceFactory

__all__ = ["inspector", "manager", "ministry", "office", "other", "other_manager", "own"]


@pytest.fixture
def own(db):
    return ServiceFactory(name="Omgevingsdienst Eigen", code="OD-EIGEN")


@pytest.fixture
def other(db):
    return ServiceFactory(name="Omgevingsdienst Ander", code="OD-ANDER")


@pytest.fixture
def ministry(db):
    return OrganisationFactory(name="Ministerie van IenW", kind=Organisation.Kind.MINISTRY, code="IENW-T")


@pytest.fixture
def manager(own):
    return UserFactory(organisation=own, role=Role.MANAGER, username="manager-eigen")


@pytest.fixture
def inspector(own):
    return UserFactory(organisation=own, role=Role.INSPECTOR, username="inspecteur-eigen")


@pytest.fixture
def other_manager(other):
    return UserFactory(organisation=other, role=Role.MANAGER)


@pytest.fixture
def office(ministry):
    return UserFactory(organisation=ministry, role=Role.PROGRAMME_OFFICE)
