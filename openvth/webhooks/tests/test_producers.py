"""The other apps' changes that make an event, through their models' signals (no service of theirs calls webhooks)."""

import pytest

from openvth.core import clock
from openvth.disclosure.models import Publication
from openvth.disclosure.tests.public_factories import publication
from openvth.enforcement.models import CaseTransition
from openvth.sharing.tests.factories import EnforcementCaseFactory
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
    assert Event.objects.first().dataref.endswith(f"/api/v1/public/publications/{made.pk}/")


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
