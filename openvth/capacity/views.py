"""Pages of capacity: the own service's staff, competences and certificates, its quality criteria per task area,
its director's mandates and SPUK grants; for the ministry the national matrix, mandate comparison and SPUK totals
(counts, no person). Thin views: reads through the selectors, writes through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from openvth.core import clock
from openvth.core.forms import add_service_errors
from openvth.core.history import history_of
from openvth.core.permissions import Action, may
from openvth.core.versioning import newest_version
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


def _own(request):
    service = selectors.own_service(request.user)
    if service is None:
        raise PermissionDenied(_("Dit overzicht is voor medewerkers van een omgevingsdienst."))
    return service


def _national(request) -> None:
    if not selectors.sees_country(request.user):
        raise PermissionDenied(_("Landelijke overzichten zijn voor het programmabureau van het ministerie."))


def _may_plan(request, service) -> bool:
    return may(request.user, Action.PLAN, service)


def _require_plan(request, service) -> None:
    if not _may_plan(request, service):
        raise PermissionDenied(_("Alleen een manager of beheerder van de omgevingsdienst legt dit vast."))


@login_required
def overview(request):
    """The own service per task area: meets the quality criteria or not, which criterion fails and since when."""
    service = selectors.own_service(request.user)
    if service is None and selectors.sees_country(request.user):
        return redirect("capacity:national")
    if service is None:
        raise PermissionDenied(_("Dit overzicht is voor medewerkers van een omgevingsdienst."))
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
    _national(request)
    today = clock.today()
    areas = [(area.value, quality.TASK_AREA_LABELS[area]) for area in quality.TaskArea]
    context = {"matrix": selectors.national_matrix(today), "areas": areas, "today": today, "source": quality.SOURCE}
    return render(request, "capacity/national.html", context)


@login_required
def staff_list(request):
    service = _own(request)
    context = {
        "service": service,
        "staff": selectors.staff(request.user).filter(service=service).prefetch_related("competences"),
        "may_edit": _may_plan(request, service),
        "columns": services.CSV_COLUMNS,
    }
    return render(request, "capacity/staff_list.html", context)


def _staff_values(form) -> dict:
    return {name: form.cleaned_data[name] for name in services.STAFF_FIELDS}


@login_required
def staff_create(request):
    service = _own(request)
    _require_plan(request, service)
    form = StaffForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        try:
            staff = services.create_staff(user=request.user, service=service, **_staff_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De medewerker is toegevoegd."))
            return redirect("capacity:staff", pk=staff.pk)
    return render(request, "capacity/staff_form.html", {"form": form, "service": service})


@login_required
def staff_import(request):
    service = _own(request)
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


@login_required
def staff_detail(request, pk: int):
    staff = get_object_or_404(selectors.staff(request.user), pk=pk)
    may_edit = _may_plan(request, staff.service)
    initial = {name: getattr(staff, "user" if name == "account" else name) for name in services.STAFF_FIELDS}
    form = StaffForm(initial=initial, service=staff.service)
    competence_form = CompetenceForm(prefix="bekwaamheid")
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("Alleen een manager of beheerder van de omgevingsdienst legt dit vast."))
        if "bekwaamheid-task_area" in request.POST:
            competence_form = CompetenceForm(request.POST, prefix="bekwaamheid")
            if competence_form.is_valid():
                try:
                    services.add_competence(user=request.user, staff=staff, **competence_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(competence_form, error)
                else:
                    messages.success(request, _("De bekwaamheid is toegevoegd."))
                    return redirect("capacity:staff", pk=staff.pk)
        else:
            form = StaffForm(request.POST, service=staff.service)
            if form.is_valid():
                try:
                    services.update_staff(user=request.user, staff=staff, **_staff_values(form))
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("De medewerker is gewijzigd."))
                    return redirect("capacity:staff", pk=staff.pk)
    context = {
        "staff": staff,
        "competences": staff.competences.prefetch_related("certificates"),
        "form": form,
        "competence_form": competence_form,
        "may_edit": may_edit,
        "history": history_of(staff)[:20],
    }
    return render(request, "capacity/staff_detail.html", context)


@login_required
def competence_detail(request, pk: int):
    competence = get_object_or_404(selectors.competences(request.user), pk=pk)
    service = competence.staff.service
    may_edit = _may_plan(request, service)
    fields = ("education", "training", "experience_years", "hours_per_year", "valid_to")
    form = CompetenceEditForm(initial={name: getattr(competence, name) for name in fields})
    certificate_form = CertificateForm(prefix="certificaat")
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("Alleen een manager of beheerder van de omgevingsdienst legt dit vast."))
        if "certificaat-name" in request.POST:
            certificate_form = CertificateForm(request.POST, prefix="certificaat")
            if certificate_form.is_valid():
                try:
                    services.add_certificate(user=request.user, competence=competence, **certificate_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(certificate_form, error)
                else:
                    messages.success(request, _("Het certificaat is toegevoegd."))
                    return redirect("capacity:competence", pk=competence.pk)
        else:
            form = CompetenceEditForm(request.POST)
            if form.is_valid():
                try:
                    services.update_competence(user=request.user, competence=competence, **form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("De bekwaamheid is gewijzigd."))
                    return redirect("capacity:competence", pk=competence.pk)
    context = {
        "competence": competence,
        "certificates": competence.certificates.all(),
        "form": form,
        "certificate_form": certificate_form,
        "may_edit": may_edit,
        "history": history_of(competence)[:20],
    }
    return render(request, "capacity/competence_detail.html", context)


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
            try:
                services.store_criteria(
                    user=request.user,
                    organisation=owner,
                    valid_from=form.cleaned_data["valid_from"],
                    criteria=table,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De nieuwe versie van de kwaliteitscriteria is opgeslagen."))
                return redirect("capacity:criteria")
    context = {
        "rows": rows,
        "service": service,
        "national": national,
        "form": form,
        "versions": selectors.criteria_versions(request.user).order_by("-valid_from", "-id")[:20],
        "source": quality.SOURCE,
    }
    return render(request, "capacity/criteria.html", context)


@login_required
def mandates(request):
    service = selectors.own_service(request.user)
    if service is None and selectors.sees_country(request.user):
        return redirect("capacity:national_mandates")
    service = _own(request)
    today = clock.today()
    context = {"service": service, "rows": selectors.service_mandates(request.user, service, today), "today": today}
    context["powers"] = selectors.POWERS
    return render(request, "capacity/mandates.html", context)


@login_required
def national_mandates(request):
    _national(request)
    today = clock.today()
    context = {"rows": selectors.national_mandates(today), "powers": selectors.POWERS, "today": today}
    return render(request, "capacity/national_mandates.html", context)


@login_required
def grants(request):
    service = selectors.own_service(request.user)
    if service is None and selectors.sees_country(request.user):
        return redirect("capacity:national_spuk")
    service = _own(request)
    own = list(selectors.grants(request.user).filter(service=service).prefetch_related("quarters"))
    may_edit = _may_plan(request, service)
    grant_form = GrantForm(prefix="uitkering", initial={"year": clock.today().year})
    quarter_form = QuarterForm(prefix="kwartaal", grants=own, initial={"year": clock.today().year})
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("Alleen een manager of beheerder van de omgevingsdienst legt dit vast."))
        if "uitkering-purpose" in request.POST:
            grant_form = GrantForm(request.POST, prefix="uitkering")
            if grant_form.is_valid():
                try:
                    services.record_grant(user=request.user, service=service, **grant_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(grant_form, error)
                else:
                    messages.success(request, _("De uitkering is vastgelegd."))
                    return redirect("capacity:grants")
        else:
            quarter_form = QuarterForm(request.POST, prefix="kwartaal", grants=own)
            if quarter_form.is_valid():
                data = dict(quarter_form.cleaned_data)
                grant = next(g for g in own if g.pk == data.pop("grant"))
                try:
                    services.report_quarter(user=request.user, grant=grant, **data)
                except ValidationError as error:
                    add_service_errors(quarter_form, error)
                else:
                    messages.success(request, _("De kwartaalbesteding is vastgelegd."))
                    return redirect("capacity:grants")
    context = {
        "service": service,
        "grants": own,
        "may_edit": may_edit,
        "grant_form": grant_form,
        "quarter_form": quarter_form,
        "budget": spuk.NATIONAL_TOTAL,
        "source": spuk.SOURCE,
    }
    return render(request, "capacity/grants.html", context)


@login_required
def national_spuk(request):
    _national(request)
    return render(request, "capacity/national_spuk.html", {"spuk": selectors.spuk_national()})
