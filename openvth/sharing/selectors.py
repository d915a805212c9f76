"""Reads of chain sharing. `chain_dossier` is the only way to records of other organisations: it asks for a
purpose, applies the agreements active on the day of the read and writes the access log in the same transaction.

The dossier holds, about one company, the reader's own records (ordinary `visible_to` scoping) and the records
other organisations share with the reader's organisation under an agreement active today that covers the record
kind and the stated purpose, about establishments whose data is theirs (owner or supervising service); history goes
back 5 years (docs/domain.md §7). Every query is set-based: the number of
queries does not grow with the number of establishments or records.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from openvth.core import clock
from openvth.enforcement.models import EnforcementCase, Sanction
from openvth.permits.models import Decision
from openvth.register.models import Company, Establishment, Organisation
from openvth.rules.formats import normalised_name
from openvth.rules.terms import add_months
from openvth.supervision.models import Finding, Inspection

from . import services
from .models import AccessLog, Purpose, RecordKind, SharingAgreement

HISTORY_MONTHS = 60  # history up to 5 years (docs/domain.md §7)


def agreements(user):
    return SharingAgreement.objects.visible_to(user).select_related("owner").prefetch_related("partners")


def active_agreements(organisation_id: int | None, day: date):
    """The agreements that share with this organisation on this day."""
    if organisation_id is None:
        return SharingAgreement.objects.none()
    return SharingAgreement.objects.filter(SharingAgreement.valid_on_q(day), partners=organisation_id)


def organisation_by_code(code: str) -> Organisation:
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise ValidationError(f"Organisatie met code '{code}' bestaat niet.")
    return organisation


def _shares(organisation_id: int | None, day: date) -> list[tuple[int, str, list[str]]]:
    """(owner, purpose, kinds) of every agreement that shares something with this organisation on this day."""
    found = active_agreements(organisation_id, day).values_list("owner_id", "purpose_code", "kinds")
    return [(owner_id, purpose_code, kinds) for owner_id, purpose_code, kinds in found if kinds]


def shared_establishments(owner_ids: set[int]) -> Q:
    """Establishments whose data belongs to one of these organisations: their owner or their supervising service."""
    return Q(owner_id__in=owner_ids) | Q(supervising_service_id__in=owner_ids)


@dataclass(frozen=True)
class Reach:
    """What a reader reaches of one company on one day: the agreements that share something with its organisation
    (owner, purpose, kinds) and the company, with `own` set when it is in the reader's own register."""

    company: Company
    day: date
    shares: list[tuple[int, str, list[str]]]


def reach(user, pk: int, day: date) -> Reach:
    """A company the reader sees in its own register, or one with an establishment whose owner or supervising
    service shares something with the reader's organisation on this day; otherwise 404 (also in the API): a reader
    learns nothing of companies of organisations that share nothing with it. A page that checks the reach before
    it reads the dossier passes it on to `chain_dossier`, which then does not ask again."""
    shares = _shares(user.organisation_id, day)
    shared = Establishment.objects.filter(
        shared_establishments({owner for owner, _, _ in shares}), company=OuterRef("pk")
    )
    company = (
        Company.objects.filter(pk=pk)
        .annotate(own=Exists(Company.objects.visible_to(user).filter(pk=OuterRef("pk"))), shared=Exists(shared))
        .first()
    )
    if company is None or not (company.own or company.shared):
        raise Http404
    return Reach(company, day, shares)


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


def _allowed(user, model, owner_path: str, shared_owner_ids: set[int], establishment_path: str, shown: list) -> Q:
    """The reader's own records, and the records of an organisation that shares this kind for the stated purpose
    about an establishment the dossier shows."""
    if user.is_superuser:
        return Q()
    own = model.visibility_q(user.organisation_id) if user.organisation_id else Q(pk__in=[])
    shared = Q(**{f"{owner_path}__in": shared_owner_ids, f"{establishment_path}__in": [e.pk for e in shown]})
    return own | shared


