"""The second factor in the browser: a compulsory policy sends the user to set up an app after the password, the
QR code loads as an image under the page's Content-Security-Policy, a code from the app signs in, the backup codes
are shown once, and the next sign-in asks for a code."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.accounts.models import Role, SecondFactorPolicy
from openvth.accounts.tests.factories import UserFactory
from openvth.register.tests.factories import ServiceFactory

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_compulsory_second_factor_from_enrolment_to_the_next_sign_in(page, live_server, transactional_db, clock):
    service = ServiceFactory(name="Omgevingsdienst Tweestaps")
    SecondFactorPolicy.objects.create(organisation=service)
    UserFactory(username="tweestaps", organisation=service, role=Role.INSPECTOR)
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )

    sign_in(page, live_server, "tweestaps")
    page.wait_for_url("**/tweestapsverificatie/instellen/**")
    qr = page.get_by_role("img", name="QR-code om de app in te stellen")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    device = TOTPDevice.objects.get(user__username="tweestaps", confirmed=False)
    page.get_by_label("Code uit de app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bevestig").click()
    page.get_by_role("heading", name="Uw reservecodes").wait_for()
    assert page.locator("main li code").count() == 10
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    page.get_by_role("button", name="Uitloggen").click()

    clock.shift(60)  # a code is accepted once: the next one is from a later time step
    sign_in(page, live_server, "tweestaps")
    page.wait_for_url("**/tweestapsverificatie/?**")
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Controleer").click()
    page.get_by_role("button", name="Uitloggen").wait_for()
    assert blocked == []
