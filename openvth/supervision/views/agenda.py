"""Mijn agenda: the inspector's visits by day (today and this week first, then filtered and paged) with a start
button each, and the iCalendar feed of those visits.

Thin views: reads through selectors/agenda.py and selectors/planning.py, writes through services/agenda.py; the feed
is written by ical.py.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.core import clock
from openvth.core.confirm import confirmation_page, confirmed

from .. import ical
from ..forms.agenda import PERIOD_LABELS, AgendaFilterForm
from ..forms.planning import MONTH_NAMES
from ..selectors import agenda as agenda_selectors
from ..selectors import planning as selectors
from ..services import agenda as services

AGENDA_PER_PAGE = 50


def _calendar_page(request, new_url: str = ""):
    """Today and the rest of this week first, then the visits the filters ask for, 50 a page; the feed address."""
    today = clock.today()
    filters = AgendaFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    period, kind, status = chosen.get("periode") or "later", chosen.get("soort") or "", chosen.get("status") or "open"
    found = agenda_selectors.agenda(request.user, today=today, period=period, kind=kind, status=status)
    page = Paginator(found.listed, AGENDA_PER_PAGE).get_page(request.GET.get("pagina"))
    query = urlencode({"periode": period, "soort": kind, "status": status})
    context = {
        "feed": selectors.calendar_feed(request.user),
        "new_url": new_url,
        "today": today,
        "week_end": agenda_selectors.week_end(today),
        "today_visits": list(found.today),
        "week_visits": list(found.this_week),
        "page": page,
        "filters": filters,
        "period_label": PERIOD_LABELS[period],
        "query": query,
        "month_names": MONTH_NAMES,
    }
    return render(request, "supervision/agenda/calendar.html", context)


@login_required
def calendar(request):
    return _calendar_page(request)


@login_required
@require_POST
def calendar_renew(request):
    """A new feed address, shown on this answer only (just its digest is stored); the old one stops working."""
    if not confirmed(request) and selectors.calendar_feed(request.user):  # a first address replaces nothing
        return confirmation_page(
            request,
            question=_("Een nieuw agenda-adres maken? Het huidige adres werkt dan direct niet meer."),
            button=_("Nieuw adres maken"),
            back=reverse("supervision:calendar"),
        )
    token = services.renew_calendar_feed(user=request.user)
    return _calendar_page(request, request.build_absolute_uri(reverse("supervision:calendar_feed", args=[token])))


@login_required
@require_POST
def calendar_revoke(request):
    if not confirmed(request) and selectors.calendar_feed(request.user):
        return confirmation_page(
            request,
            question=_("Het agenda-adres intrekken? Uw agenda toont de bezoeken dan niet meer."),
            button=_("Adres intrekken"),
            back=reverse("supervision:calendar"),
            danger=True,
        )
    services.revoke_calendar_feed(user=request.user)
    messages.success(request, _("Het agenda-adres is ingetrokken: het werkt niet meer."))
    return redirect("supervision:calendar")


def calendar_feed(request, token: str):
    """The inspector's visits as iCalendar; calendar clients cannot log in, so the secret token is the key."""
    user = selectors.calendar_feed_owner(token)
    if user is None:
        raise Http404
    events = [agenda_selectors.visit_event(v) for v in selectors.calendar_visits(user)]
    body = ical.calendar(events, name=_("Toezichtbezoeken van %(name)s") % {"name": str(user)}, stamp=clock.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="toezicht.ics"'
    return response
