"""Woo redaction on the annotated test set (openvth/disclosure/testset) and on the cases the policy names."""

import pytest

from openvth.disclosure import redaction
from openvth.disclosure.redaction import Context, redact
from openvth.disclosure.testset import load, score

CASES = load()
ALWAYS_REMOVED = {"bsn", "phone", "email", "birth_date"}
ALWAYS_KEPT = {"provision", "amount", "kvk", "substance", "date"}


@pytest.fixture(scope="module")
def scores():
    return {case.id: score(case, case.openvth_spans()) for case in CASES}


def test_the_set_is_large_and_varied():
    assert len(CASES) >= 100
    assert {case.kind for case in CASES} == {"inspections", "warnings", "orders", "complaints", "police_reports"}
    labels = {item.label for case in CASES for item in case.personal}
    assert {"person", "phone", "email", "bsn", "birth_date", "home_address"} <= labels


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_identifiers_and_birth_dates_go_and_provisions_amounts_and_dates_stay(case, scores):
    result = scores[case.id]
    assert [item.text for item in result.missed if item.label in ALWAYS_REMOVED] == []
    assert [item.text for item in result.lost if item.label in ALWAYS_KEPT] == []


def test_at_least_99_percent_of_personal_items_are_removed(scores):
    removed = sum(len(s.removed) for s in scores.values())
    missed = [item.text for s in scores.values() for item in s.missed]
    assert removed / (removed + len(missed)) >= 0.99, missed


def test_at_least_95_percent_of_public_items_are_kept(scores):
    kept = sum(len(s.kept) for s in scores.values())
    lost = [item.text for s in scores.values() for item in s.lost]
    assert kept / (kept + len(lost)) >= 0.95, lost


def test_spans_are_offsets_in_the_original_and_the_text_shows_the_woo_ground():
    text = "De toezichthouder,\nJ. de Vries\nBakkerij Jansen B.V., BSN 111222333, tel. +31 6 1234 5678"
    result = redact(text)
    assert [(text[s.start : s.end], s.label) for s in result.spans] == [
        ("J. de Vries", "person"),
        ("111222333", "bsn"),
        ("+31 6 1234 5678", "phone"),
    ]
    assert result.text == "De toezichthouder,\n[5.1.2e]\nBakkerij Jansen B.V., BSN [5.1.1e], tel. [5.1.2e]"


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 12345678",
        "+31 6 1234 5678",
        "010-1234567",
        "(0513) 62 44 19",
        "0031 6 12345678",
        "+31 (0)6-12345678",
        "040 - 2 59 47 13",
    ],
)
def test_dutch_phone_formats_are_removed(phone):
    text = f"Bereikbaar op {phone}."
    assert [text[s.start : s.end] for s in redaction.find(text)] == [phone]


@pytest.mark.parametrize("number", ["01-02-2024", "17054321", "000012345678", "NL02 BNGH 0285 0017 89", "123456789"])
def test_dates_kvk_numbers_accounts_and_numbers_failing_the_eleven_proof_stay(number):
    assert redaction.find(f"Kenmerk {number} van de inspectie.") == []


def test_a_sole_traders_home_address_is_removed_and_an_establishment_address_kept():
    text = "Garage Koster, Dorpsstraat 56, 1721 BD Broek op Langedijk. Controle op 17 augustus 2023."
    home = Context.for_establishment(
        name="Garage Koster", address="Dorpsstraat 56", sole_trader=True, home_address=True
    )
    shop = Context.for_establishment(
        name="Garage Koster", address="Dorpsstraat 56", sole_trader=True, home_address=False
    )
    # at a home address the trade name, a surname, goes with the address
    assert redact(text, home).text == "[5.1.2e], [5.1.2e] Broek op Langedijk. Controle op 17 augustus 2023."
    assert redact(text, shop).text == text


def test_a_birth_date_goes_but_other_dates_stay():
    text = "Verdachte, geboren op 3 april 1978 te Tilburg, is op 3 april 2024 gehoord."
    assert redact(text).text == "Verdachte, geboren op [5.1.2e] te [5.1.2e], is op 3 april 2024 gehoord."
