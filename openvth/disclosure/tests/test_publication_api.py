"""`/api/v1/publications/`: scoped list and detail with the decisions, propose, PATCH decisions, add a span,
approve, publish, withdraw; refusals as problem+json."""

import pytest

from openvth.disclosure import services
from openvth.disclosure.models import Publication
from openvth.testing.api import client_for, problem

from .factories import closed_inspection, decision_letter, officer

URL = "/api/v1/publications"


@pytest.fixture
def reviewer(service):
    return officer(service, username="publicatie")


@pytest.fixture
def proposal(member, establishment):
    return services.propose_inspection(user=member, inspection=closed_inspection(establishment))


def test_list_and_detail_are_scoped(reviewer, outsider, proposal):
    listed = client_for(reviewer).get(URL).json()
    assert [p["id"] for p in listed["results"]] == [proposal.pk]
    detail = client_for(reviewer).get(f"{URL}/{proposal.pk}").json()
    assert detail["status"] == "proposed" and detail["public_text"] == ""
    bsn = next(d for d in detail["decisions"] if d["text"] == "111222333")
    assert bsn["woo_ground"] == "5.1.1e" and "111222333" not in detail["preview"]
    assert client_for(outsider).get(URL).json()["results"] == []
    problem(client_for(outsider).get(f"{URL}/{proposal.pk}"), 404)


def test_propose_from_an_inspection_or_a_letter(member, establishment):
    inspection = closed_inspection(establishment)
    response = client_for(member).post(URL, {"inspection": inspection.pk}, format="json")
    assert response.status_code == 201 and response.json()["kind"] == "inspection_result"
    letter = decision_letter(establishment, member)
    response = client_for(member).post(URL, {"letter": letter.pk}, format="json")
    assert response.status_code == 201 and response.json()["kind"] == "enforcement_decision"
    problem(client_for(member).post(URL, {"letter": letter.pk}, format="json"), 400)  # one live publication
    problem(client_for(member).post(URL, {}, format="json"), 400)


def test_an_outsider_cannot_propose_an_invisible_inspection(outsider, establishment):
    inspection = closed_inspection(establishment)
    body = problem(client_for(outsider).post(URL, {"inspection": inspection.pk}, format="json"), 400)
    assert [p["name"] for p in body["invalid-params"]] == ["inspection"]  # the same answer as for an unknown id
    assert not Publication.objects.exists()


@pytest.fixture
def second_reviewer(service):
    return officer(service, username="publicatie-2")


def test_the_whole_flow_through_the_api(reviewer, second_reviewer, proposal):
    api = client_for(reviewer)
    detail = api.get(f"{URL}/{proposal.pk}").json()
    phone = next(d for d in detail["decisions"] if d["text"] == "06-12345678")
    change = {"id": phone["id"], "decision": "keep", "note": "Algemeen nummer van het bedrijf"}
    assert api.patch(f"{URL}/{proposal.pk}/decisions", {"decisions": [change]}, format="json").status_code == 200
    start = proposal.source_text.index("R-77")
    span = {"start": start, "end": start + 4, "woo_ground": "5.1.1c"}
    assert api.post(f"{URL}/{proposal.pk}/spans", span, format="json").status_code == 201
    approved = client_for(second_reviewer).post(f"{URL}/{proposal.pk}/approve").json()  # four eyes
    assert "06-12345678" in approved["public_text"] and "R-77" not in approved["public_text"]
    assert (approved["edited_by"], approved["reviewed_by"]) == (str(reviewer), str(second_reviewer))
    assert not Publication.objects.public().exists()
    published = api.post(f"{URL}/{proposal.pk}/publish").json()
    assert published["status"] == "published" and published["published_by"] == str(reviewer)
    assert Publication.objects.public().exists()
    problem(api.post(f"{URL}/{proposal.pk}/withdraw", {}, format="json"), 400)
    withdrawn = api.post(f"{URL}/{proposal.pk}/withdraw", {"reason": "Fout in de tekst"}, format="json").json()
    assert withdrawn["status"] == "withdrawn" and not Publication.objects.public().exists()


def test_refusals_are_problems(reviewer, member, proposal):
    bsn = next(d for d in proposal.decisions.all() if proposal.source_text[d.start : d.end] == "111222333")
    body = problem(
        client_for(reviewer).patch(
            f"{URL}/{proposal.pk}/decisions",
            {"decisions": [{"id": bsn.pk, "decision": "keep", "note": "x"}]},
            format="json",
        ),
        400,
    )
    assert "absolute weigergrond" in str(body["invalid-params"])
    problem(client_for(reviewer).post(f"{URL}/{proposal.pk}/publish"), 400)  # not approved yet
    problem(client_for(member).post(f"{URL}/{proposal.pk}/approve"), 403)  # an inspector does not approve
    outside = {"start": 0, "end": 100_000, "woo_ground": "5.1.2e"}
    problem(client_for(reviewer).post(f"{URL}/{proposal.pk}/spans", outside, format="json"), 400)
