"""Reads of the read log: who may export it, and the export for one data subject's request (inzageverzoek, AVG
art. 15): the complaints, enterprises and applications of natural persons holding the key he gave, every logged
read of them (this app's log and the chain dossier's `openvth.sharing.models.AccessLog`), as JSON or CSV for the
organisation's privacy officer.

The export is scoped to the organisation of who makes it: its own complaints and the companies it can see, the
reads its users made and the reads of those records; the national administrator (superuser) sees all."""

import csv
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from openvth.core.permissions import RULES, Action, has_role
from openvth.permits.models import Application
from openvth.register.models import Company
from openvth.sharing.models import AccessLog
from openvth.supervision.models import Complaint

from . import subjects
from .models import PersonalDataRead

EXPORT_ROLES = RULES[Action.EXPORT_READS].roles  # the organisation's administrator answers for its privacy officer
COMPLAINT_TYPE = Complaint._meta.label_lower
COMPANY_TYPE = Company._meta.label_lower
APPLICATION_TYPE = Application._meta.label_lower


def may_export(user) -> bool:
    return has_role(user, Action.EXPORT_READS)


def reads(user) -> QuerySet[PersonalDataRead]:
    """The reads made by the users of the user's organisation (all for the national administrator)."""
    if not may_export(user):
        return PersonalDataRead.objects.none()
    found = PersonalDataRead.objects.all()
    if not user.is_superuser:
        found = found.filter(organisation_id=user.organisation_id)
    return found.select_related("organisation").order_by("-read_at", "-id")


def _local(moment: datetime | None) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


@dataclass
class SubjectExport:
    kind: str
    value: str
    made_at: datetime
    made_by: str
    organisation: str
    complaints: list = field(default_factory=list)
    companies: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    reads: list = field(default_factory=list)
    chain_reads: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "verzoek": {
                "soort_sleutel": self.kind,
                "sleutel": self.value,
                "opgesteld_op": _local(self.made_at),
                "opgesteld_door": self.made_by,
                "organisatie": self.organisation,
            },
            "klachten_en_meldingen": [_complaint(c) for c in self.complaints],
            "bedrijven": [_company(c) for c in self.companies],
            "aanvragen": [_application(a) for a in self.applications],
            "raadplegingen": [_read(r) for r in self.reads],
            "raadplegingen_ketendossier": [_chain_read(e) for e in self.chain_reads],
        }

    def write_csv(self, out) -> int:
        """One table (semicolon, for Dutch spreadsheets): a row per record held and per read; returns the rows."""
        writer = csv.writer(out, delimiter=";")
        writer.writerow(CSV_COLUMNS)
        rows = []
        for c in self.complaints:
            rows.append(
                [
                    "klacht_of_melding",
                    f"{COMPLAINT_TYPE} {c.pk}",
                    _local(c.received_at),
                    "",
                    c.service.name,
                    "",
                    "",
                    _fields(_complaint(c)),
                ]
            )
        for c in self.companies:
            rows.append(["bedrijf", f"{COMPANY_TYPE} {c.pk}", "", "", "", "", "", _fields(_company(c))])
        for a in self.applications:
            day, held = a.received_on.isoformat(), _fields(_application(a))
            rows.append(["aanvraag", f"{APPLICATION_TYPE} {a.pk}", day, "", a.owner.name, "", "", held])
        for r in self.reads:
            rows.append(
                [
                    "raadpleging",
                    f"{r.object_type} {r.object_id}".strip(),
                    _local(r.read_at),
                    r.user_name,
                    r.organisation.name if r.organisation else "",
                    r.get_channel_display(),
                    r.purpose,
                    r.get_kind_display(),
                ]
            )
        for e in self.chain_reads:
            rows.append(
                [
                    "raadpleging_ketendossier",
                    f"{COMPANY_TYPE} {e.company_id}",
                    _local(e.read_at),
                    e.user_name,
                    e.organisation.name if e.organisation else "",
                    "ui",
                    _chain_purpose(e),
                    _fields(e.records),
                ]
            )
        writer.writerows(rows)
        return len(rows)


CSV_COLUMNS = ["categorie", "gegeven", "tijdstip", "gebruiker", "organisatie", "kanaal", "doel", "inhoud"]


def _fields(values: dict) -> str:
    return "; ".join(f"{k}: {v}" for k, v in values.items() if v not in ("", None, [], {}))


def _complaint(c: Complaint) -> dict:
    return {
        "id": c.pk,
        "dienst": c.service.name,
        "ontvangen_op": _local(c.received_at),
        "onderwerp": c.get_subject_display(),
        "omschrijving": c.description,
        "locatie": c.location,
        "waargenomen_op": _local(c.occurred_at),
        "naam_melder": c.reporter_name,
        "email_melder": c.reporter_email,
        "telefoon_melder": c.reporter_phone,
        "status": c.get_status_display(),
        "reden_afsluiten": c.closed_reason,
    }


