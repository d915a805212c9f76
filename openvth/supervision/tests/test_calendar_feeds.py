"""The secret calendar-feed address: a random token of which only a digest is stored, shown once after it is made,
renewed or revoked by its user; an old, revoked or made-up address opens nothing (issue 14)."""

import re

import pytest
from django.core import signing
from django.urls import reverse

from openvth.supervision.models import CalendarFeed
from openvth.supervision.services.agenda import renew_calendar_feed

CALENDAR = reverse("supervision:calendar")
RENEW = reverse("supervision:calendar_renew")
REVOKE = reverse("supervision:calendar_revoke")


def feed(client, token: str):
    return client.get(reverse("supervision:calendar_feed", args=[token]))


def shown_token(page: str) -> str:
    return re.search(r"/toezicht/agenda/([^/\"]+)/toezicht\.ics", page).group(1)


@pytest.fixture
def inspector(client, member):
    client.force_login(member)
    return client


def test_the_address_is_shown_once_after_it_is_made(inspector, member):
    assert "nog geen agenda-adres" in inspector.get(CALENDAR).content.decode()
    made = inspector.post(RENEW)
    assert made.status_code == 200 and made["Cache-Control"] == "private, no-store"
    token = shown_token(made.content.decode())
    opened = feed(inspector, token)
    assert opened.status_code == 200 and opened["Cache-Control"] == "private, no-store"
    again = inspector.get(CALENDAR).content.decode()
    assert token not in again and "toezicht.ics" not in again and "Vernieuw adres" in again


def test_only_a_digest_of_the_token_is_stored(member):
    token = renew_calendar_feed(user=member)
    stored = CalendarFeed.objects.get(user=member)
    assert stored.token_digest == CalendarFeed.digest(token) and token not in stored.token_digest
    assert len(token) >= 43  # 32 random bytes


def test_renewing_makes_the_old_address_stop_working(inspector, member):
    old = renew_calendar_feed(user=member)
    new = shown_token(inspector.post(RENEW, {"bevestigd": "ja"}).content.decode())
    assert new != old
    assert feed(inspector, old).status_code == 404
    assert feed(inspector, new).status_code == 200


def test_a_revoked_address_opens_nothing(inspector, member):
    token = renew_calendar_feed(user=member)
    assert inspector.post(REVOKE, {"bevestigd": "ja"}).status_code == 302
    assert feed(inspector, token).status_code == 404
    assert not CalendarFeed.objects.filter(user=member).exists()


def test_a_deactivated_user_has_no_feed(client, member):
    token = renew_calendar_feed(user=member)
    member.is_active = False
    member.save()
    assert feed(client, token).status_code == 404


def test_a_made_up_token_is_refused(client, member):
    renew_calendar_feed(user=member)
    assert feed(client, "x" * 43).status_code == 404
    # the signed address of before, which never expired
    assert feed(client, signing.dumps(member.pk, salt="openvth.supervision.calendar")).status_code == 404


def test_each_user_renews_only_their_own_address(client, member, outsider):
    theirs = renew_calendar_feed(user=outsider)
    client.force_login(member)
    client.post(RENEW)
    assert feed(client, theirs).status_code == 200


@pytest.mark.parametrize("path", [RENEW, REVOKE])
def test_renewing_and_revoking_need_a_login_and_a_post(client, member, path):
    assert client.post(path).status_code == 302 and not CalendarFeed.objects.exists()
    client.force_login(member)
    assert client.get(path).status_code == 405


def test_revoking_and_renewing_an_address_ask_first(inspector, member):
    token = renew_calendar_feed(user=member)
    asked = inspector.post(REVOKE)
    assert asked.status_code == 200 and "Het agenda-adres intrekken?" in asked.content.decode()
    asked = inspector.post(RENEW)
    assert asked.status_code == 200 and "Het huidige adres werkt dan direct niet meer." in asked.content.decode()
    assert feed(inspector, token).status_code == 200  # nothing changed before the confirmation
