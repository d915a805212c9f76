"""API authentication with an accounts.ApiToken: `Authorization: Token <key>`, the header DRF's tokens used."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import TokenScheme
from rest_framework import authentication, exceptions

from openvth.core import clock

from .models import ApiToken
from .services import token_digest


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Geef precies één token na 'Token'."))
        try:
            key = parts[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Ongeldige token.")) from None
        token = ApiToken.objects.usable().select_related("user").filter(digest=token_digest(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Ongeldige, verlopen of ingetrokken token."))
        today = clock.today()
        if token.last_used != today:  # at most one write a day
            ApiToken.objects.filter(pk=token.pk).update(last_used=today)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(TokenScheme):
    """The same `tokenAuth` scheme in the OpenAPI file as DRF's tokens had."""

    target_class = "openvth.accounts.authentication.ApiTokenAuthentication"
