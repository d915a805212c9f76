"""The partner's subscriptions to change notifications (/webhooks/): the list, a new one (its secret shown once, in
the answer to the form, never stored in the session), and per subscription the delivery log, deactivation and a
replay from a moment. Everyone of the organisation reads them; managers and administrators change them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.core.views import flash_errors, or_404

from . import events, selectors, services
from .forms import ReplayForm, SubscriptionForm

PER_PAGE = 50


def _subscription(request, pk: int):
    return or_404(selectors.subscription, request.user, pk)


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
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
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
    try:
        services.deactivate(user=request.user, subscription=subscription)
    except PermissionDenied as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Het abonnement is gedeactiveerd; er worden geen berichten meer verstuurd."))
    return redirect("webhooks:subscription", pk=subscription.pk)


@login_required
@require_POST
def replay(request, pk: int):
    subscription = _subscription(request, pk)
    form = ReplayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een geldig tijdstip (datum en tijd)."))
        return redirect("webhooks:subscription", pk=subscription.pk)
    try:
        sent = services.replay(user=request.user, subscription=subscription, since=form.cleaned_data["since"])
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("%(count)s berichten worden opnieuw verstuurd.") % {"count": len(sent)})
    return redirect("webhooks:subscription", pk=subscription.pk)
