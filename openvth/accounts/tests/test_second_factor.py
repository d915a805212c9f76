"""The second factor (TOTP, backup codes): compulsory per organisation or role; until it is given, the user is not
signed in for staff pages nor for the session API."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.accounts import services
from openvth.accounts.models import Role, SecondFactorPolicy
from openvth.core.tests.test_no_inline_code import inline_code
from openvth.testing.api import api_token

from .conftest import sign_in

HOME = "/"
API = "/api/v1/establishments"


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = services.start_totp_enrolment(user=user)
    return services.confirm_totp_enrolment(user=user, code=code_of(device))


@pytest.fixture
def compulsory(service):
    return SecondFactorPolicy.objects.create(organisation=service)


def test_without_a_policy_or_app_the_password_is_enough(client, owner):
    response = sign_in(client, owner.username)
    assert response.status_code == 302 and response.url == reverse("core:home")
    assert client.get(HOME).status_code == 200


def test_where_compulsory_a_user_without_app_is_sent_to_enrolment(client, owner, compulsory):
    response = client.get(sign_in(client, owner.username).url, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("second_factor_enrol"))
    assert "Uw organisatie vraagt" in response.content.decode()


def test_until_verified_staff_pages_and_the_session_api_answer_as_not_signed_in(client, owner, compulsory):
    sign_in(client, owner.username)
    for path in (HOME, reverse("register:search"), reverse("account"), "/admin/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith(reverse("second_factor")), path
    assert client.get(API).status_code in (401, 403)


def test_the_token_api_is_not_affected(client, owner, compulsory):
    sign_in(client, owner.username)  # the session waits for the second factor; a machine client's token does not
    response = client.get(API, HTTP_AUTHORIZATION=f"Token {api_token(owner)}")
    assert response.status_code == 200


def test_enrolment_shows_a_qr_image_then_backup_codes_once_and_signs_in(client, owner, compulsory):
    sign_in(client, owner.username)
    page = client.get(reverse("second_factor_enrol"))
    html = page.content.decode()
    assert page.status_code == 200 and f'src="{reverse("second_factor_qr")}"' in html and inline_code(html) == []
    qr = client.get(reverse("second_factor_qr"))
    assert (
        qr["Content-Type"] == "image/svg+xml"
        and qr.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
        and inline_code(qr.content.decode()) == []
    )
    device = TOTPDevice.objects.get(user=owner, confirmed=False)
    wrong = client.post(reverse("second_factor_enrol"), {"code": "000000" if code_of(device) != "000000" else "111111"})
    assert "klopt niet" in wrong.content.decode()
    done = client.post(reverse("second_factor_enrol"), {"code": code_of(device)})
    assert done.status_code == 200 and "reservecodes" in done.content.decode().lower()
    assert len(done.context["codes"]) == 10
    assert client.get(HOME).status_code == 200
    assert client.get(API).status_code == 200


def test_a_user_with_an_app_gives_a_code_after_the_password(client, owner, compulsory, clock):
    device, _codes = enrol(owner)
    clock.shift(timedelta(seconds=60))  # a code is accepted once: the next one is from a later time step
    sign_in(client, owner.username)
    assert client.get(HOME).url.startswith(reverse("second_factor"))
    assert client.get(reverse("second_factor_enrol")).url == reverse("second_factor")  # no second app by password
    wrong = client.post(reverse("second_factor"), {"code": "12345x"})
    assert wrong.status_code == 200 and "klopt niet" in wrong.content.decode()
    clock.shift(timedelta(seconds=5))  # django-otp makes one wait after a wrong code
    response = client.post(reverse("second_factor"), {"code": code_of(device), "next": reverse("register:search")})
    assert response.status_code == 302 and response.url == reverse("register:search")
    assert client.get(HOME).status_code == 200


def test_a_backup_code_works_once(client, owner, compulsory):
    _device, codes = enrol(owner)
    sign_in(client, owner.username)
    assert client.post(reverse("second_factor"), {"code": codes[0]}).status_code == 302
    client.post(reverse("logout"))
    sign_in(client, owner.username)
    again = client.post(reverse("second_factor"), {"code": codes[0]})
    assert again.status_code == 200 and client.get(HOME).status_code == 302


def test_wrong_codes_count_as_failed_sign_ins_and_lock_out(client, owner, compulsory, clock):
    enrol(owner)
    sign_in(client, owner.username)
    for _ in range(5):
        clock.shift(timedelta(minutes=1))
        response = client.post(reverse("second_factor"), {"code": "abcdefgh"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert sign_in(client, owner.username).status_code == 429


def test_a_policy_for_a_role_asks_only_that_role(client, owner, member, service):
    SecondFactorPolicy.objects.create(organisation=service, roles=[Role.INSPECTOR])
    assert client.get(sign_in(client, owner.username).url).status_code == 200  # permit officer: not asked
    client.post(reverse("logout"))
    sign_in(client, member.username)
    assert client.get(HOME).url.startswith(reverse("second_factor"))


def test_a_policy_for_every_organisation_covers_others_too(client, outsider):
    SecondFactorPolicy.objects.create(organisation=None)
    sign_in(client, outsider.username)
    assert client.get(HOME).url.startswith(reverse("second_factor"))


def test_another_organisations_policy_does_not_apply(client, outsider, compulsory):
    sign_in(client, outsider.username)
    assert client.get(HOME).status_code == 200


def test_a_user_who_set_up_an_app_is_asked_without_a_policy(client, owner):
    enrol(owner)
    sign_in(client, owner.username)
    assert client.get(HOME).url.startswith(reverse("second_factor"))


def test_the_administrator_removes_a_lost_app_of_the_organisation_only(client, owner, member, outsider, administrator):
    enrol(owner)
    enrol(outsider)
    client.force_login(administrator)
    assert owner.username in client.get(reverse("sign_in_administration")).content.decode()
    assert client.post(reverse("reset_second_factor", args=[outsider.pk])).status_code == 404
    assert client.post(reverse("reset_second_factor", args=[owner.pk])).status_code == 302
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert TOTPDevice.objects.filter(user=outsider).exists()
    client.force_login(member)  # a colleague without the role
    assert client.post(reverse("reset_second_factor", args=[outsider.pk])).status_code == 404
    assert client.post(reverse("reset_second_factor", args=[administrator.pk])).status_code == 403


def test_new_backup_codes_replace_the_old(client, owner, clock):
    _device, old = enrol(owner)
    client.force_login(owner)
    response = client.post(reverse("backup_codes"))
    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert services.verify_second_factor(user=owner, code=old[0]) is None
    clock.shift(timedelta(seconds=5))
    assert services.verify_second_factor(user=owner, code=new[0]) is not None
