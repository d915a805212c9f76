"""Reads of the sign-in security: who must give a second factor, which accounts are locked, whose tokens."""

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, Sum
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.core import clock
from openvth.core.permissions import Action, may

from .models import ApiToken, OidcProvider, Role, SecondFactorPolicy, User


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def backup_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def second_factor_required(user) -> bool:
    """After the password: a user with an authenticator app always, others where a policy covers them."""
    if totp_device(user) is not None:
        return True
    policies = SecondFactorPolicy.objects.filter(Q(organisation__isnull=True) | Q(organisation_id=user.organisation_id))
    return any(policy.covers(user) for policy in policies)


def may_administer(administrator, user) -> bool:
    """An organisation's administrator manages the sign-in of its own users; the installation's superuser of all."""
    return may(administrator, Action.ADMINISTER, user)


def colleagues(user):
    """The accounts of the user's own organisation (every account for the superuser): another organisation's are
    not found (404), like any record one may not open."""
    if user.is_superuser:
        return User.objects.all()
    return User.objects.filter(organisation_id=user.organisation_id) if user.organisation_id else User.objects.none()


def administered_users(administrator):
    if administrator.is_superuser:
        return User.objects.all()
    if administrator.role != Role.ADMINISTRATOR or administrator.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=administrator.organisation_id)


def locked_out_users(administrator) -> list[tuple[User, int]]:
    """The administrator's users locked out by failed sign-ins now, with their count (the rule of django-axes:
    AXES_FAILURE_LIMIT failures within AXES_COOLOFF_TIME)."""
    users = administered_users(administrator)
    failures = dict(
        AccessAttempt.objects.filter(
            attempt_time__gte=clock.now() - settings.AXES_COOLOFF_TIME, username__in=users.values("username")
        )
        .values_list("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    return [
        (user, failures[user.username])
        for user in users.filter(username__in=failures).select_related("organisation").order_by("username")
    ]


def api_tokens_of(user):
    return ApiToken.objects.filter(user=user)


def sign_in_providers():
    return OidcProvider.objects.filter(is_active=True).order_by("name")
