"""The API's pages: an exact count under the bound, the bound beyond it (`count_exact` false), `next` and `previous`
right on every page, a page past the last one a 404 — over the establishments list, as any paginated list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openvth.core.api import Pagination
from openvth.register.tests.factories import EstablishmentFactory
from openvth.testing.api import client_for, problem

ESTABLISHMENTS = "/api/v1/establishments"


@pytest.fixture
def seven(service):
    return EstablishmentFactory.create_batch(7, owner=service)


@pytest.fixture
def bound(monkeypatch):
    """A small bound, so that a few rows lie beyond it."""
    monkeypatch.setattr(Pagination, "count_bound", 5)
    return 5


def page(user, **params) -> dict:
    response = client_for(user).get(ESTABLISHMENTS, params)
    assert response.status_code == 200, response.content
    return response.json()


def page_and_counts(user, **params) -> tuple[dict, list[str]]:
    """A page and the SQL of the counting queries it ran."""
    with CaptureQueriesContext(connection) as captured:
        body = page(user, **params)
    return body, [q["sql"].upper() for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]


def page_of(link: str | None) -> str | None:
    """The `page` parameter of a link: None for a link without one (the first page) or no link at all."""
    if link is None:
        return None
    query = dict(part.split("=") for part in link.partition("?")[2].split("&") if part)
    return query.get("page", "1")


def test_under_the_bound_the_count_is_exact(owner, seven):
    body = page(owner, page_size=3)
    assert (body["count"], body["count_exact"]) == (7, True)
    assert len(body["results"]) == 3


def test_on_the_last_page_the_count_is_exact_without_counting(owner, seven):
    body, counts = page_and_counts(owner, page_size=3, page=3)
    assert (body["count"], body["count_exact"], len(body["results"])) == (7, True, 1)
    assert counts == []


def test_beyond_the_bound_the_count_is_the_bound_and_says_so(owner, seven, bound):
    body = page(owner, page_size=2)
    assert (body["count"], body["count_exact"]) == (bound, False)
    assert page_of(body["next"]) == "2"


def test_exactly_at_the_bound_the_count_is_exact(owner, service, bound):
    EstablishmentFactory.create_batch(bound, owner=service)
    body = page(owner, page_size=2)
    assert (body["count"], body["count_exact"]) == (bound, True)


def test_pages_beyond_the_bound_are_served_and_the_last_counts_exactly(owner, seven, bound):
    beyond = page(owner, page_size=3, page=2)  # rows 4..6 of 7: past the bound of 5, with one more to come
    assert (beyond["count"], beyond["count_exact"]) == (bound, False)
    assert (page_of(beyond["previous"]), page_of(beyond["next"])) == ("1", "3")
    last = page(owner, page_size=3, page=3)
    assert (last["count"], last["count_exact"]) == (7, True)
    assert [r["id"] for r in last["results"]] == [sorted(seven, key=lambda e: (e.name, e.id))[-1].pk]


def test_next_and_previous_links_on_first_middle_and_last_page(owner, seven):
    first, middle, last = (page(owner, page_size=3, page=n) for n in (1, 2, 3))
    assert (first["previous"], page_of(first["next"])) == (None, "2")
    assert (page_of(middle["previous"]), page_of(middle["next"])) == ("1", "3")
    assert "page=" not in middle["previous"]  # the first page is linked without a page parameter
    assert (page_of(last["previous"]), last["next"]) == ("2", None)
    ids = [r["id"] for body in (first, middle, last) for r in body["results"]]
    assert sorted(ids) == sorted(e.pk for e in seven) and len(set(ids)) == 7


def test_a_full_last_page_has_no_next(owner, service):
    EstablishmentFactory.create_batch(6, owner=service)
    body = page(owner, page_size=3, page=2)
    assert (body["next"], body["count"], len(body["results"])) == (None, 6, 3)


def test_a_page_past_the_last_is_404_and_an_empty_first_page_is_not(owner, seven, bound):
    problem(client_for(owner).get(ESTABLISHMENTS, {"page_size": 3, "page": 4}), 404)
    empty = page(owner, place="Nergensdorp")
    assert (empty["count"], empty["count_exact"], empty["next"], empty["previous"]) == (0, True, None, None)


def test_the_count_query_is_limited_to_the_bound_and_unordered(owner, seven, bound):
    body, counts = page_and_counts(owner, page_size=2)
    assert body["count_exact"] is False
    assert len(counts) == 1 and f"LIMIT {bound + 1}" in counts[0] and "ORDER BY" not in counts[0]


def test_the_schema_documents_the_bounded_count():
    schema = Pagination().get_paginated_response_schema({"type": "array"})
    assert {"count", "count_exact", "next", "previous", "results"} <= set(schema["required"])
    assert str(Pagination.count_bound) in schema["properties"]["count"]["description"]
    assert schema["properties"]["count_exact"]["type"] == "boolean"
