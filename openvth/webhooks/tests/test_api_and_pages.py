"""The API under /api/v1/webhooks/subscriptions and the pages under /webhooks/: scoped to the organisation, writes
for its managers and administrators, bad input as problem+json (API) or a Dutch message (page)."""

import pytest
from django.test import Client

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.register.tests.factories import ServiceFactory
from openvth.webhooks import services
from openvth.webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db
API = "/api/v1/webhooks/subscriptions"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_create_answers_with_the_secret_once_and_lists_it_without(ilt_manager):
    client = _client(ilt_manager)
    body = {"name": "Inspectieview", "target_url": "https://iv.example/hook", "kinds": ["inspections", "findings"]}
    created = client.post(API, body, content_type="application/json")
    assert created.status_code == 201, created.content
    secret = created.json()["secret"]
    assert secret.startswith("whsec_") and created.json()["organisation"] == "ILT"
    subscription = Subscription.objects.get()
    assert services.secret_of(subscription) == secret
    listed = client.get(API).json()
    assert [row["id"] for row in listed["results"]] == [subscription.pk]
    assert (
        "secret" not in listed["results"][0] and secret not in client.get(f"{API}/{subscription.pk}").content.decode()
    )


def test_another_organisations_subscription_is_404(subscription):
    stranger = UserFactory(organisation=ServiceFactory(), role=Role.MANAGER)
    client = _client(stranger)
    assert client.get(f"{API}/{subscription.pk}").status_code == 404
    assert client.get(f"{API}/{subscription.pk}/deliveries").status_code == 404
    for action in ("deactivate", "replay"):
        response = client.post(f"{API}/{subscription.pk}/{action}", {}, content_type="application/json")
        assert response.status_code == 404, action
    assert client.get(API).json()["results"] == []
    assert _client(stranger).get(f"/webhooks/{subscription.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "X", "target_url": "http://iv.example/hook", "kinds": ["inspections"]}, "target_url"),
        ({"name": "X", "target_url": "https://10.0.0.5/hook", "kinds": ["inspections"]}, "target_url"),
        ({"name": "X", "target_url": "https://localhost/hook", "kinds": ["inspections"]}, "target_url"),
        ({"name": "X", "target_url": "geen adres", "kinds": ["inspections"]}, "target_url"),
        ({"name": "X", "target_url": "https://iv.example/hook", "kinds": []}, "kinds"),
        ({"name": "X", "target_url": "https://iv.example/hook", "kinds": ["sanctions"]}, "kinds"),
        ({"target_url": "https://iv.example/hook", "kinds": ["inspections"]}, "name"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(ilt_manager, body, field):
    response = _client(ilt_manager).post(API, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in response.content.decode()
    assert not Subscription.objects.exists()


def test_http_to_localhost_is_allowed_in_debug_only(settings, ilt_manager):
    body = {"name": "Lokaal", "target_url": "http://127.0.0.1:9000/hook", "kinds": ["inspections"]}
    assert _client(ilt_manager).post(API, body, content_type="application/json").status_code == 400
    settings.DEBUG = True
    assert _client(ilt_manager).post(API, body, content_type="application/json").status_code == 201


def test_a_chain_partner_reads_but_does_not_create_or_deactivate(ilt, subscription):
    partner = _client(UserFactory(organisation=ilt, role=Role.CHAIN_PARTNER))
    assert partner.get(f"{API}/{subscription.pk}").status_code == 200
    body = {"name": "X", "target_url": "https://iv.example/hook", "kinds": ["inspections"]}
    refused = partner.post(API, body, content_type="application/json")
    assert refused.status_code == 403 and refused["Content-Type"].startswith("application/problem+json")
    assert partner.post(f"{API}/{subscription.pk}/deactivate").status_code == 403
    subscription.refresh_from_db()
    assert subscription.active


def test_deactivate_cancels_what_waits(ilt_manager, subscription):
    from openvth.core import clock
    from openvth.webhooks.models import Event

    event = Event.objects.create(
        type="nl.openvth.inspection.closed", source="urn:nld:org:X:systeem:openvth", subject="inspections/1",
        time=clock.now(), record_kind="inspections", record_model="supervision.Inspection", record_id=1,
        owner=subscription.organisation, key="k",
    )  # fmt: skip
    Delivery.objects.create(event=event, subscription=subscription, created_at=clock.now())
    response = _client(ilt_manager).post(f"{API}/{subscription.pk}/deactivate")
    assert response.status_code == 200 and response.json()["active"] is False
    assert Delivery.objects.get().status == Delivery.Status.CANCELLED


def test_replay_in_the_api_needs_a_valid_moment(ilt_manager, subscription):
    client = _client(ilt_manager)
    bad = client.post(f"{API}/{subscription.pk}/replay", {"since": "gisteren"}, content_type="application/json")
    assert bad.status_code == 400 and "since" in bad.content.decode()
    good = client.post(
        f"{API}/{subscription.pk}/replay", {"since": "2026-11-01T00:00:00+01:00"}, content_type="application/json"
    )
    assert good.status_code == 202 and good.json() == {"deliveries": 0}


def test_the_page_shows_the_secret_once_then_only_its_start(ilt_manager):
    client = _client(ilt_manager)
    form = {"name": "Inspectieview", "target_url": "https://iv.example/hook", "kinds": ["inspections"]}
    created = client.post("/webhooks/nieuw/", form)
    assert created.status_code == 200 and created["Cache-Control"] == "no-store"
    subscription = Subscription.objects.get()
    secret = services.secret_of(subscription)
    assert secret in created.content.decode()
    detail = client.get(f"/webhooks/{subscription.pk}/").content.decode()
    assert secret not in detail and subscription.secret_hint in detail
    assert "Inspectieview" in client.get("/webhooks/").content.decode()


def test_the_page_refuses_an_http_address_in_dutch(ilt_manager):
    response = _client(ilt_manager).post(
        "/webhooks/nieuw/", {"name": "X", "target_url": "http://iv.example/", "kinds": ["inspections"]}
    )
    assert response.status_code == 200 and "Alleen https-adressen" in response.content.decode()
    assert not Subscription.objects.exists()


def test_replay_and_deactivate_from_the_page(ilt_manager, subscription):
    client = _client(ilt_manager)
    replayed = client.post(f"/webhooks/{subscription.pk}/opnieuw/", {"since": "2026-11-01T08:00"}, follow=True)
    assert "0 berichten worden opnieuw verstuurd" in replayed.content.decode()
    bad = client.post(f"/webhooks/{subscription.pk}/opnieuw/", {"since": "morgen"}, follow=True)
    assert "Geef een geldig tijdstip" in bad.content.decode()
    client.post(f"/webhooks/{subscription.pk}/deactiveren/")
    subscription.refresh_from_db()
    assert not subscription.active


def test_the_form_is_refused_to_a_role_that_may_not_manage(ilt):
    partner = _client(UserFactory(organisation=ilt, role=Role.CHAIN_PARTNER))
    assert partner.get("/webhooks/nieuw/").status_code == 403
    assert partner.get("/webhooks/").status_code == 200
