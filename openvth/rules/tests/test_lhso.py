"""The LHSO matrix (docs/domain.md §4): every cell of the default table, aspects, consultation, the recorded decision,
and the monotonicity bound under any configured table."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.rules.lhso import (
    BEHAVIOURS,
    CELLS,
    CONSEQUENCES,
    DEFAULT_TABLE,
    INTERVENTION_LABELS,
    INTERVENTIONS,
    LhsoTable,
    RuleError,
    classify,
)

DW, BD, BB = "last_onder_dwangsom", "last_onder_bestuursdwang", "bestuurlijke_boete"
BSB, PV = "bestuurlijke_strafbeschikking", "proces_verbaal"


@pytest.mark.parametrize(
    ("consequences", "behaviour", "cell", "interventions", "consult"),
    [
        (1, "A", "A1", ["inform"], False),
        (2, "A", "A2", ["address"], False),
        (3, "A", "A3", ["warning", DW], False),
        (4, "A", "A4", [DW, BD], True),
        (1, "B", "B1", ["address"], False),
        (2, "B", "B2", ["warning"], False),
        (3, "B", "B3", ["warning", DW], False),
        (4, "B", "B4", [DW, BD, BB], True),
        (1, "C", "C1", ["warning", BSB], True),
        (2, "C", "C2", [DW, BSB], True),
        (3, "C", "C3", [DW, BB, BSB], True),
        (4, "C", "C4", [BD, "suspension", PV], True),
        (1, "D", "D1", [DW, PV], True),
        (2, "D", "D2", [DW, PV], True),
        (3, "D", "D3", [BD, "revocation", PV], True),
        (4, "D", "D4", [BD, "closure", PV], True),
    ],
)
def test_every_cell_of_the_default_table(consequences, behaviour, cell, interventions, consult):
    result = classify(consequences, behaviour)
    assert result.cell == cell
    assert list(result.interventions) == interventions
    assert result.consultation_indicated is consult
    assert result.reasons[0].startswith(f"cel {cell}: gedrag {behaviour}")
    assert result.reasons[0].endswith(": " + ", ".join(INTERVENTION_LABELS[i] for i in interventions))


def test_punitive_interventions_are_listed_apart():
    assert classify(3, "C").punitive == (BB, BSB)
    assert classify(3, "A").punitive == ()


def test_behaviour_is_read_case_insensitively():
    assert classify(2, "b").cell == "B2"


@pytest.mark.parametrize(
    ("consequences", "behaviour", "aspects", "mitigating", "reasons"),
    [
        (2, "B", ["recidive"], [], []),  # one aspect: not enough
        (2, "B", ["recidive", "financieel_voordeel"], [], ["2 verzwarende aspecten, 0 verzachtende omstandigheden"]),
        (2, "B", ["recidive", "financieel_voordeel"], ["zelfmelding"], []),  # mitigating weighs the other way
        (4, "A", [], ["zelfmelding"], ["gevolgen 4 (aanzienlijke en/of onomkeerbare gevolgen)"]),
        (
            1,
            "C",
            [],
            [],
            ["gedrag C (calculerend)", "cel C1 bevat een strafrechtelijke interventie"],
        ),
    ],
)
def test_consultation_reasons(consequences, behaviour, aspects, mitigating, reasons):
    result = classify(consequences, behaviour, aspects, mitigating)
    assert list(result.consultation_reasons) == reasons
    assert result.consultation_indicated is bool(reasons)
    assert result.reasons[-1].startswith("afstemming met politie en OM " + ("aangewezen" if reasons else "niet"))


def test_aspects_are_kept_once_in_the_order_given():
    result = classify(2, "B", ["financieel_voordeel", "recidive", "financieel_voordeel"])
    assert result.aspects == ("financieel_voordeel", "recidive")
    assert "verzwarend: financieel voordeel" in result.reasons


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        ((0, "A"), "consequences", "Gevolgen zijn 1, 2, 3 of 4, niet '0'"),
        ((5, "A"), "consequences", "Gevolgen zijn 1, 2, 3 of 4"),
        ((True, "A"), "consequences", "Gevolgen zijn 1, 2, 3 of 4"),
        (("2", "A"), "consequences", "Gevolgen zijn 1, 2, 3 of 4"),
        ((2, "E"), "behaviour", "Gedrag is A, B, C of D, niet 'E'"),
        ((2, ""), "behaviour", "Gedrag is A, B, C of D"),
        ((2, "A", ["hebzucht"]), "aspects", "Onbekend verzwarend aspect 'hebzucht'; kies uit: recidive, financieel_"),
        ((2, "A", [], ["spijt"]), "mitigating", "Onbekende verzachtende omstandigheid 'spijt'"),
    ],
)
def test_bad_input_is_refused_in_dutch_naming_its_field(args, field, message):
    with pytest.raises(RuleError, match=message) as refused:
        classify(*args)
    assert refused.value.field == field


def test_following_the_cell_needs_no_reasons():
    decision = classify(4, "B").record([BB, DW, BD])
    assert decision.chosen == (DW, BD, BB)  # stored light to heavy
    assert not decision.deviates
    assert decision.to_dict()["advised"] == [DW, BD, BB]


@pytest.mark.parametrize(
    ("chosen", "deviation"),
    [
        ([DW], "weggelaten uit cel B3: waarschuwing met hersteltermijn"),  # lighter
        (["warning", DW, BB], "niet in cel B3: bestuurlijke boete"),  # heavier
        (["inform"], "niet in cel B3: informeren"),  # different
    ],
)
def test_deviation_requires_reasons(chosen, deviation):
    result = classify(3, "B")
    with pytest.raises(RuleError, match=f"vraagt een motivering.*{deviation}") as refused:
        result.record(chosen, "  ")
    assert refused.value.field == "reasons"
    assert "cel B3 (waarschuwing met hersteltermijn, last onder dwangsom)" in str(refused.value)
    decision = result.record(chosen, "Overtreder heeft per direct de installatie stilgelegd.")
    assert decision.deviates
    assert deviation in decision.deviations
    assert decision.reasons == "Overtreder heeft per direct de installatie stilgelegd."


@pytest.mark.parametrize(("chosen", "message"), [([], "ten minste één"), (["boete"], "Onbekende interventie boete")])
def test_record_refuses_nonsense(chosen, message):
    with pytest.raises(RuleError, match=message) as refused:
        classify(1, "A").record(chosen, "reden")
    assert refused.value.field == "chosen"


def test_a_table_survives_json():
    data = json.loads(json.dumps(DEFAULT_TABLE.to_dict()))
    assert LhsoTable.from_dict(data) == DEFAULT_TABLE


def test_a_configured_table_with_own_aspects_and_thresholds():
    data = DEFAULT_TABLE.to_dict()
    data["aspects"]["milieuschade_verzwegen"] = "milieuschade verzwegen"
    data["consultation"] = {"behaviours": ["D"], "consequences": [], "min_aspects": 1}
    table = LhsoTable.from_dict(data)
    assert classify(2, "B", ["milieuschade_verzwegen"], table=table).consultation_indicated
    assert not classify(4, "A", table=table).consultation_indicated


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["aspects"].pop("recidive"), "ten minste recidive"),
        (lambda d: d["cells"].pop("D4"), "precies A1 tot en met D4"),
        (lambda d: d["cells"].update(A1=[]), "cel A1 heeft geen interventie"),
        (lambda d: d["cells"].update(A1=["sluiten"]), "onbekende interventie"),
        (lambda d: d["cells"].update(A2=["closure"]), "cel A3 is zwaarder dan A2"),
        (lambda d: d["mitigating"].update(recidive="x"), "niet tegelijk verzwarend en verzachtend"),
        (lambda d: d["consultation"].update(behaviours=["E"]), "alleen A, B, C en D"),
        (lambda d: d["consultation"].update(min_aspects=0), "ten minste 1"),
        (lambda d: d.pop("cells"), "onderdeel 'cells' ontbreekt"),
        (lambda d: d["consultation"].update(min_aspects="twee"), "verkeerde vorm"),
    ],
)
def test_invalid_tables_are_refused_in_dutch(change, message):
    data = DEFAULT_TABLE.to_dict()
    change(data)
    with pytest.raises(ValueError, match=message):
        LhsoTable.from_dict(data)


def heaviest(cell_interventions):
    return max(INTERVENTIONS.index(i) for i in cell_interventions)


def monotone(cells):
    """Independent statement of the bound: more consequences or a later behaviour never lightens the heaviest."""
    for b, behaviour in enumerate(BEHAVIOURS):
        for consequences in CONSEQUENCES:
            here = heaviest(cells[f"{behaviour}{consequences}"])
            if consequences < 4 and heaviest(cells[f"{behaviour}{consequences + 1}"]) < here:
                return False
            if b < 3 and heaviest(cells[f"{BEHAVIOURS[b + 1]}{consequences}"]) < here:
                return False
    return True


random_cells = st.fixed_dictionaries(
    {cell: st.lists(st.sampled_from(INTERVENTIONS), min_size=1, max_size=3) for cell in CELLS}
)


@st.composite
def monotone_cells(draw):
    """Cells whose heaviest intervention grows along both axes, with lighter companions drawn freely."""
    cells = {}
    for b, behaviour in enumerate(BEHAVIOURS):
        for consequences in CONSEQUENCES:
            floor = heaviest(cells[f"{behaviour}{consequences - 1}"]) if consequences > 1 else 0
            if b:
                floor = max(floor, heaviest(cells[f"{BEHAVIOURS[b - 1]}{consequences}"]))
            top = draw(st.integers(floor, len(INTERVENTIONS) - 1))
            extra = draw(st.lists(st.integers(0, top), max_size=2))
            cells[f"{behaviour}{consequences}"] = [INTERVENTIONS[i] for i in [top, *extra]]
    return cells


def table_with(cells):
    return LhsoTable(cells=cells, aspects=dict(DEFAULT_TABLE.aspects))


@given(st.one_of(random_cells, monotone_cells()))
def test_validation_accepts_exactly_the_monotone_tables(cells):
    if monotone(cells):
        table = table_with(cells)
        for consequences in CONSEQUENCES:
            for behaviour in BEHAVIOURS:
                result = classify(consequences, behaviour, table=table)
                assert list(result.interventions) == sorted(set(cells[result.cell]), key=INTERVENTIONS.index)
    else:
        with pytest.raises(ValueError, match="is zwaarder dan"):
            table_with(cells)


@given(monotone_cells(), st.sampled_from(CONSEQUENCES), st.sampled_from(BEHAVIOURS))
def test_a_heavier_finding_never_gets_a_lighter_heaviest_intervention(cells, consequences, behaviour):
    table = table_with(cells)
    here = heaviest(classify(consequences, behaviour, table=table).interventions)
    for c in CONSEQUENCES[consequences - 1 :]:
        for b in BEHAVIOURS[BEHAVIOURS.index(behaviour) :]:
            assert heaviest(classify(c, b, table=table).interventions) >= here
