"""Fixtures of enforcement: an enforcement lawyer of the service with mandates of the establishment's authority, and
a finding whose LHSO decision is recorded."""

import datetime

import pytest

from openvth.core import clock
from openvth.enforcement import services
from openvth.supervision.tests.factories import FindingFactory

from .factories import lawyer, mandate

MANDATED = (
    "warning",
    "last_onder_dwangsom",
    "last_onder_bestuursdwang",
    "bestuurlijke_boete",
    "bestuurlijke_strafbeschikking",
    "invorderingsbeschikking",
    "gedoogbeschikking",
    "beslissing_op_bezwaar",
)


@pytest.fixture
def jurist(service, establishment):
    user = lawyer(service, username="jurist", first_name="Jet", last_name="Jurist")
    for decision_type in MANDATED:
        mandate(user, establishment.competent_authority, decision_type)
    return user


def found_on() -> datetime.date:
    """The day of the inspection that found the violation: 2024-03-04 on the suite's default day, on every day of
    the clock less than the three years after which a small bestuurlijke boete may no longer be imposed (art. 5:45
    Awb)."""
    return clock.today() - datetime.timedelta(days=989)


@pytest.fixture
def finding(establishment):
    return FindingFactory(inspection__establishment=establishment, inspection__performed_on=found_on())


CONSULTED = {  # LHSO step 3 recorded: partner, date and outcome
    "consultation_partner": "both",
    "consultation_held_on": datetime.date(2024, 3, 5),
    "consultation_outcome": "Bestuursrechtelijke afdoening; het OM sluit aan waar nodig.",
}


@pytest.fixture
def decided(jurist, finding):
    """The finding positioned in B3 with a warning and a last onder dwangsom, as the matrix advises."""
    services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="B", chosen=["warning", "last_onder_dwangsom"]
    )
    return finding
