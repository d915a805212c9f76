"""Every write of inspections, their answers, findings and attachments, and of public complaints.

Each write runs in one transaction, records its history and raises a Dutch ValidationError that leaves nothing
behind. Answers and findings are drafts, saved one at a time, while the inspection is open; closing locks it. After
closing a write is only accepted as a correction: with a reason, recorded as a ChangeRecord with action
"correction" and the reason as its note.
"""

from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from openvth.accounts.models import Role
from openvth.core import clock
from openvth.core.history import record_change, snapshot, update_recorded
from openvth.core.inputs import not_in_future, parse_date
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import author
from openvth.notifications import services as notifications
from openvth.permits.models import ProvisionVersion
from openvth.register.models import Establishment, Organisation
from openvth.rules import risk

from ..models import Answer, Attachment, ChecklistItem, Complaint, Finding, Inspection, PlannedVisit
from ..selectors import inspections as selectors
from . import planning

CORRECTION = "correction"
# photos and documents of a visit: the extension and the file's first bytes must agree
ATTACHMENT_SIGNATURES = {
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".pdf": b"%PDF",
}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
COMPLAINTS_PER_HOUR = 5  # per client IP address, for the public form without login


# --- parsing --------------------------------------------------------------------------------------------------


def _choice(value, choices, field: str, message: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: [message]})
    return value


# --- the lock -------------------------------------------------------------------------------------------------


