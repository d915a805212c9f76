"""Importing a progress report and changing a status: the seed file as it is, malformed input, history, the diff."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count

from openvth.core.history import history_of
from openvth.core.models import ChangeRecord
from openvth.core.permissions import SYSTEM_JOB
from openvth.monitoring import selectors, services
from openvth.monitoring.models import ProgrammeAction, ProgrammeReport

from .conftest import later_report

# counted by hand in the annex of the seed letter
PER_RECOMMENDATION = {1: 3, 2: 3, 3: 13, 4: 2, 5: 3, 6: 14, 7: 5, 8: 10, 9: 5, 10: 1}
PER_PILLAR = {"1": 10, "2": 13, "3": 7, "4": 7, "5": 15, "6": 5, "Buiten IBP": 2}


def counted(report, field: str) -> dict:
    rows = report.actions.values(field).annotate(n=Count("id"))
    return {row[field]: row["n"] for row in rows}


def nothing_stored() -> bool:
    return not (ProgrammeReport.objects.exists() or ProgrammeAction.objects.exists() or ChangeRecord.objects.exists())


def test_seed_counts_per_recommendation_and_pillar(report):
    assert report.title == "OVERZICHT ACTIES IBP Versterking VTH en voortgang november 2022"
    assert report.period.isoformat() == "2022-11-01"
    assert counted(report, "recommendation") == PER_RECOMMENDATION
    assert counted(report, "pillar") == PER_PILLAR


def test_seed_continuation_rows(report):
    # the row across the page break (line 182) is no action of its own: it ends the explanation of 6.8
    action = report.actions.get(recommendation=6, position=8)
    assert action.line == 180
    assert action.explanation.endswith("geconcludeerd dat aanpassing van de planning noodzakelijk is.")
    assert action.status == ProgrammeAction.Status.DELAYED
    assert not report.actions.filter(line=182).exists()
    assert report.actions.get(recommendation=3, position=13).recommendation_title == (
        "Strafrechtelijke handhaving en vervolging"
    )


def test_seed_ticks_and_shifted_columns(report):
    done = report.actions.filter(status=ProgrammeAction.Status.DONE)
    assert sorted(done.values_list("recommendation", "position", "progress")) == [
        (3, 6, "✓"),
        (8, 6, "√"),
        (9, 1, "√"),
        (9, 2, "√"),
        (9, 5, "√"),
    ]
    shifted = report.actions.get(recommendation=3, position=6)
    assert (shifted.explanation, shifted.revised_planning) == ("Vastgesteld in BOB 12 oktober 2022", "")


def test_importing_the_same_file_twice_does_not_duplicate(report, seed_bytes):
    again = services.import_report(user=SYSTEM_JOB, content=seed_bytes, source_name="kopie.md")
    assert again.created is False
    assert again.report == report
    assert ProgrammeReport.objects.count() == 1
    assert ProgrammeAction.objects.count() == 59
    assert history_of(report).count() == 1


def test_same_title_with_other_content_is_refused(report, seed_bytes):
    changed = seed_bytes.replace(b"Formuleren criteria is gestart.", b"Gewijzigd.")
    with pytest.raises(ValidationError, match="al een voortgangsrapportage"):
        services.import_report(user=SYSTEM_JOB, content=changed, source_name="gewijzigd.md")
    assert ProgrammeReport.objects.count() == 1
    assert not ProgrammeAction.objects.filter(explanation="Gewijzigd.").exists()


@pytest.mark.django_db
def test_malformed_file_names_the_line_and_stores_nothing(seed_bytes):
    lines = seed_bytes.decode("utf-8").split("\n")
    lines[160] = "3b\tTitel\t2\tActie.\tQ4 2022\t\t\t"  # line 161 of the file
    with pytest.raises(ValidationError) as raised:
        services.import_report(user=SYSTEM_JOB, content="\n".join(lines).encode(), source_name="fout.md")
    assert raised.value.message_dict == {"file": ["Regel 161: aanbeveling '3b' is geen nummer."]}
    assert nothing_stored()


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(ValidationError, match="UTF-8"):
        services.import_report(user=SYSTEM_JOB, content="Aanbeveling\tPijler".encode("utf-16"), source_name="x.md")
    assert nothing_stored()


def test_only_the_programme_office_imports(member, office, seed_bytes):
    with pytest.raises(PermissionDenied):
        services.import_report(user=member, content=seed_bytes, source_name="x.md")
    imported = services.import_report(user=office, content=seed_bytes, source_name="x.md")
    assert imported.report.imported_by == office


def test_status_change_records_history(report, office):
    action = report.actions.get(recommendation=1, position=1)
    services.change_status(user=office, action=action, status="bottleneck", reason="Geen capaciteit bij ODNL.")
    action.refresh_from_db()
    assert (action.status, action.status_reason) == ("bottleneck", "Geen capaciteit bij ODNL.")
    record = history_of(action).get()
    assert record.user == office
    assert record.note == "Geen capaciteit bij ODNL."
    assert record.changes["status"] == ["on_schedule", "bottleneck"]


@pytest.mark.parametrize(
    ("status", "reason", "field"),
    [("bottleneck", "  ", "reason"), ("on_schedule", "Toch wel.", "status"), ("stuck", "Hangt.", "status")],
)
def test_status_change_needs_a_new_status_and_a_reason(report, office, status, reason, field):
    action = report.actions.get(recommendation=1, position=1)
    with pytest.raises(ValidationError) as raised:
        services.change_status(user=office, action=action, status=status, reason=reason)
    assert field in raised.value.message_dict
    action.refresh_from_db()
    assert action.status == "on_schedule"
    assert not history_of(action).exists()


def test_only_the_programme_office_changes_a_status(report, member, owner):
    action = report.actions.get(recommendation=1, position=1)
    for user in (member, owner):
        with pytest.raises(PermissionDenied):
            services.change_status(user=user, action=action, status="bottleneck", reason="Knelpunt.")
    assert not history_of(action).exists()


def test_diff_between_two_reports(report, seed_bytes, member):
    newer = services.import_report(user=SYSTEM_JOB, content=later_report(seed_bytes), source_name="december.md").report
    rows = {(row.recommendation, row.action[:30]): row for row in selectors.report_diff(member, report, newer)}
    assert set(rows) == {
        (1, "Formuleren landelijke uniforme"),
        (3, "Onderzoek naar wat voor beleid"),
        (4, "Opstellen circulaire definitie"),
        (4, "Circulaire publiceren op IPLO."),
    }
    done = rows[(1, "Formuleren landelijke uniforme")]
    assert done.changed == ("status",)
    assert (done.old.status, done.new.status) == ("on_schedule", "done")
    replanned = rows[(3, "Onderzoek naar wat voor beleid")]
    assert replanned.changed == ("status", "planning")  # now planned: Q2 2023 is after Q4 2022
    assert (replanned.old.planning, replanned.new.planning) == ("Start Q4 2022", "Start Q2 2023")
    assert rows[(4, "Opstellen circulaire definitie")].new is None
    assert rows[(4, "Circulaire publiceren op IPLO.")].old is None


def test_a_user_status_shows_in_the_diff(report, seed_bytes, office):
    newer = services.import_report(user=SYSTEM_JOB, content=later_report(seed_bytes), source_name="december.md").report
    action = newer.actions.get(recommendation=9, position=3)
    services.change_status(user=office, action=action, status="bottleneck", reason="Geen onderzoekers.")
    row = next(r for r in selectors.report_diff(office, report, newer) if r.recommendation == 9)
    assert (row.old.status, row.new.status, row.changed) == ("planned", "bottleneck", ("status",))
