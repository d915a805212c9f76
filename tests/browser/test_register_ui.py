"""The main path through the register in a real browser: log in, search as you type, open the dossier."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_login_search_and_open_an_establishment(logged_in, live_server, region, screenshot_dir):
    page = logged_in
    expect(page.get_by_role("banner")).to_contain_text("Anna de Vries")
    expect(page.get_by_role("banner")).to_contain_text("Omgevingsdienst Groningen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Goedendag Anna")  # login lands on the home page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vestigingen zoeken").click()

    # htmx: results arrive while typing, without submitting the form
    page.get_by_label("Zoek een vestiging").press_sequentially("0000 1234 5678", delay=40)
    results = page.locator("#zoekresultaten")
    expect(results.get_by_role("link", name="Chemie Delfzijl Oost")).to_be_visible()
    expect(page.locator("#zoek-status")).to_have_text(re.compile(r"1 vestiging gevonden"))
    expect(page).to_have_url(re.compile(r"\?q=0000(%20|\+)1234(%20|\+)5678$"))

    results.get_by_role("link", name="Chemie Delfzijl Oost").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chemie Delfzijl Oost")
    expect(page.get_by_role("main")).to_contain_text("000012345678")
    expect(page.get_by_role("main")).to_contain_text("Provincie Groningen")
    expect(page.get_by_role("main")).to_contain_text("Chemische industrie")
    history = page.locator("section", has=page.get_by_role("heading", name="Wijzigingshistorie"))
    expect(history).to_contain_text("Anna de Vries")
    expect(history.locator("ins").get_by_text("Oosterhornweg", exact=True)).to_be_visible()
    page.screenshot(path=screenshot_dir / "vestiging.png", full_page=True)


def test_search_without_javascript_submits_the_form(browser, live_server, region):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(region["user"].username)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-1")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vestigingen zoeken").click()
    page.get_by_label("Zoek een vestiging").fill("12345678")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("#zoek-status")).to_have_text(re.compile(r"3 vestigingen gevonden"))
    context.close()


def test_edit_shows_the_dutch_error_next_to_the_field(logged_in, live_server, region):
    page = logged_in
    page.goto(f"{live_server.url}/vestigingen/{region['establishment'].pk}/wijzigen/")
    page.get_by_label("Postcode").fill("0123 AB")
    page.get_by_role("button", name="Opslaan").click()
    postcode = page.get_by_label("Postcode")
    expect(postcode).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_postcode_error")).to_have_text("Een postcode heeft de vorm '1234 AB', niet '0123 AB'.")


def test_merge_with_confirmation(logged_in, live_server, region):
    page = logged_in
    page.goto(f"{live_server.url}/vestigingen/{region['establishment'].pk}/")
    page.get_by_label(re.compile(r"^Chemie Delfzijl Oost B\.V\.")).check()
    page.get_by_role("button", name="Samenvoegen…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samenvoegen bevestigen")
    page.get_by_role("button", name="Definitief samenvoegen").click()
    expect(page.locator(".messages")).to_contain_text("1 vestiging(en) samengevoegd")
    expect(page.get_by_role("heading", name="Mogelijke dubbelen")).to_have_count(0)


@pytest.mark.parametrize("viewport", [{"width": 820, "height": 1180}], ids=["tablet"])
def test_tablet_layout_fits_and_has_large_touch_targets(logged_in, live_server, region, screenshot_dir):
    page = logged_in
    establishment = f"/vestigingen/{region['establishment'].pk}/"
    wide_matrix = f"/basistaken/{region['province'].pk}/"
    for path in ["/vestigingen/?q=Farmsum", establishment, establishment + "wijzigen/", wide_matrix]:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a tablet"
        small = page.evaluate(
            """[...document.querySelectorAll('nav a, .button, button, input:not([type=hidden]), select')]
                 .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 24)
                 .map(el => el.outerHTML.slice(0, 80))"""
        )
        assert small == [], f"touch targets too small on {path}: {small}"
        nav_heights = page.evaluate(
            "[...document.querySelectorAll('nav a')].map(a => a.getBoundingClientRect().height)"
        )
        assert min(nav_heights) >= 44
    # the last page is the basistaken matrix: Eemsdelta placed everything, Groningen and the province did not
    incomplete = page.locator("tr.incomplete th")
    expect(incomplete).to_have_text(["Provincie Groningen", "Gemeente Groningen"])
    page.screenshot(path=screenshot_dir / "vestiging-tablet.png", full_page=True)
