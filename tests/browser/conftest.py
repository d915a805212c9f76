"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live server."""

import datetime
import json
import os

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from openvth.accounts.models import Role  # noqa: E402
from openvth.accounts.tests.factories import UserFactory  # noqa: E402
from openvth.register import services  # noqa: E402
from openvth.register.models import ActivityType, BasistaakPlacement, Company, Organisation, TaskCategory  # noqa: E402

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PASSWORD = "geheim-wachtwoord-1"
DESKTOP = {"width": 1280, "height": 900}


# per module, not per session: Playwright's sync API runs an event loop in the thread while it is started, and a test
# of another folder that runs after a browser test in the same worker (Django's async_to_sync, the health checks)
# would find that loop still running
@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def viewport():
    return DESKTOP


@pytest.fixture
def page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot_dir(settings):
    path = settings.BASE_DIR.parent / "var" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def region(transactional_db):
    """A small piece of the Netherlands written through the services, so that history exists."""
    province = Organisation.objects.create(name="Provincie Groningen", kind=Organisation.Kind.PROVINCE, code="PV20")
    service = Organisation.objects.create(
        name="Omgevingsdienst Groningen", kind=Organisation.Kind.OMGEVINGSDIENST, code="OD-GR", is_brzo_service=True
    )
    municipalities = [
        Organisation.objects.create(
            name=name, kind=Organisation.Kind.MUNICIPALITY, code=code, province=province, omgevingsdienst=service
        )
        for name, code in [("Gemeente Eemsdelta", "GM1979"), ("Gemeente Groningen", "GM0014")]
    ]
    # transactional_db empties the seeded catalogue after each test: make sure some categories exist
    for n, name in enumerate(["IPPC/IED-installaties", "Brzo-inrichtingen", "Bodem"], start=1):
        TaskCategory.objects.get_or_create(code=f"BT{n:02d}", defaults={"name": name, "order": n})
    categories = list(TaskCategory.objects.all())
    for authority, placed_all in zip(municipalities, [True, False], strict=True):
        for n, category in enumerate(categories):
            BasistaakPlacement.objects.create(
                authority=authority,
                task_category=category,
                service=service,
                placed=placed_all or n % 2 == 0,
                since=datetime.date(2020 + n % 4, 1, 1),
            )
    inspector = UserFactory(
        username="toezichthouder", first_name="Anna", last_name="de Vries", organisation=service, role=Role.INSPECTOR
    )
    company = services.create_company(
        user=inspector,
        owner=service,
        kvk_number="12345678",
        name="Chemie Delfzijl B.V.",
        legal_form=Company.LegalForm.BV,
    )
    common = {"user": inspector, "owner": service, "company": company, "supervising_service": service}
    main = services.create_establishment(
        **common,
        name="Chemie Delfzijl Oost",
        kvk_vestigingsnummer="000012345678",
        bag_nummeraanduiding_id="1979200000012345",
        street="Oosterhorn",
        house_number=10,
        postcode="9936 HD",
        place="Farmsum",
        municipality=municipalities[0],
        competent_authority=province,
        rd_x=258_900.0,
        rd_y=593_300.0,
        ied=True,
        brzo_tier="upper",
    )
    services.create_establishment(
        **common,
        name="Chemie Delfzijl Oost B.V.",
        kvk_vestigingsnummer="000012345679",
        street="Oosterhorn",
        house_number=10,
        postcode="9936 HD",
        place="Farmsum",
        municipality=municipalities[0],
        competent_authority=province,
    )
    services.create_establishment(
        **common,
        name="Chemie Delfzijl Opslag",
        kvk_vestigingsnummer="000012345680",
        street="Zeehavenweg",
        house_number=3,
        postcode="9936 TB",
        place="Farmsum",
        municipality=municipalities[0],
        competent_authority=municipalities[0],
    )
    for code, name, ied_category in [("4.1", "Chemische industrie", "4.1"), ("3.1", "Stookinstallatie", "1.1")]:
        activity_type, _ = ActivityType.objects.get_or_create(
            code=f"UI-{code}", defaults={"name": name, "ied_category": ied_category}
        )
        services.add_activity(user=inspector, establishment=main, activity_type=activity_type)
    services.update_establishment(user=inspector, establishment=main, street="Oosterhornweg")
    return {"province": province, "service": service, "establishment": main, "user": inspector}


@pytest.fixture
def logged_in(page, live_server, region):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(region["user"].username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")  # the home page with the user's work
    return page


BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def assert_accessible():
    """Check that axe-core finds no serious or critical WCAG violation on the page as it is now."""
    axe = Axe()

    def check(page, name: str) -> None:
        results = axe.run(page)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            print(json.dumps(blocking, indent=2, ensure_ascii=False))
        assert not blocking, f"{name}: " + "; ".join(f"{v['id']} ({v['impact']}): {v['help']}" for v in blocking)

    return check
