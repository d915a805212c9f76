"""Writes of the sign-in security, each in one transaction: API tokens, unlocking, the second factor, OIDC users."""

import hashlib
import logging
import secrets
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.core import clock
from openvth.core.history import record_change, snapshot
from openvth.core.models import ChangeRecord

from .backends import OidcRefused
from .models import ApiToken, OidcProvider, Role, User
from .selectors import may_administer, totp_device

log = logging.getLogger("openvth.security")

API_TOKEN_PREFIX = "ovt_"  # recognisable for secret scanners
BACKUP_CODES = 10


# --- API tokens -----------------------------------------------------------------------------------------------------


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token and its key; the key is not stored and cannot be shown again."""
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {"days": _("Kies een geldigheid van 1 tot %(max)s dagen.") % {"max": settings.API_TOKEN_MAX_DAYS}}
        )
    if not name.strip():
        raise ValidationError({"name": _("Geef de token een naam.")})
    key = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = clock.now()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=key[:12],
        digest=token_digest(key),
        created=now,
        expires=now + timedelta(days=days),
    )
    log.warning("API-token %s… gemaakt voor %s, geldig tot %s", token.prefix, user.username, token.expires)
    return token, key


@transaction.atomic
def revoke_api_token(*, user, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    if token is None or (token.user_id != user.pk and not user.is_superuser):
        raise PermissionDenied(_("Dit is niet uw token."))
    if token.revoked is None:
        token.revoked = clock.now()
        token.save(update_fields=["revoked"])
        log.warning("API-token %s… van %s ingetrokken door %s", token.prefix, token.user.username, user.username)
    return token


# --- lock-out ------------------------------------------------------------------------------------------------------


@transaction.atomic
def unlock(*, administrator, user: User) -> int:
    """End the lock-out of a user (every failed attempt with their username); only their organisation's
    administrator may."""
    if not may_administer(administrator, user):
        raise PermissionDenied(_("U mag alleen gebruikers van uw eigen organisatie ontgrendelen."))
    removed = axes_reset(username=user.username)
    record_change(
        user, user=administrator, action=ChangeRecord.Action.UPDATE, before=snapshot(user), note=_("ontgrendeld")
    )
    log.warning("%s ontgrendeld door %s", user.username, administrator.username)
    return removed


# --- second factor -------------------------------------------------------------------------------------------------


@transaction.atomic
def start_totp_enrolment(*, user) -> TOTPDevice:
    """The user's authenticator app to be confirmed: the same secret until confirmed, so a reload keeps the QR."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=_("Authenticator-app"), confirmed=False)


@transaction.atomic
def confirm_totp_enrolment(*, user, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with a code from it; it replaces an earlier app, and new backup codes replace the old."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(code.strip()):
        raise ValidationError({"code": _("Deze code klopt niet. Voer de zes cijfers in die de app nu toont.")})
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    log.warning("tweestapsverificatie ingesteld door %s", user.username)
    return device, _replace_backup_codes(user)


@transaction.atomic
def new_backup_codes(*, user) -> list[str]:
    if totp_device(user) is None:
        raise ValidationError(_("Stel eerst tweestapsverificatie met een app in."))
    return _replace_backup_codes(user)


def _replace_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Reservecodes"), confirmed=True)
    codes = [StaticToken.random_token() for _n in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def verify_second_factor(*, user, code: str):
    """The device that accepts the code: six digits from the app, otherwise a backup code (used once)."""
    code = code.strip().replace(" ", "").lower()
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is not None and device.verify_token(code):
        return device
    return None


@transaction.atomic
def reset_second_factor(*, administrator, user: User) -> None:
    """Remove a user's app and backup codes (a lost phone): they set up a new app at their next sign-in."""
    if not may_administer(administrator, user):
        raise PermissionDenied(_("U mag alleen gebruikers van uw eigen organisatie beheren."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_change(
        user,
        user=administrator,
        action=ChangeRecord.Action.UPDATE,
        before=snapshot(user),
        note=_("tweestapsverificatie opnieuw in te stellen"),
    )
    log.warning("tweestapsverificatie van %s verwijderd door %s", user.username, administrator.username)


# --- OpenID Connect ------------------------------------------------------------------------------------------------


def _claimed_organisation(provider: OidcProvider, claims: dict):
    organisations = provider.organisations.all()
    if provider.organisation_claim:
        code = claims.get(provider.organisation_claim)
        organisation = organisations.filter(code=code).first() if isinstance(code, str) else None
        if organisation is None:
            raise OidcRefused(
                _("Uw organisatie (%(code)s) kan via %(provider)s niet inloggen.")
                % {"code": code or "?", "provider": provider.name}
            )
        return organisation
    if len(organisations) != 1:
        raise OidcRefused(_("Bij %(provider)s is geen organisatie ingesteld.") % {"provider": provider.name})
    return organisations[0]


def _claimed_role(provider: OidcProvider, claims: dict) -> str:
    values = claims.get(provider.role_claim) or []
    for value in [values] if isinstance(values, str) else values:
        role = provider.role_map.get(value) if provider.role_map else value
        if role in Role.values:
            return role
    raise OidcRefused(_("Uw rol in openvth is niet bekend bij %(provider)s.") % {"provider": provider.name})


@transaction.atomic
def sign_in_from_oidc(*, provider: OidcProvider, claims: dict) -> User:
    """The account of the provider's subject, made on the first sign-in and brought up to date with the claims on
    each (organisation, role, name, e-mail); never an administrator of the installation."""
    subject = claims.get("sub")
    if not subject:
        raise OidcRefused(_("De provider gaf geen subject."))
    organisation = _claimed_organisation(provider, claims)
    role = _claimed_role(provider, claims)
    user = User.objects.select_for_update().filter(oidc_provider=provider, oidc_subject=subject).first()
    if user is None:
        # a colon never occurs in a local username (Django's validator), so no local account can be taken over
        username = f"{provider.slug}:{claims.get(provider.username_claim) or subject}"[:150]
        if User.objects.filter(username=username).exists():
            username = f"{provider.slug}:{subject}"[:150]
        user = User(username=username, oidc_provider=provider, oidc_subject=subject)
        user.set_unusable_password()
    user.organisation = organisation
    user.role = role
    user.first_name = str(claims.get("given_name", ""))[:150]
    user.last_name = str(claims.get("family_name", ""))[:150]
    user.email = str(claims.get("email", ""))[:254]
    user.save()
    return user
