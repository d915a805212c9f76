"""Reads of webhooks: the subscriptions a user sees, their deliveries, and who may hear of an event.

A partner hears of a record only if it may read it: its own organisation's record (the record's ordinary
`visibility_q`, as `visible_to` scoping applies it), or a record of an organisation that shares this record kind
with it under a sharing agreement active on the day, about an establishment whose data is that organisation's
(owner or supervising service) — the rule of the chain dossier, taken from openvth.sharing.selectors.
"""

from datetime import date

from django.apps import apps
from django.db.models import Q

from openvth.register.models import Establishment
from openvth.sharing import selectors as sharing

from .models import Delivery, Event, Subscription


def subscriptions(user):
    return Subscription.objects.visible_to(user).select_related("organisation", "created_by")


def subscription(user, pk: int) -> Subscription:
    return subscriptions(user).get(pk=pk)


def deliveries(subscription: Subscription):
    return subscription.deliveries.select_related("event").order_by("-created_at", "-id")


def _own(organisation_id: int, event: Event) -> bool:
    model = apps.get_model(event.record_model)
    return model.objects.filter(model.visibility_q(organisation_id), pk=event.record_id).exists()


def _shared(organisation_id: int, event: Event, day: date) -> bool:
    owners = {
        owner_id
        for owner_id, kinds in sharing.active_agreements(organisation_id, day).values_list("owner_id", "kinds")
        if event.record_kind in (kinds or [])
    }
    if event.owner_id not in owners or event.establishment_id is None:
        return False
    shared = Establishment.objects.filter(sharing.shared_establishments(owners), pk=event.establishment_id)
    return shared.exists()


def may_read(organisation_id: int | None, event: Event, day: date) -> bool:
    """Whether this organisation may read the record the event is about, on this day."""
    if organisation_id is None:
        return False
    return _own(organisation_id, event) or _shared(organisation_id, event, day)


def wanting(event: Event):
    """The active subscriptions that asked for this event's record kind (JSON lists: filtered in Python, there are
    few subscriptions)."""
    return [s for s in Subscription.objects.filter(active=True).order_by("pk") if event.record_kind in s.kinds]


def readers(event: Event, day: date) -> list[Subscription]:
    """The active subscriptions that want this event and whose organisation may read its record on this day."""
    found, decided = [], {}
    for candidate in wanting(event):
        org = candidate.organisation_id
        if org not in decided:
            decided[org] = may_read(org, event, day)
        if decided[org]:
            found.append(candidate)
    return found


def events_since(subscription: Subscription, since, day: date) -> list[Event]:
    """The events from `since` on that this subscription wants and its organisation may read today (a replay)."""
    wanted = Event.objects.filter(time__gte=since, record_kind__in=subscription.kinds)
    return [e for e in wanted.order_by("time", "id") if may_read(subscription.organisation_id, e, day)]


def pending(subscription: Subscription) -> Q:
    return Q(subscription=subscription, status__in=(Delivery.Status.PENDING, Delivery.Status.RETRYING))
