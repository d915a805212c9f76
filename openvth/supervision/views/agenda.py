"""Mijn agenda: the inspector's visits by day (today and this week first, then filtered and paged) with a start
button each, and the iCalendar feed of those visits.

Thin views: reads through selectors/agenda.py and selectors/planning.py, writes through the services.
"""

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openvth.core import clock
from openvth.core.confirm import confirmation_page, confirmed

from ..models import Inspection
from ..selectors import agenda as agenda_selectors
from ..selectors import planning as selectors
from ..services import calendar_feeds
from .planning import MONTH_NAMES

AGENDA_PER_PAGE = 50
PERIOD_LABELS = {
    "later": gettext_lazy("na deze week"),
    "overdue": gettext_lazy("achterstallig"),
    "month": gettext_lazy("deze maand"),
    "next_month": gettext_lazy("volgende maand"),
    "all": gettext_lazy("alles"),
}
STATUS_LABELS = {
    "open": gettext_lazy("nog te doen"),
    "planned": gettext_lazy("gepland"),
    "started": gettext_lazy("in uitvoering"),
    "done": gettext_lazy("uitgevoerd"),
    "all": gettext_lazy("alle"),
}


class AgendaFilterForm(forms.Form):
    periode = forms.ChoiceField(label=gettext_lazy("Periode"), choices=list(PERIOD_LABELS.items()), required=False)
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"), choices=[("", gettext_lazy("alle soorten")), *Inspection.Kind.choices],
        required=False,
    )  # fmt: skip
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=list(STATUS_LABELS.items()), required=False)


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
    return render(request, "supervision/planning/calendar.html", context)


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
    token = calendar_feeds.renew_calendar_feed(user=request.user)
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
    calendar_feeds.revoke_calendar_feed(user=request.user)
    messages.success(request, _("Het agenda-adres is ingetrokken: het werkt niet meer."))
    return redirect("supervision:calendar")


def calendar_feed(request, token: str):
    """The inspector's visits as iCalendar; calendar clients cannot log in, so the secret token is the key."""
    user = selectors.calendar_feed_owner(token)
    if user is None:
        raise Http404
    body = icalendar(selectors.calendar_visits(user), name=str(user), stamp=clock.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="toezicht.ics"'
    return response


def ical_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def ical_fold(line: str) -> str:
    """Lines of at most 75 octets (RFC 5545 3.1), continued after CRLF and one space, never inside a character."""
    encoded, parts, limit = line.encode(), [], 75
    while len(encoded) > limit:
        cut = limit
        while encoded[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        parts.append(encoded[:cut].decode())
        encoded, limit = encoded[cut:], 74  # the leading space counts
    parts.append(encoded.decode())
    return "\r\n ".join(parts)


def _first_of_next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def icalendar(visits, *, name: str, stamp: datetime.datetime) -> str:
    """A VCALENDAR of one all-day event per visit: its planned day (or its inspection's), else the whole month."""
    utc = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//openvth//Toezicht//NL",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ical_text(_('Toezichtbezoeken van %(name)s') % {'name': name})}",
    ]
    for visit in visits:
        planned_on = visit.planned_on or (visit.inspection.planned_on if visit.inspection_id else None)
        start = planned_on or datetime.date(visit.programme.year, visit.month, 1)
        end = start + datetime.timedelta(days=1) if planned_on else _first_of_next_month(start)
        e = visit.establishment
        lines += [
            "BEGIN:VEVENT",
            f"UID:planned-visit-{visit.pk}@openvth",
            f"DTSTAMP:{utc}",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"SUMMARY:{ical_text(f'{visit.get_kind_display().capitalize()}: {e.name}')}",
            f"LOCATION:{ical_text(e.address)}",
            f"DESCRIPTION:{ical_text(visit.reason)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(ical_fold(line) + "\r\n" for line in lines)
