"""The Woo publication flow (docs/domain.md §8): nothing public before a reviewer approved it, each transition allowed
or refused, the weighing per span recorded, a BSN never kept, a redacted span never in the public text."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core.history import history_of
from openvth.disclosure import services
from openvth.disclosure.models import Publication, RedactionDecision
from openvth.enforcement.models import Letter
from openvth.supervision.models import Inspection

from .factories import closed_inspection, decision_letter, officer

Status = Publication.Status


@pytest.fixture
def reviewer(service):
    return officer(service, username="publicatie")


@pytest.fixture
def colleague(service):
    """A second publication officer: four eyes."""
    return officer(service, username="publicatie-2")


@pytest.fixture
def proposal(member, establishment):
    return services.propose_inspection(user=member, inspection=closed_inspection(establishment))


def span(publication, text: str) -> RedactionDecision:
    return next(d for d in publication.decisions.all() if publication.source_text[d.start : d.end] == text)


def keep(publication, decision, note="Functionaris in de openbare functie"):
    return {"id": decision.pk, "decision": "keep", "woo_ground": "", "note": note}


def test_a_proposal_holds_the_engines_spans_all_redacted_with_the_policys_ground(proposal, establishment):
    texts = {proposal.source_text[d.start : d.end]: d for d in proposal.decisions.all()}
    assert texts["06-12345678"].woo_ground == "5.1.2e"
    assert texts["111222333"].woo_ground == "5.1.1e"
    assert all(d.decision == "redact" and d.proposed for d in texts.values())
    assert establishment.name not in texts  # the establishment's name and address are public
    assert proposal.status == Status.PROPOSED and proposal.public_text == ""
    assert proposal.compliant is False and proposal.owner_id == establishment.owner_id


def test_nothing_is_public_before_approval_and_after_withdrawal(proposal, reviewer):
    def public():
        return list(Publication.objects.public())

    assert public() == []
    services.approve(user=reviewer, publication=proposal)
    assert public() == []
    services.publish(user=reviewer, publication=proposal)
    assert public() == [proposal]
    services.withdraw(user=reviewer, publication=proposal, reason="Besluit in bezwaar herroepen.")
    assert public() == []
    notes = [c.note for c in history_of(proposal)]
    assert sorted(notes) == sorted(["Publicatie voorgesteld", "Goedgekeurd", "Gepubliceerd", "Ingetrokken"])


@pytest.mark.parametrize(
    ("reached", "step"),
    [
        (Status.PROPOSED, "publish"),
        (Status.PROPOSED, "withdraw"),
        (Status.APPROVED, "approve"),
        (Status.APPROVED, "withdraw"),
        (Status.PUBLISHED, "approve"),
        (Status.PUBLISHED, "publish"),
        (Status.WITHDRAWN, "publish"),
        (Status.WITHDRAWN, "withdraw"),
    ],
)
def test_a_step_out_of_order_is_refused_and_changes_nothing(proposal, reviewer, reached, step):
    steps = [
        lambda: services.approve(user=reviewer, publication=proposal),
        lambda: services.publish(user=reviewer, publication=proposal),
        lambda: services.withdraw(user=reviewer, publication=proposal, reason="Fout"),
    ]
    for take in steps[: list(Status).index(reached)]:
        take()
    extra = {"reason": "Nogmaals"} if step == "withdraw" else {}
    with pytest.raises(ValidationError):
        getattr(services, step)(user=reviewer, publication=proposal, **extra)
    proposal.refresh_from_db()
    assert proposal.status == reached


def test_approval_replaces_redacted_spans_by_their_ground_and_keeps_the_kept_ones(proposal, reviewer, colleague):
    name = span(proposal, "de heer Jan Bakker")
    services.decide_spans(user=reviewer, publication=proposal, changes=[keep(proposal, name)])
    approved = services.approve(user=colleague, publication=proposal)
    assert "de heer Jan Bakker" in approved.public_text
    assert "06-12345678" not in approved.public_text and "[5.1.2e]" in approved.public_text
    assert "111222333" not in approved.public_text and "[5.1.1e]" in approved.public_text
    assert approved.reviewed_by == colleague and approved.reviewed_at is not None
    name.refresh_from_db()
    assert (name.decision, name.woo_ground, name.note) == ("keep", "", "Functionaris in de openbare functie")


def test_a_redacted_span_never_appears_in_the_public_text_also_one_added_by_hand(proposal, reviewer, colleague):
    start = proposal.source_text.index("R-77")
    services.add_spans(user=reviewer, publication=proposal, spans=[(start, start + 4)], woo_ground="5.1.1c")
    phone = span(proposal, "06-12345678")
    change = {"id": phone.pk, "decision": "redact", "woo_ground": "5.1.2d", "note": "Direct nummer"}
    services.decide_spans(user=reviewer, publication=proposal, changes=[change])
    approved = services.approve(user=colleague, publication=proposal)
    for decision in approved.decisions.filter(decision="redact"):
        assert approved.source_text[decision.start : decision.end] not in approved.public_text
    assert "R-77" not in approved.public_text and "procesrecept [5.1.1c]" in approved.public_text
    assert "[5.1.2d]" in approved.public_text
    assert span(approved, "R-77").label == services.MANUAL


def test_a_bsn_cannot_be_kept(proposal, reviewer):
    bsn = span(proposal, "111222333")
    with pytest.raises(ValidationError, match="absolute weigergrond"):
        services.decide_spans(user=reviewer, publication=proposal, changes=[keep(proposal, bsn)])
    bsn.refresh_from_db()
    assert bsn.decision == "redact"


def test_a_bsn_keeps_its_absolute_ground(proposal, reviewer):
    bsn = span(proposal, "111222333")
    change = {"id": bsn.pk, "decision": "redact", "woo_ground": "5.1.2e", "note": ""}
    services.decide_spans(user=reviewer, publication=proposal, changes=[change])
    bsn.refresh_from_db()
    assert bsn.woo_ground == "5.1.1e"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"decision": "keep", "note": ""}, "note"),  # keeping needs the weighing
        ({"decision": "redact", "woo_ground": ""}, "woo_ground"),
        ({"decision": "redact", "woo_ground": "5.9.9z"}, "woo_ground"),
        ({"decision": "publish"}, "decision"),
    ],
)
def test_an_incomplete_decision_is_refused(proposal, reviewer, change, field):
    phone = span(proposal, "06-12345678")
    with pytest.raises(ValidationError) as refused:
        services.decide_spans(user=reviewer, publication=proposal, changes=[{"id": phone.pk, **change}])
    assert field in refused.value.message_dict


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ([(5, 5)], "binnen de tekst"),
        ([(0, 10_000)], "binnen de tekst"),
        ([(-1, 3)], "binnen de tekst"),
        ("phone", "overlapt"),
        ([(2, 6), (4, 8)], "overlapt"),
    ],
)
def test_a_span_by_hand_lies_within_the_text_apart_from_the_others(proposal, reviewer, spans, message):
    if spans == "phone":
        phone = span(proposal, "06-12345678")
        spans = [(phone.start + 2, phone.end + 3)]
    before = proposal.decisions.count()
    with pytest.raises(ValidationError, match=message):
        services.add_spans(user=reviewer, publication=proposal, spans=spans, woo_ground="5.1.2e")
    assert proposal.decisions.count() == before


def test_only_a_proposal_can_be_reviewed(proposal, reviewer):
    services.approve(user=reviewer, publication=proposal)
    with pytest.raises(ValidationError, match="voorstel"):
        services.add_spans(user=reviewer, publication=proposal, spans=[(0, 3)], woo_ground="5.1.2e")


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.ENFORCEMENT_LAWYER, Role.PERMIT_OFFICER])
def test_only_a_publication_officer_or_manager_of_the_owner_reviews(proposal, service, role):
    user = UserFactory(organisation=service, role=role)
    with pytest.raises(PermissionDenied):
        services.approve(user=user, publication=proposal)
    with pytest.raises(PermissionDenied):
        services.decide_spans(user=user, publication=proposal, changes=[])
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED


def test_a_manager_of_the_owner_may_approve_but_an_officer_elsewhere_may_not(proposal, service, other_service):
    with pytest.raises(PermissionDenied):
        services.approve(user=officer(other_service), publication=proposal)
    manager = UserFactory(organisation=service, role=Role.MANAGER)
    assert services.approve(user=manager, publication=proposal).status == Status.APPROVED


def test_an_open_inspection_is_not_proposed(member, establishment):
    inspection = closed_inspection(establishment)
    Inspection.objects.filter(pk=inspection.pk).update(status=Inspection.Status.OPEN)
    inspection.refresh_from_db()
    with pytest.raises(ValidationError, match="afgesloten"):
        services.propose_inspection(user=member, inspection=inspection)
    assert not Publication.objects.exists()


def test_one_live_publication_per_source_a_withdrawn_one_may_be_proposed_again(proposal, member, reviewer):
    with pytest.raises(ValidationError, match="al een publicatie"):
        services.propose_inspection(user=member, inspection=proposal.inspection)
    services.approve(user=reviewer, publication=proposal)
    services.publish(user=reviewer, publication=proposal)
    services.withdraw(user=reviewer, publication=proposal, reason="Tekst bevatte een fout.")
    again = services.propose_inspection(user=member, inspection=proposal.inspection)
    assert again.pk != proposal.pk


def test_an_outsider_cannot_propose(outsider, establishment):
    with pytest.raises(PermissionDenied):
        services.propose_inspection(user=outsider, inspection=closed_inspection(establishment))


def test_withdrawal_needs_a_reason(proposal, reviewer):
    services.approve(user=reviewer, publication=proposal)
    services.publish(user=reviewer, publication=proposal)
    with pytest.raises(ValidationError, match="reden"):
        services.withdraw(user=reviewer, publication=proposal, reason="  ")
    assert Publication.objects.public().exists()


def test_an_inspection_without_findings_is_a_compliant_result(member, establishment):
    publication = services.propose_inspection(
        user=member, inspection=closed_inspection(establishment, summary="Alles in orde.", findings=0)
    )
    assert publication.compliant is True
    assert "geen overtredingen" in publication.source_text


def test_an_enforcement_decision_is_proposed_from_its_letter(member, establishment):
    letter = decision_letter(establishment, member)
    publication = services.propose_letter(user=member, letter=letter)
    assert publication.kind == Publication.Kind.ENFORCEMENT_DECISION and publication.letter == letter
    removed = {publication.source_text[d.start : d.end] for d in publication.decisions.all()}
    assert "a.degroot@example.nl" in removed
    assert not any("Chemie Delfzijl" in text for text in removed)


def test_a_warning_is_no_decision_and_is_not_proposed(member, establishment):
    warning = decision_letter(establishment, member, kind=Letter.Kind.WARNING)
    with pytest.raises(ValidationError, match="geen besluit"):
        services.propose_letter(user=member, letter=warning)


def test_a_sole_traders_home_address_is_redacted(member, establishment):
    establishment.is_home_address = True
    establishment.save()
    establishment.company.legal_form = "eenmanszaak"
    establishment.company.save()
    publication = services.propose_inspection(user=member, inspection=closed_inspection(establishment))
    removed = [publication.source_text[d.start : d.end] for d in publication.decisions.all()]
    assert any(establishment.street in text for text in removed)
