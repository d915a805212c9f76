"""OpenID Connect sign-in per organisation: mozilla-django-oidc's views with the provider of the login button."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .backends import OIDC_PROVIDER_SESSION_KEY
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
