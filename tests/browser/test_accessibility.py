"""axe-core on the main pages: no serious or critical WCAG violation (issue 2)."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def _assert_accessible(axe, page, name):
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    if blocking:
        print(json.dumps(blocking, indent=2, ensure_ascii=False))
    assert not blocking, f"{name}: " + "; ".join(f"{v['id']} ({v['impact']}): {v['help']}" for v in blocking)


def test_login_page(axe, page, live_server, region):
    page.goto(f"{live_server.url}/login/")
    _assert_accessible(axe, page, "login")


def test_login_page_with_an_error(axe, page, live_server, region):
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="Inloggen").click()
    _assert_accessible(axe, page, "login met fout")


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
def test_page(axe, logged_in, live_server, region, name, path):
    logged_in.goto(live_server.url + path(region))
    _assert_accessible(axe, logged_in, name)


def test_edit_form_with_errors(axe, logged_in, live_server, region):
    logged_in.goto(f"{live_server.url}/vestigingen/{region['establishment'].pk}/wijzigen/")
    logged_in.get_by_label("Postcode").fill("fout")
    logged_in.get_by_role("button", name="Opslaan").click()
    _assert_accessible(axe, logged_in, "wijzigen met fouten")
