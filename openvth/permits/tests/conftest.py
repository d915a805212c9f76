"""Fixtures of the permits: the service's permit officer holds every permit mandate of the establishment's authority
(the tests of the mandate itself, test_mandates.py, use officers of their own)."""

import pytest

from openvth.permits.tests.factories import permit_mandates


@pytest.fixture
def owner(owner, establishment):
    permit_mandates(owner, establishment.competent_authority)
    return owner
