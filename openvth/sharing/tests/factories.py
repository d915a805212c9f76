"""Records of one source about a company's establishment, dated relative to today (history window of 5 years)."""

from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from openvth.core import clock
from openvth.enforcement.models import EnforcementCase, Sanction
from openvth.permits.models import Decision
from openvth.sharing.models import SharingAgreement
from openvth.supervision.models import Finding, Inspection
from openvth.testing.factories import EstablishmentFactory, UserFactory


def days_ago(days: int):
    return clock.today() - timedelta(days=days)


class InspectionFactory(DjangoModelFactory):
    class Meta:
        model = Inspection

    establishment = factory.SubFactory(EstablishmentFactory)
    owner = factory.SelfAttribute("establishment.owner")
    kind = Inspection.Kind.ROUTINE
    planned_on = factory.LazyFunction(lambda: days_ago(400))
    performed_on = factory.LazyFunction(lambda: days_ago(400))
    status = Inspection.Status.CLOSED


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    general_rule = "Bal art. 4.103"
    consequences = 3
    description = "Vaten met gevaarlijke stoffen staan buiten de lekbak opgeslagen."


class EnforcementCaseFactory(DjangoModelFactory):
    class Meta:
        model = EnforcementCase

    establishment = factory.SubFactory(EstablishmentFactory)
    owner = factory.SelfAttribute("establishment.owner")
    competent_authority = factory.SelfAttribute("establishment.competent_authority")
    reference = factory.Sequence(lambda n: f"HH-{n:05d}")
    route = "bestuurlijk"
    state = "open"
    opened_on = factory.LazyFunction(lambda: days_ago(300))
    opened_by = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..owner"))


class SanctionFactory(DjangoModelFactory):
    class Meta:
        model = Sanction

    case = factory.SubFactory(EnforcementCaseFactory)
    kind = Sanction.Kind.WARNING
    imposed_on = factory.LazyFunction(lambda: days_ago(290))


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    establishment = factory.SubFactory(EstablishmentFactory)
    owner = factory.SelfAttribute("establishment.owner")
    reference = factory.Sequence(lambda n: f"OV-{n:05d}")
    kind = Decision.Kind.GRANT
    decided_on = factory.LazyFunction(lambda: days_ago(500))
    effective_from = factory.LazyFunction(lambda: days_ago(490))


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
    """One of each record kind at this establishment, owned by its owner."""
    finding = FindingFactory(inspection=InspectionFactory(establishment=establishment))
    case = EnforcementCaseFactory(establishment=establishment)
    return {
        "inspections": [finding.inspection_id],
        "findings": [finding.pk],
        "enforcement_cases": [case.pk],
        "permits": [DecisionFactory(establishment=establishment).pk],
        "sanctions": [SanctionFactory(case=case).pk],
    }
