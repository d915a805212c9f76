"""Factories of sharing: an agreement dated relative to today (history window of 5 years), and one record of each
kind about a company's establishment."""

from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from openvth.core import clock
from openvth.enforcement.tests.factories import EnforcementCaseFactory, SanctionFactory
from openvth.permits.tests.factories import DecisionFactory
from openvth.sharing.models import SharingAgreement
from openvth.supervision.tests.factories import FindingFactory, InspectionFactory


def days_ago(days: int):
    return clock.today() - timedelta(days=days)


class SharingAgreementFactory(DjangoModelFactory):
    class Meta:
        model = SharingAgreement
        skip_postgeneration_save = True

    kinds = factory.LazyFunction(lambda: ["inspections", "findings", "enforcement_cases", "permits"])
    purpose_code = "supervision"
    purpose = "Voorbereiding van inspecties bij bedrijven in beide regio's."
    valid_from = factory.LazyFunction(lambda: days_ago(30))

    @factory.post_generation
    def partners(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.partners.set(extracted)


def records_of(establishment) -> dict:
    """One of each record kind at this establishment, owned by its owner; the inspection 400 days ago."""
    inspection = InspectionFactory(establishment=establishment, planned_on=days_ago(400), performed_on=days_ago(400))
    finding = FindingFactory(inspection=inspection)
    case = EnforcementCaseFactory(establishment=establishment)
    return {
        "inspections": [finding.inspection_id],
        "findings": [finding.pk],
        "enforcement_cases": [case.pk],
        "permits": [DecisionFactory(establishment=establishment).pk],
        "sanctions": [SanctionFactory(case=case).pk],
    }
