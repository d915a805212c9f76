"""`openvth demo`: one account per role at the right organisation, repeatable."""

import datetime

import pytest
from django.core.management import call_command

from openvth.accounts.models import Role, User
from openvth.core import clock
from openvth.register.models import Establishment, Mandate
from openvth.register.selectors import holds_mandate
from openvth.synthetic.demo import DEMO_PASSWORD
from openvth.synthetic.loader import load


@pytest.fixture
def demo(db, capsys):
    load("small", 1)  # the demo command generates only into an empty register
    call_command("demo", no_progress=True)
    return capsys.readouterr().out


def test_one_account_per_role(demo):
    users = User.objects.exclude(role="").exclude(username__startswith="synthetisch-")  # the generated lawyers
    assert sorted(u.role for u in users) == sorted(Role.values)
    assert all(u.check_password(DEMO_PASSWORD) for u in users)
    assert "vergunningverlener" in demo and DEMO_PASSWORD in demo


def test_accounts_work_where_their_role_belongs(demo):
    by_name = {u.username: u for u in User.objects.select_related("organisation")}
    assert by_name["vergunningverlener"].organisation.kind == "omgevingsdienst"
    assert by_name["gemeente"].organisation.omgevingsdienst == by_name["vergunningverlener"].organisation
    assert by_name["ketenpartner"].organisation.code == "ILT"
    assert by_name["ministerie"].organisation.kind == "ministry"
    assert by_name["beheerder"].is_superuser and by_name["beheerder"].is_staff
    assert not by_name["toezichthouder"].is_staff


def _demo_rows() -> dict[str, int]:
    from openvth.disclosure.models import Publication
    from openvth.enforcement.models import CaseTransition
    from openvth.monitoring.models import KpiValue, ProgrammeAction, QualityScore
    from openvth.sharing.models import SharingAgreement
    from openvth.supervision.models import Complaint, Inspection

    models = (Mandate, Publication, CaseTransition, Inspection, KpiValue, QualityScore, ProgrammeAction,
              SharingAgreement, Complaint)  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_running_demo_again_changes_nothing(demo):
    before = list(User.objects.order_by("pk").values_list("pk", "username", "role", "organisation_id"))
    rows = _demo_rows()
    call_command("demo", no_progress=True)
    assert list(User.objects.order_by("pk").values_list("pk", "username", "role", "organisation_id")) == before
    assert Establishment.objects.count() == 300
    assert _demo_rows() == rows


def test_lawyer_and_manager_hold_every_enforcement_mandate_of_every_authority_of_the_region(demo):
    from openvth.rules.enforcement_events import EVENTS, INTENDED

    needed = {spec.decision_type for spec in EVENTS.values()} - {None, INTENDED}
    assert {"warning", "beslissing_op_bezwaar", "gedoogbeschikking"} <= needed
    manager = User.objects.get(username="manager")
    members = list(manager.organisation.member_authorities.all())
    authorities = {*members, *(m.province for m in members)}
    today = datetime.date(2026, 1, 1)
    for holder in (User.objects.get(username="handhavingsjurist"), manager):
        for authority in authorities:
            for decision_type in needed:
                assert holds_mandate(holder, authority=authority, decision_type=decision_type, on=today)
            assert not holds_mandate(holder, authority=authority, decision_type="permit", on=today)
    officer = User.objects.get(username="vergunningverlener")
    for authority in members:
        for decision_type in ("permit", "permit_amendment", "revocation", "term_extension"):
            assert holds_mandate(officer, authority=authority, decision_type=decision_type, on=today)
    given = Mandate.objects.exclude(holder__username__startswith="synthetisch-").count()
    call_command("demo", no_progress=True)
    assert Mandate.objects.exclude(holder__username__startswith="synthetisch-").count() == given  # none twice


def test_demo_has_this_years_programme_and_the_inspectors_calendar(demo):

    from openvth.supervision.models import PlannedVisit, Programme, RiskAppraisal

    inspector = User.objects.get(username="toezichthouder")
    programme = Programme.objects.get(service=inspector.organisation, year=clock.today().year)
    # appraised on 1 January for this year's programme and today for next year's
    assert RiskAppraisal.objects.filter(establishment__supervising_service=inspector.organisation).count() == 2 * 300
    assert programme.visits.exists() and f"{programme.visits.count()} bezoeken" in demo
    done = programme.visits.filter(inspection__status="closed")
    assert all(v.inspection.establishment_id == v.establishment_id for v in done)
    assert all(v.inspection.performed_on.year == programme.year for v in done)
    if clock.today() >= datetime.date(programme.year, 2, 1):  # on 1 January nothing is done yet; by February a lot
        assert done.exists()
    assert Programme.objects.filter(service=inspector.organisation, year=programme.year + 1).exists()
    assert PlannedVisit.objects.filter(inspector=inspector).exists()
    call_command("demo", no_progress=True)
    assert Programme.objects.count() == 2 and RiskAppraisal.objects.count() == 2 * 300


