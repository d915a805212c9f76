"""The pages of no single app: the home page with the user's work and the one search over everything."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from openvth.core import clock
from openvth.core import search as everything
from openvth.core.home import work

MAX_QUERY = 200
MENU_COUNTS = "openvth_menu_counts"  # session key: the counts of the last home page, for the menu of every page


def menu_counts(request) -> dict[str, int]:
    """The counts of the user's work as the home page last read them (login lands there)."""
    return request.session.get(MENU_COUNTS, {})


@login_required
def home(request):
    """The landing page after login: the user's own work, each block linking to its full list."""
    found = work(request.user)
    if request.session.get(MENU_COUNTS) != found.counts:
        request.session[MENU_COUNTS] = found.counts
    return render(request, "core/home.html", {"work": found, "today": clock.today()})


@login_required
def search(request):
    """One search over everything the user may see; a case number goes straight to the case."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    case = everything.case_for_reference(request.user, query)
    if case is not None:
        return redirect("enforcement:case", pk=case.pk)
    context = {
        "query": query,
        "groups": everything.search(request.user, query),
        "too_short": 0 < len(query) < everything.MIN_TEXT,
    }
    return render(request, "core/search.html", context)
