"""Sharing agreements: written by the owning organisation's managers, with history; partners see them, others not."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from openvth.accounts.tests.factories import UserFactory
from openvth.core.history import history_of
from openvth.register.tests.factories import OrganisationFactory
from openvth.sharing import services
from openvth.sharing.models import SharingAgreement

from .factories import SharingAgreementFactory, days_ago


def fields(partners, **overrides):
    values = {
        "partners": partners,
        "kinds": ["findings", "inspections"],
        "purpose_code": "supervision",
        "purpose": "Voorbereiding van inspecties.",
        "valid_from": days_ago(0),
        "valid_to": None,
    }
    return values | overrides


def test_manager_creates_and_ends_an_agreement_with_history(manager, service, other_service):
    agreement = services.create_agreement(user=manager, **fields([other_service]))
    assert agreement.owner == service and agreement.kinds == ["inspections", "findings"]
    assert list(agreement.partners.all()) == [other_service]
    services.update_agreement(user=manager, agreement=agreement, **fields([other_service], valid_to=days_ago(0)))
    agreement.refresh_from_db()
    assert agreement.valid_to == days_ago(0)
    assert [r.action for r in history_of(agreement).order_by("id")] == ["create", "update"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"partners": []}, "partners"),
        ({"kinds": []}, "kinds"),
        ({"kinds": ["complaints"]}, "kinds"),
        ({"purpose_code": "curiosity"}, "purpose_code"),
        ({"purpose": "  "}, "purpose"),
        ({"valid_to": -1}, "valid_to"),  # days from today: the end before the start
    ],
)
def test_invalid_agreement_is_refused_in_dutch_and_nothing_is_saved(manager, other_service, overrides, field):
    if "valid_to" in overrides:
        overrides = {"valid_to": days_ago(-overrides["valid_to"])}
    with pytest.raises(ValidationError) as raised:
        services.create_agreement(user=manager, **fields([other_service]) | overrides)
    assert field in raised.value.message_dict
    assert not SharingAgreement.objects.exists()


def test_a_source_does_not_share_with_itself(manager, service):
    with pytest.raises(ValidationError, match="zichzelf"):
        services.create_agreement(user=manager, **fields([service]))


def test_only_managers_of_the_source_write(owner, partner, manager, service, other_service):
    with pytest.raises(PermissionDenied):
        services.create_agreement(user=owner, **fields([other_service]))
    agreement = SharingAgreementFactory(owner=service, partners=[other_service])
    other_manager = UserFactory(organisation=other_service, role="manager")
    with pytest.raises(PermissionDenied):
        services.update_agreement(user=other_manager, agreement=agreement, **fields([service]))


def test_list_shows_own_and_partner_agreements_not_others(client, owner, partner, service, other_service):
    SharingAgreementFactory(owner=service, partners=[other_service])
    for user, sees in [(owner, True), (partner, True), (UserFactory(organisation=OrganisationFactory()), False)]:
        client.force_login(user)
        assert ("toezicht: voorbereiding" in client.get(reverse("sharing:agreements")).content.decode()) is sees


def test_manager_creates_through_the_page_and_others_are_refused(client, manager, member, service, other_service):
    client.force_login(member)
    assert client.get(reverse("sharing:agreement_create")).status_code == 403
    client.force_login(manager)
    data = {
        "partners": [other_service.pk],
        "kinds": ["inspections"],
        "purpose_code": "supervision",
        "purpose": "Voorbereiding van inspecties.",
        "valid_from": "2025-01-01",
    }
    assert client.post(reverse("sharing:agreement_create"), data).status_code == 302
    agreement = SharingAgreement.objects.get()
    page = client.post(reverse("sharing:agreement", args=[agreement.pk]), data | {"valid_to": "2024-01-01"})
    assert "De einddatum ligt vóór de begindatum." in page.content.decode()
    client.force_login(member)
    assert client.get(reverse("sharing:agreement", args=[agreement.pk])).status_code == 403


def test_ending_an_agreement_on_the_page_asks_first(client, manager, service, other_service):
    agreement = services.create_agreement(user=manager, **fields([other_service], valid_from=days_ago(30)))
    client.force_login(manager)
    path = reverse("sharing:agreement", args=[agreement.pk])
    page = client.get(path).content.decode()
    assert "Deelafspraak beëindigen" in page and "data-confirm=" in page
    data = {
        "partners": [other_service.pk],
        "kinds": list(agreement.kinds),
        "purpose_code": agreement.purpose_code,
        "purpose": agreement.purpose,
        "valid_from": agreement.valid_from.isoformat(),
        "valid_to": days_ago(1).isoformat(),
    }
    asked = client.post(path, data)
    assert asked.status_code == 200 and "Deze deelafspraak beëindigen?" in asked.content.decode()
    agreement.refresh_from_db()
    assert agreement.valid_to is None and agreement.is_active
    assert client.post(path, data | {"bevestigd": "ja"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.valid_to == days_ago(1) and not agreement.is_active
