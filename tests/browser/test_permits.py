"""The always-current permit in a real browser: open it from the establishment, change the date, see the diff,
download the PDF; axe-core on every permit page (issue 5)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.permits import services
from openvth.permits.tests.factories import permit_mandates
from openvth.testing.pdf import pdf_text

pytestmark = pytest.mark.browser


@pytest.fixture
def officer(region):
    """The permit officer of the service, mandated by the province for its permit decisions (issue 13 item 7)."""
    user = UserFactory(
        username="vergunningverlener",
        first_name="Vera",
        last_name="Verlener",
        organisation=region["service"],
        role=Role.PERMIT_OFFICER,
    )
    permit_mandates(user, region["province"])
    return user


@pytest.fixture
def logged_in(page, live_server, officer):
    """Permit decisions are the permit officer's, not the inspector's (issue 14 item 2)."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(officer.username)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-1")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")  # the home page
    return page


@pytest.fixture
def permit(region, officer):
    user, establishment = officer, region["establishment"]

    def decide(reference, kind, effective, changes):
        return services.record_decision(
            user=user,
            establishment=establishment,
            reference=reference,
            kind=kind,
            decided_on=effective - datetime.timedelta(days=21),
            effective_from=effective,
            changes=[{"op": op, "number": number, "text": text} for op, number, text in changes],
        )

    grant = decide(
        "PZH-2019-0042",
        "grant",
        datetime.date(2019, 3, 1),
        [
            ("add", "1.1", "De inrichting is zo ingericht en wordt zo gebruikt dat geluid ten hoogste 50 dB(A) is."),
            ("add", "1.2", "Opslag van gevaarlijke stoffen gebeurt volgens PGS 15."),
            ("add", "2.1", "Afvalwater wordt alleen via het vuilwaterriool geloosd."),
        ],
    )
    amendment = decide(
        "PZH-2024-0113",
        "amend",
        datetime.date(2024, 6, 1),
        [
            ("replace", "1.2", "Opslag van gevaarlijke stoffen gebeurt volgens PGS 15:2016, in een brandwerende kast."),
            ("revoke", "2.1", ""),
            ("add", "1.10", "Een explosieveiligheidsdocument is op de inrichting aanwezig."),
        ],
    )
    application = services.receive_application(
        user=user,
        establishment=establishment,
        competent_authority=region["province"],
        reference="OLO-7731",
        subject="Uitbreiding tankenpark",
        received_on=clock.today() - datetime.timedelta(weeks=10),
        procedure="regular",
    )
    return {**region, "grant": grant, "amendment": amendment, "application": application, "user": officer}


