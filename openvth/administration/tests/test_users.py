"""Users and roles: an administrator manages the own organisation's accounts only, never beyond administrator."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from openvth.accounts.models import Role, User
from openvth.accounts.tests.factories import UserFactory
from openvth.administration import services
from openvth.core.models import ChangeRecord

pytestmark = pytest.mark.django_db


def _create(client, **fields):
    data = {"username": "nieuwe.collega", "first_name": "Nina", "last_name": "Nieuw", "email": "nina@od.nl"}
    return client.post(reverse("administration:user_create"), data | {"role": Role.INSPECTOR} | fields)


def test_a_role_other_than_administrator_is_refused(client, colleague):
    client.force_login(colleague)
    for name in ("index", "users", "user_create", "mandates", "placements", "letter_templates", "audit"):
        assert client.get(reverse(f"administration:{name}")).status_code == 403, name
    assert client.get(reverse("administration:user", args=[colleague.pk])).status_code == 403


def test_anonymous_goes_to_the_login_page(client):
    response = client.get(reverse("administration:users"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_another_organisations_user_is_not_found(as_admin, stranger):
    for name in ("user", "user_deactivate", "user_activate"):
        url = reverse(f"administration:{name}", args=[stranger.pk])
        assert as_admin.post(url, {"last_name": "X", "email": "x@x.nl", "role": "inspector"}).status_code == 404
    assert as_admin.get(reverse("administration:user", args=[stranger.pk])).status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active and stranger.last_name == "Vreemd"
    assert "Vera" not in as_admin.get(reverse("administration:users")).content.decode()


def test_the_service_refuses_another_organisations_user_too(admin, stranger):
    with pytest.raises(PermissionDenied):
        services.set_active(administrator=admin, user=stranger, active=False)
    with pytest.raises(PermissionDenied):
        services.update_user(administrator=admin, user=stranger, role=Role.MANAGER, last_name="X", email="x@x.nl")


def test_create_a_user_of_the_own_organisation_with_a_mail_to_set_a_password(
    as_admin, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _create(as_admin)
    assert response.status_code == 302
    user = User.objects.get(username="nieuwe.collega")
    assert user.organisation == admin.organisation and user.role == Role.INSPECTOR
    assert not user.is_superuser and not user.is_staff and user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nina@od.nl"]
    assert "/wachtwoord-herstellen/" in mail.outbox[0].body and "nieuwe.collega" in mail.outbox[0].body
    record = ChangeRecord.objects.get(object_id=user.pk, content_type__model="user")
    assert record.user == admin and record.action == ChangeRecord.Action.CREATE
    assert record.changes["role"] == [None, "inspector"]
    assert "password" not in record.changes  # the hash never lands in the log


def test_bad_input_gives_dutch_messages_and_creates_nothing(as_admin):
    response = _create(as_admin, username="met spatie", email="geen-adres", last_name="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is niets opgeslagen" in html
    assert "Dit veld is verplicht." in html  # the last name
    assert not User.objects.filter(username="met spatie").exists()
    UserFactory(username="bestaat")
    html = _create(as_admin, username="Bestaat").content.decode()
    assert "Deze gebruikersnaam bestaat al." in html


def test_no_role_beyond_administrator_of_the_own_organisation(as_admin, admin):
    # the ministry's role reads national figures of every organisation: not offered, and refused when sent
    response = _create(as_admin, role=Role.PROGRAMME_OFFICE)
    assert response.status_code == 400 and not User.objects.filter(username="nieuwe.collega").exists()
    with pytest.raises(ValidationError) as refused:
        services.create_user(
            administrator=admin, username="x", last_name="X", email="x@x.nl", role=Role.PROGRAMME_OFFICE
        )
    assert "Deze rol kunt u in deze organisatie niet toekennen." in refused.value.message_dict["role"]
    # an organisation chosen in the form is ignored: the own organisation is fixed
    response = _create(as_admin, organisation=UserFactory().organisation_id)
    assert User.objects.get(username="nieuwe.collega").organisation == admin.organisation
    # administrator is the highest role an administrator gives; superuser or staff status cannot be sent at all
    _create(as_admin, username="tweede", role=Role.ADMINISTRATOR, is_superuser="on", is_staff="on")
    second = User.objects.get(username="tweede")
    assert second.role == Role.ADMINISTRATOR and not second.is_superuser and not second.is_staff


def test_an_administrator_does_not_manage_the_national_administrators_account(admin):
    superuser = UserFactory(organisation=admin.organisation, is_superuser=True)
    with pytest.raises(PermissionDenied):
        services.set_active(administrator=admin, user=superuser, active=False)


def test_change_the_role_and_see_it_in_the_audit_page(as_admin, colleague):
    url = reverse("administration:user", args=[colleague.pk])
    data = {"first_name": "Jan", "last_name": "Jurist", "email": "jan@od.nl", "role": Role.MANAGER}
    assert as_admin.post(url, data).status_code == 302
    colleague.refresh_from_db()
    assert colleague.role == Role.MANAGER and colleague.email == "jan@od.nl"
    html = as_admin.get(reverse("administration:audit")).content.decode()
    assert "handhavingsjurist" in html and "manager / directeur" in html  # before → after, as labels
    assert "jan@od.nl" in html


def test_the_administrator_cannot_deactivate_or_demote_himself(as_admin, admin):
    response = as_admin.post(reverse("administration:user_deactivate", args=[admin.pk]), follow=True)
    assert "U kunt uw eigen account niet uitzetten." in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active
    data = {"first_name": "Bea", "last_name": "Heer", "email": "bea@od.nl", "role": Role.INSPECTOR}
    response = as_admin.post(reverse("administration:user", args=[admin.pk]), data)
    assert response.status_code == 400
    assert "U kunt uw eigen rol en organisatie niet wijzigen" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == Role.ADMINISTRATOR


def test_deactivate_keeps_the_account_and_stops_the_sign_in(as_admin, client, colleague):
    assert as_admin.post(reverse("administration:user_deactivate", args=[colleague.pk])).status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_active and User.objects.filter(pk=colleague.pk).exists()
    record = ChangeRecord.objects.filter(object_id=colleague.pk, content_type__model="user").latest("id")
    assert record.changes == {"is_active": [True, False]} and record.note == "gedeactiveerd"
    html = as_admin.get(reverse("administration:audit")).content.decode()
    assert "gedeactiveerd" in html
    assert as_admin.post(reverse("administration:user_activate", args=[colleague.pk])).status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_active


def test_the_national_administrator_chooses_the_organisation(client, national, other_service):
    client.force_login(national)
    response = _create(client, organisation=other_service.pk)
    assert response.status_code == 302
    assert User.objects.get(username="nieuwe.collega").organisation == other_service
    response = _create(client, username="zonder-organisatie", organisation="")
    assert response.status_code == 400 and "Kies de organisatie van de gebruiker." in response.content.decode()
