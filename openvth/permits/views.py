"""Pages of the permits: thin views that read through the selectors and write through the services."""

from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openvth.audit.services import record_read
from openvth.core import clock
from openvth.core.forms import add_service_errors
from openvth.core.pdf import render_pdf
from openvth.core.permissions import Action as Permission
from openvth.core.permissions import may
from openvth.core.views import or_404, run_service
from openvth.disclosure import selectors as disclosure_selectors
from openvth.register import selectors as register_selectors

from . import selectors, services
from .forms import (
    ActionDateForm,
    ApplicationForm,
    ChangeForm,
    ChangeFormSet,
    DecisionForm,
    DiffForm,
    PermitDateForm,
)
from .models import Application

APPLICATIONS_PER_PAGE = 50
OPEN = (Application.Status.RECEIVED, Application.Status.SUSPENDED)
CHANGES = "wijziging"  # form prefix of the provision changes of a decision


def _establishment(request, pk: int):
    return or_404(register_selectors.establishment_detail, request.user, pk)


def _application(request, pk: int) -> Application:
    related = ("establishment", "competent_authority", "decision")
    return get_object_or_404(selectors.applications(request.user).select_related(*related), pk=pk)


# --- applications -------------------------------------------------------------------------------------------


@login_required
def work_queue(request):
    today = clock.today()
    due = selectors.applications_due(request.user, today=today)
    rows = [_term_row(application, term, today) for application, term in due]
    return render(request, "permits/work_queue.html", {"rows": rows, "today": today})


def _term_row(application: Application, term, today) -> dict:
    return {"application": application, "term": term, "late_days": max(0, (today - term.deadline).days)}


