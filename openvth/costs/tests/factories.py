from datetime import date, timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from openvth.core import clock
from openvth.costs.models import Budget, HourEntry, HourlyRate
from openvth.register.tests.factories import OrganisationFactory, ServiceFactory


class HourlyRateFactory(DjangoModelFactory):
    class Meta:
        model = HourlyRate

    service = factory.SubFactory(ServiceFactory)
    year = 2026
    rate = Decimal("100.00")


class BudgetFactory(DjangoModelFactory):
    class Meta:
        model = Budget

    service = factory.SubFactory(ServiceFactory)
    authority = factory.SubFactory(OrganisationFactory, omgevingsdienst=factory.SelfAttribute("..service"))
    year = 2026
    package = "basis"
    hours = Decimal("100.0")
    amount = Decimal("10000.00")


class SheetLineFactory(DjangoModelFactory):
    """A line of the weekly sheet: hours on a task area for an authority, without a task."""

    class Meta:
        model = HourEntry

    service = factory.SubFactory(ServiceFactory)
    authority = factory.SubFactory(OrganisationFactory, omgevingsdienst=factory.SelfAttribute("..service"))
    worker = None
    staff = factory.SubFactory(
        "openvth.capacity.tests.factories.StaffMemberFactory", service=factory.SelfAttribute("..service")
    )
    day = date(2026, 11, 16)
    hours = Decimal("4.00")
    task_area = "TZ-MIL"
    recorded_at = factory.LazyFunction(clock.now)


def matrix_records(service, manager) -> dict:
    """One record of each costs model for a service of the authorization matrix (openvth.testing.authorization),
    stored through the services as a manager of the service would."""
    from openvth.core import clock
    from openvth.costs import selectors, services
    from openvth.register.models import Organisation

    today = clock.today()
    year, day = today.year, today - timedelta(days=2)
    authority = Organisation.objects.filter(pk__in=selectors.commissioner_ids(service)).order_by("pk").first()
    rate = services.set_rate(user=manager, service=service, year=year, rate="100")
    budget = services.set_budget(
        user=manager, service=service, authority=authority, year=year, package="basis", hours="10", amount="1000"
    )
    norm = services.store_norm_hours(
        user=manager, service=service, valid_from=date(year, 1, 1), hours={"inspectie": "6"}
    )
    entry = services.record_hours(
        user=manager, service=service, day=day, hours="2", task_area="TZ-MIL", authority=authority
    )
    return {"costs.HourlyRate": rate, "costs.Budget": budget, "costs.NormHoursVersion": norm, "costs.HourEntry": entry}
