"""An inspection on a tablet: mark a checklist item not compliant (saved at once), record one finding on the
provision in force, close the inspection and download its report as PDF; axe-core on the inspection page (issue 3)."""

import datetime
import io

import pypdfium2
import pytest
from PIL import Image
from playwright.sync_api import expect

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.permits import services as permit_services
from openvth.permits.tests.factories import permit_mandates
from openvth.supervision.models import Answer, ChecklistItem, ChecklistTemplate, ChecklistVersion, Finding, Inspection
from openvth.supervision.services import inspections as services
from openvth.testing.pdf import pdf_text, pdf_to_png

pytestmark = pytest.mark.browser

TABLET = {"width": 1024, "height": 1366}
VISIT = datetime.date(2024, 9, 17)


@pytest.fixture
def viewport():
    return TABLET


@pytest.fixture
def inspection(region):
    user, establishment = region["user"], region["establishment"]
    # the newest general checklist on the day of the visit (the migrated one may or may not be there)
    template = ChecklistTemplate.objects.create(name="Algemene milieucontrole (tablet)")
    version = ChecklistVersion.objects.create(template=template, number=1, valid_from=datetime.date(2024, 6, 1))
    for position, text, hint in [
        (1, "Opslag van gevaarlijke stoffen volgens PGS 15", "Bal art. 4.11"),
        (2, "Ongewone voorvallen zijn gemeld", "Ow art. 19.1"),
    ]:
        ChecklistItem.objects.create(version=version, position=position, text=text, rule_hint=hint)
    # the permit in force, decided by a permit officer under the province's mandate
    officer = UserFactory(organisation=establishment.owner, role=Role.PERMIT_OFFICER)
    permit_mandates(officer, region["province"])
    permit_services.record_decision(
        user=officer,
        establishment=establishment,
        reference="PZH-2019-0042",
        kind="grant",
        decided_on=datetime.date(2019, 2, 8),
        effective_from=datetime.date(2019, 3, 1),
        changes=[
            {"op": "add", "number": "1.1", "text": "Geluid ten hoogste 50 dB(A) op de erfgrens."},
            {"op": "add", "number": "1.2", "text": "Opslag van gevaarlijke stoffen gebeurt volgens PGS 15."},
        ],
    )
    planned = services.create_inspection(
        user=user, establishment=establishment, kind="routine", planned_on=VISIT, inspectors=[user]
    )
    return services.start_inspection(user=user, inspection=planned, performed_on=VISIT)


def test_record_an_inspection_with_one_finding_on_a_tablet_and_download_the_pdf(
    logged_in, live_server, inspection, assert_accessible, screenshot_dir, tmp_path
):
    page = logged_in
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmation before closing
    page.goto(f"{live_server.url}/toezicht/inspecties/{inspection.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inspectie Chemie Delfzijl Oost")
    assert_accessible(page, "inspectie")

    row = page.locator("#punt-1")
    toggle = row.get_by_text("Voldoet niet", exact=True)
    assert toggle.bounding_box()["height"] >= 44  # a touch target
    toggle.click()
    expect(page.locator("#punt-1 .check-saved")).to_contain_text("Opgeslagen")
    assert Answer.objects.get(inspection=inspection).result == "not_compliant"  # stored at once, before anything else
    page.screenshot(path=screenshot_dir / "inspectie-tablet.png", full_page=True)

    page.locator("#punt-1").get_by_role("link", name="Bevinding vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevinding vastleggen")
    page.get_by_label("Overtreden vergunningvoorschrift").select_option(
        label="1.2: Opslag van gevaarlijke stoffen gebeurt volgens PGS 15."
    )
    page.get_by_text("3 – forse gevolgen").click()
    page.get_by_label("Wat heeft u geconstateerd?").fill("Twaalf IBC's met zoutzuur buiten de PGS 15-voorziening.")
    assert_accessible(page, "bevinding")
    page.get_by_role("button", name="Bevinding opslaan").click()

    expect(page.locator(".message-success")).to_have_text("De bevinding is opgeslagen.")
    expect(page.locator(".finding")).to_contain_text("Voorschrift 1.2")
    # a photo of the finding, taken on the tablet: it goes into the report with its caption
    photo = io.BytesIO()
    Image.new("RGB", (2400, 1800), "orange").save(photo, "JPEG")
    page.get_by_label("Foto maken of kiezen").set_input_files(
        {"name": "ibc.jpg", "mimeType": "image/jpeg", "buffer": photo.getvalue()}
    )
    page.get_by_label("Bijschrift").fill("IBC's met zoutzuur naast de opslag")
    page.get_by_label("Bij bevinding").select_option(index=1)
    page.get_by_role("button", name="Foto toevoegen").click()
    expect(page.locator(".message-success")).to_have_text("Het bestand is toegevoegd.")
    page.locator("#punt-2").get_by_text("Voldoet", exact=True).click()  # every item answered before closing
    expect(page.locator("#punt-2 .check-saved")).to_contain_text("Opgeslagen")
    page.get_by_role("button", name="Inspectie afsluiten").click()
    expect(page.locator(".message-success")).to_contain_text("De inspectie is afgesloten")
    assert Inspection.objects.get(pk=inspection.pk).status == "closed"
    assert Finding.objects.get().provision_number == "1.2"
    expect(page.locator("#punt-1 input[type=radio]").first).to_be_disabled()  # locked
    page.screenshot(path=screenshot_dir / "inspectie-afgesloten-tablet.png", full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Rapport (PDF)").click()
    pdf = tmp_path / "rapport.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Chemie Delfzijl Oost" in text and "Twaalf IBC's" in text
    assert "IBC's met zoutzuur naast de opslag" in text  # the photo's caption, under its finding
    document = pypdfium2.PdfDocument(pdf.read_bytes())
    images = [i.get_px_size() for p in document for i in p.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE])]
    document.close()
    assert images == [(1200, 900)]  # the photo, scaled down for the report
    assert pdf_to_png(pdf, screenshot_dir / "inspectierapport")


def test_the_public_complaint_form_without_login(browser, live_server, region, assert_accessible, screenshot_dir):
    context = browser.new_context(viewport={"width": 768, "height": 1024}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server.url}/melding/")
    assert_accessible(page, "meldingsformulier")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Er is niets opgeslagen")
    assert_accessible(page, "meldingsformulier met fouten")
    page.get_by_label("Gemeente waar het gebeurt").select_option(label="Gemeente Eemsdelta")
    page.get_by_label("Waar gaat uw melding over?").select_option(label="geur")
    page.get_by_label("Wat merkt u?").fill("Sterke oplosmiddelgeur sinds 8 uur, vooral bij westenwind.")
    page.get_by_label("Waar is het?").fill("Oosterhorn, bij de haven")
    page.screenshot(path=screenshot_dir / "melding-tablet.png", full_page=True)
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw melding")
    context.close()