@login_required
def application_list(request):
    statuses = Application.Status
    status = request.GET.get("status", "")
    found = selectors.applications(request.user).select_related("establishment", "competent_authority")
    if status in statuses.values:
        found = found.filter(status=status)
    page = Paginator(found, APPLICATIONS_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {"page": page, "statuses": statuses, "status": status}
    return render(request, "permits/application_list.html", context)


@login_required
def application_new(request):
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            establishment = register_selectors.establishment_by_number(request.user, values.pop("kvk_vestigingsnummer"))
            if establishment is None:
                form.add_error("kvk_vestigingsnummer", _("U kunt geen vestiging met dit vestigingsnummer zien."))
            elif done := run_service(
                request,
                form,
                lambda: services.receive_application(user=request.user, establishment=establishment, **values),
                success_message=_("De aanvraag is ontvangen; de beslistermijn loopt."),
                redirect_to=lambda application: reverse("permits:application", args=[application.pk]),
            ):
                return done
    else:
        initial = {"received_on": clock.today()}
        if establishment_pk := request.GET.get("vestiging", "").strip():
            establishment = _establishment(request, int(establishment_pk)) if establishment_pk.isdigit() else None
            if establishment is not None:
                initial["kvk_vestigingsnummer"] = establishment.kvk_vestigingsnummer
                initial["competent_authority"] = establishment.competent_authority_id
        form = ApplicationForm(initial=initial)
    return render(request, "permits/application_form.html", {"form": form})


@login_required
def application_detail(request, pk: int):
    application = _application(request, pk)
    record_read(request.user, application, channel="ui")  # logged when the applicant is a natural person
    is_open = application.status in OPEN
    today = clock.today()
    term = selectors.application_term(application, today=today)
    may_decide = may(request.user, Permission.DECIDE_PERMIT, application.establishment)
    context = {
        **_term_row(application, term, today),
        "suspensions": application.suspensions.all(),
        "activity_types": application.activity_types.order_by("code"),
        "actions": _actions_for(application, term, may_decide=may_decide)
        if is_open and may(request.user, Permission.HANDLE_APPLICATION, application.establishment)
        else [],
        "may_decide": may_decide,
        "today": today,
    }
    return render(request, "permits/application_detail.html", context)


class Action(NamedTuple):
    label: str
    service: str  # the function in services.py
    argument: str  # its date argument
    done: str  # the message on success
    confirm: str = ""  # the question before an irreversible step (issue 16, item 5)


ACTIONS = {
    "aanvulling-vragen": Action(
        gettext_lazy("Aanvulling vragen"),
        "request_supplement",
        "requested_on",
        gettext_lazy("Aanvulling gevraagd: de termijn is opgeschort."),
    ),
    "aangevuld": Action(
        gettext_lazy("Aanvulling ontvangen"),
        "record_supplement",
        "supplemented_on",
        gettext_lazy("Aanvulling ontvangen: de termijn loopt weer."),
    ),
    "verdagen": Action(
        gettext_lazy("Termijn verdagen (6 weken)"),
        "extend_term",
        "extended_on",
        gettext_lazy("De beslistermijn is verdaagd."),
        gettext_lazy("De beslistermijn met 6 weken verdagen? Dat kan maar één keer en niet worden teruggedraaid."),
    ),
    "ingebrekestelling": Action(
        gettext_lazy("Ingebrekestelling ontvangen"),
        "record_default_notice",
        "received_on",
        gettext_lazy("De ingebrekestelling is vastgelegd."),
        gettext_lazy(
            "De ingebrekestelling vastleggen? Twee weken na ontvangst gaat de dwangsom bij niet tijdig beslissen "
            "lopen (Awb 4:17)."
        ),
    ),
    "intrekken": Action(
        gettext_lazy("Aanvraag ingetrokken"),
        "withdraw_application",
        "withdrawn_on",
        gettext_lazy("De aanvraag is ingetrokken."),
        gettext_lazy("De aanvraag als ingetrokken vastleggen? De aanvraag wordt dan afgesloten zonder besluit."),
    ),
}


def _actions_for(application: Application, term, *, may_decide: bool) -> list[dict]:
    """The actions that fit the application's state and the user's role; the services still check every one of them
    (a verdaging also against the user's mandate)."""
    suspended = application.status == Application.Status.SUSPENDED
    slugs = ["aangevuld"] if suspended else [] if term.late else ["aanvulling-vragen"]
    if may_decide and application.extended_on is None and not term.late:  # Awb 3:18(2): only while the term runs
        slugs.append("verdagen")
    if application.default_notice_on is None:
        slugs.append("ingebrekestelling")
    slugs.append("intrekken")
    return [
        {
            "slug": slug,
            "label": ACTIONS[slug].label,
            "confirm": ACTIONS[slug].confirm,
            "form": ActionDateForm(prefix=slug),
        }
        for slug in slugs
    ]


@login_required
@require_POST
def application_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    application = _application(request, pk)
    chosen = ACTIONS[action]
    form = ActionDateForm(request.POST, prefix=action)
    if not form.is_valid():
        for error in form.errors.get("datum", []):
            messages.error(request, error)
        return redirect("permits:application", pk=pk)
    write = getattr(services, chosen.service)
    return run_service(  # no mandate, or not this role (PermissionDenied): the service's Dutch reason as a message
        request,
        None,
        lambda: write(user=request.user, application=application, **{chosen.argument: form.cleaned_data["datum"]}),
        success_message=chosen.done,
        redirect_to=reverse("permits:application", args=[pk]),
        denied=True,
    )


@login_required
def lead_times(request):
    return render(request, "permits/lead_times.html", {"rows": selectors.lead_times(request.user)})


# --- decisions ----------------------------------------------------------------------------------------------


@login_required
def decision_list(request, pk: int):
    establishment = _establishment(request, pk)
    context = {
        "establishment": establishment,
        "decisions": selectors.decisions(request.user, establishment).order_by("-effective_from", "-decided_on", "-id"),
        "may_decide": may(request.user, Permission.DECIDE_PERMIT, establishment),
    }
    return render(request, "permits/decision_list.html", context)


@login_required
def decision_detail(request, pk: int):
    decision = get_object_or_404(selectors.decisions(request.user), pk=pk)
    context = {"decision": decision, "establishment": decision.establishment}
    return render(request, "permits/decision_detail.html", context)


@login_required
def decision_new(request, pk: int):
    establishment = _establishment(request, pk)
    if not may(request.user, Permission.DECIDE_PERMIT, establishment):
        raise PermissionDenied
    status = 200
    applications = selectors.applications(request.user).filter(establishment=establishment, status__in=OPEN)
    if request.method == "POST":
        if "meer" in request.POST:  # one more row; nothing checked, nothing stored yet
            form = DecisionForm(initial=request.POST.dict(), applications=applications)
            changes = _one_more_row(request.POST)
        else:
            form = DecisionForm(request.POST, applications=applications)
            changes = ChangeFormSet(request.POST, prefix=CHANGES)
        if form.is_bound and form.is_valid() and changes.is_valid():
            try:
                decision = services.record_decision(
                    user=request.user, establishment=establishment, changes=changes.changes(), **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:  # no mandate for this decision on that day: say so above the form
                form.add_error(None, str(error))
                status = 403
            else:
                messages.success(request, _("Het besluit is vastgelegd; de vergunning is bijgewerkt."))
                return redirect("permits:decision", pk=decision.pk)
    else:
        form = DecisionForm(initial={"application": request.GET.get("aanvraag")}, applications=applications)
        changes = ChangeFormSet(prefix=CHANGES)
    context = {"establishment": establishment, "form": form, "changes": changes}
    return render(request, "permits/decision_form.html", context, status=status)


def _one_more_row(data) -> ChangeFormSet:
    """The rows as typed, unbound so that rows not yet filled in show no errors, and one empty row more."""
    typed = ChangeFormSet(data, prefix=CHANGES)
    rows = [{name: form[name].value() or "" for name in ChangeForm.base_fields} for form in typed.forms]
    more = ChangeFormSet(initial=rows, prefix=CHANGES)
    more.extra = len(rows) + 1
    return more


# --- the always-current permit ------------------------------------------------------------------------------


@login_required
def permit(request, pk: int):
    establishment = _establishment(request, pk)
    form = PermitDateForm(request.GET)
    day = form.day()
    today = clock.today()
    diff_form = DiffForm(initial={"van": min(day, today), "tot": max(day, today)})
    context = {
        "establishment": establishment,
        "form": form,
        "day": day,
        "today": today,
        "provisions": selectors.consolidated_permit(request.user, establishment, on=day),
        "revocation": selectors.revocation_in_force(request.user, establishment, on=day),
        "diff_form": diff_form,
        "release": disclosure_selectors.permit_release(request.user, establishment),
        "may_release": may(request.user, Permission.RELEASE_PERMIT, establishment),
    }
    return render(request, "permits/permit.html", context)


@login_required
def permit_pdf(request, pk: int):
    establishment = _establishment(request, pk)
    day = PermitDateForm(request.GET).day()
    context = {
        "establishment": establishment,
        "day": day,
        "provisions": selectors.consolidated_permit(request.user, establishment, on=day),
        "printed_on": clock.today(),
    }
    response = HttpResponse(render_pdf("permits/permit_pdf.html", context), content_type="application/pdf")
    filename = f"vergunning-{establishment.kvk_vestigingsnummer}-{day.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def permit_diff(request, pk: int):
    establishment = _establishment(request, pk)
    form = DiffForm(request.GET if request.GET else None)
    diff = None
    if form.is_valid():
        start, end = form.cleaned_data["van"], form.cleaned_data["tot"]
        diff = selectors.permit_diff(request.user, establishment, start=start, end=end)
    context = {"establishment": establishment, "form": form, "diff": diff}
    return render(request, "permits/permit_diff.html", context)


@login_required
def provision_history(request, pk: int, number: str):
    establishment = _establishment(request, pk)
    versions = selectors.provision_history(request.user, establishment, number)
    if not versions:
        raise Http404
    context = {"establishment": establishment, "number": number, "versions": versions}
    return render(request, "permits/provision_history.html", context)
