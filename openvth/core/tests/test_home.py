"""The home page: each role sees its own work from a small fixture, in a bounded number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock, home
from openvth.core.home import ROWS, week_end
from openvth.disclosure.models import Publication
from openvth.enforcement.models import Deadline
from openvth.enforcement.tests.factories import EnforcementCaseFactory
from openvth.monitoring.models import QualityScore
from openvth.permits.tests.factories import ApplicationFactory
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory
from openvth.sharing.tests.factories import SharingAgreementFactory
from openvth.supervision.models import Complaint, Inspection
from openvth.supervision.tests.factories import InspectionFactory

pytestmark = pytest.mark.django_db


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return response.content.decode()


def block(html: str, key: str) -> str:
    """The HTML of one work block (empty when the page does not show it)."""
    start = html.find(f'data-block="{key}"')
    return "" if start < 0 else html[start : html.find("</section>", start)]


@pytest.fixture
def work(service, establishment, other_service):
    """A little of everything at the service, and the same at another service (that nobody here may see)."""
    today = clock.today()
    foreign = EstablishmentFactory(owner=other_service, name="Elders Metaal")
    for where, suffix in ((establishment, "EIGEN"), (foreign, "ANDER")):
        ApplicationFactory(establishment=where, reference=f"OLO-{suffix}", received_on=today - timedelta(days=50))
        case = EnforcementCaseFactory(
            establishment=where, reference=f"HH-2026-{suffix}", route="herstel", state="zienswijze"
        )
        started, due = today - timedelta(days=30), today - timedelta(days=2)
        Deadline.objects.create(
            case=case, code="zienswijzetermijn", name="zienswijzetermijn", event="voornemen_verzenden",
            started_on=started, due_on=due, source="Awb 4:8",
        )  # fmt: skip
        Complaint.objects.create(service=where.owner, subject="noise", description="Bromtoon", location=f"Weg {suffix}")
    return {"today": today, "foreign": foreign}


def test_the_permit_officer_sees_the_terms_of_the_applications(client, owner, work):
    html = block(page(client, owner), "permit_terms")
    assert "OLO-EIGEN" in html and "OLO-ANDER" not in html
    assert reverse("permits:work_queue") in html


@pytest.mark.date_sensitive
def test_the_inspector_sees_todays_and_this_weeks_inspections_and_new_complaints(client, member, establishment, work):
    today = work["today"]
    mine = InspectionFactory(establishment=establishment, status=Inspection.Status.PLANNED, planned_on=today,
                             performed_on=None)  # fmt: skip
    mine.inspectors.add(member)
    later = InspectionFactory(establishment=establishment, status=Inspection.Status.PLANNED,
                              planned_on=week_end(today) + timedelta(days=1), performed_on=None)  # fmt: skip
    later.inspectors.add(member)
    html = page(client, member)
    inspections = block(html, "my_inspections")
    assert reverse("supervision:inspection", args=[mine.pk]) in inspections and "vandaag" in inspections
    assert reverse("supervision:inspection", args=[later.pk]) not in inspections  # next week
    complaints = block(html, "complaints")
    assert "Weg EIGEN" in complaints and "Weg ANDER" not in complaints
    assert not block(html, "permit_terms")  # an inspector decides no permits


def test_the_lawyer_sees_overdue_terms_and_the_decisions_to_take(client, service, work):
    lawyer = UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER)
    html = page(client, lawyer)
    assert "HH-2026-EIGEN" in block(html, "enforcement_terms") and "HH-2026-ANDER" not in html
    decisions = block(html, "decisions")
    assert "HH-2026-EIGEN" in decisions and "Last onder dwangsom opleggen" in decisions
    assert not block(html, "complaints")  # the triage is the inspectors'


def test_a_case_waits_for_the_inspector_when_the_re_inspection_is_due(client, member, establishment, work):
    EnforcementCaseFactory(establishment=establishment, reference="HH-2026-HERCONTROLE", route="herstel",
                           state="waarschuwing")  # fmt: skip
    steps = block(page(client, member), "my_steps")
    assert "HH-2026-HERCONTROLE" in steps and "HH-2026-EIGEN" not in steps  # a dwangsom is no inspector's decision


def test_the_publication_officer_sees_the_proposals_of_others_to_review(client, service, member, establishment):
    officer = UserFactory(organisation=service, role=Role.PUBLICATION_OFFICER)
    inspection = InspectionFactory(establishment=establishment)
    for title, proposer in (("Voorstel van de collega", member), ("Eigen voorstel", officer)):
        Publication.objects.create(owner=service, establishment=establishment, kind="inspection_result",
                                   inspection=inspection, title=title, decided_on=inspection.performed_on,
                                   source_text="Tekst.", proposed_by=proposer)  # fmt: skip
    html = block(page(client, officer), "reviews")
    assert "Voorstel van de collega" in html and "Eigen voorstel" not in html  # four eyes


def test_the_chain_partner_sees_what_is_shared_with_it(client, service, other_service):
    ilt = OrganisationFactory(code="ILT", name="Inspectie Leefomgeving en Transport", kind="inspectorate")
    partner = UserFactory(organisation=ilt, role=Role.CHAIN_PARTNER)
    SharingAgreementFactory(owner=service, partners=[ilt])
    html = page(client, partner)
    assert service.name in block(html, "shared") and other_service.name not in html
    assert not block(html, "enforcement_terms")


def test_the_ministry_sees_the_figures(client, db):
    ministry = OrganisationFactory(code="IENW", name="Ministerie van IenW", kind="ministry")
    official = UserFactory(organisation=ministry, role=Role.PROGRAMME_OFFICE)
    QualityScore.objects.create(organisation=None, rule="compleet", measured_on=clock.today(), total=4, failing=1)
    html = block(page(client, official), "figures")
    assert reverse("monitoring:staat") in html and "Laatst gemeten op" in html


def test_the_authority_official_sees_the_terms_of_its_own_applications(client, establishment, work):
    official = UserFactory(organisation=establishment.competent_authority, role=Role.AUTHORITY_OFFICIAL)
    html = page(client, official)
    assert "OLO-EIGEN" in block(html, "permit_terms") and "OLO-ANDER" not in html


def test_the_home_page_is_the_landing_page_and_needs_a_login(client, owner):
    response = client.post(reverse("login"), {"username": "eigenaar", "password": "geheim-wachtwoord-1"})
    assert response.status_code == 302 and response.url == reverse("core:home")
    client.logout()
    assert client.get(reverse("core:home")).url.startswith(reverse("login"))


def test_the_menu_counts_the_work_as_the_home_page_read_it(client, owner, work, django_assert_max_num_queries):
    def entry(html: str) -> str:
        nav = html[html.find('aria-label="Hoofdmenu"') :]
        return nav[nav.find(reverse("permits:work_queue")) :][:120]

    assert '<span class="tag">1</span>' in entry(page(client, owner))
    with django_assert_max_num_queries(12):  # the other pages read the counts from the session
        html = client.get(reverse("permits:applications")).content.decode()
    assert '<span class="tag">1</span>' in entry(html)


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:home")).status_code == 200
    return len(queries)


def test_the_home_page_reads_a_fixed_number_of_queries(client, service, establishment, work):
    manager = UserFactory(organisation=service, role=Role.MANAGER)
    first = _queries(client, manager)
    today = clock.today()
    for n in range(6):
        ApplicationFactory(establishment=establishment, received_on=today - timedelta(days=50 + n))
        EnforcementCaseFactory(establishment=establishment, route="herstel", state="zienswijze")
        Complaint.objects.create(service=service, subject="odour", description="Geur", location=f"Straat {n}")
    assert _queries(client, manager) == first <= 30


def test_a_block_counts_all_its_work_and_lists_the_oldest_first(service, establishment, work):
    """The count and the first rows come from one query (a window over the whole result): the count is that of every
    case waiting, not of the rows shown."""
    lawyer = UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER)
    today = clock.today()
    for n in range(ROWS + 2):
        EnforcementCaseFactory(establishment=establishment, reference=f"HH-2026-{n:02d}", route="herstel",
                               state="zienswijze", opened_on=today - timedelta(days=100 - n))  # fmt: skip
    decisions = next(b for b in home.work(lawyer).blocks if b.key == "decisions")
    assert decisions.count == ROWS + 3  # and the fixture's own case, opened 300 days ago: the oldest
    assert [row.text.split()[0] for row in decisions.rows] == ["HH-2026-EIGEN"] + [f"HH-2026-{n:02d}" for n in range(4)]
