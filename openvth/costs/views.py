"""Pages of costs: the weekly hours sheet and its CSV import, the rates, norm hours and budgets of the service, and
the cost overview per commissioning authority and quarter (a service its own, an authority its own share, the
ministry the totals per service). Thin views: reads through the selectors, writes through the services."""

from datetime import date
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openvth.capacity.selectors import require_own_service
from openvth.core import clock
from openvth.core.permissions import Action, may
from openvth.core.views import FormStep, run_form, run_posted_form
from openvth.rules import norm_costs

from . import selectors, services
from .forms import BudgetForm, HoursForm, ImportForm, NormHoursForm, RateForm


def _year(request) -> int:
    text = request.GET.get("jaar", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else clock.today().year


def _week(request) -> date:
    try:
        return selectors.monday(date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        return selectors.monday(clock.today())


@login_required
def overview(request):
    """The cost per product and task area against the norm and the budget per authority and quarter."""
    year = _year(request)
    context = {
        "year": year,
        "years": range(clock.today().year - 3, clock.today().year + 2),
        "source": norm_costs.SOURCE,
    }
    service = selectors.own_service(request.user)
    authority = selectors.own_authority(request.user)
    if service is not None:
        context |= {
            "service": service,
            "costs": selectors.costs(service, year),
            "budgets": selectors.budget_overview(service, year),
            "may_record": may(request.user, Action.RECORD_HOURS, service),
            "may_manage": may(request.user, Action.MANAGE_COSTS, service),
        }
        return render(request, "costs/overview.html", context)
    if authority is not None:
        context |= {
            "authority": authority,
            "per_service": [(s, selectors.costs(s, year, authority)) for s in selectors.services_of(authority)],
            "budgets": selectors.authority_costs(authority, year),
        }
        return render(request, "costs/authority.html", context)
    if selectors.sees_country(request.user):
        return render(request, "costs/national.html", context | {"rows": selectors.national(year)})
    raise PermissionDenied(_("Dit overzicht is voor omgevingsdiensten, hun opdrachtgevers en het ministerie."))


@login_required
def sheet(request):
    """The user's week (a manager may write for a colleague): a row per task, the hours per day."""
    service = require_own_service(request.user)
    if not may(request.user, Action.RECORD_HOURS, service):
        raise PermissionDenied(_("Alleen medewerkers van de omgevingsdienst schrijven uren."))
    start = _week(request)
    manager = may(request.user, Action.MANAGE_COSTS, service)
    form = HoursForm(
        request.POST or None, service=service, user=request.user, manager=manager, initial={"day": clock.today()}
    )
    here = f"{reverse('costs:sheet')}?week={start.isoformat()}"
    if done := run_form(
        request,
        form,
        partial(services.record_hours, user=request.user, service=service),
        redirect_to=lambda entry: f"{reverse('costs:sheet')}?week={selectors.monday(entry.day).isoformat()}",
        success_message=_("De uren zijn opgeslagen."),
        denied=True,
    ):
        return done
    days, rows, totals = selectors.week_sheet(request.user, service, start, worker=request.user)
    context = {
        "service": service, "form": form, "days": days, "rows": rows, "totals": totals, "week": start,
        "total": sum(totals), "previous": start.fromordinal(start.toordinal() - 7),
        "next": start.fromordinal(start.toordinal() + 7), "here": here,
        "recent": selectors.entries(request.user).filter(service=service, recorded_by=request.user)[:10]
        if manager else [],
    }  # fmt: skip
    return render(request, "costs/sheet.html", context)


@login_required
def hours_import(request):
    service = require_own_service(request.user)
    if not may(request.user, Action.RECORD_HOURS, service):
        raise PermissionDenied(_("Alleen medewerkers van de omgevingsdienst schrijven uren."))
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            stored = services.import_hours(user=request.user, service=service, content=form.cleaned_data["file"].read())
        except ValidationError as error:
            problems = error.messages
        except PermissionDenied as error:
            problems = [str(error)]
        else:
            messages.success(request, _("Geïmporteerd: %(n)s urenregels.") % {"n": stored})
            return redirect("costs:sheet")
    context = {"form": form, "problems": problems, "service": service, "columns": services.CSV_COLUMNS}
    return render(request, "costs/import.html", context)


@login_required
def rates(request):
    """The hourly rates, the norm hours and the budgets agreed; a manager of the service changes them."""
    service = require_own_service(request.user)
    may_manage = may(request.user, Action.MANAGE_COSTS, service)
    today = clock.today()
    current = selectors.norm_hours(service.pk, today)
    if request.method == "POST" and not may_manage:
        raise PermissionDenied(_("Alleen een manager of beheerder van de omgevingsdienst stelt dit vast."))
    steps = {
        "rate_form": FormStep(
            lambda data: RateForm(data, prefix="tarief", initial={"year": today.year}),
            partial(services.set_rate, user=request.user, service=service),
            _("Het uurtarief is opgeslagen."),
        ),
        "budget_form": FormStep(
            lambda data: BudgetForm(data, prefix="budget", service=service, initial={"year": today.year}),
            partial(services.set_budget, user=request.user, service=service),
            _("Het budget is opgeslagen."),
        ),
        "norm_form": FormStep(
            lambda data: NormHoursForm(data, prefix="norm", current=current),
            partial(services.store_norm_hours, user=request.user, service=service),
            _("De nieuwe versie van de normuren is opgeslagen."),
        ),
    }
    forms, done = run_posted_form(request, steps, redirect_to=reverse("costs:rates"))
    if done is not None:
        return done
    context = {
        **forms, "service": service, "may_manage": may_manage,
        "rates": selectors.rates(request.user).filter(service=service),
        "budgets": selectors.budgets(request.user).filter(service=service),
        "norms": [(p.value, norm_costs.PRODUCT_LABELS[p], current[p.value]) for p in norm_costs.Product],
        "versions": selectors.norm_versions(request.user).filter(organisation=service).order_by("-valid_from")[:20],
    }  # fmt: skip
    return render(request, "costs/rates.html", context)
