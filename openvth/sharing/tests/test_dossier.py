"""The chain dossier: own records always, others' only under an active agreement for the kind and purpose; every
read logged with its purpose; 404 for a reader whom nobody shares with (page and API alike)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from openvth.accounts.tests.factories import UserFactory
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory
from openvth.sharing.models import AccessLog
from openvth.testing.api import client_for, problem

from .factories import SharingAgreementFactory, days_ago, records_of

KINDS = ("inspections", "findings", "enforcement_cases", "permits")


def api_get(user, company_id, **params):
    return client_for(user).get(f"/api/v1/companies/{company_id}/chain-dossier", params)


def shown(body) -> dict:
    return {kind: [item["id"] for item in body[kind]] for kind in KINDS}


def nothing():
    return {kind: [] for kind in KINDS}


def only(records, *kinds):
    return {kind: records[kind] if kind in kinds else [] for kind in KINDS}


def test_own_organisation_sees_its_records_labelled_with_itself(owner, establishment, records, service):
    body = api_get(owner, establishment.company_id, purpose="supervision").json()
    assert shown(body) == only(records, *KINDS)
    assert {item["source"]["code"] for kind in KINDS for item in body[kind]} == {service.code}
    assert not any(item["shared"] for kind in KINDS for item in body[kind])
    assert [e["id"] for e in body["establishments"]] == [establishment.pk]
    assert [s["id"] for s in body["enforcement_cases"][0]["sanctions"]] == records["sanctions"]


def test_partner_without_agreement_gets_404_in_page_and_api_nothing_logged(client, partner, establishment, records):
    assert api_get(partner, establishment.company_id, purpose="supervision").status_code == 404
    client.force_login(partner)
    url = reverse("sharing:dossier", args=[establishment.company_id])
    assert client.get(url).status_code == 404
    assert client.post(url, {"purpose": "supervision"}).status_code == 404
    assert not AccessLog.objects.exists()


def test_agreement_for_inspections_only_shares_no_findings_cases_or_permits(
    partner, service, other_service, establishment, records
):
    SharingAgreementFactory(owner=service, partners=[other_service], kinds=["inspections"])
    body = api_get(partner, establishment.company_id, purpose="supervision").json()
    assert shown(body) == only(records, "inspections")
    assert body["inspections"][0]["source"] == {"code": service.code, "name": service.name}
    assert body["inspections"][0]["shared"] is True


def test_full_agreement_shares_every_kind(partner, service, other_service, establishment, records):
    SharingAgreementFactory(owner=service, partners=[other_service])
    assert shown(api_get(partner, establishment.company_id, purpose="supervision").json()) == only(records, *KINDS)


@pytest.mark.parametrize(
    "period",
    [
        {"valid_from": 400, "valid_to": 1},  # days ago: ended yesterday
        {"valid_from": -1},  # starts tomorrow
    ],
)
@pytest.mark.date_sensitive
def test_agreement_not_in_force_today_shares_nothing(partner, service, other_service, establishment, records, period):
    SharingAgreementFactory(owner=service, partners=[other_service], **{k: days_ago(v) for k, v in period.items()})
    assert api_get(partner, establishment.company_id, purpose="supervision").status_code == 404


def test_agreement_is_limited_to_its_purpose(partner, service, other_service, establishment, records):
    SharingAgreementFactory(owner=service, partners=[other_service], purpose_code="enforcement")
    refused = problem(api_get(partner, establishment.company_id, purpose="supervision"), 400)
    assert refused["invalid-params"][0]["name"] == "purpose"
    assert shown(api_get(partner, establishment.company_id, purpose="enforcement").json()) == only(records, *KINDS)
    assert AccessLog.objects.count() == 1  # the refused read is not logged


def test_agreement_with_another_partner_shares_nothing_with_this_one(partner, service, establishment, records):
    SharingAgreementFactory(owner=service, partners=[OrganisationFactory()])
    assert api_get(partner, establishment.company_id, purpose="supervision").status_code == 404


def test_an_agreement_of_another_source_does_not_open_this_company(
    client, partner, other_service, establishment, records
):
    SharingAgreementFactory(owner=OrganisationFactory(), partners=[other_service])
    assert api_get(partner, establishment.company_id, purpose="supervision").status_code == 404
    client.force_login(partner)
    assert client.get(reverse("sharing:dossier", args=[establishment.company_id])).status_code == 404
    assert not AccessLog.objects.exists()


def test_history_is_limited_to_five_years(owner, establishment):
    old = EstablishmentFactory(owner=establishment.owner, company=establishment.company)
    records_of(old)
    old.inspections.update(performed_on=days_ago(5 * 366 + 1), planned_on=days_ago(5 * 366 + 1))
    old.permit_decisions.update(decided_on=days_ago(5 * 366 + 1))
    old.enforcement_cases.update(opened_on=days_ago(5 * 366 + 1), closed_on=days_ago(5 * 366))
    assert shown(api_get(owner, establishment.company_id, purpose="supervision").json()) == nothing()


def test_every_read_is_logged_with_who_what_why(partner, service, other_service, establishment, records):
    SharingAgreementFactory(owner=service, partners=[other_service], kinds=["inspections", "findings"])
    body = api_get(partner, establishment.company_id, purpose="supervision", note="inspectie 12 mei").json()
    api_get(partner, establishment.company_id, purpose="supervision")
    first, second = AccessLog.objects.order_by("id")
    assert body["access_log"] == first.pk
    assert (first.user, first.user_name, first.organisation, first.company_id) == (
        partner, "ketenpartner", other_service, establishment.company_id
    )  # fmt: skip
    assert (first.purpose_code, first.note) == ("supervision", "inspectie 12 mei")
    assert first.records == {service.code: {"inspections": records["inspections"], "findings": records["findings"]}}
    assert list(first.sources.all()) == [service]
    assert second.pk != first.pk


def test_page_asks_a_purpose_then_shows_the_dossier_and_logs_it(
    client, partner, service, other_service, establishment, records
):
    SharingAgreementFactory(owner=service, partners=[other_service], kinds=["enforcement_cases"])
    client.force_login(partner)
    url = reverse("sharing:dossier", args=[establishment.company_id])
    page = client.get(url).content.decode()
    case = establishment.enforcement_cases.get()
    assert "Doel van de raadpleging" in page and case.reference not in page
    assert not AccessLog.objects.exists()
    page = client.post(url, {"purpose": "supervision", "note": "zaak 7"}).content.decode()
    assert case.reference in page and service.name in page and "gedeeld" in page
    assert "Vaten met gevaarlijke stoffen" not in page  # findings are not shared
    assert AccessLog.objects.get().note == "zaak 7"


def test_purpose_is_required_dutch_message_on_page_problem_json_in_api(client, owner, establishment, records):
    client.force_login(owner)
    page = client.post(reverse("sharing:dossier", args=[establishment.company_id]), {"purpose": ""}).content.decode()
    assert "Geef het doel op waarvoor u het ketendossier raadpleegt." in page
    response = api_get(owner, establishment.company_id)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    params = response.json()["invalid-params"]
    assert params[0]["name"] == "purpose" and "doel" in params[0]["reason"]
    assert api_get(owner, establishment.company_id, purpose="nieuwsgierigheid").status_code == 400
    assert not AccessLog.objects.exists()


def test_unknown_company_is_404(owner):
    assert api_get(owner, 999999, purpose="supervision").status_code == 404


def test_anonymous_reader_is_refused(client, establishment):
    assert APIClient().get(f"/api/v1/companies/{establishment.company_id}/chain-dossier").status_code in (401, 403)
    response = client.get(reverse("sharing:dossier", args=[establishment.company_id]))
    assert response.status_code == 302


@pytest.mark.parametrize("count", [1, 10])
def test_number_of_queries_does_not_grow_with_establishments(
    django_assert_max_num_queries, service, other_service, count
):
    reader = UserFactory(organisation=other_service)
    first = EstablishmentFactory(owner=service)
    more = [EstablishmentFactory(owner=service, company=first.company) for _ in range(count - 1)]
    for establishment in [first, *more]:
        records_of(establishment)
        records_of(establishment)
    SharingAgreementFactory(owner=service, partners=[other_service])
    # 2 savepoints, agreements, company with its access check, 6 reads, 2 log writes
    with django_assert_max_num_queries(12):
        body = api_get(reader, first.company_id, purpose="supervision").json()
    assert len(body["establishments"]) == count and len(body["findings"]) == 2 * count