def _company(c: Company) -> dict:
    return {
        "id": c.pk,
        "kvk_nummer": c.kvk_number,
        "naam": c.name,
        "rechtsvorm": c.get_legal_form_display(),
        "vestigingen": [
            {
                "id": e.pk,
                "naam": e.name,
                "adres": f"{e.street} {e.house_number}{e.house_number_suffix}".strip(),
                "postcode": e.postcode,
                "plaats": e.place,
                "woonadres": e.is_home_address,
            }
            for e in c.establishments.all()
        ],
    }


def _application(a: Application) -> dict:
    return {
        "id": a.pk,
        "kenmerk": a.reference,
        "onderwerp": a.subject,
        "ontvangen_op": a.received_on.isoformat(),
        "vestiging": a.establishment.name,
        "naam_aanvrager": a.applicant_name,
        "kvk_nummer_aanvrager": a.applicant_kvk_number,
        "email_aanvrager": a.applicant_email,
        "telefoon_aanvrager": a.applicant_phone,
        "status": a.get_status_display(),
    }


def _read(r: PersonalDataRead) -> dict:
    return {
        "tijdstip": _local(r.read_at),
        "gebruiker": r.user_name,
        "organisatie": r.organisation.name if r.organisation else "",
        "soort": r.get_kind_display(),
        "gegeven": f"{r.object_type} {r.object_id}".strip(),
        "kanaal": r.get_channel_display(),
        "doel": r.purpose,
    }


def _chain_purpose(e: AccessLog) -> str:
    return f"{e.get_purpose_code_display()}: {e.note}" if e.note else str(e.get_purpose_code_display())


def _chain_read(e: AccessLog) -> dict:
    return {
        "tijdstip": _local(e.read_at),
        "gebruiker": e.user_name,
        "organisatie": e.organisation.name if e.organisation else "",
        "bedrijf": e.company_id,
        "doel": _chain_purpose(e),
        "gegevens": e.records,
    }


def _matching(candidates, kind: str, value: str) -> list:
    return [record for record in candidates.iterator(chunk_size=2000) if subjects.matches(record, kind, value)]


def _complaints(user, kind: str, value: str) -> list[Complaint]:
    found = Complaint.objects.visible_to(user).select_related("service")
    normal = subjects.normalise(kind, value)
    if kind == subjects.EMAIL:
        found = found.filter(reporter_email__iexact=normal)
    elif kind == subjects.PHONE:
        found = found.exclude(reporter_phone="")
    elif kind == subjects.NAME:
        found = found.exclude(reporter_name="")
    else:
        return []
    return sorted(_matching(found, kind, value), key=lambda c: (c.received_at, c.pk))


def _companies(user, kind: str, value: str) -> list[Company]:
    found = Company.objects.visible_to(user).filter(legal_form__in=Company.NATURAL_PERSON_FORMS)
    if kind == subjects.KVK:
        found = found.filter(kvk_number=subjects.normalise(kind, value))
    elif kind != subjects.NAME:
        return []
    matched = _matching(found, kind, value)
    return list(Company.objects.filter(pk__in=[c.pk for c in matched]).prefetch_related("establishments"))


def _applications(user, kind: str, value: str) -> list[Application]:
    found = Application.objects.visible_to(user).filter(applicant_is_natural_person=True)
    found = found.select_related("owner", "establishment")
    if kind == subjects.KVK:
        found = found.filter(applicant_kvk_number=subjects.normalise(kind, value))
    elif kind == subjects.EMAIL:
        found = found.filter(applicant_email__iexact=subjects.normalise(kind, value))
    elif kind not in (subjects.NAME, subjects.PHONE):
        return []
    return sorted(_matching(found, kind, value), key=lambda a: (a.received_on, a.pk))


def subject_export(user, *, kind: str, value: str, made_at: datetime) -> SubjectExport:
    """Everything this organisation holds and logged about the data subject with this key."""
    if not may_export(user):
        raise PermissionDenied("Alleen een beheerder maakt een export voor een inzageverzoek.")
    complaints = _complaints(user, kind, value)
    companies = _companies(user, kind, value)
    applications = _applications(user, kind, value)
    held = (
        Q(object_type=COMPLAINT_TYPE, object_id__in=[str(c.pk) for c in complaints])
        | Q(object_type=COMPANY_TYPE, object_id__in=[str(c.pk) for c in companies])
        | Q(object_type=APPLICATION_TYPE, object_id__in=[str(a.pk) for a in applications])
    )
    by_key = Q(subjects__digest=subjects.digest(kind, value))
    logged = PersonalDataRead.objects.filter(by_key | held)
    chain = AccessLog.objects.filter(company__in=[c.pk for c in companies])
    if not user.is_superuser:
        logged = logged.filter(Q(organisation_id=user.organisation_id) | held)
        chain = chain.filter(Q(sources=user.organisation_id) | Q(organisation_id=user.organisation_id))
    return SubjectExport(
        kind=kind,
        value=value,
        made_at=made_at,
        made_by=user.username,
        organisation=user.organisation.name if user.organisation_id else "",
        complaints=complaints,
        companies=companies,
        applications=applications,
        reads=list(logged.distinct().select_related("organisation").order_by("read_at", "id")),
        chain_reads=list(chain.distinct().select_related("organisation").order_by("read_at", "id")),
    )
