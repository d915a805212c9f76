"""Every write of notifications, and the producers the other apps call: a new complaint, a redaction waiting for
approval, an inspection assigned, a sanction decision to sign, the daily term reminders, a background job that
failed for good.

What a message says is built per recipient from the records he may read (`visible_to`): a title with the record's
reference and the establishment's name, never the complaint's text or reporter or other free text, and the link
to the record. Each recipient gets it in the bell, and by e-mail at once or in the daily digest as he chose; a mail
that could not be sent at once goes with the next digest."""

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from openvth.accounts.models import Role, User
from openvth.core import clock
from openvth.core.permissions import Action, may
from openvth.disclosure.models import Publication
from openvth.enforcement import selectors as enforcement
from openvth.enforcement.models import EnforcementCase
from openvth.jobs.kinds import label as job_label
from openvth.permits import selectors as permits
from openvth.permits.models import Application
from openvth.supervision.models import Complaint, Inspection

from . import selectors
from .models import Delivery, Kind, Notification, Preference

logger = logging.getLogger(__name__)
# who is reminded of the terms: the officers who work the files of the organisation that owns them
PERMIT_REMINDED = Role.PERMIT_OFFICER
ENFORCEMENT_REMINDED = Role.ENFORCEMENT_LAWYER
MAX_DAYS_BEFORE = 60
IMMEDIATE_GRACE = timedelta(minutes=15)  # an immediate mail not sent by then goes with the digest


def _notify(recipient, kind: str, title: str, url: str, *, key: str = "") -> Notification | None:
    """Store the notification (once per key) and mail it after the commit when the recipient wants it at once."""
    if key and Notification.objects.filter(recipient=recipient, key=key).exists():
        return None
    delivery = selectors.preference(recipient, kind).delivery
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, title=title[:300], url=url, key=key, delivery=delivery,
                created_at=clock.now(),
            )  # fmt: skip
    except IntegrityError:  # the same reminder, stored meanwhile by another run
        return None
    if delivery == Delivery.IMMEDIATE and recipient.email:
        transaction.on_commit(lambda: _mail_now(notification.pk), robust=True)
    return notification


def _link(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def _mail_context(items: list[Notification], *, digest: bool) -> dict:
    links = [(n, _link(n.url)) for n in items]
    return {"items": links, "digest": digest, "preferences": _link(reverse("notifications:preferences"))}


def _mail_now(notification_id: int) -> None:
    notification = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).first()
    if notification is None:
        return
    body = render_to_string("notifications/email.txt", _mail_context([notification], digest=False))
    send_mail(f"openvth: {notification.title}", body, None, [notification.recipient.email])
    Notification.objects.filter(pk=notification.pk).update(emailed_at=clock.now())


def send_digests() -> int:
    """One e-mail per user with what he chose to get daily, and what could not be mailed at once; returns the mails.
    A failing mail server raises (the job is tried again); what was sent stays marked as sent."""
    now = clock.now()
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True, created_at__lte=now)
        .exclude(recipient__email="")
        .exclude(delivery=Delivery.IMMEDIATE, created_at__gt=now - IMMEDIATE_GRACE)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    per_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in pending:
        per_user[notification.recipient_id].append(notification)
    for items in per_user.values():
        body = render_to_string("notifications/email.txt", _mail_context(items, digest=True))
        subject = f"openvth: {len(items)} notificaties van {clock.today():%d-%m-%Y}"
        send_mail(subject, body, None, [items[0].recipient.email])
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=clock.now())
    return len(per_user)


def _members(organisation_id: int | None, **filters):
    return User.objects.filter(organisation_id=organisation_id, is_active=True, **filters).order_by("pk")


# --- producers -------------------------------------------------------------------------------------------------


def _who_see(users, model, pk: int, action: Action | None, *related: str):
    """Each of `users` with the record as that user sees it; who does not see it, or may not take `action` on it,
    is left out."""
    for user in users:
        found = model.objects.visible_to(user).filter(pk=pk)
        visible = (found.select_related(*related) if related else found).first()
        if visible is not None and (action is None or may(user, action, visible)):
            yield user, visible


def _tell(users, kind: str, model, pk: int, action: Action | None, message, *related: str) -> int:
    """Notify each of `users` who sees the record (and may take `action` on it) of `message(visible)`: its title
    and link made from the record as that user sees it. Answers how many were told."""
    told = 0
    for user, visible in _who_see(users, model, pk, action, *related):
        title, url = message(visible)
        told += _notify(user, kind, title, url) is not None
    return told


