"""The other apps' changes that make an event, through their models' signals (no service of theirs calls webhooks)."""

from datetime import date

import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.disclosure.models import Publication
from openvth.disclosure.tests.factories import publication
from openvth.enforcement.models import CaseTransition
from openvth.enforcement.tests.factories import EnforcementCaseFactory
from openvth.permits import services as permit_services
from openvth.permits.tests.factories import ApplicationFactory, grant, permit_mandates
from openvth.webhooks import events
from openvth.webhooks.models import Event

pytestmark = pytest.mark.django_db


def test_publication_published_then_withdrawn(establishment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = publication(establishment, status=Publication.Status.APPROVED)
    assert not Event.objects.exists()  # approved is not yet news
    with django_capture_on_commit_callbacks(execute=True):
        made.status, made.published_at = Publication.Status.PUBLISHED, clock.now()
        made.save()
    with django_capture_on_commit_callbacks(execute=True):
        made.status, made.withdrawn_at = Publication.Status.WITHDRAWN, clock.now()
        made.save()
    found = list(Event.objects.order_by("id").values_list("type", "record_kind", "record_model"))
    assert found == [
        (events.PUBLICATION_PUBLISHED, "inspections", "disclosure.Publication"),
        (events.PUBLICATION_WITHDRAWN, "inspections", "disclosure.Publication"),
    ]
    assert Event.objects.first().dataref.endswith(f"/api/v1/public/publications/{made.pk}")


def test_each_step_of_a_case_is_an_event_about_the_case(establishment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = EnforcementCaseFactory(establishment=establishment)
        for before, after in (("", "open"), ("open", "warned")):  # the first step is the opening itself
            CaseTransition.objects.create(case=case, event="x", from_state=before, to_state=after, on=clock.today())
    steps = Event.objects.filter(type=events.CASE_STEP)
    assert [e.type for e in Event.objects.order_by("id")] == [events.CASE_OPENED, events.CASE_STEP]
    (step,) = steps
    assert step.subject == f"enforcement_cases/{case.pk}" and step.data["to_state"] == "warned"
    assert set(step.data) == {"id", "establishment", "step", "event", "from_state", "to_state"}


@pytest.fixture
def officer(service, establishment):
    """A permit officer of the service with the mandates of the establishment's competent authority."""
    user = UserFactory(organisation=service, role=Role.PERMIT_OFFICER)
    permit_mandates(user, establishment.competent_authority)
    return user


def test_a_decision_recorded_without_an_application_is_an_event(
    officer, establishment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = permit_services.record_decision(user=officer, establishment=establishment, **grant("1"))
    (event,) = Event.objects.all()
    assert (event.type, event.record_model, event.record_id) == (
        events.PERMIT_DECISION_CREATED,
        "permits.Decision",
        decision.pk,
    )
    assert event.data == {"id": decision.pk, "establishment": establishment.pk, "kind": "grant"}


def test_a_decision_of_an_application_is_one_event_though_both_are_saved(
    officer, establishment, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(establishment=establishment, received_on=date(2019, 12, 1))
    with django_capture_on_commit_callbacks(execute=True):
        decision = permit_services.record_decision(
            user=officer, establishment=establishment, application=application, **grant("1")
        )
    assert list(Event.objects.values_list("type", "record_id")) == [(events.PERMIT_DECISION_CREATED, decision.pk)]
