"""Who sees and handles the intake: the queue of another organisation does not exist for you (404); only a token
of a permit officer, manager or administrator posts a notification; bad input is problem+json."""

import pytest

from openvth.accounts.models import Role
from openvth.accounts.services import create_api_token
from openvth.accounts.tests.factories import UserFactory
from openvth.intake import services
from openvth.intake.models import IntakeRequest
from openvth.intake.simulator import with_values
from openvth.register.tests.factories import OrganisationFactory, ServiceFactory

from .conftest import AANVRAAG, filed_days_ago, notify


@pytest.fixture
def foreign_request(other_service):
    content = with_values(AANVRAAG, indiendatum=filed_days_ago(), oin="00000001000000000999")
    return services.import_file(owner=other_service, content=content)


@pytest.mark.django_db
def test_another_organisations_queue_is_invisible(client, officer, foreign_request):
    client.force_login(officer)
    assert foreign_request.status == IntakeRequest.Status.QUEUED
    listing = client.get("/intake/", {"status": "alle"})
    assert listing.status_code == 200 and foreign_request.verzoeknummer not in listing.content.decode()
    for path in ("", "stam/", "pdf/"):
        assert client.get(f"/intake/{foreign_request.pk}/{path}").status_code == 404
    assert client.post(f"/intake/{foreign_request.pk}/opnieuw/").status_code == 404
    assert client.post(f"/intake/{foreign_request.pk}/koppelen/", {"vestiging": "1"}).status_code == 404


@pytest.mark.django_db
def test_the_own_queue_lists_the_request_with_status_and_reason(client, officer, service):
    intake = services.import_file(owner=service, content=with_values(AANVRAAG, indiendatum=filed_days_ago()))
    client.force_login(officer)
    page = client.get("/intake/").content.decode()
    assert intake.verzoeknummer in page and "in de wachtrij" in page and "Onbekend bevoegd gezag" in page
    assert client.get(f"/intake/{intake.pk}/stam/").status_code == 200


@pytest.mark.django_db
def test_an_inspector_reads_but_does_not_handle_the_queue(client, service):
    intake = services.import_file(owner=service, content=with_values(AANVRAAG, indiendatum=filed_days_ago()))
    inspector = UserFactory(organisation=service, role=Role.INSPECTOR)
    client.force_login(inspector)
    assert "Opnieuw verwerken" not in client.get(f"/intake/{intake.pk}/").content.decode()
    client.post(f"/intake/{intake.pk}/opnieuw/")
    intake.refresh_from_db()
    assert intake.status == IntakeRequest.Status.QUEUED
    assert [m.message for m in client.get("/intake/").context["messages"]] == [
        "Alleen een vergunningverlener of manager behandelt de intake uit het Omgevingsloket."
    ]


@pytest.mark.django_db
def test_only_a_token_of_a_handler_posts_a_notification(client, officer):
    assert notify(client, "geen-token", "2026111600001").status_code == 401
    client.force_login(officer)  # a browser session is not the DSO link
    session = client.post("/api/v1/dso/verzoeknotificaties", {"verzoeknummer": "1"}, content_type="application/json")
    assert session.status_code == 401
    partner = UserFactory(organisation=OrganisationFactory(kind="inspectorate"), role=Role.CHAIN_PARTNER)
    _, key = create_api_token(user=partner, name="ILT", days=5)
    refused = notify(client, key, "2026111600001")
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"
    assert not IntakeRequest.objects.exists()


@pytest.mark.django_db
def test_bad_input_is_problem_json(client, token):
    response = notify(client, token, "../../etc/passwd", volgnummer=0)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalid-params"]}
    assert names == {"verzoeknummer", "volgnummer"}
    broken = client.post(
        "/api/v1/dso/verzoeknotificaties", data="{niet json", content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )  # fmt: skip
    assert broken.status_code == 400 and broken["Content-Type"] == "application/problem+json"
    assert not IntakeRequest.objects.exists()


@pytest.mark.django_db
def test_a_notification_is_stored_for_the_tokens_organisation(client, token, officer):
    assert notify(client, token, "2026111600009").status_code == 202
    assert IntakeRequest.objects.get().owner == officer.organisation
    other = UserFactory(organisation=ServiceFactory(), role=Role.MANAGER)
    _, key = create_api_token(user=other, name="Koppeling", days=5)
    assert notify(client, key, "2026111600009").status_code == 202  # each receiver its own record
    assert IntakeRequest.objects.count() == 2
