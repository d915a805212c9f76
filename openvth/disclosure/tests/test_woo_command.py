"""`openvth woo redact FILE|- [--json]` and `--jsonl FILE|-`: spans in the original text, errors as one line and a
non-zero exit."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

TEXT = "Toezichthouder: Harm Kuipers (06-28411930), bij Snackbar B.V. op 25 januari 2024.\n"


def run(*args) -> str:
    out = io.StringIO()
    call_command("woo", *args, stdout=out)
    return out.getvalue()


def test_json_gives_the_redacted_text_and_spans_in_the_original(tmp_path):
    path = tmp_path / "rapport.txt"
    path.write_text(TEXT, encoding="utf-8")
    payload = json.loads(run("redact", str(path), "--json"))
    assert payload["text"] == "Toezichthouder: [5.1.2e] ([5.1.2e]), bij Snackbar B.V. op 25 januari 2024.\n"
    assert [(TEXT[s["start"] : s["end"]], s["label"]) for s in payload["spans"]] == [
        ("Harm Kuipers", "person"),
        ("06-28411930", "phone"),
    ]


def test_stdin_without_json_prints_the_redacted_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXT))
    assert run("redact", "-") == "Toezichthouder: [5.1.2e] ([5.1.2e]), bij Snackbar B.V. op 25 januari 2024.\n"


def test_keep_protects_an_establishment_address_given_as_context(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text("De heer H. Öztürk\nLindelaan 14\n5341 HG Oss\n", encoding="utf-8")
    assert run("redact", str(path)) == "[5.1.2e]\n[5.1.2e] Oss\n"
    assert run("redact", str(path), "--keep", "Lindelaan 14") == "[5.1.2e]\nLindelaan 14\n5341 HG Oss\n"


def test_remove_takes_a_complainants_name_wherever_it_occurs(tmp_path):
    path = tmp_path / "klacht.txt"
    path.write_text("Klacht van Ria Hoekstra. Hoekstra is teruggebeld.\n", encoding="utf-8")
    assert run("redact", str(path), "--remove", "Ria Hoekstra") == "Klacht van [5.1.2e]. [5.1.2e] is teruggebeld.\n"


def test_jsonl_gives_one_line_per_document_in_order(tmp_path):
    path = tmp_path / "in.jsonl"
    documents = [{"id": 7, "text": TEXT}, {"id": "b", "text": "Geen namen."}, {"text": "Bel 06-12345678."}]
    path.write_text("\n".join(json.dumps(d) for d in documents) + "\n", encoding="utf-8")
    lines = [json.loads(line) for line in run("redact", "--jsonl", str(path)).splitlines()]
    assert [line["id"] for line in lines] == [7, "b", None]
    assert lines[0]["text"] == "Toezichthouder: [5.1.2e] ([5.1.2e]), bij Snackbar B.V. op 25 januari 2024.\n"
    assert [(s["start"], s["end"], s["label"]) for s in lines[0]["spans"]] == [(16, 28, "person"), (30, 41, "phone")]
    assert lines[1] == {"id": "b", "text": "Geen namen.", "spans": []}
    assert lines[2]["text"] == "Bel [5.1.2e]."


@pytest.mark.parametrize(
    ("bad", "message"),
    [("kapot", "Regel 2 is geen JSON"), ('{"id": 2}', 'Regel 2 heeft geen "text"'), ("[1, 2]", "Regel 2 heeft geen")],
)
def test_a_bad_jsonl_line_stops_with_its_number_after_the_lines_before_it(tmp_path, bad, message):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "Bel 06-12345678."}) + f"\n{bad}\n" + '{"id": 3, "text": "x"}\n')
    result = subprocess.run(
        [sys.executable, "-m", "openvth", "woo", "redact", "--jsonl", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DEBUG": "true"},
    )
    assert result.returncode != 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1]
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


def test_jsonl_reads_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"id": "s", "text": "Mail m.hiemstra@fumo.nl."}) + "\n"))
    assert json.loads(run("redact", "--jsonl", "-"))["text"] == "Mail [5.1.2e]."


@pytest.mark.parametrize(("name", "message"), [("/geen/bestand.txt", "bestaat niet"), ("/tmp", "is een map")])
def test_a_missing_file_is_one_dutch_line(name, message):
    with pytest.raises(CommandError, match=message):
        run("redact", name)


def test_the_cli_exits_non_zero_with_one_line_on_bad_input(tmp_path):
    path = tmp_path / "binair.txt"
    path.write_bytes(b"\xff\xfe\x00kapot")
    result = subprocess.run(
        [sys.executable, "-m", "openvth", "woo", "redact", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"CommandError: Bestand '{path}' is geen UTF-8-tekst."]


STANDALONE = "import sys; from openvth.disclosure.redaction.cli import main; sys.exit(main(sys.argv[1:]))"


def test_the_redaction_runs_without_django_as_the_command_does(tmp_path):
    path = tmp_path / "rapport.txt"
    path.write_text(TEXT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    script = STANDALONE.replace("sys.exit(", "assert 'django.apps' not in sys.modules; sys.exit(")
    result = subprocess.run(
        [sys.executable, "-c", script, str(path), "--json"], capture_output=True, text=True, check=True, env=env
    )
    assert json.loads(result.stdout) == json.loads(run("redact", str(path), "--json"))


def test_without_django_a_bad_jsonl_line_is_one_commanderror_line_after_the_lines_before_it(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "Bel 06-12345678."}) + "\nkapot\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", STANDALONE, "--jsonl", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["Bel [5.1.2e]."]
    assert result.stderr.splitlines() == ["CommandError: Regel 2 is geen JSON: Expecting value."]
