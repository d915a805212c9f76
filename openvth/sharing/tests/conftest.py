"""The source (the `service` fixture, which owns the establishment and its records) and a partner reader."""

import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory

from .factories import records_of


@pytest.fixture
def records(establishment) -> dict:
    return records_of(establishment)


@pytest.fixture
def manager(service):
    return UserFactory(username="manager", organisation=service, role=Role.MANAGER)


@pytest.fixture
def partner(other_service):
    """A chain partner's inspector: the `outsider` of the three-user pattern, reading the chain dossier."""
    return UserFactory(username="ketenpartner", organisation=other_service, role=Role.CHAIN_PARTNER)
