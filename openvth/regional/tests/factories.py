"""Factories of the regional plan: a service with two member municipalities (one in a province), its yearly
programme with planned visits, and a plan made from it."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from openvth.core import clock
from openvth.regional.models import Adoption, PlanGoal, RegionalPlan
from openvth.register.tests.factories import OrganisationFactory, ProvinceFactory, ServiceFactory
from openvth.supervision.models import PlannedVisit, Programme


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    service = factory.SubFactory(ServiceFactory)
    year = 2026
    capacity_hours = 1000


class RegionalPlanFactory(DjangoModelFactory):
    class Meta:
        model = RegionalPlan

    service = factory.SubFactory(ServiceFactory)
    year = 2026
    programme = factory.SubFactory(ProgrammeFactory, service=factory.SelfAttribute("..service"), year=2026)
    title = factory.Sequence(lambda n: f"Uitvoerings- en handhavingsprogramma {n}")
    created_at = factory.LazyFunction(clock.now)


class PlanGoalFactory(DjangoModelFactory):
    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(RegionalPlanFactory)
    description = "Elk bedrijf in categorie 4 bezocht."
    kind = PlanGoal.Kind.RISK_CATEGORY_VISITS
    risk_category = 4
    target = Decimal(10)
    unit = "inspecties"


class AdoptionFactory(DjangoModelFactory):
    class Meta:
        model = Adoption

    plan = factory.SubFactory(RegionalPlanFactory)
    authority = factory.SubFactory(OrganisationFactory)
    decided_on = date(2026, 3, 1)
    decision_reference = factory.Sequence(lambda n: f"Besluit {n}")
    recorded_at = factory.LazyFunction(clock.now)


def region():
    """A service with two member municipalities, the first in a province: three participating authorities."""
    service = ServiceFactory(name="Omgevingsdienst Regioplan")
    province = ProvinceFactory(name="Provincie Regioplan")
    first = OrganisationFactory(name="Gemeente Eerste", omgevingsdienst=service, province=province)
    second = OrganisationFactory(name="Gemeente Tweede", omgevingsdienst=service)
    return service, [first, second, province]


def visit(programme, establishment, hours, *, month=3, postponed=False) -> PlannedVisit:
    return PlannedVisit.objects.create(
        programme=programme, establishment=establishment, month=month, hours=Decimal(hours), postponed=postponed
    )


def matrix_records(service, manager) -> dict:
    """The regional plans of a service for the authorization matrix (openvth.testing.authorization), by model label:
    this year's draft with a goal, made by the manager from the service's programme of this year (the matrix world
    has one), and last year's plan, final and adopted by every participating authority (its IED part is public)."""
    from openvth.core.scoping import SYSTEM_JOB
    from openvth.regional import selectors, services

    year = clock.today().year
    draft = services.create_plan(user=manager, service=service, year=year, title=f"Plan {service.code} {year}")
    goal = services.add_goal(
        user=manager, plan=draft, description="Elk bedrijf in categorie 4 bezocht.", kind=PlanGoal.Kind.OTHER,
        target="10", unit="inspecties",
    )  # fmt: skip
    Programme.objects.create(service=service, year=year - 1, capacity_hours=100)
    adopted = services.create_plan(user=manager, service=service, year=year - 1, title=f"Plan {service.code}")
    services.add_goal(
        user=manager, plan=adopted, description="Naleving omhoog.", kind=PlanGoal.Kind.COMPLIANCE_SHARE,
        target="80", unit="%",
    )  # fmt: skip
    services.finalise_plan(user=manager, plan=adopted)
    adoptions = [  # each authority's decision, recorded for the installation (the world has one official per side)
        services.adopt(
            user=SYSTEM_JOB,
            plan=adopted,
            authority=authority,
            decided_on=clock.today().isoformat(),
            decision_reference=f"Besluit {authority.name}",
        )  # fmt: skip
        for authority in selectors.participants(service)
    ]
    adopted.refresh_from_db()
    assert adopted.is_adopted, "every participating authority adopted the plan"
    return {
        "regional.RegionalPlan": draft,
        "regional.RegionalPlan:adopted": adopted,
        "regional.PlanGoal": goal,
        "regional.Adoption": adoptions[0],
    }
