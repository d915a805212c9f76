"""Public complaints: the form without login, validation, the rate limit per client address, triage into an
inspection or closing with a reason, scoping (issue 3)."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from openvth.register.tests.factories import OrganisationFactory
from openvth.supervision.models import Complaint, Inspection
from openvth.supervision.services import inspections as services

FORM = reverse("supervision:complaint_public")


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def municipality(service):
    return OrganisationFactory(name="Gemeente Eemsdelta", omgevingsdienst=service)


def _post(client, municipality, ip="192.0.2.10", **overrides):
    data = {
        "municipality": municipality.pk,
        "subject": "odour",
        "description": "Sterke oplosmiddelgeur sinds 8 uur vanochtend.",
        "location": "Oosterhorn 10, Farmsum",
        "reporter_email": "",
    } | overrides
    return client.post(FORM, data, REMOTE_ADDR=ip)


def test_the_public_form_needs_no_login_and_reaches_the_service(client, municipality, service):
    assert client.get(FORM).status_code == 200
    response = _post(client, municipality, reporter_name="J. Jansen")
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.service == service and complaint.status == "new"
    assert complaint.location == "Oosterhorn 10, Farmsum (Gemeente Eemsdelta)"
    assert f"nummer {complaint.pk}" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "overrides, field_message",
    [
        ({"description": "stinkt"}, "ten minste 10 tekens"),
        ({"location": ""}, "Dit veld is vereist"),
        ({"subject": "aliens"}, "Selecteer een geldige keuze"),
        ({"reporter_email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"occurred_at": "2999-01-01T08:00"}, "ligt in de toekomst"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message(client, municipality, overrides, field_message):
    response = _post(client, municipality, **overrides)
    assert response.status_code == 200 and field_message in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_municipality_without_service_is_refused(db):
    alone = OrganisationFactory(name="Gemeente Zonderdienst")
    with pytest.raises(ValidationError, match="geen omgevingsdienst"):
        services.submit_complaint(
            client_ip="x",
            municipality=alone,
            subject="noise",
            description="Lawaai van de fabriek",
            location="Dorpsstraat 1",
        )


def test_five_complaints_an_hour_per_address(client, municipality):
    for _ in range(services.COMPLAINTS_PER_HOUR):
        assert _post(client, municipality).status_code == 302
    refused = _post(client, municipality)
    assert refused.status_code == 200 and "al 5 meldingen gedaan" in refused.content.decode()
    assert Complaint.objects.count() == services.COMPLAINTS_PER_HOUR
    assert _post(client, municipality, ip="198.51.100.7").status_code == 302  # another address still may


def test_invalid_attempts_do_not_use_up_the_limit(client, municipality):
    for _ in range(services.COMPLAINTS_PER_HOUR + 2):
        _post(client, municipality, description="kort")
    assert _post(client, municipality).status_code == 302


@pytest.fixture
def complaint(municipality):
    return services.submit_complaint(
        client_ip="192.0.2.1",
        municipality=municipality,
        subject="noise",
        description="Piepende ventilator 's nachts",
        location="Industrieweg 3",
    )


def test_triage_into_a_complaint_inspection(client, member, establishment, complaint):
    client.force_login(member)
    response = client.post(
        reverse("supervision:complaint_triage", args=[complaint.pk]),
        {"kvk_vestigingsnummer": establishment.kvk_vestigingsnummer, "planned_on": "2024-04-02"},
    )
    inspection = Inspection.objects.get()
    assert response["Location"] == reverse("supervision:inspection", args=[inspection.pk])
    assert inspection.kind == "complaint" and inspection.establishment == establishment
    complaint.refresh_from_db()
    assert (complaint.status, complaint.inspection, complaint.establishment) == (
        "inspection",
        inspection,
        establishment,
    )
    with pytest.raises(ValidationError, match="al behandeld"):
        services.close_complaint(user=member, complaint=complaint, reason="dubbel")


def test_close_needs_a_reason(client, member, complaint):
    client.force_login(member)
    response = client.post(reverse("supervision:complaint_close", args=[complaint.pk]), {"reason": ""})
    assert "Dit veld is vereist" in response.content.decode()
    client.post(reverse("supervision:complaint_close", args=[complaint.pk]), {"reason": "Geen bedrijf in de buurt"})
    complaint.refresh_from_db()
    assert (complaint.status, complaint.closed_reason) == ("closed", "Geen bedrijf in de buurt")


def test_complaints_are_scoped_to_the_service(client, member, owner, outsider, complaint):
    client.force_login(outsider)
    assert client.get(reverse("supervision:complaint", args=[complaint.pk])).status_code == 404
    assert "Piepende" not in client.get(reverse("supervision:complaints")).content.decode()
    client.force_login(member)
    assert "Industrieweg 3" in client.get(reverse("supervision:complaints")).content.decode()
    with pytest.raises(PermissionDenied):  # a permit officer reads, an inspector or manager triages
        services.close_complaint(user=owner, complaint=complaint, reason="x")
