"""Lock-out after failed sign-ins (django-axes): per username and per address, for a while, unlocked by the
organisation's administrator only."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from openvth.accounts import selectors, services
from openvth.accounts.tests.factories import UserFactory
from openvth.core.models import ChangeRecord

from .conftest import sign_in

LIMIT = 5


def fail(client, username: str, times: int = LIMIT, **where):
    for _ in range(times):
        response = sign_in(client, username, "fout-wachtwoord", **where)
    return response


def test_the_settings_lock_after_five_failures_for_thirty_minutes(settings):
    assert settings.AXES_ENABLED
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60


def test_four_failures_still_allow_the_right_password(client, owner):
    response = fail(client, owner.username, LIMIT - 1)
    assert response.status_code == 200  # the login form with its error
    assert sign_in(client, owner.username).status_code == 302


def test_the_fifth_failure_locks_with_a_dutch_page_and_the_right_password_is_refused(client, owner):
    response = fail(client, owner.username)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Account tijdelijk geblokkeerd" in html and "over 30 minuten" in html
    assert "beheerder van uw organisatie" in html
    again = sign_in(client, owner.username)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_success_resets_the_count(client, owner):
    fail(client, owner.username, LIMIT - 1)
    assert sign_in(client, owner.username).status_code == 302
    client.post(reverse("logout"))
    assert fail(client, owner.username, LIMIT - 1).status_code == 200
    assert sign_in(client, owner.username).status_code == 302


def test_one_address_trying_many_usernames_is_locked_out(client, owner, member):
    for n in range(LIMIT):
        sign_in(client, f"geraden-naam-{n}", "fout-wachtwoord")
    assert sign_in(client, member.username).status_code == 429


def test_a_locked_username_stays_locked_from_another_address(client, owner):
    fail(client, owner.username, address="203.0.113.7")
    assert sign_in(client, owner.username, address="198.51.100.9").status_code == 429


def test_the_lock_ends_after_thirty_minutes(client, owner, clock):
    fail(client, owner.username)
    clock.shift(timedelta(minutes=29))
    assert sign_in(client, owner.username).status_code == 429
    clock.shift(timedelta(minutes=2))
    assert sign_in(client, owner.username).status_code == 302


# --- unlock by the organisation's administrator ---------------------------------------------------------------


def test_the_administrator_sees_and_unlocks_a_locked_user_of_the_organisation(client, owner, administrator):
    fail(client, owner.username)
    admin_client = type(client)()
    admin_client.force_login(administrator)
    page = admin_client.get(reverse("sign_in_administration"))
    assert page.status_code == 200
    assert owner.username in page.content.decode() and "Ontgrendel" in page.content.decode()
    response = admin_client.post(reverse("unlock", args=[owner.pk]))
    assert response.status_code == 302
    assert selectors.locked_out_users(administrator) == []
    assert sign_in(client, owner.username).status_code == 302
    record = ChangeRecord.objects.get(object_id=owner.pk)
    assert record.user == administrator and record.note == "ontgrendeld" and record.changes == {}


def test_an_administrator_cannot_unlock_another_organisations_user(client, outsider, administrator):
    fail(client, outsider.username)
    client.force_login(administrator)
    assert outsider.username not in client.get(reverse("sign_in_administration")).content.decode()
    assert client.post(reverse("unlock", args=[outsider.pk])).status_code == 404  # not among its users
    with pytest.raises(PermissionDenied):
        services.unlock(administrator=administrator, user=outsider)
    assert sign_in(type(client)(), outsider.username).status_code == 429


def test_another_role_has_no_administration_page_and_cannot_unlock(client, owner, member):
    fail(client, owner.username)
    client.force_login(member)
    assert client.get(reverse("sign_in_administration")).status_code == 403
    assert client.post(reverse("unlock", args=[owner.pk])).status_code == 403


def test_the_superuser_may_unlock_anyone(client, outsider):
    fail(client, outsider.username)
    client.force_login(UserFactory(username="landelijk", organisation=None, role="", is_superuser=True))
    assert client.post(reverse("unlock", args=[outsider.pk])).status_code == 302
    assert sign_in(type(client)(), outsider.username).status_code == 302


@pytest.mark.parametrize("path", ["/login/", "/admin/login/"])
def test_every_password_form_counts(client, owner, path):
    fail(client, owner.username, path=path)
    assert sign_in(client, owner.username).status_code == 429


def test_the_test_clients_login_still_works(client, owner):
    """Tests sign in by client.login (no request, nothing to count) and force_login."""
    assert not client.login(username=owner.username, password="fout")
    assert client.login(username=owner.username, password="geheim-wachtwoord-1")
