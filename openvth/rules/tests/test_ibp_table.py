"""The IBP VTH progress table: the seed annex as it is (counts counted by hand), the status rule, malformed input."""

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.rules.ibp_table import ParseError, ProgressTable, Quarter, Status, derive_status, earliest_start, parse

SEED = Path(__file__).parents[2] / "monitoring" / "data" / "kamerbrief-voortgang-versterking-vth-stelsel-2023.md"
Q4_2022 = Quarter(2022, 4)

HEAD = "OVERZICHT ACTIES IBP en voortgang mei 2023\n\n"
HEADER = "\tAanbeveling\tPijler IBP\tActie\tPlanning\tVoortgang\ttoelichting\tAangepaste planning\n"
ROW = "1\tVerhogen ondergrens\t1\tCriteria formuleren.\tQ4 2022\t\t\t\n"


@pytest.fixture(scope="module")
def seed() -> ProgressTable:
    return parse(SEED.read_text(encoding="utf-8"))


def by(seed: ProgressTable, recommendation: int, position: int):
    return next(a for a in seed.actions if (a.recommendation, a.position) == (recommendation, position))


def test_seed_title_and_period(seed):
    assert seed.title == "OVERZICHT ACTIES IBP Versterking VTH en voortgang november 2022"
    assert (seed.year, seed.month, seed.as_of) == (2022, 11, Q4_2022)


def test_seed_counts_per_recommendation(seed):
    counts = Counter(a.recommendation for a in seed.actions)
    assert counts == {1: 3, 2: 3, 3: 13, 4: 2, 5: 3, 6: 14, 7: 5, 8: 10, 9: 5, 10: 1}
    assert len(seed.actions) == 59


def test_seed_counts_per_pillar(seed):
    counts = Counter(a.pillar for a in seed.actions)
    assert counts == {"1": 10, "2": 13, "3": 7, "4": 7, "5": 15, "6": 5, "Buiten IBP": 2}


def test_seed_pillar_changes_inside_recommendation_6(seed):
    assert [a.pillar for a in seed.actions if a.recommendation == 6] == ["3"] * 7 + ["4"] * 7


def test_seed_continuation_rows_take_the_recommendation(seed):
    action = by(seed, 3, 13)
    assert action.recommendation_title == "Strafrechtelijke handhaving en vervolging"
    assert action.action.startswith("Bestuurlijke aandacht voor de aanpak van milieucriminaliteit")
    assert action.planning == "Gestart"


def test_seed_row_across_page_break_continues_the_previous_action(seed):
    action = by(seed, 6, 8)
    assert action.line == 180
    assert action.explanation == (
        "Eerste inventarisaties zijn gedaan maar heeft nog een verbreding. Wordt onderdeel van een visie op "
        "kennismanagement. Stuurgroep heeft op basis van de uitwerking pijlerplannen geconcludeerd dat aanpassing "
        "van de planning noodzakelijk is."
    )
    assert action.revised_planning == "Q3 2023"
    assert by(seed, 6, 9).action.startswith("Het ophalen van de behoeften")


def test_seed_ticks_are_done(seed):
    done = {(a.recommendation, a.position): a.progress for a in seed.actions if a.status is Status.DONE}
    assert done == {(3, 6): "✓", (8, 6): "√", (9, 1): "√", (9, 2): "√", (9, 5): "√"}


def test_seed_tick_in_the_explanation_column_shifts_back(seed):
    action = by(seed, 3, 6)
    assert action.action == "Landelijke Handhavingsstrategie Omgevingswet (LHSO): oplevering."
    assert (action.progress, action.explanation, action.revised_planning) == (
        "✓",
        "Vastgesteld in BOB 12 oktober 2022",
        "",
    )


def test_seed_pillar_plan_name_is_not_part_of_the_title(seed):
    assert by(seed, 8, 1).recommendation_title == "Positie directeur omgevingsdienst"
    assert by(seed, 9, 1).recommendation_title == "Inrichten rijktoezicht omgevingsdiensten"


def test_seed_statuses(seed):
    assert Counter(a.status for a in seed.actions) == {
        Status.ON_SCHEDULE: 21,
        Status.DELAYED: 19,
        Status.PLANNED: 14,
        Status.DONE: 5,
    }
    assert by(seed, 1, 1).status is Status.ON_SCHEDULE
    assert by(seed, 1, 2).status_reason == "Aangepaste planning: Q1/Q2 2023."
    assert by(seed, 2, 3).status is Status.PLANNED  # "Start Q3 2023"
    assert by(seed, 6, 14).progress == "opgestart"


@pytest.mark.parametrize(
    ("planning", "start"),
    [
        ("Q4 2022", Quarter(2022, 4)),
        ("Q3/4 2022", Quarter(2022, 3)),
        ("Planvorming Q3/Q4 2022 Uitvoering Q4 2022 t/m Q3 2023", Quarter(2022, 3)),
        ("Q2 2022-Q4 2022", Quarter(2022, 2)),
        ("Start in 2023", Quarter(2023, 1)),
        ("Start eind 2023", Quarter(2023, 4)),
        ("Start Q4 2022, afronding 2023", Quarter(2022, 4)),
        ("Q2 2022 brief verstuurd Q4 afronding", Quarter(2022, 2)),
        ("Gestart", None),
    ],
)
def test_earliest_start(planning, start):
    assert earliest_start(planning) == start


