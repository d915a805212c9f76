"""The administration pages in the browser: an organisation's administrator creates a user, grants that user a
mandate with a ceiling, and finds both changes with their values in the audit page; the pages pass axe-core."""

import pytest

from openvth.accounts.models import Role, User
from openvth.accounts.tests.factories import UserFactory
from openvth.register.models import Mandate
from openvth.register.tests.factories import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"


def test_create_a_user_grant_a_mandate_and_see_both_in_the_audit(
    page, live_server, transactional_db, assert_accessible
):
    service = ServiceFactory(name="Omgevingsdienst Beheerregio")
    OrganisationFactory(name="Gemeente Mandaatdorp", omgevingsdienst=service)
    UserFactory(username="beheerder", first_name="Bea", last_name="Heer", organisation=service, role=Role.ADMINISTRATOR)
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.get_by_role("heading", name="Beheer", exact=True).wait_for()
    assert_accessible(page, "beheer")

    page.get_by_role("link", name="Gebruikers en rollen").click()
    page.get_by_role("link", name="Nieuwe gebruiker").click()
    page.get_by_label("Gebruikersnaam").fill("h.jurist")
    page.get_by_label("Voornaam").fill("Hanna")
    page.get_by_label("Achternaam").fill("Jurist")
    page.get_by_label("E-mailadres").fill("hanna@beheerregio.nl")
    page.get_by_label("Rol").select_option(Role.ENFORCEMENT_LAWYER.value)
    page.get_by_role("button", name="Gebruiker aanmaken").click()
    page.get_by_text("Hanna Jurist is aangemaakt").wait_for()
    assert_accessible(page, "gebruikers")
    hanna = User.objects.get(username="h.jurist")
    assert hanna.organisation == service

    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Mandaten").click()
    page.get_by_role("link", name="Mandaat vastleggen").click()
    page.get_by_label("Medewerker").select_option(label="Hanna Jurist")
    page.get_by_label("Namens (bevoegd gezag)").select_option(label="Gemeente Mandaatdorp")
    page.get_by_label("Besluitsoort").select_option(label="last onder dwangsom")
    page.get_by_label("Geldig vanaf").fill("2026-01-01")
    page.get_by_label("Tot een bedrag van (€)").fill("25000")
    page.get_by_label("Mandaatbesluit").fill("Mandaatbesluit Mandaatdorp 2026")
    page.get_by_role("button", name="Mandaat vastleggen").click()
    page.get_by_text("is vastgelegd").wait_for()
    assert_accessible(page, "mandaten")
    assert Mandate.objects.filter(holder=hanna, max_amount=25000).exists()

    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Wijzigingslog").click()
    log = page.locator("ol.audit-log")
    log.get_by_text("h.jurist").first.wait_for()
    text = log.inner_text()
    assert "handhavingsjurist" in text and "hanna@beheerregio.nl" in text  # the new user, field by field
    assert "last onder dwangsom" in text and "25000.00" in text and "Mandaatbesluit Mandaatdorp 2026" in text
    assert text.count("door Bea Heer") >= 2
    assert_accessible(page, "wijzigingslog")

    page.get_by_label("Soort gegeven").select_option(label="mandaat")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**soort=register.mandate**")
    assert "hanna@beheerregio.nl" not in page.locator("ol.audit-log").inner_text()
    assert blocked == []
