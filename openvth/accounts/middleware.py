"""The session after sign-in: the second factor still to give, and expiry after inactivity."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from openvth.core import clock

# in the session: the password was right, the second factor is still to give (set at sign-in, openvth.accounts.signals)
SECOND_FACTOR_PENDING = "openvth_second_factor_pending"
LAST_SEEN = "openvth_last_seen"  # when the session was last renewed (seconds since the epoch)
RENEW_AFTER_SECONDS = 60
# what a user may reach between password and second factor
SECOND_FACTOR_PAGES = ("second_factor", "second_factor_enrol", "second_factor_qr", "login", "logout")


def _has_session(request) -> bool:
    # no session cookie, no session read: public answers stay free of `Vary: Cookie`
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class SecondFactorMiddleware:
    """Until the second factor is given the user is not signed in: the session API answers as to an anonymous
    visitor, pages send them to the verification (or enrolment) page. Token authentication is not affected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_session(request) and request.session.get(SECOND_FACTOR_PENDING):
            if request.path_info.startswith("/api/"):
                request.user = AnonymousUser()
            elif request.path_info not in {reverse(name) for name in SECOND_FACTOR_PAGES}:
                return redirect(f"{reverse('second_factor')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class IdleSessionMiddleware:
    """A signed-in session ends SESSION_COOKIE_AGE after its last request. It is renewed (stored again, the cookie's
    expiry moved on) at most once a minute rather than on every request as SESSION_SAVE_EVERY_REQUEST would, and
    never on an answer meant for public caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _has_session(request) and "public" not in response.get("Cache-Control", ""):
            session = request.session
            now = int(clock.now().timestamp())
            if SESSION_KEY in session and session.get(LAST_SEEN, 0) <= now - RENEW_AFTER_SECONDS:
                session[LAST_SEEN] = now
        return response
