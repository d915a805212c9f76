"""Uniform enforcement measured (openvth.rules.uniformity) on a hand-built set of decisions: exact shares, reasons,
medians, percentiles and recidivism with its window."""

from datetime import date

from openvth.rules import uniformity
from openvth.rules.uniformity import Fact


def fact(cell, first, *, service=1, reason="", establishment=1, provision="4.1", found=date(2024, 1, 10),
         intervened=None, complied=None):  # fmt: skip
    return Fact(service, cell, first, bool(reason), reason, establishment, provision, found, intervened, complied)


def test_the_modal_share_per_cell_and_overall():
    facts = [fact("B3", "warning")] * 3 + [fact("B3", "address")] + [fact("A1", "inform")] * 2
    shares = uniformity.modal_shares(facts)
    assert (shares["B3"].modal, shares["B3"].decisions, shares["B3"].share) == ("warning", 4, 0.75)
    assert shares["A1"].share == 1.0
    assert uniformity.overall_share(shares) == 5 / 6


def test_a_tie_goes_to_the_first_in_order_whatever_the_input_order():
    one = uniformity.modal_shares([fact("B2", "warning"), fact("B2", "address")])
    other = uniformity.modal_shares([fact("B2", "address"), fact("B2", "warning")])
    assert one["B2"].modal == other["B2"].modal == "address"


def test_agreement_with_the_national_modal_intervention():
    national = uniformity.modal_shares([fact("B3", "warning")] * 3 + [fact("B3", "address")])
    service = [fact("B3", "address", service=2), fact("B3", "warning", service=2), fact("C4", "boete", service=2)]
    assert uniformity.agreement(service, national) == 0.5  # C4 has no national mode here: left out


def test_deviations_are_counted_per_reason():
    facts = [fact("B3", "warning", reason="Meewerkend  bedrijf"), fact("B3", "warning", reason="Meewerkend bedrijf"),
             fact("A2", "warning", reason="Eerder aangesproken"), fact("A2", "address")]  # fmt: skip
    assert uniformity.deviation_reasons(facts) == [("Meewerkend bedrijf", 2), ("Eerder aangesproken", 1)]


def test_median_and_nearest_rank_p90_per_cell():
    found = date(2024, 1, 1)
    days = [2, 4, 6, 8, 10, 12, 14, 16, 18, 100]
    facts = [fact("B3", "warning", found=found, intervened=date.fromordinal(found.toordinal() + d)) for d in days]
    facts.append(fact("B3", "warning", found=found, complied=date(2024, 3, 1)))  # 60 days, no intervention date
    timing = uniformity.timings(facts)["B3"]
    assert timing.to_intervention == uniformity.Spread(10, 11, 18)  # median of 10 and 12; ceil(0.9 * 10) = 9th
    assert timing.to_compliance == uniformity.Spread(1, 60, 60)
    assert uniformity.percentile([5, 1, 3], 0.9) == 5 and uniformity.percentile([7], 0.5) == 7


def test_recidivism_within_12_and_24_months_only_where_the_window_has_passed():
    today = date(2026, 11, 18)
    facts = [
        fact("B3", "warning", establishment=1, found=date(2023, 5, 1)),  # new finding after 13 months
        fact("B3", "warning", establishment=2, found=date(2023, 5, 1)),  # new finding after 3 months
        fact("B3", "warning", establishment=3, found=date(2023, 5, 1)),  # none
        fact("B3", "warning", establishment=4, found=date(2025, 6, 1)),  # 12 passed, 24 not yet
        fact("A1", "inform", establishment=5, found=date(2026, 6, 1)),  # no window passed
    ]
    later = {
        (1, "4.1"): [date(2023, 5, 1), date(2024, 6, 1)],  # the same day is the finding itself, not a new one
        (2, "4.1"): [date(2023, 8, 1)],
        (2, "4.2"): [date(2023, 6, 1)],  # another provision
        (4, "4.1"): [date(2026, 1, 1)],
    }
    rates = uniformity.recidivism(facts, later, today)
    assert rates["warning"][12] == uniformity.Rate(eligible=4, recidive=2)  # establishments 2 and 4
    assert rates["warning"][24] == uniformity.Rate(eligible=3, recidive=2)  # 1 and 2; 4's window runs on
    assert rates["inform"][12].eligible == 0 and rates["inform"][12].share is None


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert uniformity.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert uniformity.add_months(date(2023, 11, 30), 24) == date(2025, 11, 30)
    assert uniformity.add_months(date(2023, 12, 31), 12) == date(2024, 12, 31)
