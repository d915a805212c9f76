import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.register.tests.factories import OrganisationFactory, ServiceFactory, TaskCategoryFactory


@pytest.fixture
def service(db):
    return ServiceFactory(name="Omgevingsdienst Beheerstad")


@pytest.fixture
def municipality(service):
    return OrganisationFactory(name="Gemeente Beheerdorp", omgevingsdienst=service)


@pytest.fixture
def admin(service):
    return UserFactory(
        username="beheerder", first_name="Bea", last_name="Heer", organisation=service, role=Role.ADMINISTRATOR
    )


@pytest.fixture
def colleague(service):
    return UserFactory(
        username="jurist", first_name="Jan", last_name="Jurist", organisation=service, role=Role.ENFORCEMENT_LAWYER
    )


@pytest.fixture
def other_service(db):
    return ServiceFactory(name="Omgevingsdienst Elders")


@pytest.fixture
def other_municipality(other_service):
    return OrganisationFactory(name="Gemeente Elders", omgevingsdienst=other_service)


@pytest.fixture
def other_admin(other_service):
    return UserFactory(username="beheerder-elders", organisation=other_service, role=Role.ADMINISTRATOR)


@pytest.fixture
def stranger(other_service):
    return UserFactory(username="vreemde", first_name="Vera", last_name="Vreemd", organisation=other_service)


@pytest.fixture
def national(db):
    return UserFactory(username="landelijk", organisation=None, role="", is_superuser=True, is_staff=True)


@pytest.fixture
def category(db):
    return TaskCategoryFactory(code="BT-ADM", name="Bodemtaken")


@pytest.fixture
def as_admin(client, admin):
    client.force_login(admin)
    return client
