"""Pages of the regional plan: the plans the user sees, one plan with its goals, risk analysis, capacity, IED part and
adoptions; making, changing and finalising a plan (managers of the service), adopting it (officials of a participating
authority); and the public IED part of adopted plans (no login). Reads through the selectors, writes through the
services."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.capacity.selectors import own_service
from openvth.core import clock
from openvth.core.permissions import Action, may
from openvth.core.views import or_404, run_form, run_service
from openvth.disclosure.public_views import public_page
from openvth.rules import regional_plan

from . import selectors, services
from .forms import AdoptionForm, GoalForm, NewPlanForm, PlanForm
from .models import RegionalPlan


@login_required
def plan_list(request):
    service = own_service(request.user)
    context = {
        "plans": selectors.plans(request.user),
        "may_create": service is not None and may(request.user, Action.MANAGE_REGIONAL_PLAN, service),
    }
    return render(request, "regional/plan_list.html", context)


@login_required
def plan_create(request):
    service = own_service(request.user)
    if service is None or not may(request.user, Action.MANAGE_REGIONAL_PLAN, service):
        raise PermissionDenied(_("Alleen een manager of beheerder van de omgevingsdienst stelt haar plan op."))
    form = NewPlanForm(request.POST or None)
    if done := run_form(
        request,
        form,
        partial(services.create_plan, user=request.user, service=service),
        redirect_to=lambda plan: plan.get_absolute_url(),
        success_message=_("Het plan is aangemaakt."),
    ):
        return done
    return render(request, "regional/plan_form.html", {"form": form, "service": service})


def _goal_form(request):
    return GoalForm(request.POST if request.POST.get("step") == "goal" else None, prefix="goal")


def _adoption_form(request, authorities):
    data = request.POST if request.POST.get("step") == "adopt" else None
    return AdoptionForm(data, authorities=authorities, prefix="adopt")


def _detail_context(request, plan: RegionalPlan, **forms) -> dict:
    today = clock.today()
    analysis = selectors.risk_analysis(plan)
    may_manage = may(request.user, Action.MANAGE_REGIONAL_PLAN, plan)
    authorities = selectors.authorities_to_adopt(request.user, plan) if plan.finalised_on else []
    return {
        "plan": plan,
        "analysis": analysis,
        "goals": selectors.goal_rows(plan, analysis),
        "capacity": selectors.capacity_lines(plan, today),
        "recorded_year": regional_plan.base_year(plan.year, today),
        "plan_year": plan.year,
        "ied": selectors.ied_part(plan),
        "adoptions": selectors.adoption_rows(plan),
        "may_manage": may_manage and plan.status == RegionalPlan.Status.DRAFT,
        "goal_form": forms.get("goal_form") or GoalForm(prefix="goal"),
        "adoption_form": forms.get("adoption_form") or AdoptionForm(authorities=authorities, prefix="adopt"),
        "may_adopt": bool(authorities),
        "source": regional_plan.SOURCE,
    }


@login_required
def plan_detail(request, pk: int):
    plan = or_404(selectors.plan_detail, request.user, pk)
    forms = {}
    if request.method == "POST":
        step = request.POST.get("step")
        if step == "goal":
            form = forms["goal_form"] = _goal_form(request)
            write, message = services.add_goal, _("Het doel is toegevoegd.")
        elif step == "adopt":
            form = forms["adoption_form"] = _adoption_form(request, selectors.authorities_to_adopt(request.user, plan))
            write, message = services.adopt, _("De vaststelling is vastgelegd.")
        else:
            return redirect(plan.get_absolute_url())
        write = partial(write, user=request.user, plan=plan)
        if done := run_form(request, form, write, redirect_to=plan.get_absolute_url(), success_message=message):
            return done
    return render(request, "regional/plan_detail.html", _detail_context(request, plan, **forms))


@login_required
def plan_edit(request, pk: int):
    plan = or_404(selectors.plan_detail, request.user, pk)
    if not may(request.user, Action.MANAGE_REGIONAL_PLAN, plan):
        raise PermissionDenied(_("Alleen een manager of beheerder van de omgevingsdienst stelt haar plan op."))
    initial = {name: getattr(plan, name) for name in services.PLAN_FIELDS}
    form = PlanForm(request.POST or None, initial=initial)
    if done := run_form(
        request,
        form,
        partial(services.update_plan, user=request.user, plan=plan),
        redirect_to=plan.get_absolute_url(),
        success_message=_("Het plan is gewijzigd."),
    ):
        return done
    return render(request, "regional/plan_form.html", {"form": form, "service": plan.service, "plan": plan})


@login_required
@require_POST
def plan_finalise(request, pk: int):
    plan = or_404(selectors.plan_detail, request.user, pk)
    return run_service(
        request,
        None,
        lambda: services.finalise_plan(user=request.user, plan=plan),
        redirect_to=plan.get_absolute_url(),
        success_message=_("Het plan is definitief: de deelnemende bestuursorganen kunnen het nu vaststellen."),
        denied=True,
    )


# --- the public site -------------------------------------------------------------------------------------------------


@public_page
def public_plans(request):
    return render(request, "regional/public_plans.html", {"plans": selectors.public_plans()})


@public_page
def public_plan(request, pk: int):
    plan = or_404(selectors.public_plan, pk)
    context = {"plan": plan, "ied": selectors.ied_part(plan), "source": regional_plan.SOURCE}
    return render(request, "regional/public_plan.html", context)
