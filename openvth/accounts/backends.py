"""Authentication backends: the lock-out check before every sign-in, and OpenID Connect per organisation."""

import logging

import requests
from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from .models import OidcProvider

log = logging.getLogger("openvth.security")

OIDC_PROVIDER_SESSION_KEY = "openvth_oidc_provider"  # set when a sign-in at a provider starts (views_oidc)
OIDC_BACKEND = "openvth.accounts.backends.OrganisationOidcBackend"


def client_ip(request) -> str | None:
    """The address that failed sign-ins are counted for (settings.AXES_CLIENT_IP_CALLABLE): REMOTE_ADDR, or the
    client's address behind settings.TRUSTED_PROXIES; None without a network request (the test client's login)."""
    if not request.META.get("REMOTE_ADDR"):
        return None
    from openvth.supervision.views.inspections import client_ip as visitor_ip  # the one reading of TRUSTED_PROXIES

    return visitor_ip(request)


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, first in AUTHENTICATION_BACKENDS: a locked-out username or address gets no further. A
    sign-in without a web request (the test client's login, a shell) has no address to count: it passes on."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class OidcRefused(PermissionDenied):
    """The provider vouched for someone openvth does not let in; the message is shown on the login page."""


class OrganisationOidcBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow with the provider chosen on the login page (accounts.OidcProvider) instead
    of settings; the ID token's issuer and audience are checked, the user is found by provider + subject."""

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()  # the endpoints and client come from the provider of each sign-in

    def get_settings(self, attr, *args):
        return import_from_settings(attr, *args)

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs:  # only the callback of a started OIDC sign-in
            return None
        provider = OidcProvider.objects.filter(
            pk=request.session.get(OIDC_PROVIDER_SESSION_KEY), is_active=True
        ).first()
        if provider is None:
            return None
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = provider.sign_algorithm
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            return super().authenticate(request, **kwargs)
        except OidcRefused as refusal:
            request.oidc_refusal = str(refusal)
            log.warning("OIDC-aanmelding via %s geweigerd: %s", provider.slug, refusal)
            raise
        except (SuspiciousOperation, requests.RequestException) as error:
            log.warning("OIDC-aanmelding via %s mislukt: %s", provider.slug, error)
            raise PermissionDenied from error

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)  # signature, expiry and nonce
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != self.provider.issuer or self.provider.client_id not in audiences:
            raise SuspiciousOperation("ID-token van een andere issuer of voor een andere client")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        # roles and groups often come only in the ID token (Entra ID): the userinfo answer adds to it
        if not self.provider.userinfo_endpoint:
            return dict(payload)
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):  # OpenID Connect Core 1.0 §5.3.2
            raise SuspiciousOperation("userinfo van een ander subject dan het ID-token")
        return {**payload, **userinfo}

    def get_or_create_user(self, access_token, id_token, payload):
        from .services import sign_in_from_oidc

        claims = self.get_userinfo(access_token, id_token, payload)
        return sign_in_from_oidc(provider=self.provider, claims=claims)
