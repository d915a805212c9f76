"""Reads of notifications: always the user's own."""

from django.db.models import QuerySet

from openvth.accounts.models import Role

from .models import Delivery, Kind, Notification, Preference

DEFAULT_DAYS_BEFORE = 7
ADMINISTRATOR_KINDS = {Kind.JOB_FAILED}


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def kinds_for(user) -> list[Kind]:
    """The kinds a user can receive and so choose for (a failed background job is told to administrators)."""
    administrator = user.is_superuser or user.role == Role.ADMINISTRATOR
    return [kind for kind in Kind if administrator or kind not in ADMINISTRATOR_KINDS]


def preference(user, kind: str) -> Preference:
    """The user's stored choice, or the default (at once, 7 days ahead) unsaved."""
    found = Preference.objects.filter(user=user, kind=kind).first()
    return found or Preference(user=user, kind=kind, delivery=Delivery.IMMEDIATE, days_before=DEFAULT_DAYS_BEFORE)


def preferences(user) -> list[Preference]:
    stored = {p.kind: p for p in Preference.objects.filter(user=user)}
    return [stored.get(kind) or preference(user, kind) for kind in kinds_for(user)]
