"""Planning pages: the risk table, an establishment's appraisals, the yearly programme and its visits, overdue visits
(the agenda is in views/agenda.py).

Thin views: reads through selectors/planning.py, writes through services/planning.py.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from openvth.core import clock
from openvth.core.pagination import LateRowPaginator
from openvth.core.permissions import Action, may
from openvth.core.views import flash_errors, flash_form_errors, htmx_fragment, or_404, run_button, run_service
from openvth.register import selectors as register_selectors
from openvth.register.models import Organisation
from openvth.rules import risk

from ..forms.planning import MONTH_NAMES, NewVisitForm, PlanDaysForm, ProgrammeForm, RiskTableForm, VisitForm
from ..models import Inspection, PlannedVisit, Programme
from ..selectors import planning as selectors
from ..services import inspections as inspection_services
from ..services import planning as services

VISITS_PER_PAGE = 100


# --- the risk table ------------------------------------------------------------------------------------------


@login_required
def risk_table(request):
    organisation = request.user.organisation
    if organisation is None:
        raise Http404
    today = clock.today()
    active = selectors.active_table(organisation.pk, today)
    may_change = may(request.user, Action.PLAN, organisation.pk)
    form = RiskTableForm(request.POST or None, table=active.table, initial={"valid_from": today})
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid() and (
            done := run_service(
                request,
                form,
                lambda: services.store_risk_table(
                    user=request.user,
                    organisation=organisation,
                    valid_from=form.cleaned_data["valid_from"],
                    table=form.table(),
                    note=form.cleaned_data["note"],
                ),
                success_message=_("De nieuwe versie van de risicotabel is opgeslagen."),
                redirect_to="supervision:risk_table",
            )
        ):
            return done
    context = {
        "organisation": organisation,
        "active": active,
        "stored": risk.table_to_dict(active.table),
        "weights": [(risk.CRITERION_LABELS[c], active.table.impact_weights[c]) for c in risk.IMPACT_CRITERIA],
        "versions": selectors.risk_table_versions(request.user).select_related("created_by"),
        "form": form if may_change else None,
        "today": today,
    }
    return render(request, "supervision/planning/risk_table.html", context)


# --- appraisals ----------------------------------------------------------------------------------------------


@login_required
def establishment_risk(request, pk: int):
    establishment = or_404(register_selectors.establishment_detail, request.user, pk)
    if request.method == "POST":
        return run_service(
            request,
            None,
            lambda: services.appraise_establishment(user=request.user, establishment=establishment),
            success_message=_("De vestiging is opnieuw beoordeeld."),
            redirect_to=reverse("supervision:establishment_risk", args=[pk]),
        )
    context = {
        "establishment": establishment,
        "history": selectors.appraisal_history(request.user, establishment),
        "may_appraise": may(request.user, Action.APPRAISE, establishment),
    }
    return render(request, "supervision/planning/establishment_risk.html", context)


# --- the yearly programme ------------------------------------------------------------------------------------


def _own_service(user) -> Organisation | None:
    organisation = user.organisation
    return organisation if organisation and organisation.kind == Organisation.Kind.OMGEVINGSDIENST else None


@login_required
def programme_list(request):
    service = _own_service(request.user)
    may_generate = service is not None and may(request.user, Action.PLAN, service.pk)
    form = ProgrammeForm(request.POST or None, initial={"year": clock.today().year + 1})
    if request.method == "POST":
        if not may_generate:
            raise PermissionDenied
        if form.is_valid() and (
            done := run_service(
                request,
                form,
                lambda: services.generate_programme(user=request.user, service=service, **form.cleaned_data),
                success_message=lambda result: _report(request, result),
                redirect_to=lambda result: reverse("supervision:programme", args=[result.programme.pk]),
            )
        ):
            return done
    context = {"programmes": selectors.programmes(request.user), "form": form if may_generate else None}
    return render(request, "supervision/planning/programme_list.html", context)


def _report(request, result: services.GeneratedProgramme) -> str:
    """The success message of a generated programme; a shortfall of capacity as an error message beside it."""
    if result.summary.shortfall_hours:
        messages.error(
            request,
            _("De wettelijk verplichte bezoeken vragen %(hours)s uur meer dan de capaciteit.")
            % {"hours": result.summary.shortfall_hours},
        )
    return _("Programma gegenereerd: %(planned)s bezoeken gepland, %(postponed)s uitgesteld.") % {
        "planned": result.planned,
        "postponed": result.postponed,
    }


def _programme(request, pk: int) -> Programme:
    return get_object_or_404(selectors.programmes(request.user), pk=pk)


@login_required
def programme_detail(request, pk: int):
    programme = _programme(request, pk)
    may_edit = may(request.user, Action.PLAN, programme.service_id)
    month = request.GET.get("maand", "")
    visits = selectors.visits(programme, request.user)
    progress = selectors.programme_progress(programme, request.user)
    if month.isdigit():
        visits = visits.filter(month=int(month))
    paginator = LateRowPaginator(visits, VISITS_PER_PAGE)
    paginator.count = progress.visit_count(int(month) if month.isdigit() else None)  # known: no COUNT query
    page = paginator.get_page(request.GET.get("pagina"))
    context = {
        "programme": programme,
        "summary": progress.summary,
        "months": [row | {"name": MONTH_NAMES[row["month"] - 1]} for row in progress.months],
        "authorities": progress.authorities,
        "page": page,
        "month": month,
        "may_edit": may_edit,
        "new_visit": NewVisitForm(programme=programme, prefix="nieuw") if may_edit else None,
        "plan_days": PlanDaysForm(initial={"month": _next_month_in(programme)}) if may_edit else None,
        "regenerate": ProgrammeForm(initial={"year": programme.year, "capacity_hours": programme.capacity_hours}),
    }
    return render(request, "supervision/planning/programme_detail.html", context)


def _visit_initial(visit: PlannedVisit) -> dict:
    return {
        "month": visit.month,
        "planned_on": visit.planned_on,
        "inspector": visit.inspector_id,
        "postponed": visit.postponed,
    }


def _next_month_in(programme: Programme) -> int:
    """The month a planner plans on days next: the coming month in this year's programme, else January."""
    today = clock.today()
    if programme.year == today.year:
        return min(today.month + 1, 12)
    return 1


