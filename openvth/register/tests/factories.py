"""Factories of the register: organisations, companies, establishments, activities, task categories, mandates."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from openvth.accounts.models import Role
from openvth.register.models import (
    Activity,
    ActivityType,
    Company,
    DecisionType,
    Establishment,
    Mandate,
    Organisation,
    TaskCategory,
)
from openvth.rules.formats import normalised_name


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente Testdorp {n}")
    kind = Organisation.Kind.MUNICIPALITY
    code = factory.Sequence(lambda n: f"GM{8000 + n % 1000:04d}")  # clear of the codes tests name (GM0363, GM9999)


class ServiceFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Omgevingsdienst Testregio {n}")
    kind = Organisation.Kind.OMGEVINGSDIENST
    code = factory.Sequence(lambda n: f"OD{n:04d}")


class ProvinceFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Provincie Test {n}")
    kind = Organisation.Kind.PROVINCE
    code = factory.Sequence(lambda n: f"PV{n:02d}")


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    owner = factory.SubFactory(ServiceFactory)
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    name = factory.Sequence(lambda n: f"Metaalbewerking Jansen {n} B.V.")
    normalised_name = factory.LazyAttribute(lambda o: normalised_name(o.name))
    legal_form = Company.LegalForm.BV


class EstablishmentFactory(DjangoModelFactory):
    class Meta:
        model = Establishment

    owner = factory.SubFactory(ServiceFactory)
    company = factory.SubFactory(CompanyFactory, owner=factory.SelfAttribute("..owner"))
    kvk_vestigingsnummer = factory.Sequence(lambda n: f"{100000000000 + n:012d}")
    name = factory.Sequence(lambda n: f"Jansen Metaal {n}")
    normalised_name = factory.LazyAttribute(lambda o: normalised_name(o.name))
    bag_nummeraanduiding_id = factory.Sequence(lambda n: f"0363200{n:09d}")
    street = "Industrieweg"
    house_number = factory.Sequence(lambda n: n + 1)
    postcode = "1234 AB"
    place = "Testdorp"
    municipality = factory.SubFactory(OrganisationFactory)
    rd_x = 155000.0
    rd_y = 463000.0
    competent_authority = factory.SelfAttribute("municipality")
    supervising_service = factory.SelfAttribute("owner")


class ActivityTypeFactory(DjangoModelFactory):
    class Meta:
        model = ActivityType

    code = factory.Sequence(lambda n: f"T.{n}")
    name = factory.Sequence(lambda n: f"Testactiviteit {n}")


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    establishment = factory.SubFactory(EstablishmentFactory)
    activity_type = factory.SubFactory(ActivityTypeFactory)


class TaskCategoryFactory(DjangoModelFactory):
    class Meta:
        model = TaskCategory

    code = factory.Sequence(lambda n: f"TB{n:03d}")  # clear of the catalogue's codes (BT01…) the world loads
    name = factory.Sequence(lambda n: f"Basistaak {n}")
    order = factory.Sequence(lambda n: n)


class MandateFactory(DjangoModelFactory):
    """A mandate of an authority to a permit officer, without end and without ceiling unless told."""

    class Meta:
        model = Mandate

    authority = factory.SubFactory(OrganisationFactory)
    # by path: the user factory of accounts builds its organisation with the factories above
    holder = factory.SubFactory("openvth.accounts.tests.factories.UserFactory", role=Role.PERMIT_OFFICER)
    decision_type = DecisionType.PERMIT
    valid_from = date(2000, 1, 1)
    valid_to = None
    max_amount = None
    reference = factory.Sequence(lambda n: f"Mandaatbesluit {n}")
