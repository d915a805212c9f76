"""axe-core on the main pages: no serious or critical WCAG violation (issue 2); the pages of every role, the
confirmation page and the busy feedback (issue 16, item 5)."""

import datetime

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.core.permissions import SYSTEM_JOB
from openvth.monitoring import services as monitoring_services
from openvth.permits import services as permit_services
from openvth.permits.tests.factories import permit_mandates
from openvth.register.models import Organisation
from openvth.sharing import services as sharing_services
from openvth.supervision.models import CalendarFeed
from openvth.supervision.services import inspections as inspection_services
from openvth.supervision.services import planning as planning_services
from openvth.supervision.services.agenda import renew_calendar_feed

PASSWORD = "geheim-wachtwoord-1"  # the factories' password

pytestmark = pytest.mark.browser


def test_login_page(assert_accessible, page, live_server, region):
    page.goto(f"{live_server.url}/login/")
    assert_accessible(page, "login")


def test_login_page_with_an_error(assert_accessible, page, live_server, region):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill("niemand")
    page.get_by_label("Wachtwoord").fill("verkeerd-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, "login met fout")


@pytest.mark.parametrize(
    "name,path",
    [
        ("zoekresultaten", lambda r: "/vestigingen/?q=Farmsum"),
        ("vestiging", lambda r: f"/vestigingen/{r['establishment'].pk}/"),
        ("vestiging wijzigen", lambda r: f"/vestigingen/{r['establishment'].pk}/wijzigen/"),
        ("organisatie", lambda r: f"/organisaties/{r['service'].pk}/"),
        ("organisaties", lambda r: "/organisaties/"),
        ("basistakenpakket", lambda r: f"/basistaken/{r['province'].pk}/"),
        ("dubbelen", lambda r: "/vestigingen/dubbel/"),
    ],
)
def test_page(assert_accessible, logged_in, live_server, region, name, path):
    logged_in.goto(live_server.url + path(region))
    assert_accessible(logged_in, name)


def test_edit_form_with_errors(assert_accessible, logged_in, live_server, region):
    logged_in.goto(f"{live_server.url}/vestigingen/{region['establishment'].pk}/wijzigen/")
    logged_in.get_by_label("Postcode").fill("fout")
    logged_in.get_by_role("button", name="Opslaan").click()
    expect(logged_in.get_by_label("Postcode")).to_have_attribute("aria-invalid", "true")  # the answer has come
    assert_accessible(logged_in, "wijzigen met fouten")


# --- every role's own pages (issue 16, item 5) --------------------------------------------------------------------


@pytest.fixture
def workplace(region):
    """One user per role in the region's service, with the work each page shows: a visit today, an application, a
    complaint, a programme, a sharing agreement with ILT, a monitoring snapshot and a calendar address."""
    service, province, establishment, inspector = (
        region["service"], region["province"], region["establishment"], region["user"],
    )  # fmt: skip
    ilt = Organisation.objects.create(name="Inspectie Leefomgeving en Transport", kind="inspectorate", code="ILT")
    ministry = Organisation.objects.create(name="Ministerie van IenW", kind="ministry", code="IENW")
    users = {
        "inspector": inspector,
        "manager": UserFactory(username="manager", organisation=service, role=Role.MANAGER),
        "permit_officer": UserFactory(username="vergunningen", organisation=service, role=Role.PERMIT_OFFICER),
        "publication_officer": UserFactory(username="woo", organisation=service, role=Role.PUBLICATION_OFFICER),
        "chain_partner": UserFactory(username="ilt", organisation=ilt, role=Role.CHAIN_PARTNER),
        "ministry": UserFactory(username="ienw", organisation=ministry, role=Role.PROGRAMME_OFFICE),
    }
    permit_mandates(users["permit_officer"], province)
    today = clock.today()
    inspection_services.create_inspection(
        user=inspector, establishment=establishment, kind="routine", planned_on=today, inspectors=[inspector]
    )
    application = permit_services.receive_application(
        user=users["permit_officer"], establishment=establishment, competent_authority=province,
        reference="OLO-4711", subject="Uitbreiding opslag", received_on=today - datetime.timedelta(weeks=3),
        procedure="regular",
    )  # fmt: skip
    cache.clear()  # the complaint form's rate limit counts per address in the cache, over tests
    complaint = inspection_services.submit_complaint(
        client_ip="192.0.2.10", municipality=establishment.municipality, subject="noise",
        description="Harde piep 's nachts.", location="Oosterhornweg 10, Farmsum",
    )  # fmt: skip
    planning_services.appraise_service(user=SYSTEM_JOB, service=service, today=today)
    programme = planning_services.generate_programme(user=SYSTEM_JOB, service=service, year=today.year).programme
    agreement = sharing_services.create_agreement(
        user=users["manager"], partners=[ilt], kinds=["inspections", "findings"], purpose_code="supervision",
        purpose="Voorbereiding van inspecties.", valid_from=today - datetime.timedelta(days=30), valid_to=None,
    )  # fmt: skip
    monitoring_services.take_snapshot(today=today)
    renew_calendar_feed(user=inspector)
    return {
        **region, "users": users, "application": application, "complaint": complaint, "programme": programme,
        "agreement": agreement,
    }  # fmt: skip


def sign_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize(
    "role", ["inspector", "manager", "permit_officer", "publication_officer", "chain_partner", "ministry"]
)
def test_the_home_page_of_every_role(assert_accessible, page, live_server, workplace, role):
    sign_in(page, live_server, workplace["users"][role])
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, f"startpagina {role}")


