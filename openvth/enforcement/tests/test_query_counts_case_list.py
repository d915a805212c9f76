"""The enforcement case list never counts every case the user sees to number its pages: it reads a page plus one
case (is there a next page?) and counts at most CASES_COUNTED + 1 matches; beyond, the pager says "meer dan"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.enforcement import selectors, views
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory

from .factories import EnforcementCaseFactory

PAGE_QUERIES = 7  # session, user, the page's cases, their bounded count and the layout's reads
URL = reverse("enforcement:cases")


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "CASES_PER_PAGE", 2)
    monkeypatch.setattr(views, "CASES_COUNTED", 6)  # three pages counted


@pytest.fixture
def manager(client, service):
    user = UserFactory(organisation=service, role=Role.MANAGER)
    client.force_login(user)
    return user


def add_cases(service, n: int, municipality=None):
    for _ in range(n):
        establishment = EstablishmentFactory(owner=service, **({"municipality": municipality} if municipality else {}))
        EnforcementCaseFactory(establishment=establishment, route="herstel", state="geconstateerd")


def pager(response) -> str:
    return " ".join(response.content.decode().split('class="pager"', 1)[-1].split("</nav>", 1)[0].split())


def test_a_short_list_is_numbered_exactly(client, service, manager):
    add_cases(service, 5)
    first = client.get(URL)
    page = first.context["page"]
    assert (page.number, page.num_pages, page.has_next, page.has_previous) == (1, 3, True, False)
    assert "Pagina 1 van 3" in pager(first) and "Volgende" in pager(first) and "Vorige" not in pager(first)
    last = client.get(URL, {"pagina": 3})
    assert (len(last.context["rows"]), last.context["page"].num_pages, last.context["page"].has_next) == (1, 3, False)
    assert "Pagina 3 van 3" in pager(last) and "Volgende" not in pager(last)


def test_beyond_the_bound_the_pages_are_not_counted(client, service, manager):
    add_cases(service, 9)
    first = client.get(URL)
    assert first.context["page"].num_pages is None and first.context["page"].has_next
    assert "Pagina 1 van meer dan 3" in pager(first)
    fourth = client.get(URL, {"pagina": 4})  # 8 seen and a next page: past the bound, not counted
    assert "Pagina 4 van meer dan 4" in pager(fourth) and "Vorige" in pager(fourth)
    last = client.get(URL, {"pagina": 5})  # the last page knows the number exactly without counting
    assert (len(last.context["rows"]), last.context["page"].num_pages) == (1, 5)
    assert "Pagina 5 van 5" in pager(last) and "Volgende" not in pager(last)


def test_the_pages_together_are_the_cases_the_user_sees(client, service, other_service, manager):
    municipality = OrganisationFactory(name="Gemeente Hier")
    add_cases(service, 4, municipality)
    add_cases(service, 3)
    add_cases(other_service, 2)  # not seen by the service
    official = UserFactory(organisation=municipality, role=Role.AUTHORITY_OFFICIAL)
    for user in (manager, official):
        client.force_login(user)
        listed, number = [], 1
        while True:
            response = client.get(URL, {"pagina": number})
            listed += [case for case, _route, _label in response.context["rows"]]
            if not response.context["page"].has_next:
                break
            number += 1
        assert listed == list(selectors.cases(user)), user
    assert len(listed) == 4  # the municipality's


@pytest.mark.parametrize(("asked", "shown"), [("", 1), ("0", 1), ("abc", 1), ("-2", 1), ("99", 3), ("2", 2)])
def test_a_page_number_out_of_range_shows_a_page(client, service, manager, asked, shown):
    add_cases(service, 5)
    response = client.get(URL, {"pagina": asked})
    assert response.status_code == 200
    assert response.context["page"].number == shown
    assert response.context["rows"]


def test_no_count_of_every_case(client, service, manager, django_assert_max_num_queries):
    add_cases(service, 9)
    client.get(URL)  # the session's first request
    for number in (1, 2, 4, 5):
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(PAGE_QUERIES):
            client.get(URL, {"pagina": number})
        sqls = [q["sql"].upper() for q in queries.captured_queries]
        counts = [sql for sql in sqls if "COUNT(" in sql and "ENFORCEMENT_ENFORCEMENTCASE" in sql]
        assert all("LIMIT" in sql for sql in counts), counts
        assert len(counts) <= 1
    add_cases(service, 20)
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert len(client.get(URL).context["rows"]) == 2
