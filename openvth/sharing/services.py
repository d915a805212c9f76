"""Every write of chain sharing: agreements (by the owning organisation's managers), the access log and its purge.

Each write runs in one transaction; an error raises a Dutch ValidationError (or PermissionDenied) and leaves
nothing behind.
"""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openvth.core.history import record_change, update_recorded
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import author
from openvth.register.models import Company
from openvth.rules.terms import add_months

from .models import AccessLog, Purpose, RecordKind, SharingAgreement

LOG_RETENTION_MONTHS = 36  # the access log is kept 3 years (docs/domain.md §7)


def _check_manager(user, agreement: SharingAgreement | None = None) -> None:
    """Managers and administrators decide what their own organisation shares (a new agreement is the own one)."""
    owner_id = agreement.owner_id if agreement is not None else getattr(user, "organisation_id", None)
    check(user, Action.MANAGE_SHARING, owner_id)


def _validate(*, owner_id: int, partners, kinds, purpose_code, purpose, valid_from, valid_to) -> dict:
    errors: dict[str, list[str]] = {}
    partners = list(partners)
    if not partners:
        errors["partners"] = ["Kies ten minste één partnerorganisatie."]
    elif any(partner.pk == owner_id for partner in partners):
        errors["partners"] = ["Een organisatie deelt niet met zichzelf."]
    kinds = list(dict.fromkeys(kinds))
    if not kinds:
        errors["kinds"] = ["Kies ten minste één soort gegevens."]
    elif unknown := [kind for kind in kinds if kind not in RecordKind.values]:
        errors["kinds"] = [f"Onbekende soort gegevens: {', '.join(unknown)}."]
    if purpose_code not in Purpose.values:
        errors["purpose_code"] = [f"Onbekend doel '{purpose_code}'."]
    if not (purpose or "").strip():
        errors["purpose"] = ["Omschrijf het doel van het delen."]
    if valid_from is None:
        errors["valid_from"] = ["Geef de datum waarop de afspraak ingaat."]
    elif valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = ["De einddatum ligt vóór de begindatum."]
    if errors:
        raise ValidationError(errors)
    order = [kind for kind in RecordKind.values if kind in kinds]
    return {"kinds": order, "purpose_code": purpose_code, "purpose": purpose.strip(), "valid_from": valid_from,
            "valid_to": valid_to}  # fmt: skip


def _partner_note(partners) -> str:
    return "Partners: " + ", ".join(sorted(partner.code for partner in partners)) + "."


@transaction.atomic
def create_agreement(*, user, partners, kinds, purpose_code, purpose, valid_from, valid_to=None) -> SharingAgreement:
    _check_manager(user)
    partners = list(partners)
    fields = _validate(owner_id=user.organisation_id, partners=partners, kinds=kinds, purpose_code=purpose_code,
                       purpose=purpose, valid_from=valid_from, valid_to=valid_to)  # fmt: skip
    agreement = SharingAgreement.objects.create(owner_id=user.organisation_id, **fields)
    agreement.partners.set(partners)
    record_change(agreement, user=user, action=ChangeRecord.Action.CREATE, note=_partner_note(partners))
    return agreement


@transaction.atomic
def update_agreement(
    *, user, agreement: SharingAgreement, partners, kinds, purpose_code, purpose, valid_from, valid_to=None
) -> SharingAgreement:
    """Change an agreement, also to end it (valid_to); the old values stay in its history."""
    agreement = SharingAgreement.objects.select_for_update().get(pk=agreement.pk)
    _check_manager(user, agreement)
    partners = list(partners)
    fields = _validate(owner_id=agreement.owner_id, partners=partners, kinds=kinds, purpose_code=purpose_code,
                       purpose=purpose, valid_from=valid_from, valid_to=valid_to)  # fmt: skip
    update_recorded(agreement, fields, user=user, note=_partner_note(partners))
    agreement.partners.set(partners)
    return agreement


def log_access(*, user, company: Company, purpose_code: str, note: str, records: dict, sources: set[int]) -> AccessLog:
    """Called by the dossier selector inside its transaction: the read and its log entry stand or fall together."""
    entry = AccessLog.objects.create(
        user=author(user),
        user_name=getattr(user, "username", "") or "systeem",
        organisation_id=user.organisation_id,
        company=company,
        purpose_code=purpose_code,
        note=note,
        records=records,
    )
    through = AccessLog.sources.through
    through.objects.bulk_create(through(accesslog=entry, organisation_id=pk) for pk in sorted(sources))
    return entry


def log_cutoff(today: date) -> datetime:
    """Entries read before this moment are older than the 3 years the log is kept."""
    return timezone.make_aware(datetime.combine(add_months(today, -LOG_RETENTION_MONTHS), time.min))


@transaction.atomic
def purge_access_log(*, today: date, dry_run: bool = False) -> int:
    """Delete log entries older than 3 years; returns how many (would have) gone."""
    expired = AccessLog.objects.filter(read_at__lt=log_cutoff(today))
    count = expired.count()
    if not dry_run and count:
        AccessLog.sources.through.objects.filter(accesslog__in=expired).delete()
        expired.delete()
    return count