ROLE_PAGES = [
    ("inspector", "agenda", lambda w: "/toezicht/agenda/"),
    ("inspector", "inspectie plannen", lambda w: f"/toezicht/inspecties/nieuw/?vestiging={w['establishment'].pk}"),
    ("inspector", "inspecties", lambda w: "/toezicht/inspecties/"),
    ("inspector", "meldingen", lambda w: "/toezicht/meldingen/"),
    ("inspector", "melding", lambda w: f"/toezicht/meldingen/{w['complaint'].pk}/"),
    ("inspector", "notificaties", lambda w: "/notificaties/"),
    ("inspector", "notificatievoorkeuren", lambda w: "/notificaties/voorkeuren/"),
    ("inspector", "account", lambda w: "/account/"),
    ("inspector", "API-tokens", lambda w: "/account/api-tokens/"),
    ("manager", "uitvoeringsprogramma's", lambda w: "/toezicht/programma/"),
    ("manager", "uitvoeringsprogramma", lambda w: f"/toezicht/programma/{w['programme'].pk}/"),
    ("manager", "deelafspraken", lambda w: "/ketendossier/afspraken/"),
    ("manager", "deelafspraak", lambda w: f"/ketendossier/afspraken/{w['agreement'].pk}/"),
    ("manager", "raadplegingen", lambda w: "/ketendossier/logboek/"),
    ("manager", "monitoring", lambda w: "/monitoring/"),
    ("manager", "Staat van de VTH", lambda w: "/monitoring/staat-van-de-vth/"),
    ("manager", "IBP VTH", lambda w: "/ibp/"),
    ("permit_officer", "aanvraag registreren", lambda w: "/vergunningen/aanvragen/nieuw/"),
    ("permit_officer", "aanvraag", lambda w: f"/vergunningen/aanvragen/{w['application'].pk}/"),
    ("publication_officer", "publicaties", lambda w: "/publicaties/"),
    ("chain_partner", "ketendossier", lambda w: f"/ketendossier/bedrijven/{w['establishment'].company_id}/"),
    ("ministry", "Staat van de VTH (ministerie)", lambda w: "/monitoring/staat-van-de-vth/"),
]


@pytest.mark.parametrize("role,name,path", ROLE_PAGES, ids=[name for _, name, _ in ROLE_PAGES])
def test_role_page(assert_accessible, page, live_server, workplace, role, name, path):
    sign_in(page, live_server, workplace["users"][role])
    response = page.goto(live_server.url + path(workplace))
    assert response.status == 200, name
    assert_accessible(page, name)


def test_a_confirmation_without_javascript_is_a_page_of_its_own(assert_accessible, page, live_server, workplace):
    """The server asks too: a form whose data-confirm is gone (no JavaScript) lands on the question, not the step."""
    sign_in(page, live_server, workplace["users"]["inspector"])
    page.goto(f"{live_server.url}/toezicht/agenda/")
    form = page.locator("form[action$='/toezicht/agenda/intrekken/']")
    form.evaluate("form => form.removeAttribute('data-confirm')")
    form.get_by_role("button", name="Adres intrekken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestigen")
    expect(page.get_by_text("Het agenda-adres intrekken?")).to_be_visible()
    assert CalendarFeed.objects.filter(user=workplace["user"]).exists()  # nothing done yet
    assert_accessible(page, "bevestigen")
    page.get_by_role("button", name="Adres intrekken").click()
    expect(page.get_by_text("Het agenda-adres is ingetrokken")).to_be_visible()
    assert not CalendarFeed.objects.filter(user=workplace["user"]).exists()


def test_a_confirmed_form_shows_it_is_busy_and_takes_one_submit(page, live_server, workplace):
    sign_in(page, live_server, workplace["users"]["manager"])
    page.goto(f"{live_server.url}/toezicht/programma/{workplace['programme'].pk}/")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    remove = page.get_by_role("button", name="Verwijder").first
    remove.click()
    assert questions and questions[0].endswith("uit het programma verwijderen?")
    expect(remove).to_be_enabled()  # refused: nothing sent, nothing busy
    # the answer never comes: a listener after openvth.js's keeps the form from leaving and counts what is sent
    page.evaluate(
        "() => { window.sent = 0; addEventListener('submit', (e) => { window.sent++; e.preventDefault(); }); }"
    )
    page.once("dialog", lambda dialog: dialog.accept())
    remove.click()
    expect(page.locator("#bezig")).to_be_visible()  # the site-wide indicator while the answer is on its way
    expect(page.locator("#bezig")).to_have_text("Bezig…")
    expect(remove).to_be_disabled()
    form = page.locator("form[action$='/verwijderen/']").first
    assert form.get_attribute("aria-busy") == "true"
    form.evaluate("form => form.requestSubmit()")  # a second submit, by Enter or a script: stopped, not sent
    assert page.evaluate("() => window.sent") == 1
    assert form.evaluate("form => form.querySelector('input[name=bevestigd]').value") == "ja"
