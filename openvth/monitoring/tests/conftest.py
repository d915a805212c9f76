"""The seed progress report, imported once per test, and the users who may and may not change it."""

from pathlib import Path

import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core.permissions import SYSTEM_JOB
from openvth.monitoring import services

SEED = Path(__file__).parents[1] / "data" / "kamerbrief-voortgang-versterking-vth-stelsel-2023.md"


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def report(db, seed_bytes):
    return services.import_report(user=SYSTEM_JOB, content=seed_bytes, source_name=SEED.name).report


@pytest.fixture
def office(service):
    return UserFactory(username="programmabureau", organisation=service, role=Role.PROGRAMME_OFFICE)


def later_report(seed_bytes: bytes) -> bytes:
    """The seed as a December 2022 report (same quarter): one action done, one replanned, one dropped, one added."""
    text = seed_bytes.decode("utf-8")
    replacements = [
        ("voortgang november 2022", "voortgang december 2022"),
        # 1.1 is done now
        ("\tQ4 2022\t\tFormuleren criteria is gestart.\t", "\tQ4 2022\t✓\tCriteria vastgesteld.\t"),
        # 3.5 gets another planning
        ("gemeten kan worden.\tStart Q4 2022\t", "gemeten kan worden.\tStart Q2 2023\t"),
        # 4.2 is dropped, 4.3 is new
        ("\t\t\tOpstellen circulaire definitieve uitleg basistakenpakket\tQ3 2022\t\t\t\n", ""),
        (" Q4 afronding\t\t\t\n", " Q4 afronding\t\t\t\n\t\t\tCirculaire publiceren op IPLO.\tQ1 2023\t\t\t\n"),
    ]
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text.encode("utf-8")
