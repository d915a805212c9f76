"""API tokens: shown once, stored as a SHA-256 digest, valid until they expire or are revoked; the same header as
DRF's tokens (`Authorization: Token <key>`)."""

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from rest_framework.test import APIClient

from openvth.accounts import services
from openvth.accounts.models import ApiToken
from openvth.testing.api import api_token

API = "/api/v1/establishments"


def get(key: str):
    return APIClient().get(API, HTTP_AUTHORIZATION=f"Token {key}")


def test_a_token_is_stored_as_its_digest_only(owner):
    token, key = services.create_api_token(user=owner, name="zaaksysteem", days=30)
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert stored["digest"] == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {str(value) for value in stored.values()}
    assert stored["prefix"] == key[:12] and key.startswith("ovt_") and len(key) > 40


def test_the_token_signs_in_the_api_and_notes_the_day_it_was_used(owner, establishment, clock):
    response = get(api_token(owner))
    assert response.status_code == 200 and [row["id"] for row in response.json()["results"]] == [establishment.pk]
    assert ApiToken.objects.get().last_used is not None


def test_an_expired_token_is_refused(owner, clock):
    key = api_token(owner, days=1)
    clock.shift(timedelta(days=1, minutes=1))
    response = get(key)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_a_revoked_token_is_refused(owner):
    key = api_token(owner)
    services.revoke_api_token(user=owner, token_id=ApiToken.objects.get().pk)
    assert get(key).status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(owner):
    key = api_token(owner)
    owner.is_active = False
    owner.save()
    assert get(key).status_code == 401


def test_a_wrong_key_is_refused_with_a_problem(owner):
    response = get("ovt_verzonnen")
    assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("days", [0, 366])
def test_a_token_lives_one_day_to_a_year(owner, days):
    with pytest.raises(Exception, match="1 tot 365"):
        services.create_api_token(user=owner, name="x", days=days)


def test_the_page_shows_a_new_key_once_and_revokes(client, owner):
    client.force_login(owner)
    created = client.post(reverse("api_tokens"), {"name": "zaaksysteem", "days": "90"})
    key = created.context["key"]
    assert key in created.content.decode() and get(key).status_code == 200
    listing = client.get(reverse("api_tokens")).content.decode()
    assert "zaaksysteem" in listing and key not in listing and key[:12] in listing
    token = ApiToken.objects.get()
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 302
    assert get(key).status_code == 401
    assert "ingetrokken" in client.get(reverse("api_tokens")).content.decode()


def test_nobody_revokes_anothers_token(client, owner, member):
    api_token(owner)
    client.force_login(member)
    assert client.post(reverse("api_token_revoke", args=[ApiToken.objects.get().pk])).status_code == 404
    assert ApiToken.objects.get().revoked is None


def test_the_command_prints_the_key_once(owner):
    out = StringIO()
    call_command("token", "create", owner.username, "--days", "7", stdout=out, stderr=StringIO())
    key = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert token.expires - token.created == timedelta(days=7)
    assert get(key).status_code == 200


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="Geen actieve gebruiker"):
        call_command("token", "create", "niemand", stdout=StringIO())


def test_the_account_page_links_tokens_and_the_second_factor(client, owner, administrator):
    client.force_login(owner)
    html = client.get(reverse("account")).content.decode()
    assert reverse("api_tokens") in html and reverse("second_factor_enrol") in html
    assert reverse("sign_in_administration") not in html
    client.force_login(administrator)
    assert reverse("sign_in_administration") in client.get(reverse("account")).content.decode()
