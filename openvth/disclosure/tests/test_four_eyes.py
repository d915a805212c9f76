"""Four eyes (issue 15): who proposed or last edited a redaction does not approve it (403 problem+json in the API, a
Dutch message on the page); approval and publication record who and when; an organisation can require a second
approver for a document with special personal data (Woo 5.1(1)(d))."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from openvth.core import clock
from openvth.disclosure import services
from openvth.disclosure.models import DisclosureSettings, Publication
from openvth.testing.api import client_for, problem

from .factories import closed_inspection, officer

Status = Publication.Status
URL = "/api/v1/publications"
FOUR_EYES = "vier-ogenprincipe"


@pytest.fixture
def first(service):
    return officer(service, username="publicatie-1")


@pytest.fixture
def second(service):
    return officer(service, username="publicatie-2")


@pytest.fixture
def proposal(first, establishment):
    """Proposed by a publication officer himself."""
    return services.propose_inspection(user=first, inspection=closed_inspection(establishment))


def _phone(publication):
    return next(d for d in publication.decisions.all() if publication.source_text[d.start : d.end] == "06-12345678")


def _special(publication, reviewer):
    """The reviewer removes the phone number as special personal data (Woo 5.1(1)(d)) instead."""
    change = {"id": _phone(publication).pk, "decision": "redact", "woo_ground": services.SPECIAL_DATA}
    services.decide_spans(user=reviewer, publication=publication, changes=[change])


def test_the_proposer_cannot_approve_in_the_api(first, second, proposal):
    body = problem(client_for(first).post(f"{URL}/{proposal.pk}/approve"), 403)
    assert FOUR_EYES in body["detail"]
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED and proposal.reviewed_at is None
    assert client_for(second).post(f"{URL}/{proposal.pk}/approve").json()["status"] == "approved"


def test_the_last_editor_cannot_approve_on_the_page(client, member, second, establishment, first):
    proposal = services.propose_inspection(user=member, inspection=closed_inspection(establishment))
    change = {"id": _phone(proposal).pk, "decision": "keep", "note": "Algemeen nummer van het bedrijf"}
    services.decide_spans(user=second, publication=proposal, changes=[change])
    client.force_login(second)
    page = client.get(reverse("disclosure:publication", args=[proposal.pk])).content.decode()
    assert FOUR_EYES in page and "Goedkeuren</button>" not in page
    step = reverse("disclosure:publication_step", args=[proposal.pk, "goedkeuren"])
    assert FOUR_EYES in client.post(step, follow=True).content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED and proposal.edited_by == second
    assert services.approve(user=first, publication=proposal).status == Status.APPROVED


def test_approval_and_publication_record_who_and_when(first, second, proposal):
    before = clock.now()
    approved = services.approve(user=second, publication=proposal)
    assert (approved.proposed_by, approved.reviewed_by) == (first, second) and approved.reviewed_at >= before
    published = services.publish(user=first, publication=approved)
    assert published.published_by == first and published.published_at >= approved.reviewed_at


def test_an_edit_after_the_first_approval_undoes_it(service, first, second, member, establishment):
    DisclosureSettings.objects.create(organisation=service, second_approval_for_special_data=True)
    proposal = services.propose_inspection(user=member, inspection=closed_inspection(establishment))
    _special(proposal, first)
    services.approve(user=second, publication=proposal)
    bsn = next(d for d in proposal.decisions.all() if d.label == "bsn")
    services.decide_spans(
        user=first, publication=proposal, changes=[{"id": bsn.pk, "decision": "redact", "note": "BSN op formulier"}]
    )
    proposal.refresh_from_db()
    assert proposal.reviewed_at is None and proposal.status == Status.PROPOSED


def test_special_personal_data_needs_two_different_approvers_when_the_organisation_says_so(
    service, first, second, member, establishment
):
    DisclosureSettings.objects.create(organisation=service, second_approval_for_special_data=True)
    third = officer(service, username="publicatie-3")
    proposal = services.propose_inspection(user=member, inspection=closed_inspection(establishment))
    _special(proposal, first)
    assert services.needs_second_approval(proposal)
    once = services.approve(user=second, publication=proposal)
    assert once.status == Status.PROPOSED and once.reviewed_by == second and once.public_text == ""
    with pytest.raises(PermissionDenied, match="tweede"):
        services.approve(user=second, publication=proposal)
    twice = services.approve(user=third, publication=proposal)
    assert twice.status == Status.APPROVED and (twice.reviewed_by, twice.second_reviewed_by) == (second, third)
    assert "06-12345678" not in twice.public_text and "[5.1.1d]" in twice.public_text


def test_without_the_setting_or_without_special_data_one_approver_suffices(
    service, first, second, member, establishment
):
    proposal = services.propose_inspection(user=member, inspection=closed_inspection(establishment))
    _special(proposal, first)
    assert not services.needs_second_approval(proposal)  # the organisation did not ask for it
    DisclosureSettings.objects.create(organisation=service, second_approval_for_special_data=True)
    plain = services.propose_inspection(user=member, inspection=closed_inspection(establishment))
    assert not services.needs_second_approval(plain)  # nothing special in it
    assert services.approve(user=second, publication=plain).status == Status.APPROVED
