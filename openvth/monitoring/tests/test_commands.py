"""`openvth ibp import|export|report`: counts on import, one Dutch line on error with nothing stored, the JSON
shape, the overview as HTML and PDF."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from openvth.monitoring.models import ProgrammeAction, ProgrammeReport

from .conftest import SEED

FIELDS = {
    "recommendation",
    "recommendation_title",
    "pillar",
    "action",
    "planning",
    "progress",
    "status",
    "status_reason",
    "explanation",
    "revised_planning",
}


def run(*args) -> str:
    out = io.StringIO()
    call_command("ibp", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_import_prints_counts_and_twice_changes_nothing():
    first = run("import", str(SEED))
    assert first.strip() == (
        "OVERZICHT ACTIES IBP Versterking VTH en voortgang november 2022: 59 acties in 10 aanbevelingen geïmporteerd "
        "(5 gereed, 21 loopt op schema, 19 kent enige vertraging, 14 gepland)."
    )
    assert "al geïmporteerd; niets gewijzigd" in run("import", str(SEED))
    assert (ProgrammeReport.objects.count(), ProgrammeAction.objects.count()) == (1, 59)


@pytest.mark.django_db
def test_import_of_malformed_file_names_the_line_and_stores_nothing(tmp_path):
    broken = tmp_path / "kapot.md"
    text = SEED.read_text(encoding="utf-8").replace("\t\t\tUitvoeren eerste thematische onderzoeken.", "\t\t6\t")
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        run("import", str(broken))
    assert str(raised.value) == "Niets geïmporteerd. Regel 207: pijler 6 zonder actie."
    assert not ProgrammeReport.objects.exists()


@pytest.mark.django_db
def test_import_of_a_missing_file():
    with pytest.raises(CommandError, match="Kan /nergens.md niet lezen"):
        run("import", "/nergens.md")


def test_export_json_shape(report):
    body = json.loads(run("export", "--json"))
    assert list(body) == ["actions"]
    assert len(body["actions"]) == 59
    assert all(set(row) == FIELDS for row in body["actions"])
    first = body["actions"][0]
    assert (first["recommendation"], first["pillar"], first["planning"], first["status"]) == (
        1,
        "1",
        "Q4 2022",
        "on_schedule",
    )
    assert {row["pillar"] for row in body["actions"]} == {"1", "2", "3", "4", "5", "6", "Buiten IBP"}


@pytest.mark.django_db
def test_export_without_a_report():
    with pytest.raises(CommandError, match="nog geen voortgangsrapportage"):
        run("export", "--json")


def test_report_html_has_the_legend_and_every_recommendation(report):
    html = run("report", "--format", "html")
    for legend in ("Loopt op schema of gereed (✓)", "Kent enige vertraging", "Knelpunt", "Gepland"):
        assert legend in html
    for number in range(1, 11):
        assert f"Aanbeveling {number}: " in html
    assert "Pijler 3: Informatievoorziening VTH" in html
    assert "Q4 2022 – Q4 2023" in html  # a revised planning
    assert html.count('class="status delayed"') == 19


def test_report_pdf(report, tmp_path):
    target = tmp_path / "ibp.pdf"
    assert "(PDF)" in run("report", "--format", "pdf", "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF")


def test_report_pdf_needs_a_file(report):
    with pytest.raises(CommandError, match="-o"):
        run("report", "--format", "pdf")
