"""The public site in a real browser, without logging in: search a company, open its page and a publication."""

import pytest
from playwright.sync_api import expect

from openvth.disclosure.tests.factories import publication

pytestmark = pytest.mark.browser


def test_search_a_company_and_open_its_page(page, live_server, region, assert_accessible, screenshot_dir):
    published = publication(region["establishment"], title="Inspectie Chemie Delfzijl Oost 2025", compliant=False)
    publication(region["establishment"], title="Voorstel dat niet openbaar is", status="proposed")

    page.goto(f"{live_server.url}/openbaar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Toezicht en handhaving bij bedrijven")
    assert_accessible(page, "openbaar zoeken")
    page.get_by_label("Zoek op naam, KvK-nummer of plaats").fill("12345678")
    page.get_by_role("button", name="Zoeken").click()
    results = page.get_by_role("region", name="3 vestigingen gevonden")
    expect(results).to_contain_text("Chemie Delfzijl Oost")
    assert_accessible(page, "openbare zoekresultaten")

    results.get_by_role("link", name="Chemie Delfzijl B.V.").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chemie Delfzijl B.V.")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Naleving per kwartaal")
    expect(main).to_contain_text(published.title)
    expect(main).not_to_contain_text("Voorstel dat niet openbaar is")
    assert_accessible(page, "openbare bedrijfspagina")
    page.screenshot(path=screenshot_dir / "openbaar-bedrijf.png", full_page=True)

    main.get_by_role("link", name=published.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(published.title)
    expect(page.get_by_role("main")).to_contain_text("overtreding vastgesteld")
    assert_accessible(page, "openbare publicatie")
