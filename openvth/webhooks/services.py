"""Every write of webhooks: subscriptions (make, show the secret once, deactivate), recording an event and its
deliveries, one delivery attempt, and a replay from a given time.

Delivery: each (event, subscription) is a `Delivery` sent by a background job of kind `webhook_delivery`
(openvth.jobs). An attempt that fails (network error, a non-2xx answer, a refused address) is tried again by the
job queue after a growing pause (openvth.jobs.services: 1 minute, then 5, 25, 125, 625: `backoff`), up to the
kind's max_attempts (6, about 13 hours in all); after the last one the delivery is `failed` and the job itself ends
normally, so a partner's broken receiver does not alarm the administrators of the installation. A 410 Gone ends the
subscription at once (the receiver says it is no more). Before each attempt the partner's right to read the record
is checked again: an agreement that ended meanwhile cancels the delivery.

Who: a subscription belongs to an organisation; its managers and administrators make, end and replay it (the rule
of Action.MANAGE_SHARING in openvth.core.permissions: they decide about their organisation's exchange of chain
data; a superuser too only for his own organisation).
"""

import json
import logging
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from openvth.core import clock
from openvth.core.permissions import Action, may
from openvth.core.scoping import author
from openvth.jobs import services as jobs
from openvth.jobs.kinds import KINDS
from openvth.jobs.services import FIRST_PAUSE
from openvth.register.models import Organisation
from openvth.sharing.models import RecordKind

from . import events, selectors, signing, transport
from .models import Delivery, Event, Subscription

logger = logging.getLogger(__name__)
JOB_KIND = "webhook_delivery"
MAX_REPLAY = 5000  # events in one replay; more: choose a later moment
REFUSAL = "Alleen managers en beheerders van de organisatie beheren haar abonnementen op wijzigingsberichten."
Status = Delivery.Status


def backoff(attempt: int) -> timedelta:
    """The pause after failed attempt `attempt` (1, 2, ...), as the job queue waits before the next one."""
    return FIRST_PAUSE * 5 ** (attempt - 1)


def may_manage(user, subscription: Subscription | None = None) -> bool:
    """The subscription's organisation decides (a new one is the user's own): the rule of its sharing agreements."""
    owner_id = subscription.organisation_id if subscription is not None else getattr(user, "organisation_id", None)
    return may(user, Action.MANAGE_SHARING, owner_id)


def _check(user, subscription: Subscription | None = None) -> None:
    if not may_manage(user, subscription):
        raise PermissionDenied(REFUSAL)


def _clean(name: str, target_url: str, kinds) -> dict:
    errors = {}
    name, target_url = (name or "").strip(), (target_url or "").strip()
    if not name:
        errors["name"] = ["Geef het abonnement een naam (bijvoorbeeld het systeem dat de berichten ontvangt)."]
    elif len(name) > 100:
        errors["name"] = ["De naam is te lang (ten hoogste 100 tekens)."]
    if len(target_url) > 500:
        errors["target_url"] = ["Het adres is te lang (ten hoogste 500 tekens)."]
    elif reason := transport.check_url(target_url):
        errors["target_url"] = [reason]
    kinds = list(dict.fromkeys(kinds or []))
    if not kinds:
        errors["kinds"] = ["Kies ten minste één soort gegevens."]
    elif unknown := [k for k in kinds if k not in RecordKind.values]:
        errors["kinds"] = [f"Onbekende soort gegevens: {', '.join(map(str, unknown))}."]
    if errors:
        raise ValidationError(errors)
    return {"name": name, "target_url": target_url, "kinds": kinds}


@transaction.atomic
def create_subscription(*, user, name: str, target_url: str, kinds) -> tuple[Subscription, str]:
    """A subscription of the user's organisation, and its secret: shown to the user this once, never again."""
    _check(user)
    if user.organisation_id is None:
        raise PermissionDenied(REFUSAL)
    cleaned = _clean(name, target_url, kinds)
    salt = signing.new_salt()
    secret = signing.derive_secret(salt)
    subscription = Subscription.objects.create(
        organisation_id=user.organisation_id,
        secret_salt=salt,
        secret_hint=secret[: len(signing.PREFIX) + 4],
        created_by=author(user),
        created_at=clock.now(),
        **cleaned,
    )
    return subscription, secret


def secret_of(subscription: Subscription) -> str:
    return signing.derive_secret(subscription.secret_salt)


@transaction.atomic
def deactivate(*, user, subscription: Subscription) -> Subscription:
    """No more events; the deliveries still waiting are cancelled. A new subscription gets a new secret."""
    _check(user, subscription)
    return _deactivate(subscription, "Abonnement gedeactiveerd.")


def _deactivate(subscription: Subscription, reason: str) -> Subscription:
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.active:
        subscription.active, subscription.deactivated_at = False, clock.now()
        subscription.save(update_fields=["active", "deactivated_at"])
    Delivery.objects.filter(selectors.pending(subscription)).update(
        status=Status.CANCELLED, next_attempt_at=None, last_error=reason
    )
    return subscription


# --- events -------------------------------------------------------------------------------------------------------


