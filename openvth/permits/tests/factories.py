"""Factories of the permits: an application at an establishment, a grant with numbered provisions."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from openvth.permits.models import Application
from openvth.testing.factories import EstablishmentFactory


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
