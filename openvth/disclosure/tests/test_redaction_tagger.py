"""The learned tagger beside the rules (openvth/disclosure/redaction/tagger.py, issue 15): trained on the test set's
development data only, the committed model is the one that data gives, and in the engine it finds names the rules
miss while the policy still keeps what is public and cuts no word."""

import io
import json

from django.core.management import call_command

from openvth.disclosure.redaction import find, redact, tagger
from openvth.disclosure.testset import FRESH_DEV, KINDS
from openvth.rules.redaction_policy import Span, inside_word


def removed_texts(text: str) -> list[str]:
    return [text[span.start : span.end] for span in find(text)]


def test_training_reads_the_development_data_only():
    cases = tagger.training_cases()
    assert {case.kind for case in cases} == {*KINDS, FRESH_DEV}
    assert not any(case.holdout for case in cases)
    assert all(int(case.id.rsplit("-", 1)[1]) % 4 for case in cases if case.kind in KINDS)


def test_the_committed_model_is_trained_on_the_current_development_data():
    sidecar = json.loads(tagger.SIDECAR_FILE.read_text(encoding="utf-8"))
    cases = tagger.training_cases()
    assert sidecar["cases"] == [case.id for case in cases]
    assert sidecar["parameters"] == tagger.PARAMETERS
    stale = "the data, the features or deduce's lists changed: `openvth woo train`, then commit the model"
    assert sidecar["fingerprint"] == tagger.fingerprint(list(tagger.sequences(cases))), stale
    assert tagger.MODEL_FILE.stat().st_size < 2_000_000


def test_training_is_deterministic(tmp_path):
    cases = tagger.training_cases()[:6]
    first = tagger.train(cases, tmp_path / "first.crfsuite")
    second = tagger.train(cases, tmp_path / "second.crfsuite")
    assert first == second
    assert (tmp_path / "first.crfsuite").read_bytes() == (tmp_path / "second.crfsuite").read_bytes()
    assert (tmp_path / "first.json").read_text(encoding="utf-8") == (tmp_path / "second.json").read_text(
        encoding="utf-8"
    )


def test_the_tagger_finds_names_in_places_no_rule_knows(monkeypatch):
    statement = "Ik, verbalisant, ADEYEMI, Oluwaseun, hoofdagent van politie, verklaar het volgende."
    present = "Aanwezig: Radu Ionescu en Mihai Popescu (beiden monteur)."
    assert removed_texts(statement) == ["ADEYEMI, Oluwaseun"]
    assert removed_texts(present) == ["Radu Ionescu", "Mihai Popescu"]
    monkeypatch.setattr(tagger, "spans", lambda text, public: iter(()))  # the rules alone
    assert removed_texts(statement) == []
    assert removed_texts(present) == ["Radu Ionescu"]


def test_a_name_holds_a_capital_and_ends_at_a_word_that_is_no_part_of_one():
    text = "Klacht van Ria Hoekstra. Hoekstra woont tegenover; volgens roos en partners is het stil."
    tokens = tagger.tokenize(text)
    run = list(range(2, len(tokens)))  # as if the model took everything after "Klacht" for a name
    assert [text[s.start : s.end] for s in tagger.pieces(tokens, run, "PER")] == ["Ria Hoekstra", "Hoekstra"]
    text = "Gezien door de NVWA, DCMR-medewerkers en KRAGTEN, Teun"
    tokens = tagger.tokenize(text)
    run = list(range(3, len(tokens)))  # an abbreviation alone and a word ending in lower case are no name
    assert [text[s.start : s.end] for s in tagger.pieces(tokens, run, "PER")] == ["KRAGTEN, Teun"]
    tokens = tagger.tokenize("door mevrouw van der Sande")
    assert [s.end - s.start for s in tagger.pieces(tokens, [2, 3, 4], "PER")] == [len("van der Sande")]


class Proposing:
    """A model that takes `literal` for a name or a home address."""

    def __init__(self, label: str, literal: str) -> None:
        self.label, self.literal = label, literal

    def tagged(self, text: str):
        start = text.index(self.literal)
        yield Span(start, start + len(self.literal), self.label)


def test_the_policy_keeps_an_organisation_the_tagger_takes_for_a_name(monkeypatch):
    text = "Aanwezig: Kowalczyk Transport B.V. met Ewa Kowalczyk"
    monkeypatch.setattr(tagger, "model", lambda: Proposing("person", "Kowalczyk Transport B.V."))
    result = redact(text)
    assert result.text == "Aanwezig: Kowalczyk Transport B.V. met [5.1.2e]"
    assert not any(inside_word(text, s.start) or inside_word(text, s.end) for s in result.spans)


def test_a_kept_span_cuts_a_home_address_of_the_tagger(monkeypatch):
    text = "Bezoek: Bakkerij Smits B.V. aan de Markt 4"
    monkeypatch.setattr(tagger, "model", lambda: Proposing("home_address", "Bakkerij Smits B.V. aan de Markt 4"))
    public = [Span(8, 27, "organisation")]
    assert [text[s.start : s.end] for s in tagger.spans(text, public)] == [" aan de Markt 4"]
    assert redact(text).text == "Bezoek: Bakkerij Smits B.V. [5.1.2e]"


def test_woo_train_trains_on_the_development_data(monkeypatch):
    trained = []

    def train(cases):
        trained.extend(cases)
        return {"texts": len(trained), "tokens": 1234}

    monkeypatch.setattr(tagger, "train", train)
    out = io.StringIO()
    call_command("woo", "train", stdout=out)
    assert [case.id for case in trained] == [case.id for case in tagger.training_cases()]
    assert out.getvalue() == f"tagger getraind op {len(trained)} teksten (1234 tokens): {tagger.MODEL_FILE}\n"


def test_a_tagged_name_ends_before_the_particle_of_an_organisations_abbreviation():
    text = "controleur Marit Dekker-Bos van de NVWA was er"
    tokens = tagger.tokenize(text)
    run = list(range(1, 6))  # "Marit Dekker-Bos van de NVWA", as if the model tagged it all
    assert [text[s.start : s.end] for s in tagger.pieces(tokens, run, "PER")] == ["Marit Dekker-Bos"]


def test_a_tagged_run_ends_at_a_line_or_a_column_of_a_table_not_at_a_space():
    assert tagger.run_break("          ") and tagger.run_break("\n") and tagger.run_break(" \t")
    assert not tagger.run_break(" ") and not tagger.run_break(", ")


def test_a_tagged_name_loses_the_word_that_opens_its_sentence_and_an_abbreviation_before_a_full_name():
    for text, run, expected in (
        ("Daarna Wubbo Tjoelker belde", [0, 1, 2], ["Wubbo Tjoelker"]),
        ("Daarna kwam hij", [0], []),
        ("Toezicht: ODNN, Karel Dijkhuis (bodem)", [2, 3, 4, 5], ["Karel Dijkhuis"]),
        ("KOWALSKI, Piotr Andrzej", [0, 1, 2, 3], ["KOWALSKI, Piotr Andrzej"]),
    ):
        tokens = tagger.tokenize(text)
        assert [text[s.start : s.end] for s in tagger.pieces(tokens, run, "PER")] == expected
