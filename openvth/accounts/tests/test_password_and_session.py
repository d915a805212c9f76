"""Password reset by e-mail (Django's views, Dutch templates) and the end of a session after inactivity."""

import re
from datetime import timedelta

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import sign_in
from .test_lockout import fail


def request_reset(client, email: str):
    return client.post(reverse("password_reset"), {"email": email})


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/wachtwoord-herstellen/\S+/)", message.body).group(1)


def test_a_reset_mail_in_dutch_leads_to_a_new_password(client, owner):
    owner.email = "eigenaar@omgevingsdienst.example"
    owner.save()
    response = request_reset(client, owner.email)
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert "Kijk in uw e-mail" in client.get(response.url).content.decode()
    [message] = mail.outbox
    assert message.to == [owner.email] and message.subject == "Nieuw wachtwoord voor openvth"
    assert "een uur geldig" in message.body and owner.username in message.body
    form = client.get(reset_link(message), follow=True)
    assert "Nieuw wachtwoord instellen" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Lente-Regen-2026!", "new_password2": "Lente-Regen-2026!"}
    )
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    assert sign_in(client, owner.username, "Lente-Regen-2026!").status_code == 302


def test_a_reset_link_works_once(client, owner):
    owner.email = "eigenaar@omgevingsdienst.example"
    owner.save()
    request_reset(client, owner.email)
    link = client.get(reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(link, {"new_password1": "Lente-Regen-2026!", "new_password2": "Lente-Regen-2026!"})
    assert "niet meer geldig" in client.get(link).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, owner):
    response = request_reset(client, "niemand@elders.example")
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_new_password_ends_a_lock_out(client, owner):
    owner.email = "eigenaar@omgevingsdienst.example"
    owner.save()
    fail(client, owner.username)
    request_reset(client, owner.email)
    link = client.get(reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(link, {"new_password1": "Lente-Regen-2026!", "new_password2": "Lente-Regen-2026!"})
    assert sign_in(client, owner.username, "Lente-Regen-2026!").status_code == 302


def test_the_session_ends_after_thirty_minutes_without_a_request(client, owner, clock, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    sign_in(client, owner.username)
    clock.shift(timedelta(minutes=31))
    response = client.get(reverse("register:search"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_activity_keeps_the_session_alive(client, owner, clock):
    sign_in(client, owner.username)
    for _ in range(4):
        clock.shift(timedelta(minutes=20))
        assert client.get(reverse("register:search")).status_code == 200


def _session_writes(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("account")).status_code == 200
    return sum(q["sql"].startswith("UPDATE") and "django_session" in q["sql"] for q in queries.captured_queries)


def test_the_session_is_renewed_at_most_once_a_minute(client, owner, clock):
    sign_in(client, owner.username)
    assert _session_writes(client) == 0
    clock.shift(timedelta(seconds=30))
    assert _session_writes(client) == 0
    clock.shift(timedelta(seconds=40))
    assert _session_writes(client) == 1


def test_a_signed_in_request_reads_its_user_with_the_organisation(client, owner):
    sign_in(client, owner.username)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("register:search")).status_code == 200
    users = [q["sql"] for q in queries.captured_queries if 'FROM "accounts_user"' in q["sql"]]
    assert len(users) == 1 and '"register_organisation"' in users[0]  # joined: the header's name needs no query
    assert not any(q["sql"].startswith('SELECT "register_organisation"') for q in queries.captured_queries)
