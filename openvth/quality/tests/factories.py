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


def matrix_records(service, manager, inspectorate) -> dict:
    """A visitation of a service and an investigation of `inspectorate` (the ILT) involving it, each with a
    recommendation to the service, for the authorization matrix (openvth.testing.authorization), by model label.
    The visitation is recorded by the programme office of the world's ministry (core.permissions: only that role
    records visitations; the service's own manager may not), the investigation for the installation as the ILT's;
    the manager records the follow-up of the visitation's recommendation."""
    from openvth.accounts.models import Role
    from openvth.accounts.tests.factories import UserFactory
    from openvth.core.permissions import Action, may
    from openvth.core.scoping import SYSTEM_JOB
    from openvth.quality import services
    from openvth.quality.models import FollowUpStatus

    ministry = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("pk").first()
    office = UserFactory(
        username=f"programmabureau-{service.code}".lower(), organisation=ministry, role=Role.PROGRAMME_OFFICE
    )
    assert not may(manager, Action.RECORD_VISITATION, service), "a service records no visitation of itself"
    visitation = services.record_visitation(
        user=office, service=service, visited_on="2026-05-12", external_party="Bureau Visitatie",
        peer_reviewers="Anna Collega\nBram Collega", findings="Risicogericht, kritieke massa kwetsbaar.",
        recommendations=[f"Versterk de kritieke massa van {service.code}."],
    )  # fmt: skip
    recommendation = visitation.recommendations.get()
    services.record_follow_up(
        user=manager, recommendation=recommendation, status=FollowUpStatus.IN_PROGRESS, status_on="2026-06-01"
    )
    investigation = services.record_investigation(
        user=SYSTEM_JOB, inspectorate=inspectorate, kind=Investigation.Kind.THEMATIC, theme=f"Asbest {service.code}",
        services=[service], published_on="2026-06-01", findings="Verschillen per regio.",
    )  # fmt: skip
    services.add_recommendation(
        user=SYSTEM_JOB, source=investigation, service=service, text="Leg de afwegingen bij asbest vast."
    )
    return {
        "quality.Visitation": visitation,
        "quality.Investigation": investigation,
        "quality.Recommendation": recommendation,
    }
