"""Replaying decisions into provision versions (docs/domain.md §2): every operation, order, boundaries, errors."""

import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.rules.consolidation import (
    Change,
    ConsolidationError,
    Decision,
    in_force,
    natural_key,
    replay,
)

D = date.fromisoformat


def decision(key, kind, effective, changes=(), decided=None, order=None):
    return Decision(
        key=key,
        reference=key,
        kind=kind,
        decided_on=D(decided or effective),
        effective_from=D(effective),
        changes=tuple(Change(*c) for c in changes),
        order=order if order is not None else 0,
    )


GRANT = decision("V-1", "grant", "2020-01-01", [("add", "1", "Geluid max 50 dB(A)"), ("add", "2", "Afval scheiden")])


def texts(versions, day):
    return {v.number: (v.text, v.source) for v in in_force(versions, D(day))}


def test_grant_adds_provisions_from_the_effective_day_not_the_day_before():
    versions = replay([GRANT])
    assert texts(versions, "2019-12-31") == {}
    assert texts(versions, "2020-01-01") == {"1": ("Geluid max 50 dB(A)", "V-1"), "2": ("Afval scheiden", "V-1")}


def test_replace_ends_the_old_version_the_day_the_new_one_starts():
    amend = decision("W-1", "amend", "2021-06-01", [("replace", "1", "Geluid max 45 dB(A)")])
    versions = replay([GRANT, amend])
    assert texts(versions, "2021-05-31")["1"] == ("Geluid max 50 dB(A)", "V-1")
    assert texts(versions, "2021-06-01")["1"] == ("Geluid max 45 dB(A)", "W-1")
    old = next(v for v in versions if v.source == "V-1" and v.number == "1")
    assert (old.valid_until, old.ended_by) == (D("2021-06-01"), "W-1")


def test_revoke_provision_and_add_a_new_one():
    amend = decision("W-1", "amend", "2021-06-01", [("revoke", "2", ""), ("add", "3", "Emissie stof max 5 mg/m3")])
    on_day = texts(replay([GRANT, amend]), "2021-06-01")
    assert set(on_day) == {"1", "3"}


def test_revoking_the_whole_permit_ends_every_provision():
    revoke = decision("I-1", "revoke", "2022-01-01")
    versions = replay([GRANT, revoke])
    assert set(texts(versions, "2021-12-31")) == {"1", "2"}
    assert texts(versions, "2022-01-01") == {}
    assert {v.ended_by for v in versions} == {"I-1"}


def test_out_of_order_arrival_is_applied_by_effective_date_then_decided_date():
    first = decision("W-1", "amend", "2021-06-01", [("replace", "1", "eerst")], decided="2021-05-01", order=3)
    second = decision("W-2", "amend", "2021-06-01", [("replace", "1", "daarna")], decided="2021-05-20", order=2)
    later = decision("W-3", "amend", "2022-01-01", [("replace", "1", "laatst")], order=1)
    versions = replay([later, second, first, GRANT])
    assert texts(versions, "2021-06-01")["1"] == ("daarna", "W-2")
    assert texts(versions, "2022-01-01")["1"] == ("laatst", "W-3")
    assert [v.source for v in versions if v.number == "1"] == ["V-1", "W-1", "W-2", "W-3"]


@pytest.mark.parametrize(
    ("changes", "kind", "message"),
    [
        ([("replace", "7", "x")], "amend", "Besluit W-9, voorschrift 7: kan niet worden vervangen: het is op"),
        ([("revoke", "7", "")], "amend", "Besluit W-9, voorschrift 7: kan niet worden ingetrokken"),
        ([("add", "1", "x")], "amend", "Besluit W-9, voorschrift 1: kan niet worden toegevoegd: het is op"),
        ([("move", "1", "x")], "amend", "Besluit W-9, voorschrift 1: onbekende bewerking 'move'"),
        ([("add", "8", " ")], "amend", "Besluit W-9, voorschrift 8: de tekst van het voorschrift ontbreekt"),
        ([], "amend", "Besluit W-9: een verlening of wijziging bevat ten minste één wijziging"),
        ([("add", "8", "x")], "revoke", "Besluit W-9: een intrekking van de hele vergunning bevat geen wijzigingen"),
        ([("add", "8", "x")], "annul", "Besluit W-9: onbekende soort 'annul'"),
    ],
)
def test_impossible_decisions_name_decision_and_provision(changes, kind, message):
    with pytest.raises(ConsolidationError, match=message.replace("(", r"\(")):
        replay([GRANT, decision("W-9", kind, "2021-01-01", changes)])


