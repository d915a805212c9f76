import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.register.models import Organisation
from openvth.register.tests.factories import OrganisationFactory, ServiceFactory


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
    return UserFactory(organisation=own, role=Role.MANAGER)


@pytest.fixture
def inspector(own):
    return UserFactory(organisation=own, role=Role.INSPECTOR)


@pytest.fixture
def other_manager(other):
    return UserFactory(organisation=other, role=Role.MANAGER)


@pytest.fixture
def office(ministry):
    return UserFactory(organisation=ministry, role=Role.PROGRAMME_OFFICE)