def _shown_establishments(user, sharing_owner_ids: set[int]) -> Q:
    """The establishments the reader could open itself, and those of organisations that share with it for the
    stated purpose; of others the dossier shows nothing, not even a name or an address."""
    if user.is_superuser:
        return Q()
    own = Establishment.visibility_q(user.organisation_id) if user.organisation_id else Q(pk__in=[])
    return own | shared_establishments(sharing_owner_ids)


@transaction.atomic
def chain_dossier(
    user,
    company_id: int,
    *,
    purpose_code: str | None,
    note: str = "",
    today: date | None = None,
    found: Reach | None = None,
):
    """The chain dossier of one company, read for a stated purpose and logged in the same transaction; `found`, the
    reach of this company the page checked already today (`reach`)."""
    today = today or clock.today()
    if found is None or (found.company.pk, found.day) != (company_id, today):
        found = reach(user, company_id, today)
    shares, company = found.shares, found.company
    purpose_code, note = check_purpose(purpose_code, note)
    since = add_months(today, -HISTORY_MONTHS)
    # per record kind: the organisations that share it with the reader for this purpose today
    shared: dict[str, set[int]] = defaultdict(set)
    for owner_id, purpose, kinds in shares:
        for kind in kinds if purpose == purpose_code else ():
            shared[kind].add(owner_id)
    performed_since = Q(performed_on__gte=since) | Q(performed_on__isnull=True, planned_on__gte=since)

    establishments = list(
        Establishment.objects.filter(_shown_establishments(user, set().union(*shared.values())), company=company)
        .select_related("municipality")
        .order_by("name", "id")
    )
    if not establishments and not company.own:
        raise ValidationError({"purpose": ["Voor dit doel deelt geen bron gegevens over dit bedrijf met u."]})
    inspections = list(
        Inspection.objects.filter(
            _allowed(user, Inspection, "owner_id", shared[RecordKind.INSPECTIONS], "establishment", establishments),
            performed_since,
            establishment__company=company,
        ).select_related("owner", "establishment")
    )
    findings = list(
        Finding.objects.filter(
            _allowed(
                user,
                Finding,
                "inspection__owner_id",
                shared[RecordKind.FINDINGS],
                "inspection__establishment",
                establishments,
            ),
            Q(inspection__performed_on__gte=since)
            | Q(inspection__performed_on__isnull=True, inspection__planned_on__gte=since),
            inspection__establishment__company=company,
        ).select_related("inspection__owner", "inspection__establishment")
    )
    cases = list(
        EnforcementCase.objects.filter(
            _allowed(
                user, EnforcementCase, "owner_id", shared[RecordKind.ENFORCEMENT_CASES], "establishment", establishments
            ),
            Q(opened_on__gte=since) | Q(closed_on__isnull=True) | Q(closed_on__gte=since),
            establishment__company=company,
        )
        .select_related("owner", "establishment")
        .prefetch_related(Prefetch("sanctions", queryset=Sanction.objects.order_by("imposed_on", "id")))
    )
    permits = list(
        Decision.objects.filter(
            _allowed(user, Decision, "owner_id", shared[RecordKind.PERMITS], "establishment", establishments),
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


def shared_companies(user, query: str, *, day: date, limit: int = 10):
    """Companies by KvK number or a part of the name with an establishment whose owner or supervising service shares
    something with the reader's organisation on this day (what `reach` lets the reader open)."""
    query = (query or "").strip()
    owners = {owner for owner, _, _ in _shares(user.organisation_id, day)}
    if not query or not owners:
        return Company.objects.none()
    digits = query.replace(" ", "").replace(".", "")
    if digits.isdigit() and len(digits) == 8:
        matching = Q(kvk_number=digits)
    else:
        name = normalised_name(query)
        matching = Q(normalised_name__contains=name) if name else Q(pk__in=[])
    shared = Establishment.objects.filter(shared_establishments(owners), company=OuterRef("pk"))
    return Company.objects.filter(matching, Exists(shared), merged_into__isnull=True).order_by("name", "id")[:limit]
