"""Factories of the permits: an application, a decision, a grant with numbered provisions, a permit officer's
mandates."""

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from openvth.core import clock
from openvth.permits.models import Application, Decision
from openvth.permits.services import PERMIT_MANDATE_TYPES
from openvth.register.models import Mandate
from openvth.register.tests.factories import EstablishmentFactory, MandateFactory


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    establishment = factory.SubFactory(EstablishmentFactory)
    owner = factory.SelfAttribute("establishment.owner")
    competent_authority = factory.SelfAttribute("establishment.competent_authority")
    reference = factory.Sequence(lambda n: f"OLO-{1000 + n}")
    subject = "Veranderen van de inrichting: extra opslagtank"
    received_on = date(2024, 1, 10)
    procedure = Application.Procedure.REGULAR


class DecisionFactory(DjangoModelFactory):
    """A grant decided 500 days ago, in force 490 days ago."""

    class Meta:
        model = Decision

    establishment = factory.SubFactory(EstablishmentFactory)
    owner = factory.SelfAttribute("establishment.owner")
    reference = factory.Sequence(lambda n: f"OV-{n:05d}")
    kind = Decision.Kind.GRANT
    decided_on = factory.LazyFunction(lambda: clock.today() - timedelta(days=500))
    effective_from = factory.LazyFunction(lambda: clock.today() - timedelta(days=490))


def grant(*numbers: str, reference: str = "V-2020-1", effective: str = "2020-01-01") -> dict:
    """The arguments of a grant decision that adds the given provisions."""
    return {
        "reference": reference,
        "kind": "grant",
        "decided_on": date.fromisoformat(effective),
        "effective_from": date.fromisoformat(effective),
        "changes": [
            {"op": "add", "number": n, "text": f"Voorschrift {n}: geluid ten hoogste 50 dB(A)"} for n in numbers
        ],
    }


def permit_mandates(holder, authority, **fields) -> list[Mandate]:
    """Every mandate a permit officer needs for the permits of `authority`: grant, amend, revoke and verdaging."""
    return [MandateFactory(holder=holder, authority=authority, decision_type=t, **fields) for t in PERMIT_MANDATE_TYPES]
