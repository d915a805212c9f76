"""`openvth permits import` and `openvth permits consolidate`: one transaction, one Dutch line on error."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from openvth.permits.models import Decision, ProvisionChange, ProvisionVersion

DOCUMENT = {
    "decisions": [
        # out of order on purpose: the amendment arrives before the grant it amends
        {
            "reference": "W-2021-7",
            "kind": "amend",
            "decided_on": "2021-02-15",
            "effective_from": "2021-03-01",
            "changes": [
                {"op": "replace", "number": "2", "text": "Afvalwater wordt geloosd via een olieafscheider."},
                {"op": "revoke", "number": "3", "text": ""},
            ],
        },
        {
            "reference": "V-2019-1",
            "kind": "grant",
            "decided_on": "2019-05-01",
            "effective_from": "2019-05-15",
            "changes": [
                {"op": "add", "number": "1", "text": "Het geluidniveau bedraagt ten hoogste 50 dB(A)."},
                {"op": "add", "number": "2", "text": "Afvalwater wordt geloosd op het riool."},
                {"op": "add", "number": "3", "text": "Afval wordt gescheiden bewaard."},
                {"op": "add", "number": "10", "text": "Stof wordt afgezogen."},
            ],
        },
    ]
}


@pytest.fixture
def document(establishment, tmp_path):
    path = tmp_path / "vergunning.json"
    path.write_text(json.dumps({"establishment": establishment.kvk_vestigingsnummer} | DOCUMENT), encoding="utf-8")
    return path


def consolidate(establishment, day):
    out = io.StringIO()
    call_command(
        "permits",
        "consolidate",
        "--establishment",
        establishment.kvk_vestigingsnummer,
        "--on",
        day,
        "--json",
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_import_then_consolidate_on_boundary_dates(establishment, document):
    out = io.StringIO()
    call_command("permits", "import", str(document), stdout=out)
    assert "2 besluiten met 6 wijzigingen" in out.getvalue()
    assert consolidate(establishment, "2019-05-14") == {"provisions": []}
    assert [p["number"] for p in consolidate(establishment, "2019-05-15")["provisions"]] == ["1", "2", "3", "10"]
    assert consolidate(establishment, "2021-02-28")["provisions"][1]["source_decision"] == "V-2019-1"
    assert consolidate(establishment, "2021-03-01") == {
        "provisions": [
            {"number": "1", "text": "Het geluidniveau bedraagt ten hoogste 50 dB(A).", "source_decision": "V-2019-1"},
            {"number": "2", "text": "Afvalwater wordt geloosd via een olieafscheider.", "source_decision": "W-2021-7"},
            {"number": "10", "text": "Stof wordt afgezogen.", "source_decision": "V-2019-1"},
        ]
    }


def test_import_from_stdin(establishment, monkeypatch):
    stdin = io.StringIO(json.dumps({"establishment": establishment.kvk_vestigingsnummer} | DOCUMENT))
    monkeypatch.setattr("sys.stdin", stdin)
    call_command("permits", "import", "-", stdout=io.StringIO())
    assert Decision.objects.count() == 2


def test_an_impossible_change_rejects_the_whole_file(establishment, tmp_path):
    broken = json.loads(json.dumps(DOCUMENT))
    broken["decisions"][0]["changes"][1]["number"] = "7"
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps({"establishment": establishment.kvk_vestigingsnummer} | broken), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("permits", "import", str(path))
    message = str(caught.value)
    assert "Besluit W-2021-7, voorschrift 7: kan niet worden ingetrokken" in message and "\n" not in message
    assert (Decision.objects.count(), ProvisionChange.objects.count(), ProvisionVersion.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{niet json", "is geen geldige JSON"),
        ('{"establishment": "999999999999", "decisions": []}', "vestigingsnummer '999999999999' is onbekend"),
        ("[1, 2]", "geen JSON-object"),
    ],
)
def test_bad_files_give_one_clear_line(db, tmp_path, content, message):
    path = tmp_path / "bestand.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("permits", "import", str(path))


def test_missing_file_and_bad_date(db, establishment):
    with pytest.raises(CommandError, match="Kan /bestaat/niet.json niet lezen"):
        call_command("permits", "import", "/bestaat/niet.json")
    with pytest.raises(CommandError, match="--on moet een datum"):
        call_command(
            "permits", "consolidate", "--establishment", establishment.kvk_vestigingsnummer, "--on", "gisteren"
        )