@login_required
@require_POST
def programme_generate(request, pk: int):
    programme = _programme(request, pk)
    return run_button(
        request,
        ProgrammeForm(request.POST),
        # the programme's own year: the year posted with the form is not asked for
        lambda capacity_hours, **_ignored: services.generate_programme(
            user=request.user, service=programme.service, year=programme.year, capacity_hours=capacity_hours
        ),
        success_message=lambda result: _report(request, result),
        back=reverse("supervision:programme", args=[pk]),
    )


@login_required
@require_POST
def visit_add(request, pk: int):
    programme = _programme(request, pk)
    form = NewVisitForm(request.POST, programme=programme, prefix="nieuw")
    if form.is_valid():
        establishment = register_selectors.establishment_by_number(
            request.user, form.cleaned_data["kvk_vestigingsnummer"]
        )
        if establishment is None:
            messages.error(request, _("U kunt geen vestiging met dit vestigingsnummer zien."))
            return redirect("supervision:programme", pk=pk)
        return run_service(
            request,
            None,
            lambda: services.add_visit(
                user=request.user,
                programme=programme,
                establishment=establishment,
                month=form.cleaned_data["month"],
                kind=form.cleaned_data["kind"],
                inspector=form.cleaned_data["inspector"],
                planned_on=form.cleaned_data["planned_on"],
            ),
            success_message=_("Het bezoek is toegevoegd."),
            redirect_to=reverse("supervision:programme", args=[pk]),
        )
    flash_form_errors(request, form)
    return redirect("supervision:programme", pk=pk)


def _visit(request, pk: int) -> PlannedVisit:
    visible = selectors.planned_visits(request.user).select_related("programme", "inspection")
    return get_object_or_404(visible, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def visit_change(request, pk: int):
    """The form of one visit of the programme, opened from its row (htmx puts it in the row; without script it is a
    page of its own), and its save, which goes back to the visit's month of the programme."""
    visit = _visit(request, pk)
    back = reverse("supervision:programme", args=[visit.programme_id]) + f"?maand={visit.month}"
    if request.method == "POST":
        return run_button(
            request,
            VisitForm(request.POST, programme=visit.programme, prefix=f"v{visit.pk}"),
            partial(services.change_visit, user=request.user, visit=visit),
            success_message=_("Het bezoek aan %(name)s is gewijzigd.") % {"name": visit.establishment.name},
            back=back,
        )
    if not may(request.user, Action.PLAN, visit.programme.service_id):
        raise PermissionDenied
    form = VisitForm(programme=visit.programme, prefix=f"v{visit.pk}", initial=_visit_initial(visit))
    inline = htmx_fragment(request)
    template = "supervision/planning/_visit_form.html" if inline else "supervision/planning/visit_form.html"
    return render(request, template, {"visit": visit, "form": form, "back": back, "inline": inline})


@login_required
@require_POST
def programme_plan_days(request, pk: int):
    """Plan a month of the programme on working days (the visits with an inspector and no day yet)."""
    programme = _programme(request, pk)
    form = PlanDaysForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("supervision:programme", pk=pk)
    month = form.cleaned_data["month"]
    return run_service(
        request,
        None,
        lambda: services.plan_month_on_days(user=request.user, programme=programme, month=month),
        success_message=lambda planned: (
            _("%(n)s bezoeken in %(month)s op een werkdag gepland.") % {"n": planned, "month": MONTH_NAMES[month - 1]}
        ),
        redirect_to=reverse("supervision:programme", args=[pk]) + f"?maand={month}",
    )


@login_required
@require_POST
def visit_start(request, pk: int):
    """The agenda's start button: opens the visit's inspection, made (and started when due now) if it has none."""
    visit = get_object_or_404(selectors.planned_visits(request.user), pk=pk)
    try:
        inspection = inspection_services.start_visit(user=request.user, visit=visit)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("supervision:calendar")
    if inspection.status == Inspection.Status.OPEN and inspection.performed_on == clock.today():
        messages.success(request, _("De inspectie is gestart: elk antwoord wordt direct opgeslagen."))
    return redirect("supervision:inspection", pk=inspection.pk)


@login_required
@require_POST
def visit_remove(request, pk: int):
    visit = _visit(request, pk)
    programme_id = visit.programme_id
    return run_service(
        request,
        None,
        lambda: services.remove_visit(user=request.user, visit=visit),
        success_message=_("Het bezoek is uit het programma verwijderd."),
        redirect_to=reverse("supervision:programme", args=[programme_id]),
        confirm={
            "question": _("Het bezoek aan %(name)s uit het programma verwijderen?")
            % {"name": visit.establishment.name},
            "button": _("Bezoek verwijderen"),
            "back": reverse("supervision:programme", args=[programme_id]),
            "danger": True,
        },
    )


# --- overdue visits -------------------------------------------------------------------------------------------


@login_required
def overdue(request):
    today = clock.today()
    page = Paginator(selectors.overdue(request.user, today=today), VISITS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "supervision/planning/overdue.html", {"page": page, "today": today})
