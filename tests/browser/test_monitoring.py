"""The monitoring dashboard and data-quality pages in a real browser: the measured KPIs, one click from a score to
its failing records; axe-core on every page (issue 7)."""

import datetime

import pytest
from playwright.sync_api import expect

from openvth.core import clock
from openvth.monitoring import services
from openvth.supervision.models import Inspection

pytestmark = pytest.mark.browser


@pytest.fixture
def measured(region):
    # an IED visit 100 days ago without findings whose report was never sent: one failing record of the report rule
    Inspection.objects.create(
        owner=region["service"], establishment=region["establishment"], kind=Inspection.Kind.ROUTINE,
        performed_on=clock.today() - datetime.timedelta(days=100), status=Inspection.Status.CLOSED,
    )  # fmt: skip
    services.take_snapshot(today=clock.today())
    return region


def test_dashboard_and_failing_records(assert_accessible, logged_in, live_server, measured, screenshot_dir):
    page = logged_in
    page.goto(f"{live_server.url}/monitoring/")
    expect(page.get_by_role("heading", name="Indicatoren van de VTH-keten")).to_be_visible()
    expect(page.get_by_role("row", name="Naleving")).to_contain_text("100,0% (1 van 1)")
    assert_accessible(page, "monitoring-dashboard")
    page.screenshot(path=screenshot_dir / "monitoring-dashboard.png", full_page=True)
    page.get_by_role("link", name="Datakwaliteit").click()
    rule = page.get_by_role("row", name="IED-rapport niet binnen 2 maanden")
    expect(rule).to_contain_text("0,0% (1 van 1)")
    assert_accessible(page, "monitoring-quality")
    rule.get_by_role("link").click()
    expect(page.get_by_text("1 record voldoet niet.")).to_be_visible()
    assert_accessible(page, "monitoring-quality-rule")
    page.get_by_role("link", name="Inspectie: ").click()
    expect(page).to_have_url(f"{live_server.url}/toezicht/inspecties/{Inspection.objects.get().pk}/")
