import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.register.tests.factories import OrganisationFactory, ProvinceFactory
from openvth.testing.two_services import *  # noqa: F403 (the fixtures)


@pytest.fixture
def province(db):
    return ProvinceFactory(name="Provincie Eigen", code="PV-EIGEN")


@pytest.fixture
def town(own, province):
    return OrganisationFactory(name="Gemeente Eigenstad", code="GM-EIGEN", omgevingsdienst=own, province=province)


@pytest.fixture
def elsewhere(other):
    return OrganisationFactory(name="Gemeente Elders", code="GM-ELDERS", omgevingsdienst=other)


@pytest.fixture
def official(town):
    return UserFactory(organisation=town, role=Role.AUTHORITY_OFFICIAL)