def test_a_change_before_the_grant_takes_effect_is_impossible():
    early = decision("W-0", "amend", "2019-06-01", [("replace", "1", "te vroeg")])
    with pytest.raises(ConsolidationError) as caught:
        replay([GRANT, early])
    assert (caught.value.reference, caught.value.number) == ("W-0", "1")


def test_revoking_when_no_permit_is_in_force_is_impossible():
    with pytest.raises(ConsolidationError, match="Besluit I-1: op 2019-01-01 is geen vergunning van kracht"):
        replay([GRANT, decision("I-1", "revoke", "2019-01-01")])


@pytest.mark.parametrize(
    ("numbers", "ordered"),
    [
        (["10", "2", "1"], ["1", "2", "10"]),
        (["1.10", "1.2", "1.1"], ["1.1", "1.2", "1.10"]),
        (["4a", "4", "3.1", "5"], ["3.1", "4", "4a", "5"]),
        (["B.2", "A.10", "A.9"], ["A.9", "A.10", "B.2"]),
    ],
)
def test_natural_order_of_provision_numbers(numbers, ordered):
    assert sorted(numbers, key=natural_key) == ordered


# --- property: the replay equals a naive replay up to any date ------------------------------------------------


def naive(decisions, day):
    """Apply the decisions effective on or before `day` one by one to a plain dict: number -> (text, source)."""
    permit = {}
    for d in sorted(decisions, key=lambda d: (d.effective_from, d.decided_on, d.order)):
        if d.effective_from > day:
            break
        if d.kind == "revoke":
            permit = {}
        for change in d.changes:
            permit.pop(change.number, None)
            if change.op != "revoke":
                permit[change.number] = (change.text, d.key)
    return permit


@st.composite
def valid_histories(draw):
    """A valid history built in application order, then shuffled: what an import may receive."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    count = draw(st.integers(1, 12))
    day, in_force_now, decisions = D("2015-01-01"), set(), []
    for index in range(count):
        day += timedelta(days=draw(st.integers(0, 400)))
        kind = "grant" if not in_force_now else draw(st.sampled_from(["amend", "amend", "amend", "revoke", "grant"]))
        changes = []
        if kind != "revoke":
            free = [str(n) for n in range(1, 15) if str(n) not in in_force_now]
            if kind == "grant" and not free:
                kind = "amend"
            for number in rng.sample(sorted(in_force_now), min(len(in_force_now), rng.randint(0, 3))):
                op = rng.choice(["replace", "revoke"])
                changes.append(Change(op, number, f"tekst {index}-{number}" if op == "replace" else ""))
                if op == "revoke":
                    in_force_now.discard(number)
            for number in rng.sample(free, min(len(free), rng.randint(1 if not changes else 0, 3))):
                changes.append(Change("add", number, f"tekst {index}-{number}"))
                in_force_now.add(number)
            if not changes:
                kind, in_force_now = "revoke", set()
        else:
            in_force_now = set()
        decisions.append(Decision(f"B-{index}", f"B-{index}", kind, day, day, tuple(changes), order=index))
    return draw(st.permutations(decisions))


@given(valid_histories(), st.integers(-30, 5000))
def test_consolidation_on_any_date_equals_a_naive_replay(decisions, offset):
    day = D("2015-01-01") + timedelta(days=offset)
    versions = replay(decisions)
    assert texts(versions, day.isoformat()) == naive(decisions, day)
