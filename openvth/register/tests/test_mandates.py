"""The mandate register (Awb 10:3, docs/domain.md §1): who holds which mandate of which authority on which day, up to
which amount; `require_mandate` is the one check every app's decision goes through."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from openvth.accounts.tests.factories import UserFactory
from openvth.register.models import DecisionType
from openvth.register.selectors import holds_mandate
from openvth.register.services import require_mandate
from openvth.register.tests.factories import MandateFactory, OrganisationFactory
from openvth.testing.api import client_for, problem

pytestmark = pytest.mark.django_db
ON = date(2024, 6, 3)
BOETE = DecisionType.BESTUURLIJKE_BOETE


@pytest.fixture
def holder(service):
    return UserFactory(organisation=service, first_name="Hanna", last_name="Handhaving", role="enforcement_lawyer")


@pytest.fixture
def authority():
    return OrganisationFactory(name="Gemeente Proefdorp")


@pytest.mark.parametrize(
    ("ceiling", "amount", "holds"),
    [
        (None, None, True),
        (None, Decimal("1000000"), True),  # no ceiling: any amount
        (Decimal("5000"), None, True),  # no amount asked: the mandate counts
        (Decimal("5000"), Decimal("4999.99"), True),
        (Decimal("5000"), Decimal("5000"), True),  # up to and including the ceiling
        (Decimal("5000"), Decimal("5000.01"), False),
        (Decimal("340"), Decimal("5000"), False),
    ],
)
def test_a_mandate_with_a_ceiling_covers_amounts_up_to_it(holder, authority, ceiling, amount, holds):
    MandateFactory(holder=holder, authority=authority, decision_type=BOETE, max_amount=ceiling)
    assert holds_mandate(holder, authority=authority, decision_type=BOETE, on=ON, amount=amount) is holds


def test_a_higher_mandate_beside_a_lower_one_covers_the_higher_amount(holder, authority):
    MandateFactory(holder=holder, authority=authority, decision_type=BOETE, max_amount=Decimal("340"))
    assert not holds_mandate(holder, authority=authority, decision_type=BOETE, on=ON, amount=Decimal("5000"))
    MandateFactory(holder=holder, authority=authority, decision_type=BOETE, max_amount=Decimal("25000"))
    assert holds_mandate(holder, authority=authority, decision_type=BOETE, on=ON, amount=Decimal("5000"))


def test_a_ceiling_is_never_negative(holder, authority):
    with pytest.raises(IntegrityError):
        MandateFactory(holder=holder, authority=authority, decision_type=BOETE, max_amount=Decimal("-1"))


def test_nobody_without_an_account_holds_a_mandate(authority):
    assert not holds_mandate(None, authority=authority, decision_type=BOETE, on=ON)


@pytest.mark.parametrize(
    ("mandate", "reason"),
    [
        ({}, "voor bestuurlijke boete:"),
        ({"valid_to": date(2024, 6, 2)}, "voor bestuurlijke boete:"),  # expired the day before
        ({"authority": "elders"}, "voor bestuurlijke boete:"),
        ({"decision_type": DecisionType.LAST_ONDER_DWANGSOM}, "voor bestuurlijke boete:"),
        ({"max_amount": Decimal("340")}, "voor bestuurlijke boete tot een bedrag van € 5.000,00:"),
    ],
    ids=["none", "expired", "another authority", "another decision type", "ceiling too low"],
)
def test_require_mandate_refuses_in_dutch_naming_who_when_which_authority_and_what(holder, authority, mandate, reason):
    if mandate:
        given = {"decision_type": BOETE, **mandate, "valid_from": date(2020, 1, 1)}
        if given.pop("authority", None):
            given["authority"] = OrganisationFactory()
        MandateFactory(holder=holder, **{"authority": authority, **given})
    expected = f"Hanna Handhaving heeft op 03-06-2024 geen geldig mandaat van Gemeente Proefdorp {reason}"
    with pytest.raises(PermissionDenied) as refused:
        require_mandate(holder, authority, BOETE, ON, amount=Decimal("5000") if "max_amount" in mandate else None)
    assert str(refused.value).startswith(expected)
    assert str(refused.value).endswith("het besluit kan niet worden vastgesteld (art. 10:3 Awb).")


def test_require_mandate_passes_a_valid_mandate(holder, authority):
    MandateFactory(holder=holder, authority=authority, decision_type=DecisionType.BESLISSING_OP_BEZWAAR)
    require_mandate(holder, authority, DecisionType.BESLISSING_OP_BEZWAAR, ON)


def test_every_permit_decision_and_the_objection_decision_have_a_decision_type():
    labels = dict(DecisionType.choices)
    assert labels["permit"] == "verlening omgevingsvergunning"
    assert labels["permit_amendment"] == "wijziging omgevingsvergunning"
    assert labels["revocation"] == "intrekking omgevingsvergunning"
    assert labels["term_extension"] == "verdaging beslistermijn"
    assert labels[DecisionType.BESLISSING_OP_BEZWAAR] == "beslissing op bezwaar"


# --- the API shows and filters the ceiling -------------------------------------------------------------------------


def test_the_api_shows_the_ceiling_and_filters_the_mandates_that_cover_an_amount(holder, authority):
    low = MandateFactory(holder=holder, authority=authority, decision_type=BOETE, max_amount=Decimal("340"))
    free = MandateFactory(holder=holder, authority=authority, decision_type=BOETE)
    client = client_for(holder)
    rows = {row["id"]: row["max_amount"] for row in client.get("/api/v1/mandates").json()["results"]}
    assert rows == {low.pk: "340.00", free.pk: None}
    covering = client.get("/api/v1/mandates", {"covers_amount": "5000"}).json()["results"]
    assert [row["id"] for row in covering] == [free.pk]
    body = problem(client.get("/api/v1/mandates", {"covers_amount": "veel"}), 400)
    assert body["invalid-params"][0]["name"] == "covers_amount"
