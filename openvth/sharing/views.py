"""Pages of chain sharing: thin views that read through the selectors and write through the services."""

import io
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openvth.core import clock
from openvth.core.forms import add_service_errors
from openvth.core.history import history_of
from openvth.core.permissions import Action, has_role, may
from openvth.core.views import run_service
from openvth.register.views import history_rows

from . import selectors, services
from .forms import AgreementForm, LogFilterForm, PurposeForm
from .models import SharingAgreement


@login_required
def dossier(request, pk: int):
    """The purpose form; posted, the chain dossier read for that purpose (and logged)."""
    found = selectors.reach(request.user, pk, clock.today())
    form = PurposeForm(request.POST or None)
    context = {"company": found.company, "form": form, "dossier": None}
    if request.method == "POST" and form.is_valid():
        try:
            context["dossier"] = selectors.chain_dossier(
                request.user, pk, purpose_code=form.cleaned_data["purpose"], note=form.cleaned_data["note"], found=found
            )
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "sharing/dossier.html", context)


@login_required
def agreement_list(request):
    context = {
        "agreements": selectors.agreements(request.user),
        "may_manage": has_role(request.user, Action.MANAGE_SHARING),
    }
    return render(request, "sharing/agreement_list.html", context)


def _ends(agreement: SharingAgreement, valid_to) -> bool:
    """The change ends an agreement that holds today: an irreversible step for what the partners could read."""
    return agreement.is_active and valid_to is not None and valid_to < clock.today()


def _save_agreement(request, agreement: SharingAgreement | None):
    owner_id = agreement.owner_id if agreement is not None else request.user.organisation_id
    if not may(request.user, Action.MANAGE_SHARING, owner_id):
        raise PermissionDenied
    initial = {}
    if agreement is not None:
        initial = {
            "partners": agreement.partners.all(),
            "kinds": agreement.kinds,
            "purpose_code": agreement.purpose_code,
            "purpose": agreement.purpose,
            "valid_from": agreement.valid_from,
            "valid_to": agreement.valid_to,
        }
    form = AgreementForm(request.POST or None, initial=initial, owner_id=request.user.organisation_id)
    if request.method == "POST" and form.is_valid():

        def save():
            if agreement is None:
                return services.create_agreement(user=request.user, **form.cleaned_data)
            return services.update_agreement(user=request.user, agreement=agreement, **form.cleaned_data)

        confirm = None
        if agreement is not None and _ends(agreement, form.cleaned_data["valid_to"]):
            confirm = {
                "question": _("Deze deelafspraak beëindigen? De partners zien de gegevens daarna niet meer."),
                "button": _("Deelafspraak beëindigen"),
                "back": reverse("sharing:agreement", args=[agreement.pk]),
                "danger": True,
            }
        done = run_service(
            request,
            form,
            save,
            success_message=_("De deelafspraak is opgeslagen."),
            redirect_to="sharing:agreements",
            confirm=confirm,
        )
        if done:
            return done
    history = []
    if agreement is not None:
        history = history_rows(history_of(agreement)[:50], SharingAgreement)
    context = {"form": form, "agreement": agreement, "history": history, "end_on": clock.today() - timedelta(days=1)}
    return render(request, "sharing/agreement_form.html", context)


@login_required
def agreement_create(request):
    return _save_agreement(request, None)


@login_required
def agreement_edit(request, pk: int):
    return _save_agreement(request, get_object_or_404(selectors.agreements(request.user), pk=pk))


@login_required
def access_log(request):
    """Who read this organisation's data, why and when; managers and administrators, also as CSV."""
    if not has_role(request.user, Action.MANAGE_SHARING):
        raise PermissionDenied
    organisation = request.user.organisation
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.access_log(organisation, date_from=filters.get("date_from"), date_to=filters.get("date_to"))
    if request.GET.get("formaat") == "csv" and form.is_valid():
        out = io.StringIO()
        selectors.write_access_log_csv(entries, out, source_code=organisation.code)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="raadplegingen-{organisation.code}.csv"'
        return response
    context = {"form": form, "entries": entries[:200], "organisation": organisation, "query": request.GET.urlencode()}
    return render(request, "sharing/access_log.html", context)
