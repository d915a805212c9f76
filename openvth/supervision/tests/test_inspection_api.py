"""The inspections and complaints API: three users, filters, create, answers, findings, close, correction, triage,
problem+json errors."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from openvth.core.history import history_of
from openvth.permits.models import ProvisionVersion
from openvth.register.tests.factories import OrganisationFactory
from openvth.supervision.models import Complaint, Finding, Inspection
from openvth.supervision.services import inspections as services
from openvth.testing.api import client_for, problem

from .factories import checklist, permit, started_inspection

INSPECTIONS, COMPLAINTS = "/api/v1/inspections", "/api/v1/complaints"


@pytest.fixture
def inspection(member, establishment):
    checklist(name="Algemeen (test)")
    return started_inspection(member, establishment)


def test_list_detail_and_filters_for_three_users(member, owner, outsider, establishment, inspection):
    for user in (member, owner):
        rows = client_for(user).get(INSPECTIONS, {"establishment": establishment.kvk_vestigingsnummer}).json()
        assert [r["id"] for r in rows["results"]] == [inspection.pk]
    assert client_for(member).get(INSPECTIONS, {"status": "closed"}).json()["results"] == []
    assert client_for(member).get(INSPECTIONS, {"kind": "routine"}).json()["count"] == 1
    assert client_for(outsider).get(INSPECTIONS).json()["results"] == []
    problem(client_for(outsider).get(f"{INSPECTIONS}/{inspection.pk}"), 404)
    problem(client_for(member).get(INSPECTIONS, {"kind": "picknick"}), 400)


def test_create_answer_finding_close_and_correct(member, establishment):
    checklist(name="Algemeen (test)")
    api = client_for(member)
    created = api.post(
        INSPECTIONS,
        {
            "establishment": establishment.pk,
            "kind": "reinspection",
            "planned_on": "2024-03-01",
            "inspectors": [member.username],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    base = f"{INSPECTIONS}/{created.json()['id']}"
    problem(api.post(f"{base}/answers", {"item": 1, "result": "compliant"}, format="json"), 400)  # not started
    api.post(f"{base}/start", {"performed_on": "2024-03-01"}, format="json")
    item = Inspection.objects.get().checklist.items.first()
    body = api.post(f"{base}/answers", {"item": item.pk, "result": "not_compliant"}, format="json").json()
    answer_id = body["answers"][0]["id"]
    refused = problem(api.post(f"{base}/close"), 400)
    assert "bevinding" in refused["invalid-params"][0]["reason"]
    bad = problem(api.post(f"{base}/findings", {"answer": answer_id, "description": "x"}, format="json"), 400)
    assert {p["name"] for p in bad["invalid-params"]} == {"provision", "consequences"}
    finding = api.post(
        f"{base}/findings",
        {"answer": answer_id, "general_rule": "Bal art. 2.11", "consequences": 2, "description": "Olie op de grond"},
        format="json",
    )
    assert finding.status_code == 201
    unanswered = problem(api.post(f"{base}/close"), 400)["invalid-params"][0]["reason"]
    assert "Beantwoord eerst elk controlepunt" in unanswered
    for other in Inspection.objects.get().checklist.items.exclude(pk=item.pk):
        api.post(
            f"{base}/answers", {"item": other.pk, "result": "not_applicable", "note": "Geen opslag."}, format="json"
        )
    assert api.post(f"{base}/close").json()["status"] == "closed"
    locked = problem(api.post(f"{base}/answers", {"item": item.pk, "result": "compliant"}, format="json"), 400)
    assert "correctie" in locked["invalid-params"][0]["reason"]
    corrected = api.post(
        f"{base}/correction",
        {
            "reason": "Regel verkeerd",
            "finding": finding.json()["id"],
            "finding_values": {"general_rule": "Bal art. 4.11", "consequences": 2, "description": "Olie op de grond"},
        },
        format="json",
    )
    assert corrected.status_code == 200, corrected.content
    assert corrected.json()["findings"][0]["general_rule"] == "Bal art. 4.11"
    assert history_of(Finding.objects.get()).first().action == "correction"
    problem(api.post(f"{base}/correction", {"reason": "", "summary": "x"}, format="json"), 400)


def test_a_reader_may_not_write(owner, inspection):
    refused = problem(client_for(owner).post(f"{INSPECTIONS}/{inspection.pk}/close"), 403)
    assert refused["detail"] == "U mag deze inspectie niet wijzigen."


@pytest.fixture
def complaint(service):
    municipality = OrganisationFactory(omgevingsdienst=service)
    return services.submit_complaint(
        client_ip="192.0.2.5",
        municipality=municipality,
        subject="dust",
        description="Zwart stof op de auto's",
        location="Havenweg 2",
    )


def test_complaints_list_triage_and_close(member, outsider, establishment, complaint):
    assert client_for(outsider).get(COMPLAINTS).json()["results"] == []
    problem(client_for(outsider).post(f"{COMPLAINTS}/{complaint.pk}/close", {"reason": "x"}, format="json"), 404)
    api = client_for(member)
    assert [c["id"] for c in api.get(COMPLAINTS, {"status": "new"}).json()["results"]] == [complaint.pk]
    body = api.post(
        f"{COMPLAINTS}/{complaint.pk}/inspection",
        {"establishment": establishment.pk, "planned_on": date(2024, 4, 1).isoformat()},
        format="json",
    ).json()
    assert body["status"] == "inspection" and Inspection.objects.get(pk=body["inspection"]).kind == "complaint"
    problem(api.post(f"{COMPLAINTS}/{complaint.pk}/close", {"reason": "dubbel"}, format="json"), 400)
    assert Complaint.objects.get().status == "inspection"


def test_complaints_need_authentication(complaint):
    problem(APIClient().get(COMPLAINTS), 401)


def test_the_detail_lists_every_checklist_item_and_the_provision_of_each_finding(member, owner, establishment):
    permit(owner, establishment)
    checklist(name="Algemeen (test)", items=3)
    inspection = started_inspection(member, establishment)
    provision = ProvisionVersion.objects.get(establishment=establishment, number="2", valid_from=date(2020, 1, 1))
    api = client_for(member)
    item = inspection.checklist.items.get(position=2)
    services.save_answer(user=member, inspection=inspection, item=item, result="not_compliant", note="Kast open")
    body = api.post(
        f"{INSPECTIONS}/{inspection.pk}/findings",
        {"provision": provision.pk, "consequences": 2, "description": "Kast open"},
        format="json",
    ).json()
    assert body["provision"] == {"id": provision.pk, "number": "2", "text": "Opslag volgens PGS 15."}
    services.add_finding(
        user=member, inspection=inspection, general_rule="Bal art. 4.11", consequences=1, description="Vuil"
    )
    detail = api.get(f"{INSPECTIONS}/{inspection.pk}").json()
    items = inspection.checklist.items.order_by("position")
    expected = [(i.position, "not_compliant" if i == item else None, "Kast open" if i == item else None) for i in items]
    assert [(i["position"], i["result"], i["note"]) for i in detail["checklist_items"]] == expected  # answered or not
    assert detail["checklist_items"][1]["id"] == item.pk and detail["checklist_items"][1]["rule_hint"] == item.rule_hint
    by_rule = {f["general_rule"] or f["provision"]["number"]: f["provision"] for f in detail["findings"]}
    assert by_rule == {
        "2": {"id": provision.pk, "number": "2", "text": "Opslag volgens PGS 15."},
        "Bal art. 4.11": None,
    }
