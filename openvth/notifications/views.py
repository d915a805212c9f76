"""The user's notifications (the bell's page) and his choices per kind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.core.views import run_service

from . import selectors, services
from .forms import PreferencesForm

PER_PAGE = 50


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications(request.user), PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "notifications/list.html", {"page": page, "unread": selectors.unread_count(request.user)})


@login_required
def notification_open(request, pk: int):
    """Marks it read and goes on to the record."""
    notification = get_object_or_404(selectors.notifications(request.user), pk=pk)
    services.mark_read(user=request.user, notification=notification)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(notification.url)


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, _("%(count)s notificaties gemarkeerd als gelezen.") % {"count": count})
    return redirect("notifications:list")


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := run_service(
                request,
                form,
                lambda: services.save_preferences(user=request.user, choices=form.choices()),
                success_message=_("Uw keuzes zijn opgeslagen."),
                redirect_to="notifications:preferences",
            )
        )
    ):
        return done
    return render(request, "notifications/preferences.html", {"form": form})
