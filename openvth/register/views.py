"""Pages of the register: thin views that read through the selectors and write through the services."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from openvth.audit.services import record_read
from openvth.core.forms import add_service_errors
from openvth.core.permissions import Action, may
from openvth.core.views import htmx_fragment, or_404, run_form, run_service

from . import selectors, services
from .forms import CompanyForm, CompanyMergeForm, EstablishmentForm, MergeForm, SearchForm
from .models import Company, Establishment, Organisation

SEARCH_LIMIT = 50
HISTORY_LIMIT = 100


@login_required
@vary_on_headers("HX-Request")
def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = list(selectors.search_establishments(request.user, query, limit=SEARCH_LIMIT)) if query else []
    context = {"form": form, "query": query, "results": results, "truncated": len(results) == SEARCH_LIMIT}
    template = "register/_search_results.html" if htmx_fragment(request) else "register/search.html"
    return render(request, template, context)


@login_required
def establishment_detail(request, pk: int):
    establishment = or_404(selectors.establishment_detail, request.user, pk)
    active = establishment.merged_into_id is None
    context = {
        "establishment": establishment,
        "may_edit": may(request.user, Action.EDIT_REGISTER, establishment),
        "may_decide": may(request.user, Action.DECIDE_PERMIT, establishment),
        "may_inspect": may(request.user, Action.PLAN_INSPECTION, establishment),
        "siblings": selectors.company_establishments(request.user, establishment.company_id, exclude=pk),
        "duplicates": list(selectors.duplicates_of(request.user, establishment).select_related("company"))
        if active
        else [],
        "history": history_rows(selectors.record_history(establishment)[:HISTORY_LIMIT], Establishment),
    }
    return render(request, "register/establishment_detail.html", context)


@login_required
def establishment_edit(request, pk: int):
    establishment = or_404(selectors.establishment_detail, request.user, pk)
    if not may(request.user, Action.EDIT_REGISTER, establishment):  # the form only for who may save it (issue 14)
        raise PermissionDenied
    if request.method == "POST":
        form = EstablishmentForm(request.POST)
        update = partial(services.update_establishment, user=request.user, establishment=establishment)
        page = reverse("register:establishment", args=[pk])
        if done := run_form(
            request, form, update, success_message=_("De wijzigingen zijn opgeslagen."), redirect_to=page
        ):
            return done
    else:
        form = EstablishmentForm(initial=EstablishmentForm.initial_from(establishment))
    return render(request, "register/establishment_form.html", {"establishment": establishment, "form": form})


@login_required
@require_POST
def establishment_merge(request, pk: int):
    """Two steps: the choice on the establishment page leads to a confirmation; only that one merges."""
    establishment = or_404(selectors.establishment_detail, request.user, pk)
    candidates = selectors.duplicates_of(request.user, establishment).select_related("company")
    form = MergeForm(request.POST, candidates=candidates)
    if not form.is_valid():
        for error in form.errors.get("duplicates", []):
            messages.error(request, error)
        return redirect("register:establishment", pk=pk)
    duplicates = list(form.cleaned_data["duplicates"])
    if not form.cleaned_data["confirmed"]:
        context = {"establishment": establishment, "duplicates": duplicates}
        return render(request, "register/establishment_merge_confirm.html", context)
    return run_service(
        request,
        None,
        lambda: services.merge(user=request.user, keep=establishment, duplicates=duplicates),
        success_message=_("%(count)d vestiging(en) samengevoegd in deze vestiging.") % {"count": len(duplicates)},
        redirect_to=reverse("register:establishment", args=[pk]),
    )


@login_required
def company_detail(request, pk: int):
    if "historie" not in request.GET:  # an old link to a merged company leads to the company it went into
        target = selectors.merged_company_target(request.user, pk)
        if target is not None:
            messages.info(request, _("Bedrijf %(pk)d is samengevoegd in dit bedrijf.") % {"pk": pk})
            return redirect("register:company", pk=target.pk)
    company = or_404(selectors.company_detail, request.user, pk)
    record_read(request.user, company, channel="ui")  # logged when it is an enterprise of a natural person
    context = {
        "company": company,
        "may_edit": _may_change(request.user, company),
        "establishments": selectors.company_establishments(request.user, company.pk),
        "merged_from": list(selectors.merged_companies(request.user, company)),
        "history": history_rows(selectors.record_history(company)[:HISTORY_LIMIT], Company),
    }
    return render(request, "register/company_detail.html", context)


def _may_change(user, company: Company) -> bool:
    """Whether the user may change (or merge) this company: an editing role at its owner; never a merged one."""
    return company.merged_into_id is None and may(user, Action.EDIT_REGISTER, company)


def _editable_company(request, pk: int) -> Company:
    company = or_404(selectors.company_detail, request.user, pk)
    if not _may_change(request.user, company):  # the form only for who may save it
        raise PermissionDenied
    return company


@login_required
def company_edit(request, pk: int):
    company = _editable_company(request, pk)
    existing = None
    if request.method == "POST":
        form = CompanyForm(request.POST)
        if form.is_valid():
            try:
                services.update_company(user=request.user, company=company, **form.cleaned_data)
            except services.DuplicateKvkNumber as duplicate:
                add_service_errors(form, duplicate)
                existing = duplicate.existing if duplicate.visible else None
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De wijzigingen zijn opgeslagen."))
                return redirect("register:company", pk=pk)
    else:
        form = CompanyForm(initial=CompanyForm.initial_from(company))
    context = {
        "company": company,
        "form": form,
        "existing": existing,
        "may_merge_existing": existing is not None and _may_change(request.user, existing),
    }
    return render(request, "register/company_form.html", context)


def _merge_candidates(request, company: Company, query: str) -> list[dict]:
    return [
        {"company": c, "may_merge": _may_change(request.user, c)}
        for c in selectors.company_merge_candidates(request.user, company, query)
    ]


@login_required
def company_merge(request, pk: int):
    """Three steps: choose the companies that go into this one, confirm (with a reason where the KvK numbers
    differ), merge. Only the confirmation merges."""
    company = _editable_company(request, pk)
    if request.method != "POST":
        query = (request.GET.get("q") or "").strip()[:200]
        context = {"company": company, "query": query, "candidates": _merge_candidates(request, company, query)}
        return render(request, "register/company_merge.html", context)
    form = CompanyMergeForm(request.POST, candidates=selectors.companies(request.user).exclude(pk=company.pk))
    if not form.is_valid() and "duplicates" in form.errors:
        context = {"company": company, "query": "", "candidates": _merge_candidates(request, company, ""), "form": form}
        return render(request, "register/company_merge.html", context, status=400)
    duplicates = list(form.cleaned_data.get("duplicates") or [])
    if form.is_valid() and form.cleaned_data["confirmed"]:
        count = len(duplicates)
        text = ngettext(
            "%(count)d bedrijf samengevoegd in dit bedrijf.",
            "%(count)d bedrijven samengevoegd in dit bedrijf.",
            count,
        )
        done = run_service(
            request,
            form,
            lambda: services.merge(
                user=request.user, keep=company, duplicates=duplicates, reason=form.cleaned_data["reason"]
            ),
            success_message=text % {"count": count},
            redirect_to=reverse("register:company", args=[pk]),
        )
        if done:
            return done
    elif form.is_valid():  # the first POST: the confirmation, without errors yet
        form = CompanyMergeForm(initial={"reason": form.cleaned_data["reason"]}, candidates=Company.objects.none())
    differing = [d for d in duplicates if d.kvk_number != company.kvk_number]
    form.fields["reason"].required = bool(differing)  # shown as required; the service refuses a merge without it
    context = {
        "company": company,
        "duplicates": duplicates,
        "differing": differing,
        "moved": selectors.establishments(request.user).filter(company__in=duplicates).count(),
        "form": form,
    }
    return render(request, "register/company_merge_confirm.html", context, status=400 if form.errors else 200)


@login_required
def duplicates(request):
    groups = selectors.duplicate_establishments(request.user)
    return render(request, "register/duplicates.html", {"groups": groups})


@login_required
def organisation_list(request):
    kinds = Organisation.Kind
    kind = request.GET.get("soort", "")
    organisations = selectors.organisations(kind if kind in kinds.values else "")
    context = {"organisations": organisations, "kinds": kinds, "kind": kind}
    return render(request, "register/organisation_list.html", context)


@login_required
def organisation_detail(request, pk: int):
    organisation = or_404(selectors.organisation_detail, pk)
    context = {
        "organisation": organisation,
        "mandates": selectors.mandates(request.user).filter(authority=organisation),
    }
    if organisation.kind == Organisation.Kind.OMGEVINGSDIENST:
        context["categories"], context["rows"] = selectors.service_basistaken_overview(organisation)
    else:
        context["placements"] = selectors.authority_placements(organisation)
    return render(request, "register/organisation_detail.html", context)


@login_required
def province_list(request):
    provinces = selectors.organisations(Organisation.Kind.PROVINCE)
    return render(request, "register/province_list.html", {"provinces": provinces})


@login_required
def basistaken_overview(request, pk: int):
    province = or_404(selectors.organisation_detail, pk)
    if province.kind != Organisation.Kind.PROVINCE:
        raise Http404
    categories, rows = selectors.basistaken_overview(province)
    context = {
        "province": province,
        "categories": categories,
        "rows": rows,
        "incomplete": sum(1 for row in rows if not row.complete),
    }
    return render(request, "register/basistaken_overview.html", context)


def history_rows(records, model) -> list[dict]:
    """Change records with field labels and readable values; derived fields (normalised name) left out."""
    labels = {f.name: f.verbose_name for f in model._meta.concrete_fields if f.editable}
    return [
        {
            "record": record,
            "changes": [
                {"label": labels[name], "old": _readable(old), "new": _readable(new)}
                for name, (old, new) in record.changes.items()
                if name in labels
            ],
        }
        for record in records
    ]


def _readable(value) -> str:
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    return "—" if value in (None, "") else str(value)
