"""Pages of capacity: the own service's staff, competences and certificates, its quality criteria per task area,
its director's mandates and SPUK grants; for the ministry the national matrix, mandate comparison and SPUK totals
(counts, no person). Thin views: reads through the selectors, writes through the services."""

from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openvth.core import clock
from openvth.core.history import history_of
from openvth.core.permissions import Action, may
from openvth.core.versioning import newest_version
from openvth.core.views import FormStep, run_posted_form, run_service
from openvth.rules import quality, spuk

from . import selectors, services
from .forms import (
    CertificateForm,
    CompetenceEditForm,
    CompetenceForm,
    CriteriaForm,
    GrantForm,
    ImportForm,
    QuarterForm,
    StaffForm,
)
from .models import QualityCriteriaVersion


def _may_plan(request, service) -> bool:
    return may(request.user, Action.PLAN, service)


def _require_plan(request, service) -> None:
    if not _may_plan(request, service):
        raise PermissionDenied(_("Alleen een manager of beheerder van de omgevingsdienst legt dit vast."))


def _service_page(national: str):
    """A page of the own service (the view gets it); the ministry, at no service, gets the national page instead."""

    def decorate(view):
        @wraps(view)
        @login_required
        def page(request, *args, **kwargs):
            if selectors.own_service(request.user) is None and selectors.sees_country(request.user):
                return redirect(national)
            return view(request, selectors.require_own_service(request.user), *args, **kwargs)

        return page

    return decorate


@_service_page("capacity:national")
def overview(request, service):
    """The own service per task area: meets the quality criteria or not, which criterion fails and since when."""
    today = clock.today()
    context = {
        "service": service,
        "rows": selectors.assessment(service, today),
        "today": today,
        "source": quality.SOURCE,
        "staff_count": selectors.staff(request.user).filter(service=service).count(),
    }
    return render(request, "capacity/overview.html", context)


@login_required
def national(request):
    selectors.require_country(request.user)
    today = clock.today()
    areas = quality.TaskArea.choices()
    context = {"matrix": selectors.national_matrix(today), "areas": areas, "today": today, "source": quality.SOURCE}
    return render(request, "capacity/national.html", context)


@login_required
def staff_list(request):
    service = selectors.require_own_service(request.user)
    context = {
        "service": service,
        "staff": selectors.staff(request.user).filter(service=service).prefetch_related("competences"),
        "may_edit": _may_plan(request, service),
        "columns": services.CSV_COLUMNS,
    }
    return render(request, "capacity/staff_list.html", context)


@login_required
def staff_create(request):
    service = selectors.require_own_service(request.user)
    _require_plan(request, service)
    step = FormStep(
        lambda data: StaffForm(data, service=service),
        partial(services.create_staff, user=request.user, service=service),
        _("De medewerker is toegevoegd."),
    )
    made, done = run_posted_form(
        request, {"form": step}, redirect_to=lambda staff: reverse("capacity:staff", args=[staff.pk])
    )
    return done or render(request, "capacity/staff_form.html", {**made, "service": service})


@login_required
def staff_import(request):
    service = selectors.require_own_service(request.user)
    _require_plan(request, service)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            imported = services.import_staff(
                user=request.user, service=service, content=form.cleaned_data["file"].read()
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                _("Geïmporteerd: %(staff)s medewerkers, %(competences)s bekwaamheden, %(certificates)s certificaten.")
                % {"staff": imported.staff, "competences": imported.competences, "certificates": imported.certificates},
            )
            return redirect("capacity:staff_list")
    context = {"form": form, "problems": problems, "service": service, "columns": services.CSV_COLUMNS}
    return render(request, "capacity/staff_import.html", context)


def _record_page(request, template: str, service, steps: dict[str, FormStep], **context):
    """A page with forms that change what it shows, for those who may plan the service; done, the page again."""
    may_edit = _may_plan(request, service)
    if request.method == "POST":
        _require_plan(request, service)
    forms, done = run_posted_form(request, steps, redirect_to=request.path)
    return done or render(request, template, {**context, **forms, "may_edit": may_edit})


@login_required
def staff_detail(request, pk: int):
    staff = get_object_or_404(selectors.staff(request.user), pk=pk)
    initial = {name: getattr(staff, "user" if name == "account" else name) for name in StaffForm.base_fields}
    steps = {
        "competence_form": FormStep(
            lambda data: CompetenceForm(data, prefix="bekwaamheid"),
            partial(services.add_competence, user=request.user, staff=staff),
            _("De bekwaamheid is toegevoegd."),
        ),
        "form": FormStep(
            lambda data: StaffForm(data, initial=initial, service=staff.service),
            partial(services.update_staff, user=request.user, staff=staff),
            _("De medewerker is gewijzigd."),
        ),
    }
    return _record_page(
        request,
        "capacity/staff_detail.html",
        staff.service,
        steps,
        staff=staff,
        competences=staff.competences.prefetch_related("certificates"),
        history=history_of(staff)[:20],
    )


