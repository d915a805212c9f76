"""OpenID Connect sign-in per organisation: mozilla-django-oidc's views with the provider of the login button."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.views import LogoutView
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .backends import OIDC_BACKEND, OIDC_PROVIDER_SESSION_KEY
from .models import OidcProvider


class OidcStartView(OIDCAuthenticationRequestView):
    """Send the browser to the provider's authorization endpoint (state, nonce and PKCE kept in the session)."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the endpoint and client come from the provider, not from settings

    def get_settings(self, attr, *args):
        if attr == "OIDC_RP_SCOPES":
            return self.provider.scopes
        return import_from_settings(attr, *args)

    def get(self, request, slug: str):
        self.provider = get_object_or_404(OidcProvider, slug=slug, is_active=True)
        self.OIDC_OP_AUTH_ENDPOINT = self.provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        request.session[OIDC_PROVIDER_SESSION_KEY] = self.provider.pk
        return super().get(request)


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: openvth.accounts.backends.OrganisationOidcBackend signs the user in or refuses."""

    def login_failure(self):
        messages.error(
            self.request, getattr(self.request, "oidc_refusal", None) or _("Inloggen via uw organisatie is mislukt.")
        )
        return redirect("login")


def end_session_url(request) -> str | None:
    """Where to send a user who signed in through an organisation's provider when he signs out here: its
    end_session_endpoint (OpenID Connect RP-Initiated Logout 1.0) with the ID token as hint, so the single sign-on
    session ends too; None for a local sign-in or a provider without one."""
    session = request.session
    if session.get(BACKEND_SESSION_KEY) != OIDC_BACKEND:
        return None
    provider = OidcProvider.objects.filter(pk=session.get(OIDC_PROVIDER_SESSION_KEY)).first()
    if provider is None or not provider.end_session_endpoint:
        return None
    params = {"client_id": provider.client_id, "post_logout_redirect_uri": request.build_absolute_uri(reverse("login"))}
    if session.get("oidc_id_token"):
        params["id_token_hint"] = session["oidc_id_token"]
    separator = "&" if "?" in provider.end_session_endpoint else "?"
    return provider.end_session_endpoint + separator + urlencode(params)


class OidcLogoutView(LogoutView):
    """Sign out; after an OIDC sign-in also at the provider (read before the session is emptied)."""

    def post(self, request, *args, **kwargs):
        at_provider = end_session_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(at_provider) if at_provider else response
