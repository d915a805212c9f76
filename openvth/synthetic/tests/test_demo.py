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


def test_running_demo_again_changes_nothing(demo):
    before = list(User.objects.order_by("pk").values_list("pk", "username", "role", "organisation_id"))
    call_command("demo", no_progress=True)
    assert list(User.objects.order_by("pk").values_list("pk", "username", "role", "organisation_id")) == before
    assert Establishment.objects.count() == 300


def test_manager_holds_the_enforcement_mandate_of_every_member_municipality(demo):
    manager = User.objects.get(username="manager")
    members = manager.organisation.member_authorities.all()
    today = datetime.date(2026, 1, 1)
    for authority in members:
        assert holds_mandate(manager, authority=authority, decision_type="last_onder_dwangsom", on=today)
        assert not holds_mandate(manager, authority=authority, decision_type="permit", on=today)
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
    call_command("demo", no_progress=True)
    assert Publication.objects.count() == public.count()