def test_open_the_permit_change_the_date_see_the_diff_and_download_the_pdf(
    logged_in, live_server, permit, screenshot_dir, tmp_path
):
    page = logged_in
    page.goto(f"{live_server.url}/vestigingen/{permit['establishment'].pk}/")
    page.get_by_role("link", name=re.compile("^Geldende vergunning")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geldende vergunning")
    provisions = page.locator(".provisions")
    expect(provisions).to_contain_text("PGS 15:2016")
    expect(provisions.locator(".provision-number")).to_have_text(["1.1", "1.2", "1.10"])  # natural order
    page.screenshot(path=screenshot_dir / "vergunning.png", full_page=True)

    # the day before the amendment took effect
    page.get_by_label("Vergunning zoals die gold op").fill("2024-05-31")
    page.get_by_role("button", name="Tonen", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?op=2024-05-31$"))
    expect(page.get_by_role("heading", level=2, name=re.compile("31 mei 2024"))).to_be_visible()
    expect(provisions).to_contain_text("volgens PGS 15.")
    expect(provisions).to_contain_text("vuilwaterriool")
    expect(provisions).not_to_contain_text("explosieveiligheidsdocument")

    # the comparison form starts from the chosen day up to today
    expect(page.get_by_label("Van", exact=True)).to_have_value("2024-05-31")
    page.get_by_role("button", name="Verschil tonen").click()
    expect(page.get_by_role("heading", name="1 voorschrift toegevoegd")).to_be_visible()
    replaced = page.locator("section", has=page.get_by_role("heading", name="1 voorschrift vervangen"))
    expect(replaced.locator("del")).to_contain_text("volgens PGS 15.")
    expect(replaced.locator("ins")).to_contain_text("PGS 15:2016")
    expect(replaced.get_by_role("link", name="PZH-2024-0113")).to_be_visible()
    expect(page.get_by_role("heading", name="1 voorschrift ingetrokken")).to_be_visible()
    page.screenshot(path=screenshot_dir / "vergunning-verschil.png", full_page=True)

    page.get_by_role("link", name="Geldende vergunning").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download als PDF")).click()
    download = download_info.value
    today = clock.today().isoformat()
    assert download.suggested_filename == f"vergunning-{permit['establishment'].kvk_vestigingsnummer}-{today}.pdf"
    pdf = tmp_path / "vergunning.pdf"
    download.save_as(pdf)
    text = pdf_text(pdf)
    assert "Chemie Delfzijl Oost" in text and "Provincie Groningen" in text
    assert "brandwerende kast" in text and "Bron: besluit PZH-2024-0113" in text


@pytest.mark.parametrize(
    "name,path",
    [
        ("vergunning", lambda p: f"/vestigingen/{p['establishment'].pk}/vergunning/?op=2024-06-01"),
        ("vergunning met foute datum", lambda p: f"/vestigingen/{p['establishment'].pk}/vergunning/?op=31-02"),
        (
            "verschil",
            lambda p: f"/vestigingen/{p['establishment'].pk}/vergunning/verschil/?van=2024-05-31&tot=2024-06-01",
        ),
        ("voorschrift", lambda p: f"/vestigingen/{p['establishment'].pk}/vergunning/voorschriften/1.2/"),
        ("besluiten", lambda p: f"/vestigingen/{p['establishment'].pk}/besluiten/"),
        ("besluit", lambda p: f"/vergunningen/besluiten/{p['amendment'].pk}/"),
        ("besluit vastleggen", lambda p: f"/vestigingen/{p['establishment'].pk}/besluiten/nieuw/"),
        ("termijnen", lambda p: "/vergunningen/"),
        ("aanvragen", lambda p: "/vergunningen/aanvragen/"),
        ("aanvraag", lambda p: f"/vergunningen/aanvragen/{p['application'].pk}/"),
        ("aanvraag registreren", lambda p: f"/vergunningen/aanvragen/nieuw/?vestiging={p['establishment'].pk}"),
        ("doorlooptijden", lambda p: "/vergunningen/doorlooptijden/"),
    ],
)
def test_permit_pages_are_accessible(assert_accessible, logged_in, live_server, permit, name, path):
    logged_in.goto(live_server.url + path(permit))
    assert_accessible(logged_in, name)


def test_decision_form_with_a_service_error_is_accessible_and_stores_nothing(
    assert_accessible, logged_in, live_server, permit, screenshot_dir
):
    page = logged_in
    page.goto(f"{live_server.url}/vestigingen/{permit['establishment'].pk}/besluiten/nieuw/")
    page.get_by_label("Kenmerk").fill("PZH-2025-0001")
    page.get_by_label("Soort besluit").select_option("amend")
    page.get_by_label("Besloten op").fill("2025-01-10")
    page.get_by_label("In werking vanaf").fill("2025-02-01")
    first = page.get_by_role("group", name="Regel 1")
    first.get_by_label("Wijziging").select_option("replace")
    first.get_by_label("Voorschrift").fill("2.1")  # revoked in 2024: cannot be replaced
    first.get_by_label("Tekst").fill("Nieuwe lozingsregel.")
    questions = []  # a decision is final: the button asks first, saying what it does
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("PZH-2025-0001")
    expect(page.get_by_role("alert")).to_contain_text("2.1")
    expect(page.get_by_role("group", name="Regel 1").get_by_label("Tekst")).to_have_value("Nieuwe lozingsregel.")
    assert questions and questions[0].startswith("Het besluit vastleggen?")
    page.screenshot(path=screenshot_dir / "besluit-fout.png", full_page=True)
    assert_accessible(page, "besluit met fout")
    page.goto(f"{live_server.url}/vestigingen/{permit['establishment'].pk}/besluiten/")
    expect(page.get_by_role("link", name="PZH-2025-0001")).to_have_count(0)


def test_application_page_on_a_tablet(browser, live_server, permit, screenshot_dir):
    context = browser.new_context(viewport={"width": 820, "height": 1180}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(permit["user"].username)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-1")
    page.get_by_role("button", name="Inloggen").click()
    for path in [f"/vergunningen/aanvragen/{permit['application'].pk}/", "/vergunningen/"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a tablet"
    expect(page.locator("tr.row-late")).to_contain_text("OLO-7731")
    page.screenshot(path=screenshot_dir / "termijnen-tablet.png", full_page=True)
    page.goto(f"{live_server.url}/vergunningen/aanvragen/{permit['application'].pk}/")
    page.screenshot(path=screenshot_dir / "aanvraag-tablet.png", full_page=True)
    context.close()
