"""Every write of the read log: a read recorded where a page or API answer shows personal data, and the daily purge.

`record_read` is called at the one place each view or API endpoint hands its records out; it stores one entry per
record shown, in one transaction (a list page of 25 complaints: 25 entries)."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from openvth.core.scoping import author

from . import subjects
from .models import Channel, PersonalDataRead, ReadKind, ReadSubject

# How long a read is kept (AUDIT_READ_RETENTION_DAYS). The AVG sets no term and the BIO (12.4.1) asks to keep logs
# as long as needed to account for access. Three years: the same as the chain dossier's log (openvth.sharing), so a
# data subject's request sees every kind of read over one period, and long enough to investigate a complaint about
# an employee's curiosity that comes to light late; longer would make the log itself a growing file of personal
# data (of the subjects and of the employees) without a purpose (AVG art. 5(1)(e)).
DEFAULT_RETENTION_DAYS = 3 * 365 + 1


def retention_days() -> int:
    return int(getattr(settings, "AUDIT_READ_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def _kind_of(record) -> str:
    from openvth.permits.models import Application
    from openvth.register.models import Company
    from openvth.supervision.models import Complaint

    if isinstance(record, Complaint):
        return ReadKind.COMPLAINT
    if isinstance(record, Company):
        return ReadKind.PERSON_COMPANY
    if isinstance(record, Application):
        return ReadKind.APPLICANT
    raise TypeError(f"Geen persoonsgegevens bekend van {type(record).__name__}.")


def holds_personal_data(record) -> bool:
    """A complaint always (even one without reporter: its text may name people); a company only of a natural
    person (eenmanszaak, vof, maatschap, cv); an application only when its applicant is a natural person."""
    from openvth.permits.models import Application
    from openvth.register.models import Company

    if isinstance(record, Company):
        return record.is_natural_person
    if isinstance(record, Application):
        return record.applicant_is_natural_person
    return True


@transaction.atomic
def record_read(user, records, *, channel: str, purpose: str = "") -> list[PersonalDataRead]:
    """Log that the user was shown these records (one record or an iterable); records without personal data (a
    company of a legal person) are left out. Returns the entries written."""
    if records is None:
        return []
    if not isinstance(records, Iterable) or isinstance(records, (str, bytes)):
        records = [records]
    shown = [record for record in records if holds_personal_data(record)]
    if not shown:
        return []
    if channel not in Channel.values:
        raise ValueError(f"Onbekend kanaal '{channel}'.")
    entries = PersonalDataRead.objects.bulk_create(
        PersonalDataRead(
            user=author(user),
            user_name=getattr(user, "username", "") or "systeem",
            organisation_id=getattr(user, "organisation_id", None),
            kind=_kind_of(record),
            object_type=record._meta.label_lower,
            object_id=str(record.pk),
            purpose=(purpose or "")[:300],
            channel=channel,
        )
        for record in shown
    )
    _store_subjects(entries, [subjects.digests_of(record) for record in shown])
    return entries


def _store_subjects(entries: list[PersonalDataRead], digests: list[set[str]]) -> None:
    ReadSubject.objects.bulk_create(
        ReadSubject(read=entry, digest=value) for entry, found in zip(entries, digests, strict=True) for value in found
    )


@transaction.atomic
def record_export(user, *, kind: str, value: str, purpose: str, channel: str, records=()) -> PersonalDataRead:
    """The export for a data subject's request is itself a read of his data: logged with the request's reference,
    under the key asked for and every key of the records it showed (so a later request by another key finds it)."""
    entry = PersonalDataRead.objects.create(
        user=author(user),
        user_name=getattr(user, "username", "") or "systeem",
        organisation_id=getattr(user, "organisation_id", None),
        kind=ReadKind.SUBJECT_EXPORT,
        object_type="audit.subject",
        object_id="",
        purpose=(purpose or "")[:300],
        channel=channel,
    )
    shown = {subjects.digest(kind, value)}.union(*(subjects.digests_of(record) for record in records))
    _store_subjects([entry], [shown - {""}])
    return entry


def cutoff(today: date) -> datetime:
    """Reads before this moment are older than the retention."""
    return timezone.make_aware(datetime.combine(today - timedelta(days=retention_days()), time.min))


@transaction.atomic
def purge_reads(*, today: date, dry_run: bool = False) -> int:
    """Delete the reads older than the retention; returns how many (would have) gone."""
    expired = PersonalDataRead.objects.filter(read_at__lt=cutoff(today))
    count = expired.count()
    if not dry_run and count:
        ReadSubject.objects.filter(read__in=expired).delete()
        expired.delete()
    return count
