"""The enforcement work queue reads the user's open cases once (tested case by case on their establishment) and then
the deadlines of those cases: a fixed number of queries whatever the number of cases, and the same cases as the
scoping layer's `visible_to`."""

from datetime import timedelta

import pytest
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.core.scoping import SYSTEM_JOB
from openvth.enforcement import selectors
from openvth.enforcement.models import Deadline, EnforcementCase
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory, ServiceFactory

from .factories import EnforcementCaseFactory

PAGE_QUERIES = 7  # session, user, open cases, their deadlines and the layout's reads


def deadline(case, days: int, **fields) -> Deadline:
    today = clock.today()
    return Deadline.objects.create(
        case=case, code="hersteltermijn", event="waarschuwen", started_on=today - timedelta(days=30),
        due_on=today + timedelta(days=days), source="art. 5:31d Awb", **fields,
    )  # fmt: skip


@pytest.fixture
def world(service, other_service):
    """Cases seen by the service in each way the scoping layer allows, and some it does not see."""
    municipality, elsewhere = OrganisationFactory(name="Gemeente Hier"), OrganisationFactory(name="Gemeente Daar")
    third = ServiceFactory(name="Omgevingsdienst Derde")
    cases = {
        "owned": EnforcementCaseFactory(establishment=EstablishmentFactory(owner=service)),
        # the service supervises the establishment of another organisation's case
        "supervised": EnforcementCaseFactory(
            establishment=EstablishmentFactory(owner=other_service, supervising_service=service),
            owner=other_service,
        ),
        "authority": EnforcementCaseFactory(
            establishment=EstablishmentFactory(owner=third, municipality=municipality), owner=third
        ),
        "foreign": EnforcementCaseFactory(
            establishment=EstablishmentFactory(owner=other_service, municipality=elsewhere)
        ),
        "closed": EnforcementCaseFactory(
            establishment=EstablishmentFactory(owner=service), closed_on=clock.today() - timedelta(days=2)
        ),
    }
    EnforcementCase.objects.update(route="herstel", state="geconstateerd")
    EnforcementCase.objects.filter(pk=cases["owned"].pk).update(state="waarschuwing")
    for n, case in enumerate(cases.values()):
        deadline(case, -3 - n)  # overdue
        deadline(case, 2 + n)  # in the coming week
        deadline(case, 30)  # later
        deadline(case, -1, done_on=clock.today())  # handled
    return {"cases": cases, "municipality": municipality, "third": third}


def users(service, other_service, world):
    yield UserFactory(organisation=service, role=Role.MANAGER)
    yield UserFactory(organisation=other_service, role=Role.MANAGER)
    yield UserFactory(organisation=world["municipality"], role=Role.AUTHORITY_OFFICIAL)
    yield UserFactory(organisation=world["third"], role=Role.MANAGER)
    yield UserFactory(organisation=OrganisationFactory(name="Gemeente Nergens"), role=Role.AUTHORITY_OFFICIAL)
    yield UserFactory(organisation=None, is_superuser=True)
    yield UserFactory(organisation=None)
    yield SYSTEM_JOB


def test_open_cases_are_the_open_cases_the_scoping_layer_shows(service, other_service, world):
    for user in users(service, other_service, world):
        expected = EnforcementCase.objects.visible_to(user).filter(closed_on__isnull=True)
        assert set(selectors.open_cases(user)) == set(expected), user
    service_user = UserFactory(organisation=service, role=Role.MANAGER)
    seen = set(selectors.open_cases(service_user))
    assert seen == {world["cases"]["owned"], world["cases"]["supervised"]}


def test_the_work_queue_is_that_of_the_open_cases(service, other_service, world):
    today = clock.today()
    for user in users(service, other_service, world):
        visible = EnforcementCase.objects.visible_to(user).filter(closed_on__isnull=True)
        due = Deadline.objects.filter(case__in=visible, done_on__isnull=True, due_on__lte=today + timedelta(days=6))
        queue = selectors.work_queue(user, today=today)
        assert [d.pk for d in queue["overdue"]] == list(
            due.filter(due_on__lt=today).order_by("due_on", "id").values_list("pk", flat=True)
        )
        assert [d.pk for d in queue["coming_week"]] == list(
            due.filter(due_on__gte=today).order_by("due_on", "id").values_list("pk", flat=True)
        )
        per_state = sorted(set(visible.values_list("route", "state")))
        assert [(row["route"], row["state"]) for row in queue["states"]] == per_state
        assert sum(row["n"] for row in queue["states"]) == visible.count()


def test_the_work_queue_page_runs_a_fixed_number_of_queries(
    client, service, other_service, world, django_assert_max_num_queries
):
    manager = UserFactory(organisation=service, role=Role.MANAGER)
    client.force_login(manager)
    url = reverse("enforcement:work_queue")
    client.get(url)
    with django_assert_max_num_queries(PAGE_QUERIES):
        few = client.get(url)
    for _ in range(5):
        case = EnforcementCaseFactory(
            establishment=EstablishmentFactory(owner=service), route="herstel", state="waarschuwing"
        )
        deadline(case, -2)
        deadline(case, 1)
    with django_assert_max_num_queries(PAGE_QUERIES):
        many = client.get(url)
    assert len(many.context["overdue"]) == len(few.context["overdue"]) + 5
    assert len(many.context["coming_week"]) == len(few.context["coming_week"]) + 5
    assert "Werkvoorraad handhaving" in many.content.decode()
