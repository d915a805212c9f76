"""A publication officer reviews a Woo proposal in a real browser: keeps one span with a note, approves and publishes;
axe-core on the review page (issue 6)."""

import pytest
from playwright.sync_api import expect

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.disclosure import services
from openvth.disclosure.models import Publication
from openvth.disclosure.tests.factories import closed_inspection

PASSWORD = "geheim-wachtwoord-1"  # the factories' password

pytestmark = pytest.mark.browser


@pytest.fixture
def proposal(region):
    inspection = closed_inspection(region["establishment"])
    return services.propose_inspection(user=region["user"], inspection=inspection)


def test_a_publication_officer_reviews_approves_and_publishes(page, live_server, region, proposal, assert_accessible):
    officer = UserFactory(username="woo", organisation=region["service"], role=Role.PUBLICATION_OFFICER)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(officer.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/publicaties/")
    page.get_by_role("link", name=proposal.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(proposal.title)
    assert_accessible(page, "publicatie beoordelen")

    preview = page.locator("#openbare-tekst")
    expect(preview).not_to_contain_text("06-12345678")
    phone = proposal.decisions.get(label="phone")
    row = page.get_by_role("row").filter(has_text="06-12345678")
    row.get_by_label("openbaar").check()
    row.get_by_label("Toelichting bij").fill("Algemeen nummer van het bedrijf")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("De beoordeling is opgeslagen.")).to_be_visible()
    expect(preview).to_contain_text("06-12345678")
    expect(preview).not_to_contain_text("111222333")
    # four eyes: who edited the redaction does not approve it; a colleague does
    expect(page.get_by_role("button", name="Goedkeuren")).to_have_count(0)
    colleague = UserFactory(username="woo2", organisation=region["service"], role=Role.PUBLICATION_OFFICER)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(colleague.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/publicaties/{proposal.pk}/")
    questions = []  # each irreversible step asks first, saying what it does (issue 16, item 5)
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_role("button", name="Goedkeuren")).to_be_enabled()  # refused: nothing sent
    assert questions == ["Goedkeuren? De openbare tekst ligt daarna vast zoals in het voorbeeld."]
    proposal.refresh_from_db()
    assert proposal.status == Publication.Status.PROPOSED
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("Goedgekeurd: de openbare tekst ligt vast.")).to_be_visible()
    assert not Publication.objects.public().exists()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Gepubliceerd: de publicatie staat op de openbare site.")).to_be_visible()
    assert "openbare site" in questions[-1]
    published = Publication.objects.public().get()
    assert "06-12345678" in published.public_text and "111222333" not in published.public_text
    phone.refresh_from_db()
    assert phone.note == "Algemeen nummer van het bedrijf"
    assert_accessible(page, "gepubliceerde publicatie")


def test_a_published_decision_is_found_on_the_public_site(page, browser, live_server, region, assert_accessible):
    from openvth.disclosure.tests.factories import decision_letter

    letter = decision_letter(region["establishment"], region["user"])
    officer = UserFactory(username="woo", organisation=region["service"], role=Role.PUBLICATION_OFFICER)
    proposal = services.propose_letter(user=region["user"], letter=letter)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(officer.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/publicaties/{proposal.pk}/")
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations of approving and publishing
    page.get_by_role("button", name="Goedkeuren").click()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Gepubliceerd: de publicatie staat op de openbare site.")).to_be_visible()

    visitor = browser.new_page(viewport={"width": 768, "height": 1024})  # no login: the public
    visitor.goto(f"{live_server.url}/openbaar/")
    visitor.get_by_label("Zoek op naam, KvK-nummer of plaats").fill("Chemie Delfzijl")
    visitor.get_by_label("Zoek op naam, KvK-nummer of plaats").press("Enter")
    visitor.get_by_role("link", name="Chemie Delfzijl B.V.").first.click()
    visitor.get_by_role("link", name=proposal.title).click()
    expect(visitor.get_by_text("De dwangsom bedraagt € 5.000 per week.")).to_be_visible()
    assert "a.degroot@example.nl" not in visitor.content() and "A. de Groot" not in visitor.content()
    assert_accessible(visitor, "gepubliceerd besluit op de openbare site")
    visitor.close()
