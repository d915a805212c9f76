"""Reads of chain sharing. `chain_dossier` is the only way to records of other organisations: it asks for a
purpose, applies the agreements active on the day of the read and writes the access log in the same transaction.

The dossier holds, about one company, the reader's own records (ordinary `visible_to` scoping) and the records
other organisations share with the reader's organisation under an agreement active today that covers the record
kind and the stated purpose; history goes back 5 years (domain-rules §7). Every query is set-based: the number of
queries does not grow with the number of establishments or records.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from openvth.core import clock
from openvth.enforcement.models import EnforcementCase, Sanction
from openvth.permits.models import Decision
from openvth.register.models import Company, Establishment, Organisation
from openvth.rules.terms import add_months
from openvth.supervision.models import Finding, Inspection

from . import services
from .models import AccessLog, Purpose, RecordKind, SharingAgreement

HISTORY_MONTHS = 60  # history up to 5 years (domain-rules §7)


def agreements(user):
    return SharingAgreement.objects.visible_to(user).select_related("owner").prefetch_related("partners")


def active_agreements(organisation_id: int | None, day: date):
    """The agreements that share with this organisation on this day."""
    if organisation_id is None:
        return SharingAgreement.objects.none()
    return SharingAgreement.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day), partners=organisation_id, valid_from__lte=day
    )


def organisation_by_code(code: str) -> Organisation:
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise ValidationError(f"Organisatie met code '{code}' bestaat niet.")
    return organisation


def reachable_company(user, pk: int, day: date) -> Company:
    """A company the reader sees in its own register, or any company once another organisation shares with it;
    otherwise 404 (also in the API): a reader without an agreement learns nothing of others."""
    company = Company.objects.filter(pk=pk).first()
    if company is None or not (
        Company.objects.visible_to(user).filter(pk=pk).exists() or active_agreements(user.organisation_id, day).exists()
    ):
        raise Http404
    return company


def check_purpose(purpose_code: str | None, note: str | None) -> tuple[str, str]:
    purpose_code, note = (purpose_code or "").strip(), (note or "").strip()
    if not purpose_code:
        raise ValidationError({"purpose": ["Geef het doel op waarvoor u het ketendossier raadpleegt."]})
    if purpose_code not in Purpose.values:
        raise ValidationError({"purpose": [f"Onbekend doel '{purpose_code}'. Kies uit: {', '.join(Purpose.values)}."]})
    if len(note) > 300:
        raise ValidationError({"note": ["De toelichting is te lang (ten hoogste 300 tekens)."]})
    return purpose_code, note


@dataclass
class ChainDossier:
    company: Company
    purpose_code: str
    read_on: date
    since: date
    log: AccessLog
    establishments: list
    inspections: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    enforcement_cases: list = field(default_factory=list)
    permits: list = field(default_factory=list)

    @property
    def purpose_label(self) -> str:
        return str(Purpose(self.purpose_code).label)


def _shared_owners(organisation_id: int | None, purpose_code: str, day: date) -> dict[str, set[int]]:
    """Per record kind: the organisations that share it with the reader for this purpose today."""
    owners: dict[str, set[int]] = defaultdict(set)
    for owner_id, kinds in (
        active_agreements(organisation_id, day).filter(purpose_code=purpose_code).values_list("owner_id", "kinds")
    ):
        for kind in kinds:
            owners[kind].add(owner_id)
    return owners


def _allowed(user, model, owner_path: str, shared_owner_ids: set[int]) -> Q:
    if user.is_superuser:
        return Q()
    own = model.visibility_q(user.organisation_id) if user.organisation_id else Q(pk__in=[])
    return own | Q(**{f"{owner_path}__in": shared_owner_ids})


@transaction.atomic
def chain_dossier(user, company_id: int, *, purpose_code: str | None, note: str = "", today: date | None = None):
    """The chain dossier of one company, read for a stated purpose and logged in the same transaction."""
    today = today or clock.today()
    company = reachable_company(user, company_id, today)
    purpose_code, note = check_purpose(purpose_code, note)
    since = add_months(today, -HISTORY_MONTHS)
    shared = _shared_owners(user.organisation_id, purpose_code, today)
    performed_since = Q(performed_on__gte=since) | Q(performed_on__isnull=True, planned_on__gte=since)

    establishments = list(Establishment.objects.filter(company=company).select_related("municipality"))
    inspections = list(
        Inspection.objects.filter(
            _allowed(user, Inspection, "owner_id", shared[RecordKind.INSPECTIONS]),
            performed_since,
            establishment__company=company,
        ).select_related("owner", "establishment")
    )
    findings = list(
        Finding.objects.filter(
            _allowed(user, Finding, "inspection__owner_id", shared[RecordKind.FINDINGS]),
            Q(inspection__performed_on__gte=since)
            | Q(inspection__performed_on__isnull=True, inspection__planned_on__gte=since),
            inspection__establishment__company=company,
        ).select_related("inspection__owner", "inspection__establishment")
    )
    cases = list(
        EnforcementCase.objects.filter(
            _allowed(user, EnforcementCase, "owner_id", shared[RecordKind.ENFORCEMENT_CASES]),
            Q(opened_on__gte=since) | Q(closed_on__isnull=True) | Q(closed_on__gte=since),
            establishment__company=company,
        )
        .select_related("owner", "establishment")
        .prefetch_related(Prefetch("sanctions", queryset=Sanction.objects.order_by("imposed_on", "id")))
    )
    permits = list(
        Decision.objects.filter(
            _allowed(user, Decision, "owner_id", shared[RecordKind.PERMITS]),
            decided_on__gte=since,
            establishment__company=company,
        ).select_related("owner", "establishment")
    )

    records: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    sources: set[int] = set()
    for kind, items, owner in (
        (RecordKind.INSPECTIONS, inspections, lambda i: i.owner),
        (RecordKind.FINDINGS, findings, lambda f: f.inspection.owner),
        (RecordKind.ENFORCEMENT_CASES, cases, lambda c: c.owner),
        (RecordKind.PERMITS, permits, lambda d: d.owner),
    ):
        for item in items:
            source = owner(item)
            item.source = source
            item.shared = source.pk != user.organisation_id
            records[source.code][kind.value].append(item.pk)
            sources.add(source.pk)
    log = services.log_access(
        user=user,
        company=company,
        purpose_code=purpose_code,
        note=note,
        records={code: dict(kinds) for code, kinds in records.items()},
        sources=sources,
    )
    return ChainDossier(
        company=company,
        purpose_code=purpose_code,
        read_on=today,
        since=since,
        log=log,
        establishments=establishments,
        inspections=inspections,
        findings=findings,
        enforcement_cases=cases,
        permits=permits,
    )


def access_log(organisation: Organisation, *, date_from: date | None = None, date_to: date | None = None):
    """The reads of this organisation's data (it was one of the sources), newest first."""
    entries = AccessLog.objects.filter(sources=organisation).select_related("organisation", "company")
    if date_from is not None:
        entries = entries.filter(read_at__gte=_start_of(date_from))
    if date_to is not None:
        entries = entries.filter(read_at__lt=_start_of(date_to, days=1))
    return entries.order_by("-read_at", "-id")


def _start_of(day: date, days: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(date.fromordinal(day.toordinal() + days), datetime.min.time()))


LOG_COLUMNS = ["geraadpleegd_op", "gebruiker", "organisatie", "bedrijf_kvk", "bedrijf", "doel", "toelichting",
               "gegevens"]  # fmt: skip


def write_access_log_csv(entries, out, *, source_code: str) -> int:
    """The log as CSV (semicolon, for Dutch spreadsheets); per entry only the records of this source."""
    writer = csv.writer(out, delimiter=";")
    writer.writerow(LOG_COLUMNS)
    rows = 0
    for entry in entries.iterator(chunk_size=2000):
        mine = entry.records.get(source_code, {})
        read = "; ".join(f"{kind}: {' '.join(str(pk) for pk in ids)}" for kind, ids in mine.items())
        writer.writerow([
            timezone.localtime(entry.read_at).isoformat(timespec="seconds"),
            entry.user_name,
            entry.organisation.name if entry.organisation else "",
            entry.company.kvk_number,
            entry.company.name,
            entry.purpose_code,
            entry.note,
            read,
        ])  # fmt: skip
        rows += 1
    return rows
