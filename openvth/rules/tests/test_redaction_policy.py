"""The Woo redaction policy from docs/domain.md §8 and Woo art. 5.1 (openvth/rules/redaction_policy.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.rules.redaction_policy import (
    POLICY,
    PUBLIC_FUNCTIONS,
    Action,
    Span,
    blacken,
    decide,
    eleven_proof,
    establishment_is_personal,
    general_mailbox,
    ground,
    inside_word,
    is_bsn,
    removed,
    side_code,
    to_word_bounds,
)

ACTIONS = [
    ("person", Action.REMOVE, "5.1.2e"),
    ("phone", Action.REMOVE, "5.1.2e"),
    ("email", Action.REMOVE, "5.1.2e"),
    ("home_address", Action.REMOVE, "5.1.2e"),
    ("birth_date", Action.REMOVE, "5.1.2e"),
    ("bsn", Action.REMOVE, "5.1.1e"),
    ("health", Action.REMOVE, "5.1.1d"),
    ("vehicle", Action.REMOVE, "5.1.2e"),
    ("iban", Action.REMOVE, "5.1.2e"),
    ("trade_name", Action.REMOVE, "5.1.2e"),
    ("personal_kvk", Action.REMOVE, "5.1.2e"),
    ("bestuurder", Action.KEEP, ""),
    ("mailbox", Action.KEEP, ""),
    ("public_account", Action.KEEP, ""),
    ("case_reference", Action.KEEP, ""),
    ("organisation", Action.KEEP, ""),
    ("kvk", Action.KEEP, ""),
    ("establishment_address", Action.KEEP, ""),
    ("place", Action.KEEP, ""),
    ("date", Action.KEEP, ""),
    ("amount", Action.KEEP, ""),
    ("provision", Action.KEEP, ""),
    ("substance", Action.KEEP, ""),
]


@pytest.mark.parametrize(("label", "action", "woo_ground"), ACTIONS)
def test_each_kind_is_removed_or_kept_with_its_ground(label, action, woo_ground):
    assert POLICY[label].action is action
    assert ground(label) == woo_ground


def test_every_rule_names_its_source():
    assert all(rule.source and (rule.action is Action.KEEP) == (rule.ground == "") for rule in POLICY.values())


@pytest.mark.parametrize(
    ("sole_trader", "home_address", "personal"),
    [(True, True, True), (True, False, False), (False, True, False), (False, False, False)],
)
def test_only_a_sole_trader_at_a_home_address_is_personal(sole_trader, home_address, personal):
    assert establishment_is_personal(sole_trader=sole_trader, home_address=home_address) is personal


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("111222333", True),
        ("123456782", True),
        ("628194821", True),
        ("123456789", False),
        ("12345678", False),
        ("1234567890", False),
        ("12345678a", False),
    ],
)
def test_eleven_proof(digits, valid):
    assert eleven_proof(digits) is valid


TEXT = "Bakkerij Jansen B.V., Kaya B.V. aan de Kraaivenstraat, tel 06-12345678 en de heer P. Jansen"


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # a name inside a legal person's name is protected
        ([Span(9, 15, "person"), Span(0, 20, "organisation")], []),
        # a phone number inside a kept span stays removed (unconditional)
        ([Span(59, 70, "phone"), Span(55, 70, "organisation")], [Span(59, 70, "phone")]),
        # a name that runs into a company and an address is cut at their borders; " aan de " holds no name
        ([Span(22, 53, "person"), Span(22, 31, "organisation"), Span(39, 53, "establishment_address")], []),
        # the cut keeps the part that is still a name, without the space at its edge
        ([Span(74, 91, "person"), Span(82, 84, "organisation")], [Span(85, 91, "person")]),
        # a home address partly overlapping a kept span is removed whole: privacy prevails in doubt
        ([Span(39, 53, "home_address"), Span(50, 60, "place")], [Span(39, 53, "home_address")]),
        # overlapping removals merge under the label of the longest
        (
            [Span(74, 91, "person"), Span(85, 91, "person"), Span(59, 70, "phone")],
            [Span(59, 70, "phone"), Span(74, 91, "person")],
        ),
    ],
)
def test_decide(spans, expected):
    assert decide(spans, TEXT) == expected


LABELS = sorted(POLICY)


@given(st.lists(st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 30), st.sampled_from(LABELS)), max_size=12))
def test_decided_spans_are_sorted_disjoint_and_only_cover_removals_widened_to_words(raw):
    spans = [Span(start, min(start + length, len(TEXT)), label) for start, length, label in raw]
    decided = decide(spans, TEXT)
    assert all(a.end <= b.start for a, b in zip(decided, decided[1:], strict=False))
    widened = [to_word_bounds(s, TEXT) for s in spans if removed(s.label)]
    removal_chars = {i for s in widened for i in range(s.start, s.end)}
    assert all(set(range(s.start, s.end)) <= removal_chars and removed(s.label) for s in decided)


@pytest.mark.parametrize(
    ("removals", "expected"),
    [
        ([], "Jan belde 06-12345678."),
        ([(0, 3, "5.1.2e")], "[5.1.2e] belde 06-12345678."),
        ([(10, 21, "5.1.2e"), (0, 3, "5.1.2e")], "[5.1.2e] belde [5.1.2e]."),  # in any order
    ],
)
def test_blacken_replaces_each_removed_passage_by_its_ground(removals, expected):
    assert blacken("Jan belde 06-12345678.", removals) == expected


def test_the_public_functions_are_the_bestuurders_of_domain_rules():
    assert {"burgemeester", "wethouder", "gedeputeerde", "minister"} <= set(PUBLIC_FUNCTIONS)
    assert not {"secretaris", "directeur", "teamleider", "toezichthouder"} & set(PUBLIC_FUNCTIONS)


@pytest.mark.parametrize(
    ("registration", "code"),
    [
        ("AB-12-34", 1),
        ("12-34-AB", 2),
        ("12-AB-34", 3),
        ("AB-12-CD", 4),
        ("AB-CD-12", 5),
        ("12-AB-CD", 6),
        ("82-BRK-4", 7),
        ("6-VTG-92", 8),
        ("VK-381-B", 9),
        ("V-928-TX", 10),
        ("VZP-91-G", 11),
        ("S-12-FDB", 12),
        ("1-KZ-123", 13),
        ("123-ZG-4", 14),
        ("14-03-24", 0),  # a date
        ("PGS-15", 0),
        ("AB-1234", 0),
    ],
)
def test_side_codes_of_dutch_registrations(registration, code):
    assert side_code(registration) == code


@pytest.mark.parametrize(
    ("address", "general"),
    [
        ("info@omwb.nl", True),
        ("handhaving@odgroningen.nl", True),
        ("juridischezaken@odnog.nl", True),
        ("vergunningen.milieu@gemeente.nl", True),
        ("m.hiemstra@fumo.nl", False),
        ("theo.ankersmit@kpnmail.nl", False),
        ("jansen@bakkerij.nl", False),
    ],
)
def test_an_organisations_general_mailbox_is_no_persons_address(address, general):
    assert general_mailbox(address) is general


@pytest.mark.parametrize(
    ("digits", "bsn"),
    [("111222333", True), ("17054321", False), ("000000000", False), ("123456789", False), ("1234567890", False)],
)
def test_a_bsn_has_nine_digits_that_pass_the_eleven_proof(digits, bsn):
    assert is_bsn(digits) is bsn


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("toezichthouder Jansen", 12, 21, "toezichthouder Jansen"),  # "der Jansen" cut in a word: widened
        ("bij Kuipers-Veldman thuis", 4, 11, "Kuipers-Veldman"),
        ("kenteken 82-BRK-4.", 12, 17, "82-BRK-4"),
        ("de heer Jansen, ", 8, 14, "Jansen"),
    ],
)
def test_a_removal_is_widened_to_whole_words(text, start, end, expected):
    span = to_word_bounds(Span(start, end, "person"), text)
    assert text[span.start : span.end] == expected


WORDS = st.sampled_from(
    ["toezichthouder", "der", "de", "ter", "van", "Jansen", "dokter", "Öztürk", "B.V.", "82-BRK-4", "Kuipers-Veldman"]
)
TEXTS = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


@given(TEXTS, st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30), st.sampled_from(LABELS)), max_size=8))
def test_decided_spans_never_start_or_end_inside_a_word(text, raw):
    spans = [Span(min(s, len(text) - 1), min(s + n, len(text)), label) for s, n, label in raw if s < len(text)]
    for span in decide(spans, text):
        assert not inside_word(text, span.start) and not inside_word(text, span.end), (text, span)
