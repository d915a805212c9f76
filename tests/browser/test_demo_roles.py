"""Day one for every role (issue 16, "How it is checked"): each demo account of `openvth demo` logs in and does the
first job of its role end to end on the demo data, with axe-core on every page it reaches.

The demo is built once for the module (demo_site.py): each test starts from the same demo and what it writes through
the browser is undone after it. The day is the suite's set day (conftest `clock`), never the real one.
"""

import datetime
import re

import pytest
from demo_site import as_another_user, demo_server, demo_site, log_in  # noqa: F401  (fixtures)
from playwright.sync_api import expect

from openvth.core.clock import today
from openvth.testing.pdf import pdf_text

pytestmark = pytest.mark.browser

TABLET = {"width": 820, "height": 1180}
DESKTOP = {"width": 1280, "height": 900}
# one pixel of PNG, the photo an inspector takes on the tablet
PHOTO = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f6d4a80000000049454e44ae426082"
)


@pytest.fixture
def visit(browser, demo_server, screenshot_dir, assert_accessible):  # noqa: F811
    """A browser context per role: `go(username, viewport)` logs in and returns the page; `check(page, name)` runs
    axe-core and saves a screenshot."""
    contexts = []

    def go(username: str | None, viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, locale="nl-NL", accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("dialog", lambda dialog: dialog.accept())  # the confirmations before an irreversible step
        if username:
            log_in(page, demo_server.url, username)
        return page

    def check(page, name: str) -> None:
        page.screenshot(path=screenshot_dir / f"demo-{name}.png", full_page=True)
        assert_accessible(page, name)

    go.check = check
    go.url = demo_server.url
    yield go
    for context in contexts:
        context.close()


@pytest.mark.parametrize("username", ["manager", "beheerder"])
def test_manager_and_administrator_find_their_work_on_the_home_page(visit, username):
    page = visit(username)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goedendag")
    counts = [int(n) for n in page.locator("section[data-block] h2 .tag").all_inner_texts()]
    figures = page.locator('section[data-block="figures"]')
    assert any(counts) or figures.count(), f"{username}: no work on the home page"
    visit.check(page, f"home-{username}")


def _main(page):
    return page.get_by_role("main")


def test_permit_officer_registers_an_application_and_decides_it_under_the_demo_mandate(visit):
    from openvth.permits.models import Decision
    from openvth.register.models import Establishment
    from openvth.register.selectors import holds_mandate

    officer = _user("vergunningverlener")
    establishment = (
        Establishment.objects.filter(supervising_service=officer.organisation, merged_into=None)
        .exclude(pk__in=Decision.objects.values("establishment"))
        .order_by("pk")
        .first()
    )
    # the demo's mandate, not one made by the test
    assert holds_mandate(officer, authority=establishment.competent_authority, decision_type="permit", on=today())
    page = visit("vergunningverlener")
    page.get_by_role("search").get_by_role("searchbox").fill(establishment.name)
    page.get_by_role("search").get_by_role("button").click()
    page.get_by_role("link", name=establishment.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(establishment.name)
    visit.check(page, "vergunning-vestiging")
    page.get_by_role("link", name="Aanvraag registreren").click()
    expect(page.get_by_label("Vestigingsnummer")).to_have_value(establishment.kvk_vestigingsnummer)
    page.get_by_label("Kenmerk").fill("OLO-DEMO-0001")
    page.get_by_label("Onderwerp").fill("Oprichten van een opslag voor verpakte gevaarlijke stoffen")
    visit.check(page, "vergunning-aanvraag-registreren")
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvraag OLO-DEMO-0001")
    expect(_main(page)).to_contain_text("De aanvraag is ontvangen")
    visit.check(page, "vergunning-aanvraag")

    page.get_by_role("link", name="Besluit op deze aanvraag vastleggen").click()
    page.get_by_label("Kenmerk").fill("BESLUIT-DEMO-0001")
    page.get_by_label("Soort besluit").select_option("grant")
    page.get_by_label("In werking vanaf").fill(today().isoformat())
    first = page.get_by_role("group", name="Regel 1")
    first.get_by_label("Wijziging").select_option("add")
    first.get_by_label("Voorschrift").fill("1.1")
    first.get_by_label("Tekst").fill("Verpakte gevaarlijke stoffen worden opgeslagen volgens PGS 15.")
    visit.check(page, "vergunning-besluit-vastleggen")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("BESLUIT-DEMO-0001")
    visit.check(page, "vergunning-besluit")
    decision = Decision.objects.get(reference="BESLUIT-DEMO-0001")
    page.goto(f"{visit.url}/vergunningen/aanvragen/{decision.application.pk}/")
    expect(page.get_by_role("link", name="BESLUIT-DEMO-0001")).to_be_visible()
    expect(page.locator(".lead .tag")).to_have_text("besloten")


def _user(username):
    from openvth.accounts.models import User

    return User.objects.get(username=username)


def test_inspector_does_todays_inspection_on_a_tablet_and_gets_the_report(visit, tmp_path):
    from openvth.supervision.models import Inspection

    page = visit("toezichthouder", TABLET)
    page.get_by_role("link", name="Toezicht").first.click()
    page.get_by_role("link", name="Mijn agenda", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn agenda")
    todays = page.get_by_role("region", name=re.compile("^Vandaag"))
    expect(todays.get_by_role("row")).not_to_have_count(0)
    visit.check(page, "inspectie-agenda")
    name = todays.get_by_role("rowheader").first.get_by_role("link").inner_text()
    todays.get_by_role("button", name=re.compile("^Start inspectie")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Inspectie {name}")
    if page.get_by_role("button", name="Inspectie starten").count():
        page.get_by_role("button", name="Inspectie starten").click()
    expect(page.get_by_role("heading", name="Checklist")).to_be_visible()
    visit.check(page, "inspectie-gestart")

    rows = page.locator("li.check-row")
    for n in range(rows.count()):
        row = rows.nth(n)
        row.get_by_text("Voldoet", exact=True).click()
        expect(page.locator("li.check-row").nth(n).locator(".check-saved")).to_contain_text("Opgeslagen")
    page.get_by_label("Foto maken of kiezen").set_input_files(
        {"name": "opslag.png", "mimeType": "image/png", "buffer": PHOTO}
    )
    page.get_by_label("Bijschrift").fill("Opslag achter de loods")
    page.get_by_role("button", name="Foto toevoegen").click()
    expect(page.get_by_role("region", name="Foto's en bijlagen")).to_contain_text("Opslag achter de loods")
    visit.check(page, "inspectie-checklist")
    page.get_by_role("button", name="Inspectie afsluiten").click()
    expect(page.locator(".page-head .tag")).to_have_text(re.compile("afgesloten", re.I))
    inspection = Inspection.objects.get(pk=int(re.search(r"/inspecties/(\d+)/", page.url).group(1)))
    assert inspection.status == "closed" and inspection.performed_on == today()
    visit.check(page, "inspectie-afgesloten")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Rapport (PDF)").click()
    pdf = tmp_path / "rapport.pdf"
    download_info.value.save_as(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert name in text
    assert "Opslag achter de loods" in text  # the photo, with its caption, in the report


def test_enforcement_lawyer_warns_reinspects_announces_and_imposes_a_dwangsom(visit, clock, tmp_path):
    from openvth.enforcement.models import EnforcementCase
    from openvth.enforcement.tests.factories import perform_reinspection
    from openvth.testing.clock import moment

    case = EnforcementCase.objects.get(transitions__note__startswith="Demozaak")
    start = today()
    page = visit("handhavingsjurist")
    decisions = page.locator('section[data-block="decisions"]')
    decisions.get_by_role("link", name=re.compile(case.reference)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)
    visit.check(page, "handhaving-zaak")

    def step(name, sign=False, **fields):
        form = page.get_by_role("form", name=name)
        for label, value in fields.items():
            control = form.get_by_label(re.compile("^" + re.escape(label)))
            if control.evaluate("e => e.tagName") == "SELECT":
                control.select_option(value)
            else:
                control.fill(value)
        form.get_by_role("button").first.click()
        refused = page.locator(".errors, .messages .error, [role=alert]")
        if refused.count():
            raise AssertionError(f"{name}: " + " ".join(refused.all_inner_texts()))
        if sign:
            expect(page.get_by_role("heading", level=1)).to_contain_text("Concept")
            visit.check(page, "handhaving-concept-" + name.lower().replace(" ", "-"))
            page.get_by_role("button", name="Ondertekenen en verzenden").click()
        elif page.get_by_role("button", name=re.compile("^Bevestigen")).count():
            page.get_by_role("button", name=re.compile("^Bevestigen")).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)

    step("Waarschuwing versturen", sign=True, Termijn="2", Eenheid="weeks")
    expect(page.locator(".case-state")).to_contain_text("Waarschuwing")
    step("Herinspectie plannen")
    # three weeks on, the inspector has done the re-inspection (supervision's part, not this role's)
    later = start + datetime.timedelta(days=21)
    as_another_user(perform_reinspection, EnforcementCase.objects.get(pk=case.pk), later)
    clock.move_to(moment(later + datetime.timedelta(days=1)))
    # a new working day: the session of three weeks ago has expired
    log_in(page, visit.url, "handhavingsjurist")
    page.goto(f"{visit.url}/handhaving/zaken/{case.pk}/")
    visit.check(page, "handhaving-na-herinspectie")
    step("Herinspectie uitgevoerd")
    step("Voornemen versturen", sign=True, **{"Aangekondigde sanctie": "last_onder_dwangsom"})
    step("Zienswijze ontvangen", Toelichting="Zienswijze per e-mail: de overtreding wordt binnenkort opgeheven.")
    step(
        "Last onder dwangsom opleggen",
        sign=True,
        Termijn="4",
        Eenheid="weeks",
        **{"Bedrag (€)": "1500", "Per": "per_day", "Maximum (€)": "30000"},
    )
    expect(page.locator(".case-state")).to_have_text("Last onder dwangsom van kracht")
    visit.check(page, "handhaving-dwangsom")

    letters = page.get_by_role("region", name="Brieven en besluiten")
    with page.expect_download() as download_info:
        order = letters.get_by_role("row").filter(has=page.get_by_role("cell", name="Last onder dwangsom", exact=True))
        order.get_by_role("link").click()
    pdf = tmp_path / "last.pdf"
    download_info.value.save_as(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert "Last onder dwangsom" in text and f"{case.reference}-B03" in text
    assert "€ 1.500,00 per dag" in text and "€ 30.000,00" in text and "Hanna Handhaving" in text


def test_ilt_reads_a_chain_dossier_for_a_stated_purpose(visit):
    from openvth.sharing.models import AccessLog
    from openvth.supervision.models import Inspection

    service = _user("manager").organisation
    inspected = Inspection.objects.filter(owner=service, status="closed").order_by("pk").first()
    company = inspected.establishment.company
    page = visit("ketenpartner")
    visit.check(page, "keten-home")
    page.get_by_role("search").get_by_role("searchbox").fill(company.name)
    page.get_by_role("search").get_by_role("button").click()
    visit.check(page, "keten-zoeken")
    page.get_by_role("link", name=company.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(company.name)
    # no dossier before a purpose is given
    expect(page.get_by_role("heading", name="Inspecties")).to_have_count(0)
    visit.check(page, "keten-doel")
    page.get_by_label("Doel van de raadpleging").select_option("supervision")
    page.get_by_role("button", name="Dossier openen").click()
    expect(_main(page)).to_contain_text("Deze raadpleging is vastgelegd.")
    inspections = page.get_by_role("region", name="Inspecties")
    shared = inspections.get_by_role("row").filter(has_text=inspected.establishment.name)
    expect(shared.first).to_contain_text(service.name)
    expect(shared.first).to_contain_text("gedeeld")
    visit.check(page, "keten-dossier")
    assert AccessLog.objects.filter(user__username="ketenpartner", purpose_code="supervision").exists()


def test_ministry_reads_the_staat_van_de_vth(visit):
    page = visit("ministerie")
    page.get_by_role("link", name="Staat van de VTH").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Staat van de VTH")
    expect(page.locator("svg").first).to_be_visible()
    expect(_main(page)).not_to_contain_text("Er is nog niet gemeten")
    visit.check(page, "ministerie-staat")


def test_publication_officer_approves_and_publishes_a_proposal_of_someone_else(visit):
    from openvth.disclosure.models import Publication

    proposal = Publication.objects.filter(status="proposed", proposed_by__username="toezichthouder").order_by("pk")[0]
    page = visit("publicatie")
    page.locator("section[data-block]").get_by_role("link", name=proposal.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(proposal.title)
    visit.check(page, "publicatie-beoordelen")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("Goedgekeurd: de openbare tekst ligt vast.")).to_be_visible()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Gepubliceerd: de publicatie staat op de openbare site.")).to_be_visible()
    visit.check(page, "publicatie-gepubliceerd")
    proposal.refresh_from_db()
    assert proposal.status == "published" and proposal.reviewed_by.username == "publicatie"

    visitor = visit(None)
    visitor.goto(f"{visit.url}/openbaar/publicaties/{proposal.pk}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(proposal.title)


def test_the_public_files_a_complaint_without_logging_in(visit):
    from openvth.supervision.models import Complaint

    page = visit(None)
    page.goto(f"{visit.url}/openbaar/")
    page.get_by_role("link", name="Een klacht of melding over een bedrijf doen").click()
    visit.check(page, "melding-formulier")
    municipality = page.get_by_label("Gemeente waar het gebeurt")
    municipality.select_option(index=1)
    page.get_by_label("Waar gaat uw melding over?").select_option("odour")
    page.get_by_label("Wat merkt u?").fill("Sinds vanochtend een sterke lijmgeur in de hele straat.")
    page.get_by_label("Waar is het?").fill("Kerkstraat 4")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw melding")
    visit.check(page, "melding-ontvangen")
    filed = Complaint.objects.get(description__startswith="Sinds vanochtend een sterke lijmgeur")
    assert filed.status == "new" and filed.location.startswith("Kerkstraat 4") and filed.subject == "odour"
