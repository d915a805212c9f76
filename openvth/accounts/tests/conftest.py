import pytest
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory

PASSWORD = "geheim-wachtwoord-1"


@pytest.fixture
def administrator(service):
    return UserFactory(username="beheerder", organisation=service, role=Role.ADMINISTRATOR)


@pytest.fixture
def other_administrator(other_service):
    return UserFactory(username="beheerder-elders", organisation=other_service, role=Role.ADMINISTRATOR)


def sign_in(client, username: str, password: str = PASSWORD, address: str = "127.0.0.1", path: str = ""):
    """The login form as a browser posts it (the test client's login() skips the lock-out and the second factor)."""
    return client.post(path or reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)
