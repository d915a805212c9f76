from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from openvth.capacity.models import Certificate, Competence, StaffMember
from openvth.register.tests.factories import ServiceFactory


class StaffMemberFactory(DjangoModelFactory):
    class Meta:
        model = StaffMember

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Medewerker {n}")
    hours_per_year = 1400
    active_from = date(2015, 1, 1)


class CompetenceFactory(DjangoModelFactory):
    """A competence that meets the shipped national minimum of Vergunningverlening milieu (hbo, 2 years, 400 h)."""

    class Meta:
        model = Competence

    staff = factory.SubFactory(StaffMemberFactory)
    task_area = "VV-MIL"
    education = "hbo"
    experience_years = Decimal("2.0")
    hours_per_year = 400
    valid_from = date(2025, 1, 1)


class CertificateFactory(DjangoModelFactory):
    class Meta:
        model = Certificate

    competence = factory.SubFactory(CompetenceFactory)
    name = "Brzo-inspecteur"
    issued_on = date(2022, 1, 1)
    expires_on = None


def matrix_records(service, manager) -> dict:
    """One record of each capacity model for a service of the authorization matrix (openvth.testing.authorization),
    by model label; stored through the services as a manager of the service would."""
    from openvth.capacity import services

    staff = services.create_staff(
        user=manager, service=service, name=f"Medewerker {service.code}", hours_per_year=1400, active_from="2020-01-01"
    )
    competence = services.add_competence(
        user=manager, staff=staff, task_area="TZ-COMPLEX", education="hbo", experience_years="4",
        hours_per_year=700, valid_from="2020-01-01",
    )  # fmt: skip
    certificate = services.add_certificate(user=manager, competence=competence, name="Brzo", issued_on="2021-01-01")
    criteria = services.store_criteria(
        user=manager, organisation=service, valid_from="2024-01-01", criteria={"SP-GELUID": {"min_qualified": 3}}
    )
    grant = services.record_grant(user=manager, service=service, year=2023, purpose="training", amount="250000")
    quarter = services.report_quarter(user=manager, grant=grant, year=2023, quarter=1, spent="1000")
    return {
        "capacity.StaffMember": staff,
        "capacity.Competence": competence,
        "capacity.Certificate": certificate,
        "capacity.QualityCriteriaVersion": criteria,
        "capacity.Grant": grant,
        "capacity.GrantQuarter": quarter,
    }
