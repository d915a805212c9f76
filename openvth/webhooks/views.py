"""The partner's subscriptions to change notifications (/webhooks/): the list, a new one (its secret shown once, in
the answer to the form, never stored in the session), and per subscription the delivery log, deactivation and a
replay from a moment. Everyone of the organisation reads them; managers and administrators change them."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.core.forms import add_service_errors
from openvth.core.views import or_404, run_service

from . import events, selectors, services
from .forms import ReplayForm, SubscriptionForm

PER_PAGE = 50


def _subscription(request, pk: int):
    return or_404(selectors.subscription, request.user, pk)


def _button(request, subscription, call, success_message):
    """A button on the subscription's page: the service, then that page with what it did or why it refused."""
    page = reverse("webhooks:subscription", args=[subscription.pk])
    return run_service(request, None, call, success_message=success_message, redirect_to=page, denied=True)


@login_required
def subscriptions(request):
    context = {
        "subscriptions": selectors.subscriptions(request.user),
        "may_manage": services.may_manage(request.user),
        "types": events.TYPES,
    }
    return render(request, "webhooks/subscription_list.html", context)


@login_required
def create(request):
    if not services.may_manage(request.user):
        raise PermissionDenied(services.REFUSAL)
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = services.create_subscription(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = render(request, "webhooks/secret.html", {"subscription": subscription, "secret": secret})
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "webhooks/subscription_form.html", {"form": form})


@login_required
def detail(request, pk: int):
    subscription = _subscription(request, pk)
    page = Paginator(selectors.deliveries(subscription), PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "subscription": subscription,
        "page": page,
        "may_manage": services.may_manage(request.user, subscription),
        "replay_form": ReplayForm(),
    }
    return render(request, "webhooks/subscription_detail.html", context)


@login_required
@require_POST
def deactivate(request, pk: int):
    subscription = _subscription(request, pk)
    end = partial(services.deactivate, user=request.user, subscription=subscription)
    return _button(
        request, subscription, end, _("Het abonnement is gedeactiveerd; er worden geen berichten meer verstuurd.")
    )


@login_required
@require_POST
def replay(request, pk: int):
    subscription = _subscription(request, pk)
    form = ReplayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een geldig tijdstip (datum en tijd)."))
        return redirect("webhooks:subscription", pk=subscription.pk)
    since = form.cleaned_data["since"]
    return _button(
        request,
        subscription,
        lambda: services.replay(user=request.user, subscription=subscription, since=since),
        lambda sent: _("%(count)s berichten worden opnieuw verstuurd.") % {"count": len(sent)},
    )
