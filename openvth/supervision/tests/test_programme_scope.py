"""A programme shows a visit only to a user who could open its establishment by id: a municipality that placed
tasks with the service sees the service's programme, but only the visits to its own establishments, and the
planned-vs-done figures count only those (API, page, calendar feed)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.register.models import BasistaakPlacement
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory, TaskCategoryFactory
from openvth.supervision.models import PlannedVisit, Programme
from openvth.supervision.services.agenda import renew_calendar_feed
from openvth.testing.api import client_for


@pytest.fixture
def municipalities(service):
    """Two municipalities that both placed their supervision with the service."""
    category = TaskCategoryFactory(code="TEST-TOEZICHT")
    found = []
    for name in ("Gemeente Eigenstad", "Gemeente Buurdorp"):
        municipality = OrganisationFactory(name=name)
        BasistaakPlacement.objects.create(authority=municipality, task_category=category, service=service, placed=True)
        found.append(municipality)
    return found


@pytest.fixture
def programme(service, municipalities):
    programme = Programme.objects.create(service=service, year=2026, capacity_hours=100)
    for municipality, name, months in zip(
        municipalities, ("Bakkerij Eigen", "Garage Buur"), ((3, 5), (4,)), strict=True
    ):
        establishment = EstablishmentFactory(owner=service, municipality=municipality, name=name)
        for month in months:
            PlannedVisit.objects.create(programme=programme, establishment=establishment, month=month, hours=4)
    return programme


@pytest.fixture
def official(municipalities):
    return UserFactory(organisation=municipalities[0], role=Role.AUTHORITY_OFFICIAL)


def names(visits) -> set[str]:
    return {visit["establishment"]["name"] for visit in visits}


def test_a_municipality_lists_only_visits_to_its_own_establishments(official, programme):
    body = client_for(official).get(f"/api/v1/programmes/{programme.pk}/visits").json()
    assert body["count"] == 2 and names(body["results"]) == {"Bakkerij Eigen"}


def test_the_service_lists_every_visit(owner, programme):
    body = client_for(owner).get(f"/api/v1/programmes/{programme.pk}/visits").json()
    assert body["count"] == 3 and names(body["results"]) == {"Bakkerij Eigen", "Garage Buur"}


def test_planned_versus_done_counts_only_what_the_reader_may_open(official, programme, municipalities):
    body = client_for(official).get(f"/api/v1/programmes/{programme.pk}").json()
    assert (body["summary"]["planned"], Decimal(body["summary"]["planned_hours"])) == (2, Decimal(8))
    assert [(a["authority"], a["planned"]) for a in body["authorities"]] == [(municipalities[0].name, 2)]
    assert [m["planned"] for m in body["months"]][2:5] == [1, 0, 1]


def test_the_programme_page_shows_only_visits_to_own_establishments(client, official, programme, municipalities):
    client.force_login(official)
    page = client.get(reverse("supervision:programme", args=[programme.pk])).content.decode()
    assert "Bakkerij Eigen" in page
    assert "Garage Buur" not in page and municipalities[1].name not in page


def test_a_visit_to_another_municipality_cannot_be_changed_by_id(client, official, programme):
    foreign = programme.visits.get(establishment__name="Garage Buur")
    client.force_login(official)
    response = client.post(reverse("supervision:visit_change", args=[foreign.pk]), {f"v{foreign.pk}-month": 6})
    assert response.status_code == 404


def test_the_calendar_feed_leaves_out_visits_to_establishments_the_inspector_cannot_open(
    client, member, programme, other_service
):
    visits = list(programme.visits.order_by("id"))
    PlannedVisit.objects.filter(pk__in=[v.pk for v in visits]).update(inspector=member)
    handed_over = visits[-1].establishment
    type(handed_over).objects.filter(pk=handed_over.pk).update(owner=other_service, supervising_service=other_service)
    feed = client.get(reverse("supervision:calendar_feed", args=[renew_calendar_feed(user=member)])).content.decode()
    assert feed.count("BEGIN:VEVENT") == 2 and "Garage Buur" not in feed
