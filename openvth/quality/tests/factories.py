"""Factories of visitations, ILT investigations and their recommendations."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from openvth.core import clock
from openvth.quality.models import Investigation, Recommendation, Visitation
from openvth.register.models import Organisation
from openvth.register.tests.factories import OrganisationFactory, ServiceFactory


class VisitationFactory(DjangoModelFactory):
    class Meta:
        model = Visitation

    service = factory.SubFactory(ServiceFactory)
    visited_on = date(2026, 5, 12)
    external_party = "Bureau Visitatie"
    peer_reviewers = "Anna Collega\nBram Collega"
    findings = "Risicogericht, kritieke massa kwetsbaar."
    recorded_at = factory.LazyFunction(clock.now)


class InspectorateFactory(OrganisationFactory):
    name = "Inspectie Leefomgeving en Transport"
    kind = Organisation.Kind.INSPECTORATE
    code = factory.Sequence(lambda n: f"ILT{n}")


class InvestigationFactory(DjangoModelFactory):
    class Meta:
        model = Investigation
        skip_postgeneration_save = True

    inspectorate = factory.SubFactory(InspectorateFactory)
    kind = Investigation.Kind.THEMATIC
    theme = factory.Sequence(lambda n: f"Thema {n}")
    published_on = date(2026, 6, 1)
    findings = "Verschillen per regio."
    recorded_at = factory.LazyFunction(clock.now)

    @factory.post_generation
    def services(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.services.set(extracted)


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    visitation = factory.SubFactory(VisitationFactory)
    service = factory.SelfAttribute("visitation.service")
    text = factory.Sequence(lambda n: f"Aanbeveling {n}")
