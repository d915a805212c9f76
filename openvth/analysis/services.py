"""Writes of the analysis app: an initiative of the outlook's pipeline, recorded for a service."""

from django.core.exceptions import ValidationError
from django.db import transaction

from openvth.register.models import Organisation

from .models import Initiative


@transaction.atomic
def create_initiative(*, service: Organisation, **values) -> Initiative:
    """An announced project of `service` (an omgevingsdienst) that will bring `expected_count` applications in
    `expected_year`; Dutch messages for bad values, nothing stored then."""
    if service.kind != Organisation.Kind.OMGEVINGSDIENST:
        raise ValidationError({"service": ["Een initiatief hoort bij een omgevingsdienst."]})
    initiative = Initiative(service=service, **values)
    initiative.full_clean()
    initiative.save()
    return initiative