@transaction.atomic
def new_complaint(complaint_id: int) -> int:
    """Tell the inspectors and managers of the service a complaint came in for (no text, place or reporter)."""
    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is None:
        return 0

    def message(visible: Complaint) -> tuple[str, str]:
        title = f"Nieuwe melding over {visible.get_subject_display()} (nummer {visible.pk})"
        return title, reverse("supervision:complaint", args=[visible.pk])

    members = _members(complaint.service_id)
    return _tell(members, Kind.NEW_COMPLAINT, Complaint, complaint_id, Action.TRIAGE_COMPLAINT, message)


@transaction.atomic
def approval_requested(publication_id: int) -> int:
    """Tell the reviewers of the owner that a redaction waits for approval (not who proposed it: four eyes)."""
    publication = Publication.objects.filter(pk=publication_id).first()
    if publication is None:
        return 0

    def message(visible: Publication) -> tuple[str, str]:
        return f"Lakking wacht op uw goedkeuring: {visible.title}", reverse("disclosure:publication", args=[visible.pk])

    reviewers = _members(publication.owner_id).exclude(pk=publication.proposed_by_id)
    return _tell(reviewers, Kind.APPROVAL_REQUESTED, Publication, publication_id, Action.REVIEW_PUBLICATION, message)


@transaction.atomic
def inspection_assigned(inspection_id: int, *, by_id: int | None = None) -> int:
    """Tell the inspectors of an inspection that it is theirs (not the one who assigned it)."""
    inspection = Inspection.objects.filter(pk=inspection_id).select_related("establishment").first()
    if inspection is None:
        return 0

    def message(visible: Inspection) -> tuple[str, str]:
        planned = f" (gepland op {visible.planned_on:%d-%m-%Y})" if visible.planned_on else ""
        title = f"{visible.get_kind_display().capitalize()} bij {visible.establishment.name} aan u toegewezen{planned}"
        return title, reverse("supervision:inspection", args=[visible.pk])

    inspectors = inspection.inspectors.filter(is_active=True).exclude(pk=by_id).order_by("pk")
    return _tell(inspectors, Kind.ASSIGNED, Inspection, inspection_id, None, message, "establishment")


@transaction.atomic
def decision_to_sign(case_id: int, *, by_id: int | None = None) -> int:
    """After any step of a case (enforcement.services.transition): when the case now waits for the sanction decision
    a voornemen or boeterapport prepared, tell who may take it: the officials of the case's organisation whose role
    may take that step and who hold the mandate for it at the competent authority today. Not who took the step, nor,
    where the authority's policy asks for four eyes, who prepared it. Once per case and stage."""
    from openvth.enforcement.permissions import may_take  # enforcement.services calls this one
    from openvth.enforcement.selectors import local_policy
    from openvth.register.models import DecisionType
    from openvth.register.selectors import holds_mandate
    from openvth.rules import enforcement as rules
    from openvth.rules import enforcement_events as events

    case = EnforcementCase.objects.filter(pk=case_id).select_related("competent_authority").first()
    if case is None or case.state == rules.CLOSED:
        return 0
    today = clock.today()
    pending = [
        (event, events.spec(event).decision_type)
        for event in rules.allowed_events(case.route, case.state)
        if events.spec(event).decides_prepared and events.spec(event).decision_type not in (None, events.INTENDED)
    ]
    if not pending:
        return 0
    policy = local_policy(case.competent_authority, today)
    excluded = {by_id} - {None}
    if policy.four_eyes:
        preparing = [event for event, spec in events.EVENTS.items() if spec.prepares]
        excluded |= set(case.transitions.filter(event__in=preparing, by__isnull=False).values_list("by_id", flat=True))
    told = 0
    deciders = _members(case.owner_id).exclude(pk__in=excluded)
    for user, visible in _who_see(deciders, EnforcementCase, case_id, Action.ENFORCE, "establishment"):
        signable = [
            decision_type
            for event, decision_type in pending
            if may_take(user, event, policy)
            and holds_mandate(user, authority=case.competent_authority, decision_type=decision_type, on=today)
        ]
        if not signable:
            continue
        what = " of ".join(str(DecisionType(d).label) if d in DecisionType.values else d for d in signable)
        title = f"Besluit te ondertekenen ({what}) in zaak {visible.reference} ({visible.establishment.name})"
        url = reverse("enforcement:case", args=[visible.pk])
        key = f"{Kind.DECISION_TO_SIGN}:{visible.pk}:{visible.state}"
        told += _notify(user, Kind.DECISION_TO_SIGN, title, url, key=key) is not None
    return told


def job_failed(job) -> int:
    """Tell the administrators of the job's organisation (the national administrators for the installation's own
    jobs) that a background job failed after its last attempt."""
    if job.organisation_id is not None:
        recipients = _members(job.organisation_id, role=Role.ADMINISTRATOR)
    else:
        recipients = User.objects.filter(is_superuser=True, is_active=True).order_by("pk")
    title = f"Achtergrondtaak mislukt: {job_label(job.kind)} (#{job.pk})"
    return sum(_notify(user, Kind.JOB_FAILED, title, reverse("jobs:failed")) is not None for user in recipients)