@login_required
def competence_detail(request, pk: int):
    competence = get_object_or_404(selectors.competences(request.user), pk=pk)
    initial = {name: getattr(competence, name) for name in CompetenceEditForm.base_fields}
    steps = {
        "certificate_form": FormStep(
            lambda data: CertificateForm(data, prefix="certificaat"),
            partial(services.add_certificate, user=request.user, competence=competence),
            _("Het certificaat is toegevoegd."),
        ),
        "form": FormStep(
            lambda data: CompetenceEditForm(data, initial=initial),
            partial(services.update_competence, user=request.user, competence=competence),
            _("De bekwaamheid is gewijzigd."),
        ),
    }
    return _record_page(
        request,
        "capacity/competence_detail.html",
        competence.staff.service,
        steps,
        competence=competence,
        certificates=competence.certificates.all(),
        history=history_of(competence)[:20],
    )


@login_required
def criteria(request):
    """The criteria in force per task area: the national minimum and, for a service, its own stricter values; a
    form for a new version of one area (the programme office: national; a service's manager: regional)."""
    organisation = request.user.organisation if request.user.organisation_id else None
    service = selectors.own_service(request.user)
    national = organisation is not None and organisation.kind == "ministry" and selectors.sees_country(request.user)
    today = clock.today()
    national_now = selectors.national_criteria(today)
    history = selectors.CriteriaHistory(service.pk if service else None)
    own = history.on(today)
    rows = [
        (area.value, quality.TASK_AREA_LABELS[area], national_now[area], own[area] if service else None)
        for area in quality.TaskArea
    ]
    may_store = (national and may(request.user, Action.EDIT_PROGRAMME)) or (service and _may_plan(request, service))
    form = CriteriaForm(request.POST or None) if may_store else None
    if request.method == "POST":
        if not may_store:
            raise PermissionDenied(_("U mag de kwaliteitscriteria niet wijzigen."))
        if form.is_valid():
            owner = organisation if national else service
            latest = newest_version(QualityCriteriaVersion, owner)
            if national:
                table = {a: c.as_dict() for a, c in selectors.national_criteria_now().items()}
            else:
                table = dict(latest.criteria) if latest else {}
            table[form.cleaned_data["task_area"]] = form.area_values()
            store = partial(services.store_criteria, user=request.user, organisation=owner, criteria=table)
            data = {name: form.cleaned_data[name] for name in ("valid_from", "note")}
            message = _("De nieuwe versie van de kwaliteitscriteria is opgeslagen.")
            if done := run_service(
                request, form, partial(store, **data), success_message=message, redirect_to="capacity:criteria"
            ):
                return done
    context = {
        "rows": rows,
        "service": service,
        "national": national,
        "form": form,
        "versions": selectors.criteria_versions(request.user).order_by("-valid_from", "-id")[:20],
        "source": quality.SOURCE,
    }
    return render(request, "capacity/criteria.html", context)


@_service_page("capacity:national_mandates")
def mandates(request, service):
    today = clock.today()
    context = {"service": service, "rows": selectors.service_mandates(request.user, service, today), "today": today}
    context["powers"] = selectors.POWERS
    return render(request, "capacity/mandates.html", context)


@login_required
def national_mandates(request):
    selectors.require_country(request.user)
    today = clock.today()
    context = {"rows": selectors.national_mandates(today), "powers": selectors.POWERS, "today": today}
    return render(request, "capacity/national_mandates.html", context)


@_service_page("capacity:national_spuk")
def grants(request, service):
    own = list(selectors.grants(request.user).filter(service=service).prefetch_related("quarters"))
    year = {"year": clock.today().year}

    def report_quarter(grant, **data):
        return services.report_quarter(user=request.user, grant=next(g for g in own if g.pk == grant), **data)

    steps = {
        "grant_form": FormStep(
            lambda data: GrantForm(data, prefix="uitkering", initial=year),
            partial(services.record_grant, user=request.user, service=service),
            _("De uitkering is vastgelegd."),
        ),
        "quarter_form": FormStep(
            lambda data: QuarterForm(data, prefix="kwartaal", grants=own, initial=year),
            report_quarter,
            _("De kwartaalbesteding is vastgelegd."),
        ),
    }
    return _record_page(
        request, "capacity/grants.html", service, steps, grants=own, budget=spuk.NATIONAL_TOTAL, source=spuk.SOURCE
    )


@login_required
def national_spuk(request):
    selectors.require_country(request.user)
    return render(request, "capacity/national_spuk.html", {"spuk": selectors.spuk_national()})
