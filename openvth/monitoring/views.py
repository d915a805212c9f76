"""Pages of the IBP VTH programme monitor: thin views that read through the selectors and write through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openvth.core import clock
from openvth.core.forms import add_service_errors
from openvth.core.pdf import render_pdf
from openvth.core.permissions import Action, may
from openvth.core.views import run_service
from openvth.jobs import services as jobs

from . import council, quality, selectors, services
from .forms import DiffForm, StatusForm, UploadForm
from .models import ProgrammeAction


def _report(request):
    """The report asked for with ?rapportage=, else the latest; None when nothing has been imported."""
    chosen = request.GET.get("rapportage", "")
    if chosen.isdecimal():
        return get_object_or_404(selectors.reports(request.user), pk=int(chosen))
    return selectors.latest_report(request.user)


@login_required
def programme(request):
    report = _report(request)
    context = {"report": report, "may_edit": may(request.user, Action.EDIT_PROGRAMME)}
    if report is not None:
        found = selectors.actions(request.user, report)
        pillars = selectors.pillars(report)
        pillar, status = request.GET.get("pijler", ""), request.GET.get("status", "")
        shown = found
        if pillar in dict(pillars):
            shown = shown.filter(pillar=pillar)
        if status in ProgrammeAction.Status.values:
            shown = shown.filter(status=status)
        context |= {
            "legend": selectors.status_counts(found),
            "groups": selectors.overview(shown),
            "shown": shown.count(),
            "total": found.count(),
            "pillars": pillars,
            "statuses": ProgrammeAction.Status.choices,
            "pillar": pillar,
            "status": status,
        }
    return render(request, "monitoring/programme.html", context)


def _history(action: ProgrammeAction) -> list[dict]:
    labels = {f.name: f.verbose_name for f in ProgrammeAction._meta.concrete_fields}
    statuses = dict(ProgrammeAction.Status.choices)
    return [
        {
            "record": record,
            "changes": [
                {"label": labels[name], "old": statuses.get(old, old), "new": statuses.get(new, new)}
                for name, (old, new) in record.changes.items()
                if name in labels
            ],
        }
        for record in selectors.action_history(action)
    ]


@login_required
def action_detail(request, pk: int):
    action = get_object_or_404(selectors.actions(request.user), pk=pk)
    may_edit = may(request.user, Action.EDIT_PROGRAMME)
    form = StatusForm(initial={"status": action.status}) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = StatusForm(request.POST)
        if form.is_valid() and (
            done := run_service(
                request,
                form,
                lambda: services.change_status(user=request.user, action=action, **form.cleaned_data),
                success_message=_("De status is gewijzigd."),
                redirect_to=reverse("monitoring:action", args=[action.pk]),
            )
        ):
            return done
    context = {
        "action": action,
        "pillar_label": selectors.pillar_label(action.pillar),
        "history": _history(action),
        "form": form,
    }
    return render(request, "monitoring/action_detail.html", context)


@login_required
def report_list(request):
    reports = selectors.reports(request.user)
    form = DiffForm(request.GET or None, reports=reports)
    diff = None
    if form.is_valid():
        older, newer = form.cleaned_data["older"], form.cleaned_data["newer"]
        diff = selectors.report_diff(request.user, older, newer)
    context = {"reports": reports, "form": form, "diff": diff, "may_edit": may(request.user, Action.EDIT_PROGRAMME)}
    return render(request, "monitoring/report_list.html", context)


@login_required
def report_upload(request):
    if not may(request.user, Action.EDIT_PROGRAMME):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            imported = services.import_report(user=request.user, content=upload.read(), source_name=upload.name)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if imported.created:
                messages.success(request, _("De voortgangsrapportage is geïmporteerd."))
            else:
                messages.info(request, _("Dit bestand was al geïmporteerd; er is niets gewijzigd."))
            return redirect(f"{reverse('monitoring:programme')}?rapportage={imported.report.pk}")
    return render(request, "monitoring/report_upload.html", {"form": form})


@login_required
def report_pdf(request, pk: int):
    report = get_object_or_404(selectors.reports(request.user), pk=pk)
    context = selectors.report_context(request.user, report, printed_on=clock.today())
    response = HttpResponse(render_pdf(selectors.REPORT_TEMPLATE, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ibp-vth-voortgang-{report.period:%Y-%m}.pdf"'
    return response


# --- data quality, KPIs and the Staat van de VTH ---------------------------------------------------------------------

FAILING_PER_PAGE = 50


@login_required
def dashboard(request):
    years, rows = selectors.kpi_rows(request.user)
    context = {"years": years, "rows": rows, "measured_on": selectors.last_measured(request.user)}
    return render(request, "monitoring/dashboard.html", context)


@login_required
def quality_overview(request):
    context = {"rows": selectors.quality_scores(request.user), "measured_on": selectors.last_measured(request.user)}
    return render(request, "monitoring/quality.html", context)


@login_required
def quality_rule(request, code: str):
    rule = quality.BY_CODE.get(code)
    if rule is None:
        raise Http404
    found = selectors.failing_records(request.user, rule, today=clock.today())
    page = Paginator(found, FAILING_PER_PAGE).get_page(request.GET.get("pagina"))
    kind = rule.record_type
    links = [(record, reverse(kind.url_name, args=[getattr(record, kind.url_pk)])) for record in page.object_list]
    return render(request, "monitoring/quality_rule.html", {"rule": rule, "page": page, "links": links})


def _staat(request) -> dict:
    return selectors.staat_context(request.user, printed_on=clock.today())


@login_required
def staat(request):
    return render(request, "monitoring/staat_page.html", _staat(request))  # the PDF's content in the site's layout


@login_required
def staat_pdf(request):
    """GET renders the PDF while one waits; POST (the page's button) makes it in the background and goes to the
    job's page, with its progress and, once done, the download."""
    if request.method == "POST":
        job = jobs.start("staat_pdf", user=request.user)
        return redirect("jobs:job", pk=job.pk)
    response = HttpResponse(render_pdf(selectors.STAAT_TEMPLATE, _staat(request)), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="staat-van-de-vth.pdf"'
    return response


# --- the yearly report to a council or provincial states (issue 21, item 6) ------------------------------------------


def _council(request) -> dict:
    """The authorities the user may report on, the one chosen (?opdrachtgever=code, else the first) and the year."""
    choices = council.authorities(request.user)
    if not choices:
        raise PermissionDenied(_("Dit verslag is voor gemeenten, provincies, hun omgevingsdienst en het ministerie."))
    code = request.GET.get("opdrachtgever", "")
    authority = next((a for a in choices if a.code == code), None) if code else choices[0]
    if authority is None:
        raise Http404
    text, today = request.GET.get("jaar", ""), clock.today()
    year = int(text) if text.isdigit() and 2000 <= int(text) <= today.year else today.year
    return {
        "choices": choices, "years": range(today.year - 4, today.year + 1),
        "report": council.report(authority, year, today=today),
    }  # fmt: skip


@login_required
def council_report(request):
    return render(request, "monitoring/council_report_page.html", _council(request))


@login_required
def council_report_pdf(request):
    context = _council(request)
    report = context["report"]
    response = HttpResponse(render_pdf(council.TEMPLATE, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="verslag-{report.authority.code}-{report.year}.pdf"'
    return response