def _by_organisation(role: str) -> dict[int, list[User]]:
    found: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(role=role, is_active=True, organisation__isnull=False).order_by("pk"):
        found[user.organisation_id].append(user)
    return found


def _days_before(user) -> int:
    return selectors.preference(user, Kind.TERM_EXPIRING).days_before


def _remind(user, *, overdue: bool, key: str, what: str, due_on, url: str) -> bool:
    """Remind of `what` (a term of a record) that ends, or has passed, on `due_on`; once per key."""
    kind = Kind.OVERDUE if overdue else Kind.TERM_EXPIRING
    when = f"{due_on:%d-%m-%Y}"
    title = f"{what} is verstreken op {when}" if overdue else f"{what} eindigt op {when}"
    return _notify(user, kind, title, url, key=f"{kind}:{key}") is not None


@transaction.atomic
def send_term_reminders(*, today) -> int:
    """The daily reminders: decision terms of applications (the permits work queue) and enforcement deadlines of the
    recipient's organisation that end within the days he chose, or have passed; once per deadline and day."""
    told = 0
    for organisation_id, users in _by_organisation(PERMIT_REMINDED).items():
        horizon = max(_days_before(user) for user in users)
        due = [
            (application, term)
            for application, term in permits.applications_due(users[0], today=today, within_days=horizon)
            if application.owner_id == organisation_id
        ]
        for user in users:
            visible = set(Application.objects.visible_to(user).filter(pk__in=[a.pk for a, _ in due]).values_list(
                "pk", flat=True))  # fmt: skip
            days = _days_before(user)
            for application, term in due:
                if application.pk not in visible or term.days_left > days:
                    continue
                what = f"De beslistermijn van aanvraag {application.reference} ({application.establishment.name})"
                key = f"application:{application.pk}:{term.deadline}:{today}"
                url = reverse("permits:application", args=[application.pk])
                told += _remind(user, overdue=term.days_left < 0, key=key, what=what, due_on=term.deadline, url=url)
    for organisation_id, users in _by_organisation(ENFORCEMENT_REMINDED).items():
        horizon = max(_days_before(user) for user in users)
        deadlines = list(
            enforcement.open_deadlines(users[0]).filter(
                case__owner_id=organisation_id, due_on__lte=today + timedelta(days=horizon)
            )
        )
        for user in users:
            visible = set(EnforcementCase.objects.visible_to(user).filter(
                pk__in=[d.case_id for d in deadlines]).values_list("pk", flat=True))  # fmt: skip
            days = _days_before(user)
            for deadline in deadlines:
                overdue = deadline.due_on < today
                if deadline.case_id not in visible or (overdue and deadline.passive):
                    continue  # a term that passes without anyone acting is never overdue
                if (deadline.due_on - today).days > days:
                    continue
                case = deadline.case
                what = f"{deadline.name} in zaak {case.reference} ({case.establishment.name})"
                key = f"deadline:{deadline.pk}:{deadline.due_on}:{today}"
                url = reverse("enforcement:case", args=[case.pk])
                told += _remind(user, overdue=overdue, key=key, what=what, due_on=deadline.due_on, url=url)
    return told


# --- the user's own ----------------------------------------------------------------------------------------------


def mark_read(*, user, notification: Notification) -> None:
    if notification.recipient_id != user.pk:
        raise ValidationError("Deze notificatie is niet voor u.")
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=clock.now())


@transaction.atomic
def save_preferences(*, user, choices: dict[str, tuple[str, int]]) -> None:
    """`choices`: per kind (delivery, days before); every kind the user can receive, or a Dutch error per field."""
    errors: dict[str, list[str]] = {}
    for kind in selectors.kinds_for(user):
        delivery, days = choices.get(kind, (Delivery.IMMEDIATE, selectors.DEFAULT_DAYS_BEFORE))
        if delivery not in Delivery.values:
            errors[f"{kind}-delivery"] = ["Kies direct per e-mail of de dagelijkse samenvatting."]
        if not 1 <= days <= MAX_DAYS_BEFORE:
            errors[f"{kind}-days_before"] = [f"Kies een aantal dagen van 1 tot en met {MAX_DAYS_BEFORE}."]
    if errors:
        raise ValidationError(errors)
    for kind in selectors.kinds_for(user):
        delivery, days = choices.get(kind, (Delivery.IMMEDIATE, selectors.DEFAULT_DAYS_BEFORE))
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery, "days_before": days})
