"""Sign-in pages: login, the second factor, the user's own security page and API tokens, and the administrator's
page of locked accounts."""

from base64 import b32encode

import segno
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import selectors, services
from .forms import ApiTokenForm, EnrolForm, SecondFactorForm
from .middleware import SECOND_FACTOR_PENDING


class LoginView(auth_views.LoginView):
    """The password form, with a button per organisation that signs in through its own identity provider."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(providers=selectors.sign_in_providers(), **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password through the mailed link also ends a lock-out: the user proved they hold the mailbox."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=self.user.get_username())
        return response


def locked_out(request, original_response=None, credentials=None):
    """The answer to a sign-in of a locked-out username or address (settings.AXES_LOCKOUT_CALLABLE)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _pending(request) -> bool:
    return bool(request.session.get(SECOND_FACTOR_PENDING))


def _second_factor_given(request, device) -> None:
    otp_login(request, device)
    request.session.pop(SECOND_FACTOR_PENDING, None)


# --- second factor -------------------------------------------------------------------------------------------------


@login_required
def second_factor(request):
    """The step after the password where a second factor is required."""
    if not _pending(request):
        return redirect(_next_url(request))
    if selectors.totp_device(request.user) is None:
        return redirect(f"{resolve_url('second_factor_enrol')}?{request.GET.urlencode()}")
    form = SecondFactorForm(request.POST or None)
    if form.is_valid():
        device = services.verify_second_factor(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            _second_factor_given(request, device)
            return redirect(_next_url(request))
        # a wrong code counts as a failed sign-in: too many lock the account like wrong passwords do
        user_login_failed.send(__name__, credentials={"username": request.user.get_username()}, request=request)
        if getattr(request, "axes_locked_out", False):
            logout(request)  # axes.middleware answers with the lock-out page
        form.add_error("code", _("Deze code klopt niet. Na enkele foute codes moet u steeds langer wachten."))
    return render(request, "accounts/second_factor.html", {"form": form, "next": _next_url(request)})


@login_required
def second_factor_enrol(request):
    """Set up an authenticator app: scan the QR code, confirm with a code; then the backup codes, shown once."""
    if _pending(request) and selectors.totp_device(request.user) is not None:
        return redirect("second_factor")  # only the app already set up proves who this is
    form = EnrolForm(request.POST or None)
    if form.is_valid():
        try:
            device, codes = services.confirm_totp_enrolment(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _second_factor_given(request, device)
            return render(request, "accounts/backup_codes.html", {"codes": codes, "next": _next_url(request)})
    device = services.start_totp_enrolment(user=request.user)
    context = {
        "form": form,
        "secret": _grouped_secret(device),
        "next": _next_url(request),
        "pending": _pending(request),
    }
    return render(request, "accounts/enrol.html", context)


def _grouped_secret(device: TOTPDevice) -> str:
    """The secret for typing into the app by hand, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def second_factor_qr(request):
    """The QR code of the app being set up, as an SVG image (no inline SVG: the page's policy allows images only
    from here)."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        raise Http404
    response = HttpResponse(content_type="image/svg+xml")
    # a standalone SVG document (with its namespace: an <img> shows nothing without it), white behind the code
    segno.make(device.config_url, error="m").save(
        response, kind="svg", scale=5, border=4, dark="#000", light="#fff", xmldecl=False, svgclass=None
    )
    return response


@login_required
@require_POST
def backup_codes(request):
    try:
        codes = services.new_backup_codes(user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("account")
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next": resolve_url("account")})


# --- the user's own security page and API tokens -------------------------------------------------------------------


@login_required
def account(request):
    context = {
        "device": selectors.totp_device(request.user),
        "backup_codes_left": selectors.backup_codes_left(request.user),
        "required": selectors.second_factor_required(request.user),
        "administers": selectors.administered_users(request.user).exists(),
    }
    return render(request, "accounts/account.html", context)


@login_required
def api_tokens(request):
    """The user's tokens; a new one is shown once, on the answer to its creation."""
    form = ApiTokenForm(request.POST or None)
    key = None
    if form.is_valid():
        try:
            _token, key = services.create_api_token(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ApiTokenForm()
    context = {"form": form, "key": key, "tokens": selectors.api_tokens_of(request.user)}
    return render(request, "accounts/api_tokens.html", context)


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    get_object_or_404(selectors.api_tokens_of(request.user), pk=pk)  # another user's token is not found
    token = services.revoke_api_token(user=request.user, token_id=pk)
    messages.success(request, _("De token %(name)s is ingetrokken.") % {"name": token.name})
    return redirect("api_tokens")


# --- the administrator: locked accounts and lost authenticator apps ------------------------------------------------


@login_required
def sign_in_administration(request):
    users = selectors.administered_users(request.user)
    if not users.exists():
        raise PermissionDenied(_("Alleen de beheerder van een organisatie beheert het inloggen van haar gebruikers."))
    context = {
        "locked": selectors.locked_out_users(request.user),
        "with_app": users.filter(totpdevice__confirmed=True).distinct().order_by("username"),
    }
    return render(request, "accounts/sign_in_administration.html", context)


def _for_colleague(request, pk: int, service, message: str):
    """A button of the sign-in administration: the service for one colleague, then that page again."""
    user = get_object_or_404(selectors.colleagues(request.user), pk=pk)
    service(administrator=request.user, user=user)
    messages.success(request, message % {"user": user})
    return redirect("sign_in_administration")


@login_required
@require_POST
def unlock(request, pk: int):
    return _for_colleague(request, pk, services.unlock, _("%(user)s is ontgrendeld en kan weer inloggen."))


@login_required
@require_POST
def reset_second_factor(request, pk: int):
    message = _("%(user)s stelt bij de volgende keer inloggen een nieuwe app in.")
    return _for_colleague(request, pk, services.reset_second_factor, message)
