import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.register.models import Organisation
from openvth.register.tests.factories import OrganisationFactory, ProvinceFactory, ServiceFactory


@pytest.fixture
def own(db):
    return ServiceFactory(name="Omgevingsdienst Eigen", code="OD-EIGEN")


@pytest.fixture
def other(db):
    return ServiceFactory(name="Omgevingsdienst Ander", code="OD-ANDER")


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
def official(town):
    return UserFactory(organisation=town, role=Role.AUTHORITY_OFFICIAL)


@pytest.fixture
def office(ministry):
    return UserFactory(organisation=ministry, role=Role.PROGRAMME_OFFICE)
