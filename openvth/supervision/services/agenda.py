"""The secret address of a user's calendar feed: made or renewed (the old one stops working at once) and revoked."""

import secrets

from django.db import transaction

from openvth.core import clock

from ..models import CalendarFeed

TOKEN_BYTES = 32  # 256 bits of randomness: not to be guessed, only to be leaked


@transaction.atomic
def renew_calendar_feed(*, user) -> str:
    """A new feed token for the user, replacing any earlier one. It is returned once to be shown: only its digest
    is stored."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_digest": CalendarFeed.digest(token), "created_at": clock.now()}
    )
    return token


@transaction.atomic
def revoke_calendar_feed(*, user) -> None:
    """The user's feed address stops working; a new one can be made later."""
    CalendarFeed.objects.filter(user=user).delete()
