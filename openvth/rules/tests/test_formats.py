"""The register formats, table-driven from their sources (see openvth/rules/formats.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.rules import formats
from openvth.rules.formats import FormatError

VALID = [
    (formats.kvk_number, "69599084", "69599084"),
    (formats.kvk_number, " 6959 9084 ", "69599084"),
    (formats.kvk_vestigingsnummer, "000038509504", "000038509504"),
    (formats.bag_nummeraanduiding_id, "0363200000218908", "0363200000218908"),
    (formats.postcode, "1234AB", "1234 AB"),
    (formats.postcode, "1234 ab", "1234 AB"),
    (formats.postcode, "9999 ZZ", "9999 ZZ"),
    (formats.house_number, "12", 12),
    (formats.house_number, 1, 1),
    (formats.cbs_municipality_code, "gm0363", "GM0363"),
]

INVALID = [
    (formats.kvk_number, "6959908", "precies 8 cijfers"),
    (formats.kvk_number, "695990841", "precies 8 cijfers"),
    (formats.kvk_number, "6959908A", "precies 8 cijfers"),
    (formats.kvk_vestigingsnummer, "38509504", "precies 12 cijfers"),
    (formats.bag_nummeraanduiding_id, "036320000021890", "precies 16 cijfers"),
    (formats.bag_nummeraanduiding_id, "0363010000218908", "objecttypecode 20"),  # 01 = verblijfsobject
    (formats.postcode, "0123 AB", "1234 AB"),  # no postcode starts with 0
    (formats.postcode, "12345 AB", "1234 AB"),
    (formats.postcode, "1234 A", "1234 AB"),
    (formats.postcode, "1234 SS", "niet uitgegeven"),
    (formats.postcode, "1234 SA", "niet uitgegeven"),
    (formats.postcode, "1234 SD", "niet uitgegeven"),
    (formats.house_number, "0", "tussen 1 en 99999"),
    (formats.house_number, "12a", "geheel getal"),
    (formats.cbs_municipality_code, "0363", "GM0363"),
]


@pytest.mark.parametrize(("rule", "value", "expected"), VALID)
def test_valid_values_are_normalised(rule, value, expected):
    assert rule(value) == expected


@pytest.mark.parametrize(("rule", "value", "message"), INVALID)
def test_invalid_values_are_refused_in_dutch(rule, value, message):
    with pytest.raises(FormatError, match=message):
        rule(value)


@pytest.mark.parametrize(
    ("x", "y", "inside"),
    [
        (155_000, 463_000, True),  # Amersfoort, the origin of RD
        (-7_000, 289_000, True),  # corners of the EPSG:28992 bounds
        (300_000, 629_000, True),
        (-7_001, 463_000, False),
        (155_000, 288_999, False),
        (300_001, 463_000, False),
        (155_000, 629_001, False),
    ],
)
def test_rd_coordinates_within_the_netherlands(x, y, inside):
    if inside:
        assert formats.rd_point(x, y) == formats.RDPoint(float(x), float(y))
    else:
        with pytest.raises(FormatError, match="buiten Nederland"):
            formats.rd_point(x, y)


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Jansen Metaal B.V.", "jansen metaal"),
        ("JANSEN METAAL BV", "jansen metaal"),
        ("Jansen-Metaal b.v.", "jansen metaal"),
        ("Café De Gouden Leeuw", "cafe gouden leeuw"),
        ("Bakkerij 't Stoepje V.O.F.", "bakkerij t stoepje"),
    ],
)
def test_normalised_name_finds_one_company_under_several_spellings(name, normalised):
    assert formats.normalised_name(name) == normalised


@given(
    st.integers(min_value=1000, max_value=9999),
    st.sampled_from("ABCDEFGHIJKLMNOPQRTUVWXYZ"),
    st.text("ABCZ", min_size=1, max_size=1),
)
def test_postcode_round_trips(digits, first, second):
    code = f"{digits}{first}{second}".lower()
    assert formats.postcode(formats.postcode(code)) == f"{digits} {first}{second}"
