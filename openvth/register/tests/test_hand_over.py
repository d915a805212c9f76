"""Who supervises an establishment, and who is its competent authority, is a decision of the organisations involved:
never a field an inspector edits (PATCH and the edit form refuse it), only a hand-over that a manager or
administrator proposes and one of the receiving organisation accepts, recorded in the establishment's history."""

import pytest
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core.history import history_of
from openvth.register.models import Establishment, HandOver, Organisation
from openvth.register.tests.factories import ProvinceFactory, ServiceFactory
from openvth.testing.api import client_for, problem

HAND_OVERS = "/api/v1/establishments/hand-overs"


def establishment_url(establishment, part: str = "") -> str:
    return f"/api/v1/establishments/{establishment.pk}{part}"


def accept_url(hand_over_id: int) -> str:
    return f"{HAND_OVERS}/{hand_over_id}/accept"


@pytest.fixture
def manager(service):
    return UserFactory(organisation=service, role=Role.MANAGER)


@pytest.fixture
def receiver(other_service):
    return UserFactory(organisation=other_service, role=Role.ADMINISTRATOR)


def propose(user, establishment, to: Organisation, field: str = "supervising_service"):
    data = {"field": field, "to": to.code, "note": "Verhuisd naar de regio van de andere dienst."}
    return client_for(user).post(establishment_url(establishment, "/hand-overs"), data, format="json")


@pytest.mark.parametrize("field", ["supervising_service", "competent_authority"])
def test_patch_of_supervising_service_or_competent_authority_is_a_400_naming_the_field(
    member, establishment, other_service, field
):
    target = other_service if field == "supervising_service" else ProvinceFactory()
    response = client_for(member).patch(establishment_url(establishment), {field: target.code}, format="json")
    assert [p["name"] for p in problem(response, 400)["invalid-params"]] == [field]
    assert getattr(Establishment.objects.get(pk=establishment.pk), f"{field}_id") == getattr(
        establishment, f"{field}_id"
    )
    assert client_for(UserFactory(organisation=other_service)).get(establishment_url(establishment)).status_code == 404


def test_patch_with_the_current_values_is_no_change(member, establishment):
    data = {
        "supervising_service": establishment.supervising_service.code,
        "competent_authority": establishment.competent_authority.code,
        "place": "Nieuwdorp",
    }
    assert client_for(member).patch(establishment_url(establishment), data, format="json").status_code == 200
    assert Establishment.objects.get(pk=establishment.pk).place == "Nieuwdorp"


def test_the_edit_form_shows_but_does_not_change_them(client, member, establishment, other_service):
    client.force_login(member)
    url = reverse("register:establishment_edit", args=[establishment.pk])
    page = client.get(url).content.decode()
    assert 'name="supervising_service"' not in page and 'name="competent_authority"' not in page
    assert establishment.supervising_service.name in page and "overdracht" in page
    data = {
        "name": establishment.name, "kvk_vestigingsnummer": establishment.kvk_vestigingsnummer, "street": "Weg",
        "house_number": "3", "postcode": "1234 AB", "place": "Dorp", "municipality": establishment.municipality_id,
        "supervising_service": other_service.pk, "competent_authority": other_service.pk,
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    saved = Establishment.objects.get(pk=establishment.pk)
    assert (saved.street, saved.supervising_service_id) == ("Weg", establishment.supervising_service_id)
    assert saved.competent_authority_id == establishment.competent_authority_id


def test_an_inspector_may_not_propose_a_hand_over(member, establishment, other_service):
    problem(propose(member, establishment, other_service), 403)
    assert not HandOver.objects.exists()


def test_a_hand_over_proposed_then_accepted_by_the_receiving_service(
    manager, receiver, establishment, service, other_service
):
    body = propose(manager, establishment, other_service).json()
    assert (body["state"], body["from_organisation"]["code"], body["to_organisation"]["code"]) == (
        "proposed", service.code, other_service.code
    )  # fmt: skip
    assert Establishment.objects.get(pk=establishment.pk).supervising_service == service  # nothing moved yet
    receiving = client_for(receiver)
    assert receiving.get(establishment_url(establishment)).status_code == 404
    assert [h["id"] for h in receiving.get(HAND_OVERS, {"state": "proposed"}).json()["results"]] == [body["id"]]

    accepted = receiving.post(accept_url(body["id"])).json()
    assert accepted["state"] == "accepted" and accepted["accepted_by"] == str(receiver)
    assert Establishment.objects.get(pk=establishment.pk).supervising_service == other_service
    assert receiving.get(establishment_url(establishment)).json()["supervising_service"]["code"] == other_service.code
    newest = history_of(establishment).order_by("-id").first()
    assert newest.user == receiver and newest.changes["supervising_service"] == [service.name, other_service.name]
    assert "Overgedragen" in newest.note
    problem(receiving.post(accept_url(body["id"])), 400)  # once


@pytest.mark.parametrize("who", ["proposer", "inspector_of_receiver", "outsider"])
def test_only_a_manager_or_administrator_of_the_receiving_organisation_accepts(
    manager, establishment, other_service, who
):
    hand_over = propose(manager, establishment, other_service).json()
    user = {
        "proposer": manager,
        "inspector_of_receiver": UserFactory(organisation=other_service, role=Role.INSPECTOR),
        "outsider": UserFactory(organisation=ServiceFactory(), role=Role.MANAGER),
    }[who]
    expected = 404 if who == "outsider" else 403  # a third organisation does not see the proposal at all
    problem(client_for(user).post(accept_url(hand_over["id"])), expected)
    assert Establishment.objects.get(pk=establishment.pk).supervising_service_id == establishment.supervising_service_id


def test_a_hand_over_goes_to_an_organisation_of_the_right_kind(manager, establishment, service):
    municipality = establishment.municipality
    assert [p["name"] for p in problem(propose(manager, establishment, municipality), 400)["invalid-params"]] == ["to"]
    problem(propose(manager, establishment, service), 400)  # already its service
    assert not HandOver.objects.exists()


def test_the_competent_authority_is_handed_to_a_province_that_accepts(manager, establishment):
    province = ProvinceFactory()
    hand_over = propose(manager, establishment, province, field="competent_authority").json()
    official = UserFactory(organisation=province, role=Role.MANAGER)
    assert client_for(official).post(accept_url(hand_over["id"])).status_code == 200
    assert Establishment.objects.get(pk=establishment.pk).competent_authority == province


def test_a_proposal_made_before_another_hand_over_was_accepted_no_longer_holds(manager, receiver, establishment):
    first = propose(manager, establishment, receiver.organisation).json()
    third = ServiceFactory()
    second = propose(manager, establishment, third).json()
    assert client_for(receiver).post(accept_url(first["id"])).status_code == 200
    late = client_for(UserFactory(organisation=third, role=Role.MANAGER)).post(accept_url(second["id"]))
    assert "geldt niet meer" in problem(late, 400)["invalid-params"][0]["reason"]
    assert Establishment.objects.get(pk=establishment.pk).supervising_service == receiver.organisation
