"""LateRowPaginator: the same pages, in the same order, as Django's Paginator, each row loaded whole."""

import pytest
from django.core.paginator import Paginator

from openvth.core.pagination import LateRowPaginator
from openvth.register.models import Establishment
from openvth.register.tests.factories import EstablishmentFactory

pytestmark = pytest.mark.django_db


def test_the_pages_equal_those_of_the_plain_paginator_and_keep_the_joins(django_assert_num_queries):
    for name in ["Delta", "alfa", "Charlie", "Bravo", "Echo", "Alfa"]:
        EstablishmentFactory(name=name)
    rows = Establishment.objects.select_related("company").order_by("name", "id")
    plain, late = Paginator(rows, 4), LateRowPaginator(rows, 4)
    for number in (1, 2):
        assert [e.pk for e in late.page(number)] == [e.pk for e in plain.page(number)]
    page = late.page(2)
    with django_assert_num_queries(0):  # the company came with each row
        assert all(e.company.name for e in page)
    assert list(LateRowPaginator(rows.filter(name="Zulu"), 4).page(1)) == []
