import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.intake.models import IntakeRequest
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory
from openvth.synthetic.demo import ensure_demo_intake


@pytest.mark.django_db
def test_the_demo_puts_one_request_through_and_one_in_the_queue(service):
    municipality = OrganisationFactory(omgevingsdienst=service)
    target = EstablishmentFactory(owner=service, municipality=municipality)
    officer = UserFactory(organisation=service, role=Role.PERMIT_OFFICER)
    counts = ensure_demo_intake([officer])
    assert counts["processed"] == 1 and counts["queued"] == 1
    assert IntakeRequest.objects.get(verzoeknummer="DEMO-2026-0001").application.establishment == target
    assert ensure_demo_intake([officer]) == counts  # once