@pytest.mark.parametrize(
    ("planning", "progress", "explanation", "revised", "status", "reason"),
    [
        ("Q4 2022", "✓", "", "Q1 2023", Status.DONE, "Vinkje (✓) in de kolom Voortgang."),
        ("Q3 2022", "√", "", "", Status.DONE, "Vinkje (√) in de kolom Voortgang."),
        ("Q4 2022", "", "", "Q2 2023", Status.DELAYED, "Aangepaste planning: Q2 2023."),
        ("Start in 2023", "", "", "Q3 2023", Status.DELAYED, "Aangepaste planning: Q3 2023."),
        (
            "Q4 2022",
            "",
            "Stuurgroep heeft geconcludeerd dat aanpassing van de planning noodzakelijk is.",
            "",
            Status.DELAYED,
            "De stuurgroep heeft geconcludeerd dat aanpassing van de planning noodzakelijk is.",
        ),
        (
            "Q1 2023",
            "",
            "",
            "",
            Status.PLANNED,
            "Nog niet gestart conform planning: de planning begint in Q1 2023, na Q4 2022.",
        ),
        ("Q4 2022", "opgestart", "", "", Status.ON_SCHEDULE, None),
        ("Gestart", "", "", "", Status.ON_SCHEDULE, None),
    ],
)
def test_derive_status(planning, progress, explanation, revised, status, reason):
    derived, why = derive_status(
        planning=planning, progress=progress, explanation=explanation, revised_planning=revised, as_of=Q4_2022
    )
    assert derived is status
    assert why == reason if reason else why.startswith("Geen vinkje en geen aangepaste planning")


@given(st.text(), st.text(), st.text(), st.sampled_from(["✓", "√", "✔"]))
def test_a_tick_is_always_done(planning, explanation, revised, tick):
    status, _ = derive_status(
        planning=planning, progress=f"x{tick}", explanation=explanation, revised_planning=revised, as_of=Q4_2022
    )
    assert status is Status.DONE


def test_the_table_never_yields_a_bottleneck(seed):
    assert all(a.status is not Status.BOTTLENECK for a in seed.actions)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("Geen tabel hier.\nNog een regel.\n", 2, "geen voortgangstabel"),
        ("Titel zonder maand\n" + HEADER + ROW, 2, "titel met de maand"),
        (HEAD + "\tAanbeveling\tPijler IBP\tActie\tPlanning\n" + ROW, 3, "kopregel"),
        (HEAD + HEADER + "x\tTitel\t1\tActie.\tQ4 2022\t\t\t\n", 4, "aanbeveling 'x' is geen nummer"),
        (HEAD + HEADER + ROW + "1\tNogmaals\t1\tActie.\tQ4 2022\t\t\t\n", 5, "volgt op aanbeveling 1"),
        (HEAD + HEADER + "2\t\t1\tActie.\tQ4 2022\t\t\t\n", 4, "geen titel of geen pijler"),
        (HEAD + HEADER + ROW + "\tTitel\t\tActie.\tQ4 2022\t\t\t\n", 5, "zonder nummer"),
        (HEAD + HEADER + ROW + "\t\t2\t\tQ4 2022\t\t\t\n", 5, "pijler 2 zonder actie"),
        (HEAD + HEADER + "\t\t\t\t\t\tUitleg.\t\n", 4, "vóór de eerste actie"),
        (HEAD + HEADER + ROW + "\n" + "losse tekst zonder tabs\n", 6, "geen tabelrij"),
        (HEAD + HEADER + ROW + "\t\t\tActie.\tQ4 2022\t\t\t\tteveel\n", 5, "9 kolommen"),
        (HEAD + HEADER + "\n", 3, "geen acties"),
    ],
)
def test_malformed_input_names_the_line(text, line, fragment):
    with pytest.raises(ParseError) as raised:
        parse(text)
    assert raised.value.line == line
    assert str(raised.value).startswith(f"regel {line}: ")
    assert fragment in str(raised.value)


def test_action_before_any_recommendation_is_an_error():
    with pytest.raises(ParseError, match="regel 4: een actie vóór de eerste aanbeveling"):
        parse(HEAD + HEADER + "\t\t\tActie.\tQ4 2022\t\t\t\n")


def test_a_short_row_is_padded():
    table = parse(HEAD + HEADER + "1\tTitel\t1\tActie.\tQ3 2023")
    assert table.as_of == Quarter(2023, 2)
    assert table.actions[0].status is Status.PLANNED


@given(st.lists(st.lists(st.sampled_from(["", "1", "2", "x", "Actie.", "Q4 2022", "✓", "√", "<i>p</i>"]), max_size=10)))
def test_any_table_parses_or_names_a_line(rows):
    text = HEAD + HEADER + "".join("\t".join(cells) + "\n" for cells in rows)
    try:
        table = parse(text)
    except ParseError as error:
        assert 1 <= error.line <= text.count("\n") + 1
    else:
        assert table.actions
