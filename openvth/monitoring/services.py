"""Every write of the IBP VTH programme monitor: importing a progress report and changing an action's status.

Each write runs in one transaction and records its history; an error raises a Dutch ValidationError (or
PermissionDenied) and leaves nothing behind.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from openvth.core.history import record_change, update_recorded
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import author
from openvth.rules import ibp_table

from . import kpis, quality
from .models import KpiValue, ProgrammeAction, ProgrammeReport, QualityScore


def _check_editor(user) -> None:
    """The programme office and administrators keep the programme current (a command-line job as SYSTEM_JOB)."""
    check(user, Action.EDIT_PROGRAMME)


@dataclass(frozen=True)
class Imported:
    report: ProgrammeReport
    created: bool  # False: this very file was imported before, nothing changed


@transaction.atomic
def import_report(*, user, content: bytes, source_name: str) -> Imported:
    """A progress report file (the annex table of the Kamerbrief), whole or not at all; the same file twice
    is one report."""
    _check_editor(user)
    digest = hashlib.sha256(content).hexdigest()
    existing = ProgrammeReport.objects.filter(digest=digest).first()
    if existing is not None:
        return Imported(existing, created=False)
    try:
        table = ibp_table.parse(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError({"file": ["Het bestand is geen tekst in UTF-8."]}) from None
    except ibp_table.ParseError as error:
        raise ValidationError({"file": [f"Regel {error.line}: {error.message}."]}) from None
    if ProgrammeReport.objects.filter(title=table.title).exists():
        message = f"Er is al een voortgangsrapportage '{table.title}' met een andere inhoud."
        raise ValidationError({"file": [message]})
    report = ProgrammeReport.objects.create(
        title=table.title,
        period=date(table.year, table.month, 1),
        source_name=source_name[:255],
        digest=digest,
        imported_by=author(user),
    )
    ProgrammeAction.objects.bulk_create(
        ProgrammeAction(
            report=report,
            recommendation=action.recommendation,
            recommendation_title=action.recommendation_title,
            pillar=action.pillar,
            position=action.position,
            line=action.line,
            action=action.action,
            planning=action.planning,
            progress=action.progress,
            explanation=action.explanation,
            revised_planning=action.revised_planning,
            status=action.status.value,
            status_reason=action.status_reason,
        )
        for action in table.actions
    )
    note = f"Geïmporteerd uit {source_name}: {len(table.actions)} acties."
    record_change(report, user=user, action=ChangeRecord.Action.CREATE, note=note)
    return Imported(report, created=True)


@transaction.atomic
def change_status(*, user, action: ProgrammeAction, status: str, reason: str) -> ProgrammeAction:
    """A user's judgement replaces the derived status; the reason is kept with the action and in its history."""
    _check_editor(user)
    action = ProgrammeAction.objects.select_for_update().get(pk=action.pk)
    errors: dict[str, list[str]] = {}
    if status not in ProgrammeAction.Status.values:
        errors["status"] = [f"Onbekende status '{status}'."]
    elif status == action.status:
        errors["status"] = [f"De actie heeft de status '{action.get_status_display()}' al."]
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = ["Geef een reden voor de nieuwe status."]
    if errors:
        raise ValidationError(errors)
    return update_recorded(action, {"status": status, "status_reason": reason}, user=user, note=reason)


# --- data quality and KPIs ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    measured_on: date
    scores: int
    kpi_values: int


@transaction.atomic
def take_snapshot(*, today: date) -> Snapshot:
    """Measure every data-quality rule and KPI (this year and last) per organisation and for the country, and store
    them as the measurement of `today`, replacing an earlier one of the same day. Derived data: no history."""
    QualityScore.objects.filter(measured_on=today).delete()
    KpiValue.objects.filter(measured_on=today).delete()
    scores = [
        QualityScore(organisation_id=org, rule=rule.code, measured_on=today, total=total, failing=failing)
        for rule in quality.RULES
        for org, (total, failing) in quality.counts(rule, today=today).items()
    ]
    values = [
        KpiValue(
            organisation_id=org, kpi=kpi.code, year=year, measured_on=today,
            numerator=m.numerator, denominator=m.denominator, value=m.value,
        )
        for kpi in kpis.KPIS
        for year in (today.year - 1, today.year)
        for org, m in kpi.measure(year, today).items()
    ]  # fmt: skip
    QualityScore.objects.bulk_create(scores, batch_size=1_000)
    KpiValue.objects.bulk_create(values, batch_size=1_000)
    return Snapshot(today, len(scores), len(values))
