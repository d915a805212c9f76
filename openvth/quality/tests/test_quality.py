"""Visitations and ILT investigations: who records them, the follow-up of recommendations, scoping (a service its own,
the ministry and the ILT nationally, no peer reviewer outside the visitation's page) and the chapter in the Staat van
de VTH, on the page and in its PDF."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.core.scoping import SYSTEM_JOB
from openvth.quality import selectors, services
from openvth.quality.models import FollowUpStatus, Investigation
from openvth.register.models import Organisation
from openvth.register.tests.factories import OrganisationFactory, ServiceFactory
from openvth.testing.api import client_for, problem
from openvth.testing.pdf import pdf_text

from .factories import InspectorateFactory, InvestigationFactory, RecommendationFactory, VisitationFactory


@pytest.fixture
def own(db):
    return ServiceFactory(name="Omgevingsdienst Eigen")


@pytest.fixture
def other(db):
    return ServiceFactory(name="Omgevingsdienst Ander")


@pytest.fixture
def ministry(db):
    return OrganisationFactory(name="Ministerie", kind=Organisation.Kind.MINISTRY, code="IENW-Q")


@pytest.fixture
def office(ministry):
    return UserFactory(organisation=ministry, role=Role.PROGRAMME_OFFICE)


@pytest.fixture
def ilt(db):
    return InspectorateFactory()


@pytest.fixture
def ilt_user(ilt):
    return UserFactory(organisation=ilt, role=Role.CHAIN_PARTNER)


@pytest.fixture
def manager(own):
    return UserFactory(organisation=own, role=Role.MANAGER)


def test_the_programme_office_records_a_visitation_with_recommendations(office, manager, own):
    visitation = services.record_visitation(
        user=office, service=own, visited_on="2026-05-12", external_party="Bureau Visitatie",
        peer_reviewers="Anna Collega", findings="Goed", recommendations=["Borg de kritieke massa.", "Eén plan."],
    )  # fmt: skip
    assert [r.text for r in visitation.recommendations.order_by("id")] == ["Borg de kritieke massa.", "Eén plan."]
    assert {r.status for r in visitation.recommendations.all()} == {FollowUpStatus.OPEN}
    with pytest.raises(PermissionDenied):
        services.record_visitation(
            user=manager, service=own, visited_on="2026-05-12", external_party="x", peer_reviewers="x", findings="x"
        )
    tomorrow = clock.today() + timedelta(days=1)
    with pytest.raises(ValidationError, match="ligt in de toekomst"):
        services.record_visitation(
            user=office, service=own, visited_on=tomorrow, external_party="x", peer_reviewers="x", findings="x"
        )


VISITATION = {
    "visited_on": "2026-05-12", "external_party": "Bureau Visitatie", "peer_reviewers": "Anna Collega",
    "findings": "Goed",
}  # fmt: skip


@pytest.mark.parametrize("where", ["own", "other", "ministry"])
@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PROGRAMME_OFFICE])
def test_no_role_but_the_programme_office_records_a_visitation(role, where, own, other, ministry):
    # no administrator either: not the visited service's own (his own review), not another's, not the ministry's
    user = UserFactory(organisation={"own": own, "other": other, "ministry": ministry}[where], role=role)
    with pytest.raises(PermissionDenied, match="Alleen het programmabureau van het ministerie"):
        services.record_visitation(user=user, service=own, recommendations=["Eén plan."], **VISITATION)
    assert not own.visitations.exists()


def test_a_service_administrator_adds_no_recommendation_to_its_visitation_and_gets_no_form(client, own, office):
    administrator = UserFactory(organisation=own, role=Role.ADMINISTRATOR)
    visitation = services.record_visitation(user=office, service=own, **VISITATION)
    with pytest.raises(PermissionDenied):
        services.add_recommendation(user=administrator, source=visitation, service=own, text="Geen kritiek.")
    client.force_login(administrator)
    assert client.get(reverse("quality:visitation_create")).status_code == 403
    refused = client.post(reverse("quality:visitation_create"), {"service": own.pk, **VISITATION})
    assert refused.status_code == 403 and own.visitations.count() == 1
    page = reverse("quality:visitation", args=[visitation.pk])
    assert client.get(page).status_code == 200  # the service reads its own visitation
    assert client.post(page, {"rec-service": own.pk, "rec-text": "Geen kritiek."}).status_code == 403
    assert not visitation.recommendations.exists()
    assert "Visitatie vastleggen" not in client.get(reverse("quality:overview")).content.decode()
    services.add_recommendation(user=office, source=visitation, service=own, text="Borg de kritieke massa.")
    services.record_visitation(user=SYSTEM_JOB, service=own, **VISITATION)  # the generator, an import
    assert own.visitations.count() == 2 and visitation.recommendations.count() == 1


def test_the_ilt_records_its_investigation_and_recommendations_to_services_involved(ilt_user, ilt, own, other):
    investigation = services.record_investigation(
        user=ilt_user, inspectorate=ilt, kind="signalerend", theme="Hercontroles", services=[own],
        published_on="2026-06-01", findings="Achterstand",
    )  # fmt: skip
    assert investigation.get_kind_display() == "signalerend"
    services.add_recommendation(user=ilt_user, source=investigation, service=own, text="Plan de hercontroles in.")
    with pytest.raises(ValidationError, match="niet betrokken"):
        services.add_recommendation(user=ilt_user, source=investigation, service=other, text="x")
    with pytest.raises(ValidationError, match="geen inspectie"):  # a chain partner of the police is no ILT
        police = OrganisationFactory(kind=Organisation.Kind.POLICE, code="POL-Q")
        services.record_investigation(
            user=UserFactory(organisation=police, role=Role.CHAIN_PARTNER), inspectorate=police,
            kind="thematisch", theme="x", services=[own], published_on="2026-06-01", findings="x",
        )  # fmt: skip
    with pytest.raises(ValidationError, match="thematisch of signalerend"):
        services.record_investigation(
            user=ilt_user, inspectorate=ilt, kind="anders", theme="x", services=[own], published_on="2026-06-01",
            findings="x",
        )  # fmt: skip


def test_the_service_follows_its_recommendation_up(manager, own, other):
    recommendation = RecommendationFactory(visitation=VisitationFactory(service=own))
    services.record_follow_up(
        user=manager, recommendation=recommendation, status="in_progress", status_on="2026-06-01", note="Gestart"
    )
    with pytest.raises(ValidationError, match="geef een latere datum"):
        services.record_follow_up(user=manager, recommendation=recommendation, status="done", status_on="2026-05-31")
    with pytest.raises(ValidationError, match="waarom de aanbeveling niet wordt overgenomen"):
        services.record_follow_up(
            user=manager, recommendation=recommendation, status="not_adopted", status_on="2026-06-01"
        )
    done = services.record_follow_up(user=manager, recommendation=recommendation, status="done", status_on="2026-06-01")
    assert (done.status, done.status_on, done.is_open) == ("done", date(2026, 6, 1), False)
    with pytest.raises(PermissionDenied):
        services.record_follow_up(
            user=UserFactory(organisation=other, role=Role.MANAGER), recommendation=recommendation,
            status="open", status_on="2026-06-02",
        )  # fmt: skip


def test_a_service_reads_its_own_the_ministry_and_the_ilt_everything(client, manager, office, ilt_user, own, other):
    mine, theirs = VisitationFactory(service=own), VisitationFactory(service=other)
    involved = InvestigationFactory(services=[own])
    not_involved = InvestigationFactory(services=[other])
    assert list(selectors.visitations(manager)) == [mine]
    assert list(selectors.investigations(manager)) == [involved]
    for national in (office, ilt_user):
        assert set(selectors.visitations(national)) == {mine, theirs}
        assert set(selectors.investigations(national)) == {involved, not_involved}
    client.force_login(manager)
    assert client.get(reverse("quality:visitation", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("quality:investigation", args=[not_involved.pk])).status_code == 404
    page = client.get(reverse("quality:visitation", args=[mine.pk])).content.decode()
    assert "Anna Collega" in page  # the peer reviewers on the visitation's own page, for its readers


def test_the_api_names_no_peer_reviewer_and_takes_a_follow_up(manager, own, other):
    recommendation = RecommendationFactory(visitation=VisitationFactory(service=own))
    RecommendationFactory(visitation=VisitationFactory(service=other))
    visitations = client_for(manager).get("/api/v1/quality/visitations").json()["results"]
    assert len(visitations) == 1 and "Anna Collega" not in str(visitations)
    url = f"/api/v1/quality/recommendations/{recommendation.pk}/follow-up"
    answer = client_for(manager).post(url, {"status": "done", "status_on": "2026-06-01"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "done"
    late = client_for(manager).post(url, {"status": "done", "status_on": "2026-05-01"}, format="json")
    assert "latere datum" in str(problem(late, 400))
    listed = client_for(manager).get("/api/v1/quality/recommendations").json()["results"]
    assert [row["id"] for row in listed] == [recommendation.pk]


@pytest.fixture
def chapter_data(own, other):
    RecommendationFactory(visitation=VisitationFactory(service=own, visited_on=date(2026, 5, 12)))
    done = RecommendationFactory(visitation=VisitationFactory(service=other), status=FollowUpStatus.DONE)
    investigation = InvestigationFactory(theme="Brzo-toezicht", services=[own, other], kind=Investigation.Kind.THEMATIC)
    RecommendationFactory(visitation=None, investigation=investigation, service=own, text="Frequentie")
    RecommendationFactory(visitation=None, investigation=investigation, service=other, text="Frequentie")
    return done


def test_the_staat_chapter_per_service_and_nationally(office, manager, own, other, chapter_data):
    national = selectors.staat_chapter(office)
    rows = {row.service: row for row in national.services}
    assert national.national and set(rows) == {own, other}
    assert (rows[own].visitations, rows[own].last_visitation, rows[own].visitation_open) == (1, date(2026, 5, 12), 1)
    assert (rows[other].visitation_recommendations, rows[other].visitation_open) == (1, 0)
    assert (rows[own].investigations, rows[own].investigation_recommendations) == (1, 1)
    assert national.totals == {
        "visitations": 2, "visitation_recommendations": 2, "visitation_open": 1, "investigations": 1,
        "investigation_recommendations": 2, "investigation_open": 2,
    }  # fmt: skip
    assert [(row.services, row.recommendations, row.open) for row in national.investigations] == [(2, 2, 2)]
    own_chapter = selectors.staat_chapter(manager)
    assert not own_chapter.national and [row.service for row in own_chapter.services] == [own]
    assert [(row.services, row.recommendations) for row in own_chapter.investigations] == [(2, 1)]


def test_the_staat_van_de_vth_has_the_chapter_on_its_page_and_in_its_pdf(client, office, manager, chapter_data):
    client.force_login(office)
    page = client.get(reverse("monitoring:staat")).content.decode()
    assert "Visitaties en ILT-onderzoeken" in page and "Omgevingsdienst Ander" in page and ">Nederland<" in page
    assert "Brzo-toezicht" in page and "Anna Collega" not in page
    text = " ".join(pdf_text(client.get(reverse("monitoring:staat_pdf")).content).split())
    assert "Visitaties en ILT-onderzoeken" in text and "Brzo-toezicht" in text and "Omgevingsdienst Eigen" in text
    client.force_login(manager)
    page = client.get(reverse("monitoring:staat")).content.decode()
    assert "Omgevingsdienst Eigen" in page and "Omgevingsdienst Ander" not in page and ">Nederland<" not in page


def test_the_pages_record_a_visitation_and_its_follow_up(client, office, manager, own):
    client.force_login(office)
    form = {"service": own.pk, "visited_on": "2026-05-12", "external_party": "Bureau Visitatie"}
    form |= {"peer_reviewers": "Anna Collega", "findings": "Goed", "recommendations": "Eén plan.\n\nMeer Brzo-kennis."}
    response = client.post(reverse("quality:visitation_create"), form)
    visitation = own.visitations.get()
    assert response["Location"] == reverse("quality:visitation", args=[visitation.pk])
    assert visitation.recommendations.count() == 2
    client.force_login(manager)
    assert client.get(reverse("quality:visitation_create")).status_code == 403
    recommendation = visitation.recommendations.order_by("id").first()
    url = reverse("quality:follow_up", args=[recommendation.pk])
    refused = client.post(url, {"follow-status": "not_adopted", "follow-status_on": "2026-06-01"}, follow=True)
    assert "waarom de aanbeveling niet wordt overgenomen" in refused.content.decode()
    client.post(url, {"follow-status": "done", "follow-status_on": "2026-06-01", "follow-note": "Klaar"})
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.note) == ("done", "Klaar")
    overview = client.get(reverse("quality:overview")).content.decode()
    assert "Visitaties en ILT-onderzoeken" in overview and "Visitatie vastleggen" not in overview
