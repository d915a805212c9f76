"""Norm costs: products × standard hours × rate against realised hours × rate, at the boundaries."""

from datetime import date
from decimal import Decimal

import pytest

from openvth.rules import norm_costs
from openvth.rules.norm_costs import NoRate, NormHoursError, Product


def test_zero_hours_cost_nothing_and_have_no_ratio():
    result = norm_costs.compare(0, Decimal(8), Decimal(0), Decimal("95.50"))
    assert (result.norm_cost, result.realised_cost, result.difference) == (0, 0, 0)
    assert result.ratio is None


def test_cost_per_product_against_the_norm():
    # 3 inspections of 8 norm hours at € 97,35: norm 24 h = € 2336,40; realised 27,5 h = € 2677,13 (2677,125 rounded up)
    result = norm_costs.compare(3, Decimal(8), Decimal("27.5"), Decimal("97.35"))
    assert result.norm_hours == Decimal(24)
    assert result.norm_cost == Decimal("2336.40")
    assert result.realised_cost == Decimal("2677.13")
    assert result.difference == Decimal("340.73")
    assert result.ratio == Decimal("1.15")


def test_rounding_to_cents_is_half_up_once_for_the_sum():
    assert norm_costs.cost(Decimal("0.25"), Decimal("0.02")) == Decimal("0.01")  # 0.005 → 0.01
    assert norm_costs.cost(Decimal("0.25"), Decimal("0.01")) == Decimal("0.00")  # 0.0025 → 0.00
    assert norm_costs.cost(Decimal("1.5"), Decimal("33.33")) == Decimal("50.00")  # 49.995 → 50.00


def test_a_sheet_line_without_norm_has_realised_cost_only():
    result = norm_costs.compare(0, None, Decimal(10), Decimal(100))
    assert (result.norm_cost, result.realised_cost) == (Decimal(0), Decimal("1000.00"))


def test_no_rate_for_the_year_is_a_clear_error():
    with pytest.raises(NoRate, match="geen uurtarief voor 2027"):
        norm_costs.rate_for({2026: Decimal(100)}, 2027)
    assert norm_costs.rate_for({2026: Decimal(100)}, 2026) == Decimal(100)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        norm_costs.compare(-1, Decimal(8), Decimal(0), Decimal(1))


def test_norm_hours_table_keeps_defaults_and_refuses_every_bad_value_at_once():
    table = norm_costs.parse_norm_hours({"inspectie": "10,5"})
    assert table["inspectie"] == "10.5"
    assert table["handhavingszaak"] == str(norm_costs.DEFAULT_NORM_HOURS[Product.ENFORCEMENT_CASE]) + ".0"
    with pytest.raises(NormHoursError) as raised:
        norm_costs.parse_norm_hours(
            {"inspectie": "0", "vergunning-regulier": "10001", "iets": 3, "handhavingszaak": "1.25"}
        )
    assert set(raised.value.errors) == {"inspectie", "vergunning-regulier", "iets", "handhavingszaak"}
    assert norm_costs.parse_norm_hours({"inspectie": "10000"})["inspectie"] == "10000.0"  # the upper bound holds


def test_norm_hours_read_back_with_defaults():
    hours = norm_costs.norm_hours({"inspectie": "6.0"})
    assert hours["inspectie"] == Decimal(6) and hours["inspectie-complex"] == Decimal(40)


@pytest.mark.parametrize(("day", "quarter"), [(date(2026, 1, 1), 1), (date(2026, 3, 31), 1), (date(2026, 4, 1), 2),
                                             (date(2026, 9, 30), 3), (date(2026, 12, 31), 4)])  # fmt: skip
def test_quarter_boundaries(day, quarter):
    assert norm_costs.quarter_of(day) == quarter


def test_quarter_budgets_add_up_to_the_year_in_cents():
    amount = Decimal("1000.01")
    parts = [norm_costs.quarter_budget(amount, q) for q in (1, 2, 3, 4)]
    assert parts == [Decimal("250.00"), Decimal("250.00"), Decimal("250.00"), Decimal("250.01")]
    assert sum(parts) == amount
    with pytest.raises(ValueError):
        norm_costs.quarter_budget(amount, 5)


def test_products_of_tasks():
    assert norm_costs.inspection_product(complex_establishment=True, brzo_system=False) == Product.INSPECTION_COMPLEX
    assert norm_costs.inspection_product(complex_establishment=False, brzo_system=True) == Product.INSPECTION_COMPLEX
    assert norm_costs.inspection_product(complex_establishment=False, brzo_system=False) == Product.INSPECTION
    assert norm_costs.application_product(extended=True) == Product.PERMIT_EXTENDED
    assert set(norm_costs.PRODUCT_AREA) == set(Product) == set(norm_costs.PRODUCT_LABELS)
