"""Enforcement in a real browser: a finding positioned in the LHSO matrix, a case opened, taken through a warning,
the re-inspection planned and recorded as performed, a voornemen and a last onder dwangsom (each letter first a
draft, then signed), and the order downloaded as PDF with the whole violation text; axe-core on every page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.enforcement import services
from openvth.enforcement.models import EnforcementCase
from openvth.enforcement.tests.factories import perform_reinspection
from openvth.register.models import Mandate
from openvth.supervision.tests.factories import FindingFactory
from openvth.testing.pdf import pdf_text, pdf_to_png

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"
DECISION_TYPES = ("warning", "last_onder_dwangsom", "invorderingsbeschikking")
LONG_VIOLATION = (
    "Het geluidsniveau op het immissiepunt aan de Industrieweg bedroeg in de nachtperiode 52 dB(A) (grenswaarde "
    "45 dB(A) etmaalwaarde volgens voorschrift 3.2.1 van de omgevingsvergunning), gemeten bij de erfgrens."
)


@pytest.fixture
def enforcement(region):
    establishment = region["establishment"]
    jurist = UserFactory(
        username="handhavingsjurist",
        first_name="Jet",
        last_name="Jurist",
        organisation=region["service"],
        role=Role.ENFORCEMENT_LAWYER,
    )
    for decision_type in DECISION_TYPES:
        Mandate.objects.create(
            holder=jurist,
            authority=establishment.competent_authority,
            decision_type=decision_type,
            valid_from=datetime.date(2024, 1, 1),
        )
    finding = FindingFactory(
        inspection__establishment=establishment,
        inspection__performed_on=clock.today() - datetime.timedelta(days=60),
        description=LONG_VIOLATION,
    )
    return {**region, "jurist": jurist, "finding": finding}


@pytest.fixture
def lawyer_page(page, live_server, enforcement):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(enforcement["jurist"].username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")  # the home page
    return page


def ago(days: int) -> str:
    return (clock.today() - datetime.timedelta(days=days)).isoformat()


def fill(form, **fields) -> None:
    for label, value in fields.items():
        control = form.get_by_label(re.compile("^" + re.escape(label)))
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)


def step(page, name: str, **fields) -> None:
    """A step that is recorded at once."""
    form = page.get_by_role("form", name=name)
    fill(form, **fields)
    form.get_by_role("button", name=re.compile("^Vastleggen")).click()
    expect(page.locator(".messages")).to_contain_text(f"Vastgelegd: {name}")


def signed_step(page, name: str, assert_accessible=None, **fields) -> None:
    """A step with a letter: first the draft with what it does, then signed (confirmed in the dialog too)."""
    form = page.get_by_role("form", name=name)
    fill(form, **fields)
    form.get_by_role("button", name=re.compile("^Concept bekijken")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Concept controleren: {name}")
    expect(page.locator(".letter-preview")).to_contain_text(LONG_VIOLATION)
    if assert_accessible is not None:
        assert_accessible(page, "conceptbrief")
    page.get_by_role("button", name="Ondertekenen en verzenden").click()
    expect(page.locator(".messages")).to_contain_text(f"Vastgelegd: {name}")


def test_warn_re_inspect_voornemen_dwangsom_and_the_letter_pdf(
    lawyer_page, live_server, enforcement, assert_accessible, screenshot_dir, tmp_path
):
    page = lawyer_page
    page.on("dialog", lambda dialog: dialog.accept())  # the site-wide confirmation of an irreversible step
    page.goto(f"{live_server.url}/handhaving/bevindingen/{enforcement['finding'].pk}/lhso/")
    expect(page.get_by_role("radio", name=re.compile("forse gevolgen"))).to_be_checked()  # from the finding
    page.get_by_role("radio", name=re.compile("onverschillig")).check()
    page.get_by_role("checkbox", name="recidive").check()
    page.get_by_role("button", name="Cel bepalen").click()
    expect(page.get_by_role("heading", name="3-4. Cel B3")).to_be_visible()
    expect(page.get_by_role("checkbox", name="last onder dwangsom")).to_be_checked()
    assert_accessible(page, "LHSO-stap")
    page.screenshot(path=screenshot_dir / "lhso-stap.png", full_page=True)
    page.get_by_role("button", name="Afweging vastleggen").click()
    expect(page.get_by_role("heading", name="Vastgelegd: cel B3")).to_be_visible()

    page.get_by_label("Route").select_option("herstel")
    page.get_by_label("Soort overtreding (beleid)").select_option("gevaarlijke_stoffen")
    page.get_by_label("Geopend op").fill(ago(25))
    page.get_by_role("button", name="Zaak openen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Handhavingszaak HH-")
    steps = page.get_by_role("region", name="Volgende stap")
    expect(steps).not_to_contain_text("Dwangsom verbeurd")  # only the next lawful steps

    signed_step(page, "Waarschuwing versturen", assert_accessible, Datum=ago(20), Termijn="2", Eenheid="weeks")
    expect(page.locator(".case-state")).to_have_text("Waarschuwing verzonden, hersteltermijn loopt")
    # the term is handled by the step that ends it: its row links to that step
    expect(page.get_by_role("link", name="herinspectie plannen")).to_be_visible()
    step(page, "Herinspectie plannen", **{"Datum herinspectie": clock.today().isoformat()})
    expect(page.locator(".timeline")).to_contain_text("Hercontrole gepland op")
    expect(page.get_by_role("region", name="Volgende stap")).to_contain_text("Wacht op de herinspectie")
    expect(page.get_by_role("form", name="Voornemen versturen")).to_have_count(0)

    case = EnforcementCase.objects.get()
    perform_reinspection(case, clock.today())  # the inspector performs and closes it
    page.reload()
    step(page, "Herinspectie uitgevoerd")
    signed_step(page, "Voornemen versturen", **{"Aangekondigde sanctie": "last_onder_dwangsom"})
    step(page, "Zienswijze ontvangen", Toelichting="Zienswijze per e-mail: de geluidsschermen worden besteld.")
    signed_step(page, "Last onder dwangsom opleggen", Termijn="3", Eenheid="weeks", **{"Bedrag (€)": "1500"})
    expect(page.locator(".case-state")).to_have_text("Last onder dwangsom van kracht")
    assert_accessible(page, "handhavingszaak")
    page.screenshot(path=screenshot_dir / "handhavingszaak.png", full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"-B03")).click()
    download = download_info.value
    assert re.fullmatch(r"HH-\d{4}-\d{6}-B03\.pdf", download.suggested_filename)
    pdf = tmp_path / "last.pdf"
    download.save_as(pdf)
    text = " ".join(pdf_text(pdf).split())  # lines wrap anywhere
    assert "Last onder dwangsom" in text and "Provincie Groningen" in text
    assert "€ 1.500,00 per dag" in text and "€ 50.000,00" in text
    assert "Jet Jurist" in text and "begunstigingstermijn" in text
    assert " ".join(LONG_VIOLATION.split()) in text  # the whole violation, never cut
    pdf_to_png(pdf, screenshot_dir / "last-onder-dwangsom", last=1)
    assert (screenshot_dir / "last-onder-dwangsom-1.png").stat().st_size > 10_000

    page.goto(f"{live_server.url}/handhaving/")
    assert_accessible(page, "werkvoorraad handhaving")
    expect(page.get_by_role("region", name="Open zaken per stand").first).to_contain_text(
        "Last onder dwangsom van kracht"
    )


@pytest.mark.parametrize("path", ["/handhaving/zaken/", "/handhaving/lhso-tabel/", "/handhaving/beleid/"])
def test_enforcement_pages_are_accessible(lawyer_page, live_server, assert_accessible, path):
    lawyer_page.goto(live_server.url + path)
    assert_accessible(lawyer_page, path)


def test_a_case_opened_by_the_service_is_invisible_to_its_inspector_of_another_service(
    browser, live_server, enforcement
):
    jurist, finding = enforcement["jurist"], enforcement["finding"]
    services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="A", chosen=["warning", "last_onder_dwangsom"]
    )
    case = services.open_case(user=jurist, findings=[finding], route="herstel")
    other = UserFactory(username="elders", role=Role.ENFORCEMENT_LAWYER)
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(other.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    response = page.goto(f"{live_server.url}/handhaving/zaken/{case.pk}/")
    assert response.status == 404
    context.close()
