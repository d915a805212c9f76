"""axe-core on the main pages: no serious or critical WCAG violation (issue 2)."""

import pytest
from playwright.sync_api import expect

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
