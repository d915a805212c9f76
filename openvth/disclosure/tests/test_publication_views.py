"""The publication pages: the queue, the review page with its spans and preview, the steps; 404 for an outsider,
no review controls for an inspector, and a refused decision that stores nothing."""

import pytest
from django.urls import reverse

from openvth.disclosure import services
from openvth.disclosure.models import Publication

from .factories import closed_inspection, decision_letter, officer


@pytest.fixture
def reviewer(service):
    return officer(service, username="publicatie")


@pytest.fixture
def proposal(member, establishment):
    return services.propose_inspection(user=member, inspection=closed_inspection(establishment))


def page(publication):
    return reverse("disclosure:publication", args=[publication.pk])


def form_data(publication, **per_text):
    """The review form as the page posts it: every span as it stands, some changed by their text."""
    data = {}
    for d in publication.decisions.all():
        values = per_text.get(publication.source_text[d.start : d.end], {})
        data[f"passage-{d.pk}-decision"] = values.get("decision", d.decision)
        data[f"passage-{d.pk}-woo_ground"] = values.get("woo_ground", d.woo_ground)
        data[f"passage-{d.pk}-note"] = values.get("note", d.note)
    return data


def test_the_queue_lists_proposals_for_the_owner_and_nothing_for_an_outsider(client, reviewer, outsider, proposal):
    client.force_login(reviewer)
    response = client.get(reverse("disclosure:publications"))
    assert proposal.title in response.content.decode()
    client.force_login(outsider)
    assert proposal.title not in client.get(reverse("disclosure:publications")).content.decode()
    assert client.get(page(proposal)).status_code == 404


def test_the_review_page_marks_the_spans_and_previews_the_public_text(client, reviewer, proposal):
    client.force_login(reviewer)
    body = client.get(page(proposal)).content.decode()
    assert '<mark class="woo-redact"' in body and "06-12345678</mark>" in body
    preview = body.split('id="openbare-tekst"')[1].split("</pre>")[0]
    assert "06-12345678" not in preview and "[5.1.2e]" in preview and "[5.1.1e]" in preview
    assert "Beoordeling opslaan" in body and "Goedkeuren" in body


def test_an_inspector_sees_the_proposal_but_cannot_review_it(client, member, proposal):
    client.force_login(member)
    body = client.get(page(proposal)).content.decode()
    assert "Beoordeling opslaan" not in body and "Goedkeuren" not in body
    response = client.post(reverse("disclosure:publication_step", args=[proposal.pk, "goedkeuren"]), follow=True)
    assert "publicatiemedewerker" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Publication.Status.PROPOSED


def test_the_reviewer_keeps_a_span_a_colleague_approves_and_publishes(client, reviewer, service, proposal):
    client.force_login(reviewer)
    kept = {"decision": "keep", "woo_ground": "", "note": "Leidinggevende, treedt op namens het bedrijf"}
    response = client.post(page(proposal), form_data(proposal, **{"de heer Jan Bakker": kept}))
    assert response.status_code == 302
    client.force_login(officer(service, username="publicatie-2"))  # four eyes: not the one who edited
    approve = reverse("disclosure:publication_step", args=[proposal.pk, "goedkeuren"])
    asked = client.post(approve)  # without the confirmation: the question on a page of its own, nothing written
    assert asked.status_code == 200 and "De openbare tekst ligt daarna vast" in asked.content.decode()
    assert Publication.objects.get(pk=proposal.pk).status == Publication.Status.PROPOSED
    client.post(approve, {"bevestigd": "ja"})
    client.post(reverse("disclosure:publication_step", args=[proposal.pk, "publiceren"]), {"bevestigd": "ja"})
    published = Publication.objects.public().get()
    assert "de heer Jan Bakker" in published.public_text and "111222333" not in published.public_text


def test_keeping_a_bsn_is_refused_on_the_page_and_stores_nothing(client, reviewer, proposal):
    client.force_login(reviewer)
    phone = {"decision": "keep", "note": "Algemeen nummer"}
    bsn = {"decision": "keep", "woo_ground": "", "note": "?"}
    response = client.post(page(proposal), form_data(proposal, **{"06-12345678": phone, "111222333": bsn}))
    assert response.status_code == 400
    assert "absolute weigergrond" in response.content.decode()
    assert not proposal.decisions.filter(decision="keep").exists()


def test_a_missed_passage_is_redacted_everywhere_it_occurs(client, reviewer, member, establishment):
    inspection = closed_inspection(establishment, summary="Recept R-77 gezien. Later nogmaals R-77 besproken.")
    publication = services.propose_inspection(user=member, inspection=inspection)
    client.force_login(reviewer)
    data = {"passage": "R-77", "woo_ground": "5.1.1c", "note": "Vertrouwelijk recept"}
    assert client.post(reverse("disclosure:add_passage", args=[publication.pk]), data).status_code == 302
    assert publication.decisions.filter(label=services.MANUAL).count() == 2
    response = client.post(reverse("disclosure:add_passage", args=[publication.pk]), data)
    assert response.status_code == 400  # every place is covered now


def test_withdraw_from_the_page_needs_a_reason(client, reviewer, proposal):
    services.approve(user=reviewer, publication=proposal)
    services.publish(user=reviewer, publication=proposal)
    client.force_login(reviewer)
    assert client.post(reverse("disclosure:withdraw", args=[proposal.pk]), {"reason": ""}).status_code == 400
    assert Publication.objects.public().exists()
    client.post(reverse("disclosure:withdraw", args=[proposal.pk]), {"reason": "Rechter vernietigde het besluit."})
    assert not Publication.objects.public().exists()


def test_propose_from_the_inspection_and_the_letter_pages(client, member, establishment):
    client.force_login(member)
    inspection = closed_inspection(establishment)
    response = client.post(reverse("disclosure:propose_inspection", args=[inspection.pk]))
    publication = Publication.objects.get(inspection=inspection)
    assert response.url == page(publication)
    back = reverse("supervision:inspection", args=[inspection.pk])
    again = client.post(reverse("disclosure:propose_inspection", args=[inspection.pk]), {"next": back})
    assert again.url == back  # refused: there is a live publication
    letter = decision_letter(establishment, member)
    client.post(reverse("disclosure:propose_letter", args=[letter.pk]))
    assert Publication.objects.filter(letter=letter).exists()


def test_an_outsider_cannot_propose_what_he_cannot_see(client, outsider, establishment):
    client.force_login(outsider)
    inspection = closed_inspection(establishment)
    assert client.post(reverse("disclosure:propose_inspection", args=[inspection.pk])).status_code == 404
    assert not Publication.objects.exists()


def test_the_propose_include_shows_only_for_a_closed_inspection(rf, member, establishment):
    from django.template.loader import render_to_string

    inspection = closed_inspection(establishment)
    request = rf.get("/")
    request.user = member
    html = render_to_string("disclosure/publication/_propose.html", {"inspection": inspection}, request=request)
    assert "Publicatie voorstellen" in html
    inspection.status = "open"
    html = render_to_string("disclosure/publication/_propose.html", {"inspection": inspection}, request=request)
    assert "Publicatie voorstellen" not in html
