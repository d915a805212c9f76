"""Events from the other apps' changes, who receives them, the signature, retries with backoff and the replay."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.enforcement.tests.factories import EnforcementCaseFactory
from openvth.jobs.models import Job
from openvth.permits.tests.factories import DecisionFactory
from openvth.register.models import Organisation
from openvth.register.tests.factories import OrganisationFactory
from openvth.sharing.tests.factories import SharingAgreementFactory, days_ago
from openvth.supervision.models import Inspection
from openvth.supervision.tests.factories import FindingFactory, InspectionFactory
from openvth.webhooks import events, services, signing
from openvth.webhooks.models import Delivery, Event

from .conftest import run_waiting_jobs

pytestmark = pytest.mark.django_db


def _close(establishment, capture) -> Inspection:
    inspection = InspectionFactory(establishment=establishment, status=Inspection.Status.OPEN)
    with capture(execute=True):
        inspection.status = Inspection.Status.CLOSED
        inspection.closed_at = clock.now()
        inspection.save()
    return inspection


def test_a_closed_inspection_reaches_a_partner_with_an_agreement_as_a_cloudevent(
    establishment, agreement, subscription, receiver, django_capture_on_commit_callbacks
):
    inspection = _close(establishment, django_capture_on_commit_callbacks)
    assert run_waiting_jobs() == 1
    ((url, body, headers),) = receiver.calls
    assert url == "https://ontvanger.example/hook"
    sent = json.loads(body)
    assert sent["specversion"] == "1.0" and sent["type"] == events.INSPECTION_CLOSED
    assert sent["source"] == "urn:nld:org:OD-BRON:systeem:openvth"
    assert sent["subject"] == f"inspections/{inspection.pk}"
    assert sent["data"] == {"id": inspection.pk, "establishment": establishment.pk}
    assert sent["dataref"].endswith(f"/api/v1/inspections/{inspection.pk}")
    assert sent["time"].endswith("Z") and sent["id"] == headers["Webhook-Id"]
    assert headers["Content-Type"] == "application/cloudevents+json"
    assert establishment.name not in body.decode()  # ids, never names or personal data
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (Delivery.Status.DELIVERED, 1, 200)


def test_saving_a_closed_inspection_again_sends_nothing_new(
    establishment, agreement, subscription, receiver, django_capture_on_commit_callbacks
):
    inspection = _close(establishment, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        Inspection.objects.get(pk=inspection.pk).save()  # loaded closed, saved closed
    assert Event.objects.count() == 1


def test_a_change_that_is_rolled_back_sends_nothing(establishment, agreement, subscription, receiver):
    InspectionFactory(establishment=establishment)  # the test's transaction never commits: no on_commit
    assert not Event.objects.exists()


class _Signed(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Signed.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_signature_is_verifiable_with_the_secret_shown_once(
    settings, establishment, agreement, ilt_manager, django_capture_on_commit_callbacks
):
    settings.DEBUG = True  # http to localhost: development and tests only
    server = HTTPServer(("127.0.0.1", 0), _Signed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        subscription, secret = services.create_subscription(
            user=ilt_manager, name="Lokaal", target_url=f"http://127.0.0.1:{server.server_port}/", kinds=["findings"]
        )
        with django_capture_on_commit_callbacks(execute=True):
            FindingFactory(inspection=InspectionFactory(establishment=establishment))
        run_waiting_jobs()
    finally:
        server.shutdown()
    ((headers, body),) = _Signed.received
    now = int(clock.now().timestamp())
    timestamp, signature = headers["Webhook-Timestamp"], headers["Webhook-Signature"]
    assert signature.startswith("sha256=")
    assert signing.verify(secret, body, timestamp, signature, now=now)
    assert not signing.verify(secret, body + b" ", timestamp, signature, now=now)  # another body
    assert not signing.verify("whsec_ander", body, timestamp, signature, now=now)  # another secret
    assert not signing.verify(secret, body, timestamp, signature, now=now + 301)  # replayed later
    assert json.loads(body)["type"] == events.FINDING_CREATED
    assert Delivery.objects.get().response_code == 204
    assert secret not in str(subscription.__dict__)  # not stored: derived again to sign


def test_retries_with_growing_pauses_then_failed(
    establishment, agreement, subscription, receiver, django_capture_on_commit_callbacks
):
    receiver.answers = [ConnectionError("geen verbinding")]
    _close(establishment, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    job = Job.objects.get(kind=services.JOB_KIND)
    pauses = []
    for attempt in range(1, services.max_attempts()):
        run_waiting_jobs()
        delivery.refresh_from_db()
        job.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (Delivery.Status.RETRYING, attempt)
        assert "geen verbinding" in delivery.last_error
        assert job.status == Job.Status.WAITING and job.next_attempt_at is not None
        pauses.append(round((delivery.next_attempt_at - clock.now()).total_seconds() / 60))
    assert pauses == [1, 5, 25, 125, 625]
    run_waiting_jobs()
    delivery.refresh_from_db()
    job.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (Delivery.Status.FAILED, 6, None)
    assert job.status == Job.Status.DONE  # the partner's receiver failed, not openvth: no alarm for administrators
    assert len(receiver.calls) == 6
    assert run_waiting_jobs() == 0


def test_a_non_2xx_answer_is_retried_and_a_later_success_delivers(
    establishment, agreement, subscription, receiver, django_capture_on_commit_callbacks
):
    receiver.answers = [503, 200]
    _close(establishment, django_capture_on_commit_callbacks)
    run_waiting_jobs()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code) == (Delivery.Status.RETRYING, 503)
    run_waiting_jobs()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Delivery.Status.DELIVERED, 2, "")


def test_410_gone_ends_the_subscription(
    establishment, agreement, subscription, receiver, django_capture_on_commit_callbacks
):
    receiver.answers = [410]
    _close(establishment, django_capture_on_commit_callbacks)
    run_waiting_jobs()
    subscription.refresh_from_db()
    assert not subscription.active and Delivery.objects.get().status == Delivery.Status.FAILED


@pytest.mark.parametrize(
    "agreement_kwargs",
    [
        None,  # no agreement at all
        {"kinds": ["permits", "enforcement_cases"]},  # an agreement, not for inspections
        {"valid_from": days_ago(60), "valid_to": days_ago(1)},  # an agreement that has ended
        {"valid_from": days_ago(-5)},  # one that has not begun
    ],
    ids=["no-agreement", "wrong-record-kind", "expired", "not-yet"],
)
def test_no_event_about_a_record_the_partner_may_not_read(
    establishment, service, ilt, subscription, receiver, agreement_kwargs, django_capture_on_commit_callbacks
):
    if agreement_kwargs is not None:
        SharingAgreementFactory(owner=service, partners=[ilt], **agreement_kwargs)
    _close(establishment, django_capture_on_commit_callbacks)
    assert Event.objects.count() == 1  # recorded, for the partners that may read it
    assert not Delivery.objects.exists() and not receiver.calls


def test_an_agreement_of_another_source_shares_nothing_of_this_one(
    establishment, ilt, subscription, receiver, django_capture_on_commit_callbacks
):
    from openvth.register.tests.factories import ServiceFactory

    SharingAgreementFactory(owner=ServiceFactory(), partners=[ilt])
    _close(establishment, django_capture_on_commit_callbacks)
    assert not Delivery.objects.exists()


def test_the_own_organisation_hears_of_its_own_records_without_an_agreement(
    service, establishment, receiver, django_capture_on_commit_callbacks
):
    from openvth.accounts.models import Role

    manager = UserFactory(organisation=service, role=Role.MANAGER)
    services.create_subscription(
        user=manager, name="Eigen DMS", target_url="https://dms.example/in", kinds=["enforcement_cases", "permits"]
    )
    police = OrganisationFactory(kind=Organisation.Kind.POLICE, code="POL")
    services.create_subscription(
        user=UserFactory(organisation=police, role=Role.MANAGER), name="Politie", target_url="https://p.example/in",
        kinds=["enforcement_cases", "permits"],
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        EnforcementCaseFactory(establishment=establishment)
        DecisionFactory(establishment=establishment)
    run_waiting_jobs()
    types = sorted(json.loads(body)["type"] for url, body, _ in receiver.calls)
    assert types == [events.CASE_OPENED, events.PERMIT_DECISION_CREATED]
    assert {url for url, _, _ in receiver.calls} == {"https://dms.example/in"}


def test_an_agreement_ended_before_the_attempt_cancels_the_delivery(
    establishment, agreement, subscription, receiver, django_capture_on_commit_callbacks
):
    _close(establishment, django_capture_on_commit_callbacks)
    agreement.valid_from, agreement.valid_to = days_ago(60), days_ago(1)
    agreement.save()
    run_waiting_jobs()
    assert Delivery.objects.get().status == Delivery.Status.CANCELLED and not receiver.calls


def test_replay_sends_again_from_the_time_given_in_order_with_the_same_ids(
    establishment, agreement, subscription, ilt_manager, receiver, django_capture_on_commit_callbacks, request
):
    traveller = request.getfixturevalue("clock")  # the suite's set clock (conftest), moved an hour at a time
    start = clock.now()
    recorded = []
    for hours in (0, 2, 4):
        traveller.move_to(start + timedelta(hours=hours))
        _close(establishment, django_capture_on_commit_callbacks)
        recorded.append(Event.objects.latest("time", "id"))
    run_waiting_jobs()
    first_ids = [json.loads(body)["id"] for _, body, _ in receiver.calls]
    assert first_ids == [str(e.uuid) for e in recorded]
    receiver.calls.clear()
    replayed = services.replay(user=ilt_manager, subscription=subscription, since=recorded[1].time)
    assert [d.event_id for d in replayed] == [recorded[1].pk, recorded[2].pk]
    assert all(d.replay for d in replayed)
    run_waiting_jobs()
    assert [json.loads(body)["id"] for _, body, _ in receiver.calls] == first_ids[1:]


def test_replay_is_for_managers_of_the_subscriber_and_not_from_the_future(subscription, ilt):
    from django.core.exceptions import PermissionDenied, ValidationError

    from openvth.accounts.models import Role

    colleague = UserFactory(organisation=ilt, role=Role.CHAIN_PARTNER)
    with pytest.raises(PermissionDenied):
        services.replay(user=colleague, subscription=subscription, since=clock.now() - timedelta(days=1))
    with pytest.raises(ValidationError):
        services.replay(user=subscription.created_by, subscription=subscription, since=clock.now() + timedelta(days=1))
