"""At sign-in: is a second factor still to give, and the session's start for the inactivity limit."""

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from openvth.core import clock

from .backends import OIDC_BACKEND
from .middleware import LAST_SEEN, SECOND_FACTOR_PENDING
from .selectors import second_factor_required


@receiver(user_logged_in, dispatch_uid="openvth.accounts.second_factor")
def ask_second_factor(sender, request, user, **kwargs):
    session = request.session
    session[LAST_SEEN] = int(clock.now().timestamp())
    # an organisation's identity provider applies its own multi-factor policy to an OIDC sign-in
    if session.get(BACKEND_SESSION_KEY) != OIDC_BACKEND and second_factor_required(user):
        session[SECOND_FACTOR_PENDING] = True
    else:
        session.pop(SECOND_FACTOR_PENDING, None)