def record_event(event_type: str, label: str, pk: int, moment: str = "") -> Event | None:
    """Called after the commit of a change (openvth.webhooks.producers): the event, once, and a delivery to each
    subscription whose organisation may read the record. None if the record is gone (deleted meanwhile)."""
    from django.apps import apps

    from .producers import describe

    record = apps.get_model(label).objects.filter(pk=pk).first()
    if record is None:
        return None
    fields = describe(event_type, record)
    key = f"{event_type}:{fields.pop('key_id')}:{moment}"
    owner_code = Organisation.objects.filter(pk=fields["owner_id"]).values_list("code", flat=True).first()
    try:
        with transaction.atomic():
            event, created = Event.objects.get_or_create(
                key=key,
                defaults={
                    **fields,
                    "type": event_type,
                    "source": events.source(owner_code or "onbekend"),
                    "subject": f"{fields['record_kind']}/{fields['record_id']}",
                    "time": clock.now(),
                },
            )
    except IntegrityError:  # the same occurrence recorded at the same moment by another worker
        return Event.objects.get(key=key)
    if created:
        deliver(event)
    return event


@transaction.atomic
def deliver(event: Event, *, to: list[Subscription] | None = None, replay: bool = False) -> list[Delivery]:
    """A delivery of the event to each subscription that may hear of it, each started as a background job."""
    subscriptions = selectors.readers(event, clock.today()) if to is None else to
    made = []
    for subscription in subscriptions:
        delivery = Delivery.objects.create(
            event=event, subscription=subscription, created_at=clock.now(), replay=replay
        )
        jobs.start(JOB_KIND, params={"delivery": delivery.pk})
        made.append(delivery)
    return made


def replay(*, user, subscription: Subscription, since: datetime) -> list[Delivery]:
    """Send again every event from `since` on that the subscription wants and its organisation may read today, in
    the order they happened (each as a new delivery marked as a replay, with the event's own id: a receiver that
    has it already may drop it)."""
    _check(user, subscription)
    if not subscription.active:
        raise ValidationError({"since": ["Dit abonnement is gedeactiveerd; er wordt niets meer verstuurd."]})
    if since is None:
        raise ValidationError({"since": ["Geef het tijdstip vanaf wanneer de berichten opnieuw moeten komen."]})
    if since > clock.now():
        raise ValidationError({"since": ["Het tijdstip ligt in de toekomst."]})
    found = selectors.events_since(subscription, since, clock.today())
    if len(found) > MAX_REPLAY:
        raise ValidationError(
            {"since": [f"Meer dan {MAX_REPLAY} berichten sinds dit tijdstip; kies een later tijdstip."]}
        )
    with transaction.atomic():
        return [d for event in found for d in deliver(event, to=[subscription], replay=True)]


# --- one attempt --------------------------------------------------------------------------------------------------


class DeliveryFailed(Exception):
    """An attempt that failed and will be tried again (the job queue reschedules it)."""


def body_of(event: Event) -> bytes:
    return json.dumps(events.cloudevent(event), ensure_ascii=False, separators=(",", ":")).encode()


def attempt(delivery_id: int, *, number: int, last: bool) -> Delivery | None:
    """One attempt of a delivery (the job's attempt number); raises DeliveryFailed when it failed and another
    attempt follows. None when the delivery is gone."""
    delivery = Delivery.objects.select_related("event", "subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (Status.DELIVERED, Status.FAILED, Status.CANCELLED):
        return delivery
    subscription, event = delivery.subscription, delivery.event
    if not subscription.active:
        return _end(delivery, Status.CANCELLED, "Abonnement gedeactiveerd.")
    if not selectors.may_read(subscription.organisation_id, event, clock.today()):
        return _end(delivery, Status.CANCELLED, "De organisatie mag dit record niet (meer) inzien.")
    body = body_of(event)
    headers = signing.headers(secret_of(subscription), str(event.uuid), int(clock.now().timestamp()), body)
    headers |= {"Content-Type": events.CONTENT_TYPE, "User-Agent": "openvth-webhooks/1"}
    delivery.attempts = number
    try:
        answer = transport.send(subscription.target_url, body, headers)
    except Exception as error:  # noqa: BLE001 - every failure of the receiver is an attempt that failed
        delivery.response_code, error_text = None, f"{type(error).__name__}: {error}"
    else:
        delivery.response_code = answer.status
        if 200 <= answer.status < 300:
            delivery.status, delivery.delivered_at, delivery.next_attempt_at = Status.DELIVERED, clock.now(), None
            delivery.last_error = ""
            delivery.save()
            return delivery
        error_text = f"HTTP {answer.status}: {answer.body[:300]}"
        if answer.status == 410:
            _end(delivery, Status.FAILED, error_text)
            _deactivate(subscription, "De ontvanger meldt 410 Gone: abonnement beëindigd.")
            return delivery
    if last:
        return _end(delivery, Status.FAILED, error_text)
    delivery.status, delivery.last_error = Status.RETRYING, error_text[:2000]
    delivery.next_attempt_at = clock.now() + backoff(number)
    delivery.save()
    raise DeliveryFailed(error_text)


def _end(delivery: Delivery, status: str, reason: str) -> Delivery:
    delivery.status, delivery.last_error, delivery.next_attempt_at = status, reason[:2000], None
    delivery.save()
    return delivery


def max_attempts() -> int:
    return KINDS[JOB_KIND].max_attempts