def test_demo_publishes_through_the_review_flow(demo):
    from openvth.disclosure.models import Publication

    public = Publication.objects.public()
    assert public.exists() and f"{public.count()} publicaties" in demo
    assert all(p.reviewed_by.username == "publicatie" and p.public_text for p in public)
    waiting = Publication.objects.filter(status="proposed")
    assert waiting.exists() and all(p.proposed_by.username == "toezichthouder" for p in waiting)  # four eyes
    made = Publication.objects.count()
    call_command("demo", no_progress=True)
    assert Publication.objects.count() == made


def test_the_chain_partners_can_read_a_chain_dossier_of_a_demo_company(demo):
    from openvth.sharing.selectors import chain_dossier
    from openvth.supervision.models import Inspection

    service = User.objects.get(username="manager").organisation
    inspected = Inspection.objects.filter(owner=service, status="closed").order_by("pk").first()
    partner = User.objects.get(username="ketenpartner")
    dossier = chain_dossier(partner, inspected.establishment.company_id, purpose_code="supervision")
    assert dossier.inspections and all(item.shared for item in dossier.inspections)
    from openvth.sharing.models import SharingAgreement

    partners = set(SharingAgreement.objects.filter(owner=service).values_list("partners__code", flat=True))
    assert partners == {"ILT", "POLITIE", "OM"} and "3 deelafspraken" not in demo  # the count is printed as a figure
    assert "Deelafspraken met ILT, politie en OM: 3." in demo


def test_the_kpis_the_staat_and_the_ibp_programme_have_figures(demo, client):
    from django.urls import reverse

    from openvth.monitoring.models import KpiValue, ProgrammeAction

    assert ProgrammeAction.objects.exists() and KpiValue.objects.filter(value__isnull=False).exists()
    for username in ("ministerie", "manager"):
        client.force_login(User.objects.get(username=username))
        dashboard = client.get(reverse("monitoring:dashboard")).content.decode()
        assert "Er is nog niet gemeten" not in dashboard and "%" in dashboard
        assert "<svg" in client.get(reverse("monitoring:staat")).content.decode()
    programme = client.get(reverse("monitoring:programme")).content.decode()
    first = ProgrammeAction.objects.first()
    assert "openvth ibp import" not in programme and reverse("monitoring:action", args=[first.pk]) in programme


def test_every_role_has_work_and_the_rights_to_do_it(demo, client):
    """Each demo account lands on a home page with work in it: cases, terms, reviews, complaints, figures."""
    import re

    from django.urls import reverse

    for user in User.objects.exclude(role="").exclude(username__startswith="synthetisch-"):
        client.force_login(user)
        html = client.get(reverse("core:home")).content.decode()
        counts = [int(n) for n in re.findall(r'<h2 id="werk-[a-z_]+">[^<]+ <span class="tag[^"]*">(\d+)</span>', html)]
        assert any(counts) or 'data-block="figures"' in html, user.username
    from openvth.disclosure.models import Publication
    from openvth.enforcement.models import EnforcementCase
    from openvth.supervision.models import Complaint

    lawyer = User.objects.get(username="handhavingsjurist")
    case = EnforcementCase.objects.get(owner=lawyer.organisation, route="herstel", state="geconstateerd",
                                       transitions__note__startswith="Demozaak")  # fmt: skip
    client.force_login(lawyer)
    home = client.get(reverse("core:home")).content.decode()
    decisions = home[home.find('data-block="decisions"') :]
    assert case.reference in decisions[: decisions.find("</section>")] and "Waarschuwing versturen" in decisions
    assert holds_mandate(lawyer, authority=case.competent_authority, decision_type="warning", on=clock.today())
    assert Publication.objects.filter(status="proposed", owner=lawyer.organisation).exists()
    assert Complaint.objects.filter(service=lawyer.organisation, status="new").exists()
