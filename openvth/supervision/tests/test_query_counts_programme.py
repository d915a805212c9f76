"""The yearly programme page runs a fixed number of queries whatever the number of visits: its totals, months and
authorities come from one grouped read, which also numbers the list's pages (no COUNT of the visits)."""

from decimal import Decimal

import pytest
from django.db.models import Count, Q, Sum
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory
from openvth.supervision.models import Inspection, PlannedVisit, Programme
from openvth.supervision.selectors import planning as selectors
from openvth.supervision.tests.factories import InspectionFactory
from openvth.supervision.views import planning as views

# session, user, programme, figures, inspectors, the page's visit ids and their rows (LateRowPaginator), notifications
# and the layout's reads
PAGE_QUERIES = 11


@pytest.fixture
def programme(service):
    """Visits in three months to establishments of two municipalities, one of them postponed, one of them done."""
    programme = Programme.objects.create(service=service, year=clock.today().year, capacity_hours=30)
    municipalities = [OrganisationFactory(name="Gemeente Aadorp"), OrganisationFactory(name="Gemeente Beestad")]
    for n in range(7):
        establishment = EstablishmentFactory(owner=service, municipality=municipalities[n % 2], name=f"Bedrijf {n}")
        PlannedVisit.objects.create(
            programme=programme, establishment=establishment, month=3 + n % 3, hours=Decimal("2.5"), postponed=n == 6
        )
    visit = programme.visits.order_by("id").first()
    visit.inspection = InspectionFactory(establishment=visit.establishment, status=Inspection.Status.CLOSED)
    visit.save()
    return programme


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("visits_per_page", [2, 100])
def test_the_programme_page_runs_a_fixed_number_of_queries(
    client, monkeypatch, service, programme, django_assert_max_num_queries, visits_per_page
):
    monkeypatch.setattr(views, "VISITS_PER_PAGE", visits_per_page)
    manager = UserFactory(organisation=service, role=Role.MANAGER)
    url = reverse("supervision:programme", args=[programme.pk])
    login(client, manager).get(url)  # the session's first request
    for query in ("", "?pagina=2", "?maand=4", "?maand=4&pagina=2"):
        with django_assert_max_num_queries(PAGE_QUERIES):
            response = client.get(url + query)
        assert response.status_code == 200


def test_the_pages_are_numbered_from_the_figures(client, monkeypatch, service, programme):
    monkeypatch.setattr(views, "VISITS_PER_PAGE", 2)
    url = reverse("supervision:programme", args=[programme.pk])
    client = login(client, UserFactory(organisation=service, role=Role.MANAGER))
    page = client.get(url).context["page"]
    assert (page.paginator.count, page.paginator.num_pages) == (7, 4)  # the postponed visit is listed too
    last = client.get(url + "?pagina=4").context["page"]
    assert [visit.establishment.name for visit in last] == ["Bedrijf 5"]
    in_april = client.get(url + "?maand=4").context["page"]
    assert (in_april.paginator.count, [v.month for v in in_april]) == (2, [4, 4])
    assert client.get(url + "?maand=13").context["page"].paginator.count == 0


def test_the_figures_are_those_of_the_visits_the_reader_sees(programme):
    """programme_progress against the totals counted straight from the visits, for the service and for one of the
    municipalities (which sees only the visits to its own establishments)."""
    municipality = programme.visits.order_by("id").first().establishment.municipality
    official = UserFactory(organisation=municipality, role=Role.AUTHORITY_OFFICIAL)
    for user, expected_visits in ((UserFactory(organisation=programme.service, role=Role.MANAGER), 7), (official, 4)):
        visits = PlannedVisit.objects.filter(programme=programme).filter(
            Q(establishment__owner_id=user.organisation_id)
            | Q(establishment__competent_authority_id=user.organisation_id)
            | Q(establishment__supervising_service_id=user.organisation_id)
        )
        kept = visits.filter(postponed=False)
        done = Q(inspection__status=Inspection.Status.CLOSED)
        progress = selectors.programme_progress(programme, user)
        assert progress.visit_count() == visits.count() == expected_visits
        summary = progress.summary
        assert (summary.planned, summary.done, summary.postponed) == (
            kept.count(),
            kept.filter(done).count(),
            visits.filter(postponed=True).count(),
        )
        assert summary.planned_hours == kept.aggregate(h=Sum("hours"))["h"]
        expected_months = {
            row["month"]: row for row in kept.values("month").annotate(planned=Count("id"), hours=Sum("hours"))
        }
        for row in progress.months:
            want = expected_months.get(row["month"], {"planned": 0, "hours": 0})
            assert (row["planned"], row["hours"]) == (want["planned"], want["hours"])
        by_authority = kept.values_list("establishment__competent_authority__name").annotate(n=Count("id"))
        assert [(row["authority"], row["planned"]) for row in progress.authorities] == sorted(by_authority)