def _locked(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().select_related("establishment").get(pk=inspection.pk)


def _writable(user, inspection: Inspection, correction: str) -> tuple[Inspection, str]:
    """The inspection locked for this write, and the history action: a draft change while it is open, a correction
    with a reason once it is closed."""
    inspection = _locked(inspection)
    check(user, Action.INSPECT, inspection)
    reason = (correction or "").strip()
    if inspection.status == Inspection.Status.CLOSED:
        if not reason:
            closed = date_format(timezone.localtime(inspection.closed_at), "j F Y")  # Dutch, as on every page
            raise ValidationError(
                f"De inspectie is afgesloten op {closed} en kan niet meer worden gewijzigd. "
                "Leg de wijziging vast als correctie, met de reden."
            )
        return inspection, CORRECTION
    if reason:
        raise ValidationError("De inspectie is nog open: wijzig haar gewoon, een correctie is niet nodig.")
    if inspection.status == Inspection.Status.PLANNED:
        raise ValidationError("Start eerst de inspectie met de datum van het bezoek.")
    return inspection, ChangeRecord.Action.UPDATE


def _record(obj, user, action: str, before: dict | None, reason: str = "") -> None:
    record_change(obj, user=user, action=action, before=before, note=reason.strip() if action == CORRECTION else "")


# --- inspections ----------------------------------------------------------------------------------------------


# one answer for a username that does not exist and one of another organisation: the form tells no one who exists
NOT_A_COLLEAGUE = "{value}: onbekend, of werkt niet bij de eigenaar of de omgevingsdienst."


NOT_AN_INSPECTOR = "{value} is geen toezichthouder; alleen toezichthouders voeren een inspectie uit."


def _inspectors(inspectors, owner_ids: set[int]) -> list:
    """Inspectors (role toezichthouder) of the owner or the supervising service, nobody else."""
    chosen = list(inspectors or [])
    strangers = [NOT_A_COLLEAGUE.format(value=u.username) for u in chosen if u.organisation_id not in owner_ids]
    others = [
        NOT_AN_INSPECTOR.format(value=u.username)
        for u in chosen
        if u.organisation_id in owner_ids and u.role != Role.INSPECTOR
    ]
    if strangers or others:
        raise ValidationError({"inspectors": strangers + others})
    return chosen


@transaction.atomic
def create_inspection(
    *,
    user,
    establishment: Establishment,
    kind: str,
    planned_on=None,
    inspectors=(),
    announced: bool = False,
    follows: Inspection | None = None,
) -> Inspection:
    """Plan an inspection; its checklist is the newest version valid on the planned day for the establishment's
    activities (chosen again on the day of the visit)."""
    check(user, Action.PLAN_INSPECTION, establishment)
    kind = _choice(kind, Inspection.Kind, "kind", "Kies een soort inspectie.")
    day = parse_date(planned_on, "planned_on", "De geplande datum", required=False)
    if follows is not None and follows.establishment_id != establishment.pk:
        raise ValidationError({"follows": ["De eerdere inspectie hoort bij een andere vestiging."]})
    owner_id = getattr(user, "organisation_id", None) or establishment.supervising_service_id
    chosen = _inspectors(inspectors, {owner_id, establishment.supervising_service_id})
    inspection = Inspection.objects.create(
        owner_id=owner_id,
        establishment=establishment,
        kind=kind,
        announced=bool(announced),
        planned_on=day,
        follows=follows,
        checklist=selectors.checklist_version_for(establishment, on=day or clock.today()),
    )
    inspection.inspectors.set(chosen)
    record_change(inspection, user=user, action=ChangeRecord.Action.CREATE)
    if chosen:  # the inspectors are told it is theirs (not the one who planned it)
        by_id = getattr(user, "pk", None)
        transaction.on_commit(lambda: notifications.inspection_assigned(inspection.pk, by_id=by_id), robust=True)
    return inspection


def _starts_now(visit: PlannedVisit, today) -> bool:
    """A visit planned for today or earlier (or, without a day, in this month or before) is being made now."""
    if visit.planned_on is not None:
        return visit.planned_on <= today
    return (visit.programme.year, visit.month) <= (today.year, today.month)


@transaction.atomic
def start_visit(*, user, visit: PlannedVisit) -> Inspection:
    """The agenda's start button: the visit's inspection. One exists: it is opened as it is. None yet: it is made
    from the visit (its kind, day and inspector, or the user when an inspector) and linked to it, and started today
    when the visit is due now; a visit later on gets a planned inspection to prepare."""
    visit = (
        PlannedVisit.objects.select_for_update(of=("self",))
        .select_related("programme", "establishment", "inspection", "inspector")
        .get(pk=visit.pk)
    )
    if visit.inspection_id is not None:
        return visit.inspection
    if visit.postponed:
        raise ValidationError("Dit bezoek is uitgesteld; neem het eerst weer op in het programma.")
    today = clock.today()
    now = _starts_now(visit, today)
    inspector = visit.inspector or (user if getattr(user, "role", None) == Role.INSPECTOR else None)
    inspection = create_inspection(
        user=user,
        establishment=visit.establishment,
        kind=visit.kind,
        planned_on=visit.planned_on or (today if now else None),
        inspectors=[inspector] if inspector is not None else [],
    )
    update_recorded(visit, {"inspection": inspection}, user=user, note="Inspectie aangemaakt")
    return start_inspection(user=user, inspection=inspection, performed_on=today) if now else inspection


@transaction.atomic
def start_inspection(*, user, inspection: Inspection, performed_on) -> Inspection:
    """The visit takes place: answers and findings can be recorded from now on."""
    inspection = _locked(inspection)
    check(user, Action.INSPECT, inspection)
    if inspection.status != Inspection.Status.PLANNED:
        raise ValidationError(f"De inspectie is al {inspection.get_status_display()}.")
    day = parse_date(performed_on, "performed_on", "De datum van het bezoek")
    not_in_future(day, "performed_on", "De datum van het bezoek")
    # no answers exist yet: the checklist in force on the day of the visit applies
    checklist = selectors.checklist_version_for(inspection.establishment, on=day)
    changes = {"performed_on": day, "status": Inspection.Status.OPEN, "checklist": checklist}
    return update_recorded(inspection, changes, user=user, note="Inspectie gestart")


@transaction.atomic
def save_summary(*, user, inspection: Inspection, summary: str, correction: str = "") -> Inspection:
    inspection, action = _writable(user, inspection, correction)
    before = snapshot(inspection)
    inspection.summary = (summary or "").strip()
    inspection.save(update_fields=["summary"])
    _record(inspection, user, action, before, correction)
    return inspection


@transaction.atomic
def save_answer(
    *, user, inspection: Inspection, item: ChecklistItem, result: str, note: str | None = None, correction: str = ""
) -> Answer:
    """Store one checklist answer at once (a draft while the inspection is open)."""
    inspection, action = _writable(user, inspection, correction)
    if item.version_id != inspection.checklist_id:
        raise ValidationError({"item": ["Dit controlepunt hoort niet bij de checklist van deze inspectie."]})
    result = _choice(
        result, Answer.Result, "result", "Kies voldoet, voldoet niet, niet beoordeeld of niet van toepassing."
    )
    answer = Answer.objects.filter(inspection=inspection, item=item).first()
    before = snapshot(answer) if answer else None
    if answer is None:
        answer = Answer(inspection=inspection, item=item)
    answer.result = result
    if note is not None:
        answer.note = note.strip()
    answer.save()
    first = before is None and action != CORRECTION
    _record(answer, user, ChangeRecord.Action.CREATE if first else action, before, correction)
    return answer


def _provision(inspection: Inspection, provision) -> ProvisionVersion:
    """The provision version of this establishment in force on the day of the visit (the picker's choice)."""
    pk = provision.pk if isinstance(provision, ProvisionVersion) else provision
    day = inspection.performed_on
    found = ProvisionVersion.objects.filter(establishment_id=inspection.establishment_id, pk=pk).first()
    if found is None:
        raise ValidationError({"provision": ["Dit voorschrift hoort niet bij de vergunning van deze vestiging."]})
    if not (found.valid_from <= day and (found.valid_until is None or day < found.valid_until)):
        raise ValidationError(
            {"provision": [f"Voorschrift {found.number} was op {day:%d-%m-%Y} niet van kracht bij deze vestiging."]}
        )
    return found


def _finding_values(inspection: Inspection, values: dict) -> dict:
    """Check every field of a finding at once; one ValidationError names each bad field."""
    errors: dict[str, list[str]] = {}
    cleaned: dict = {"provision_number": "", "provision_text": ""}
    provision = values.get("provision")
    rule = (values.get("general_rule") or "").strip()
    if provision not in (None, "") and rule:
        errors["general_rule"] = ["Kies een vergunningvoorschrift of een algemene regel, niet allebei."]
    elif provision not in (None, ""):
        try:
            found = _provision(inspection, provision)
            cleaned["provision_number"], cleaned["provision_text"] = found.number, found.text
        except ValidationError as error:
            errors.update(error.message_dict)
    elif not rule:
        errors["provision"] = ["Kies het overtreden vergunningvoorschrift of vul de overtreden algemene regel in."]
    cleaned["general_rule"] = rule
    try:
        cleaned["consequences"] = int(values.get("consequences"))
        if not 1 <= cleaned["consequences"] <= 4:
            raise ValueError
    except (TypeError, ValueError):
        errors["consequences"] = ["Kies de gevolgen volgens de LHSO: 1, 2, 3 of 4."]
    grade = values.get("brzo_grade") or ""
    if grade and grade not in Finding.BrzoGrade.values:
        errors["brzo_grade"] = ["Kies zwaar, middelmatig of licht."]
    elif grade and not inspection.establishment.brzo_tier:
        errors["brzo_grade"] = ["Een Brzo-zwaarte hoort alleen bij een Brzo-inrichting."]
    cleaned["brzo_grade"] = grade
    cleaned["description"] = (values.get("description") or "").strip()
    if not cleaned["description"]:
        errors["description"] = ["Beschrijf wat u heeft geconstateerd."]
    if errors:
        raise ValidationError(errors)
    return cleaned


FINDING_FIELDS = ("provision", "general_rule", "consequences", "brzo_grade", "description")


@transaction.atomic
def add_finding(
    *, user, inspection: Inspection, answer: Answer | None = None, correction: str = "", **values
) -> Finding:
    """A violation: the provision in force on the day of the visit or a general rule, LHSO consequences 1-4."""
    inspection, action = _writable(user, inspection, correction)
    cleaned = _finding_values(inspection, values)
    if answer is not None:
        if answer.inspection_id != inspection.pk:
            raise ValidationError({"answer": ["Dit antwoord hoort bij een andere inspectie."]})
        if Finding.objects.filter(answer=answer).exists():
            raise ValidationError({"answer": ["Bij dit controlepunt is al een bevinding vastgelegd."]})
    finding = Finding.objects.create(inspection=inspection, answer=answer, **cleaned)
    _record(finding, user, CORRECTION if action == CORRECTION else ChangeRecord.Action.CREATE, {}, correction)
    return finding


@transaction.atomic
def update_finding(*, user, finding: Finding, correction: str = "", **values) -> Finding:
    inspection, action = _writable(user, finding.inspection, correction)
    cleaned = _finding_values(inspection, values)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    before = snapshot(finding)
    for name, value in cleaned.items():
        setattr(finding, name, value)
    finding.save()
    _record(finding, user, action, before, correction)
    return finding


@transaction.atomic
def remove_finding(*, user, finding: Finding, correction: str = "") -> None:
    inspection, action = _writable(user, finding.inspection, correction)
    removed = str(finding)
    finding.delete()
    # the finding's own history goes with it: the inspection records what was removed
    reason = f": {correction.strip()}" if action == CORRECTION else ""
    record_change(
        inspection,
        user=user,
        action=action,
        before=snapshot(inspection),
        note=f"Bevinding verwijderd ({removed}){reason}",
    )


@transaction.atomic
def attach(*, user, inspection: Inspection, file, caption: str = "", finding: Finding | None = None) -> Attachment:
    """A photo (JPEG, PNG) or a PDF of at most 10 MB, while the inspection is open."""
    inspection, _action = _writable(user, inspection, "")
    name = Path(getattr(file, "name", "") or "").name
    extension = Path(name).suffix.lower()
    if extension not in ATTACHMENT_SIGNATURES:
        raise ValidationError({"file": ["Voeg een foto (JPG of PNG) of een PDF toe."]})
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": [f"Het bestand is {file.size / 1024 / 1024:.1f} MB; de grens is 10 MB."]})
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if not head.startswith(ATTACHMENT_SIGNATURES[extension]):
        raise ValidationError({"file": [f"De inhoud van {name} is geen {extension[1:].upper()}-bestand."]})
    if finding is not None and finding.inspection_id != inspection.pk:
        raise ValidationError({"finding": ["Deze bevinding hoort bij een andere inspectie."]})
    attachment = Attachment.objects.create(
        inspection=inspection, finding=finding, file=file, caption=(caption or "").strip()[:200], uploaded_by=user
    )
    # recorded on the inspection: core.history cannot snapshot a file field
    note = f"Bijlage toegevoegd: {attachment}"
    record_change(inspection, user=user, action=ChangeRecord.Action.UPDATE, before=snapshot(inspection), note=note)
    return attachment


def _unanswered(inspection: Inspection) -> list[str]:
    """The checklist items that keep the inspection from closing: not judged, or not applicable without a reason."""
    if inspection.checklist_id is None:
        return []
    answers = {
        item_id: (result, note) for item_id, result, note in inspection.answers.values_list("item_id", "result", "note")
    }
    missing = []
    for item in ChecklistItem.objects.filter(version_id=inspection.checklist_id).order_by("position"):
        result, note = answers.get(item.pk, (Answer.Result.NOT_ASSESSED, ""))
        if result in Answer.JUDGED:
            continue
        if result == Answer.Result.NOT_APPLICABLE:
            if note.strip():
                continue
            missing.append(f"{item.position}. {item.text} (niet van toepassing: geef de reden)")
        else:
            missing.append(f"{item.position}. {item.text}")
    return missing


@transaction.atomic
def close_inspection(*, user, inspection: Inspection) -> Inspection:
    """Lock the inspection: every checklist item answered (or not applicable, with the reason in its note), every
    answer 'voldoet niet' with its finding. A serious finding (LHSO 3-4) re-appraises the establishment at once and
    puts the extra visit within 6 months in the programme (planning.plan_revisit)."""
    inspection = _locked(inspection)
    check(user, Action.INSPECT, inspection)
    if inspection.status != Inspection.Status.OPEN:
        raise ValidationError(
            "De inspectie is al afgesloten."
            if inspection.status == Inspection.Status.CLOSED
            else "Start eerst de inspectie met de datum van het bezoek."
        )
    if inspection.performed_on is None:
        raise ValidationError({"performed_on": ["Vul de datum van het bezoek in."]})
    missing = (
        Answer.objects.filter(inspection=inspection, result=Answer.Result.NOT_COMPLIANT, finding__isnull=True)
        .select_related("item")
        .order_by("item__position")
    )
    if missing:
        items = "; ".join(f"{a.item.position}. {a.item.text}" for a in missing)
        raise ValidationError(f"Leg eerst een bevinding vast bij elk controlepunt dat niet voldoet: {items}.")
    if unanswered := _unanswered(inspection):
        raise ValidationError(
            "Beantwoord eerst elk controlepunt, of kies 'niet van toepassing' met de reden in de opmerking: "
            + "; ".join(unanswered)
            + "."
        )
    changes = {"status": Inspection.Status.CLOSED, "closed_at": clock.now(), "closed_by": author(user)}
    update_recorded(inspection, changes, user=user, note="Inspectie afgesloten")
    if inspection.findings.filter(consequences__gte=risk.SERIOUS_CONSEQUENCES).exists():
        planning.plan_revisit(
            establishment=inspection.establishment,
            inspector=inspection.inspectors.filter(role=Role.INSPECTOR).order_by("pk").first(),
        )
    return inspection


@transaction.atomic
def record_report(*, user, inspection: Inspection, sent_on=None, published_on=None) -> Inspection:
    """The report was sent to the operator and/or made public (IED art. 23(6): within 2 and 4 months)."""
    inspection = _locked(inspection)
    check(user, Action.INSPECT, inspection)
    if inspection.status != Inspection.Status.CLOSED:
        raise ValidationError("Sluit eerst de inspectie af; daarna gaat het rapport de deur uit.")
    before = snapshot(inspection)
    labels = {"report_sent_on": "De verzenddatum", "report_published_on": "De datum van openbaarmaking"}
    for field, value in (("report_sent_on", sent_on), ("report_published_on", published_on)):
        day = parse_date(value, field, labels[field], required=False)
        if day is None:
            continue
        not_in_future(day, field, labels[field])
        if day < inspection.performed_on:
            raise ValidationError({field: [f"{labels[field]} ligt vóór het bezoek."]})
        setattr(inspection, field, day)
    inspection.save(update_fields=list(labels))
    record_change(inspection, user=user, action=ChangeRecord.Action.UPDATE, before=before, note="Rapport")
    return inspection


# --- complaints -----------------------------------------------------------------------------------------------


def _rate_key(client_ip: str) -> str:
    return f"supervision:complaints:{client_ip}"


@transaction.atomic
def submit_complaint(
    *,
    client_ip: str,
    municipality: Organisation,
    subject: str,
    description: str,
    location: str,
    occurred_at=None,
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
) -> Complaint:
    """A public complaint without login, for the omgevingsdienst of the municipality where it happened; at most
    five an hour from one address."""
    key = _rate_key(client_ip)
    if cache.get(key, 0) >= COMPLAINTS_PER_HOUR:
        raise ValidationError(
            f"Vanaf dit adres zijn het afgelopen uur al {COMPLAINTS_PER_HOUR} meldingen gedaan. "
            "Probeer het later opnieuw of bel de omgevingsdienst."
        )
    errors: dict[str, list[str]] = {}
    if municipality is None or municipality.kind != Organisation.Kind.MUNICIPALITY:
        errors["municipality"] = ["Kies de gemeente waar het gebeurt."]
    elif municipality.omgevingsdienst_id is None:
        errors["municipality"] = [f"{municipality.name} heeft geen omgevingsdienst; meld het bij de gemeente zelf."]
    if subject not in Complaint.Subject.values:
        errors["subject"] = ["Kies waar de melding over gaat."]
    description, location = (description or "").strip(), (location or "").strip()
    if len(description) < 10:
        errors["description"] = ["Beschrijf in een paar woorden wat u merkt (ten minste 10 tekens)."]
    if not location:
        errors["location"] = ["Vul in waar het gebeurt: een adres of een omschrijving van de plek."]
    if occurred_at is not None and occurred_at > clock.now():
        errors["occurred_at"] = ["Het moment van waarnemen ligt in de toekomst."]
    if errors:
        raise ValidationError(errors)
    complaint = Complaint.objects.create(
        service_id=municipality.omgevingsdienst_id,
        subject=subject,
        description=description,
        location=f"{location} ({municipality.name})",
        occurred_at=occurred_at,
        reporter_name=(reporter_name or "").strip(),
        reporter_email=(reporter_email or "").strip(),
        reporter_phone=(reporter_phone or "").strip(),
    )
    record_change(complaint, user=None, action=ChangeRecord.Action.CREATE)
    transaction.on_commit(lambda: notifications.new_complaint(complaint.pk), robust=True)  # the service is told
    if not cache.add(key, 1, timeout=60 * 60):  # the hour runs from the first complaint
        cache.incr(key)
    return complaint


def _open_complaint(user, complaint: Complaint) -> Complaint:
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    check(user, Action.TRIAGE_COMPLAINT, complaint)
    if complaint.status != Complaint.Status.NEW:
        raise ValidationError(f"De melding is al behandeld ({complaint.get_status_display()}).")
    return complaint


@transaction.atomic
def triage_to_inspection(
    *, user, complaint: Complaint, establishment: Establishment, planned_on, inspectors=()
) -> Inspection:
    """The complaint leads to an inspection (kind: complaint) of the establishment it is about."""
    complaint = _open_complaint(user, complaint)
    inspection = create_inspection(
        user=user,
        establishment=establishment,
        kind=Inspection.Kind.COMPLAINT,
        planned_on=parse_date(planned_on, "planned_on", "De geplande datum"),
        inspectors=inspectors,
    )
    changes = {"status": Complaint.Status.INSPECTION, "establishment": establishment, "inspection": inspection}
    update_recorded(complaint, changes, user=user, note="Inspectie ingepland")
    return inspection


@transaction.atomic
def close_complaint(*, user, complaint: Complaint, reason: str) -> Complaint:
    complaint = _open_complaint(user, complaint)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ["Geef de reden om de melding zonder inspectie af te sluiten."]})
    changes = {"status": Complaint.Status.CLOSED, "closed_reason": reason}
    return update_recorded(complaint, changes, user=user, note=reason)
