"""Pages of inspections, reports and complaints: thin views that read through the selectors and write through the
services. The checklist saves each answer at once with htmx, so a dropped connection loses nothing entered."""

import ipaddress
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.accounts.models import Role
from openvth.audit.services import record_read
from openvth.core import clock
from openvth.core.forms import add_service_errors
from openvth.core.pdf import render_pdf
from openvth.core.permissions import Action, has_role, may
from openvth.core.views import htmx_fragment, or_404, run_button, run_service
from openvth.register import selectors as register_selectors

from ..forms.inspections import (
    AnswerCorrectionForm,
    AnswerForm,
    AttachmentForm,
    CloseComplaintForm,
    ComplaintForm,
    FindingForm,
    InspectionForm,
    ReportDatesForm,
    StartForm,
    SummaryCorrectionForm,
    SummaryForm,
    TriageForm,
)
from ..models import Answer, Attachment, ChecklistItem, Finding, Inspection
from ..selectors import agenda as agenda_selectors
from ..selectors import inspections as selectors
from ..services import inspections as services

WEEK_VISITS_SHOWN = 50


def _editable(request, pk: int) -> Inspection:
    inspection = or_404(selectors.inspection_detail, request.user, pk)
    if not may(request.user, Action.INSPECT, inspection):
        raise PermissionDenied(_("U mag deze inspectie niet wijzigen."))
    return inspection


# --- the queue and a new inspection -----------------------------------------------------------------------------


@login_required
def inspection_queue(request):
    today = clock.today()
    queue = selectors.queue(request.user, today=today)
    context = {
        "queue": queue,
        "today": today,
        # the programme's visits are no inspection until started: this week's of the user are listed beside them
        "week_visits": agenda_selectors.week_visits(request.user, today=today)[:WEEK_VISITS_SHOWN],
        "week_end": agenda_selectors.week_end(today),
        "may_inspect": has_role(request.user, Action.PLAN_INSPECTION),
    }
    return render(request, "supervision/inspections/queue.html", context)


def _chosen_establishment(request):
    """The establishment of ?vestiging=<id> (from its page or dossier), if the user may see it."""
    pk = request.GET.get("vestiging", "")
    return register_selectors.establishments(request.user).filter(pk=pk).first() if pk.isdigit() else None


@login_required
def inspection_new(request):
    """Plan an inspection: of the establishment the link came from (nothing to type), else by its number."""
    if not has_role(request.user, Action.PLAN_INSPECTION):
        raise PermissionDenied(_("U mag geen inspecties plannen."))
    chosen = _chosen_establishment(request)
    if request.method == "POST":
        form = InspectionForm(request.POST, user=request.user, establishment=chosen)
        if form.is_valid():
            values = dict(form.cleaned_data)
            number = values.pop("kvk_vestigingsnummer", None)
            establishment = chosen or register_selectors.establishment_by_number(request.user, number)
            if establishment is None:
                form.add_error("kvk_vestigingsnummer", _("U kunt geen vestiging met dit vestigingsnummer zien."))
            elif done := run_service(
                request,
                form,
                lambda: services.create_inspection(user=request.user, establishment=establishment, **values),
                success_message=_("De inspectie is gepland."),
                redirect_to=lambda inspection: reverse("supervision:inspection", args=[inspection.pk]),
            ):
                return done
    else:
        initial = {"planned_on": clock.today()}
        if request.user.role == Role.INSPECTOR:
            initial["inspectors"] = [request.user.pk]
        form = InspectionForm(initial=initial, user=request.user, establishment=chosen)
    return render(request, "supervision/inspections/inspection_form.html", {"form": form, "establishment": chosen})


# --- the inspection page ----------------------------------------------------------------------------------------


def _detail_context(request, inspection: Inspection) -> dict:
    today = clock.today()
    editable = may(request.user, Action.INSPECT, inspection)
    return {
        "inspection": inspection,
        "rows": selectors.checklist_rows(inspection),
        "findings": selectors.findings(inspection),
        "attachments": inspection.attachments.filter(finding__isnull=True),
        "complaints": inspection.complaints.all(),
        "deadlines": selectors.report_deadlines(inspection, today=today),
        "history": selectors.inspection_history(inspection)[:50],
        "editable": editable,
        "editable_open": editable and inspection.status == Inspection.Status.OPEN,
        "results": Answer.Result,
        "start_form": StartForm(initial={"performed_on": today}),
        "summary_form": SummaryForm(initial={"summary": inspection.summary}),
        "report_form": ReportDatesForm(
            initial={"sent_on": inspection.report_sent_on, "published_on": inspection.report_published_on}
        ),
    }


@login_required
def inspection_detail(request, pk: int):
    inspection = or_404(selectors.inspection_detail, request.user, pk)
    return render(request, "supervision/inspections/inspection_detail.html", _detail_context(request, inspection))


@login_required
@require_POST
def inspection_start(request, pk: int):
    inspection = _editable(request, pk)
    return run_button(
        request,
        StartForm(request.POST),
        partial(services.start_inspection, user=request.user, inspection=inspection),
        success_message=_("De inspectie is gestart: elk antwoord wordt direct opgeslagen."),
        back=reverse("supervision:inspection", args=[pk]),
    )


@login_required
@require_POST
def answer_save(request, pk: int, item: int):
    """One checklist answer; htmx gets the row back with 'opgeslagen', a plain post goes back to the page."""
    inspection = _editable(request, pk)
    checklist_item = get_object_or_404(ChecklistItem, pk=item, version_id=inspection.checklist_id)
    form = AnswerForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Kies voldoet, voldoet niet, niet beoordeeld of niet van toepassing.")
    else:
        note = form.cleaned_data["note"] if "note" in request.POST else None
        try:
            services.save_answer(
                user=request.user,
                inspection=inspection,
                item=checklist_item,
                result=form.cleaned_data["result"],
                note=note,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if not htmx_fragment(request):
        if error:
            messages.error(request, error)
        return redirect(f"{reverse('supervision:inspection', args=[pk])}#punt-{checklist_item.position}")
    row = next(r for r in selectors.checklist_rows(inspection) if r.item.pk == checklist_item.pk)
    context = {
        "inspection": inspection,
        "row": row,
        "results": Answer.Result,
        "error": error,
        "saved_at": None if error else timezone.localtime(clock.now()),
    }
    context["editable"] = inspection.status == Inspection.Status.OPEN
    return render(request, "supervision/inspections/_checklist_row.html", context, status=422 if error else 200)


@login_required
@require_POST
def summary_save(request, pk: int):
    inspection = _editable(request, pk)
    form = SummaryForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.save_summary(user=request.user, inspection=inspection, summary=form.cleaned_data["summary"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if htmx_fragment(request):
        context = {"error": error, "saved_at": timezone.localtime(clock.now())}
        return render(request, "supervision/inspections/_saved.html", context, status=422 if error else 200)
    if error:
        messages.error(request, error)
    return redirect("supervision:inspection", pk=pk)


# --- findings and attachments -----------------------------------------------------------------------------------


def _finding_form(request, inspection: Inspection, data=None, initial=None) -> FindingForm:
    return FindingForm(
        data,
        initial=initial,
        provisions=selectors.provisions_in_force(request.user, inspection),
        brzo=bool(inspection.establishment.brzo_tier),
        closed=inspection.status == Inspection.Status.CLOSED,
    )


def _finding_saved(request, inspection: Inspection, form: FindingForm, write) -> HttpResponse | None:
    """A posted finding form through its service (`write`, given the form's values and the correction): the
    inspection's page when it is done, None to show the form again."""
    if not form.is_valid():
        return None
    return run_service(
        request,
        form,
        lambda: write(correction=form.cleaned_data.get("correction", ""), **form.values()),
        success_message=_("De bevinding is opgeslagen."),
        redirect_to=reverse("supervision:inspection", args=[inspection.pk]),
    )


def _finding_page(request, inspection, form, finding=None, answer=None):
    context = {"inspection": inspection, "form": form, "finding": finding, "answer": answer}
    return render(request, "supervision/inspections/finding_form.html", context)


@login_required
def finding_new(request, pk: int):
    inspection = _editable(request, pk)
    answer_pk = request.POST.get("answer") or request.GET.get("antwoord")
    answer = None
    if answer_pk and str(answer_pk).isdigit():
        answer = Answer.objects.filter(inspection=inspection, pk=answer_pk).select_related("item").first()
    if request.method == "POST":
        form = _finding_form(request, inspection, request.POST)
        write = partial(services.add_finding, user=request.user, inspection=inspection, answer=answer)
        if done := _finding_saved(request, inspection, form, write):
            return done
    else:
        form = _finding_form(request, inspection)
        if answer and answer.item.rule_hint:
            # the item's rule is the likely breach when the permit has no provision for it: offered, not forced
            form.fields["general_rule"].help_text = _("Grondslag van dit controlepunt: %(rule)s.") % {
                "rule": answer.item.rule_hint
            }
            if not form.fields["provision"].choices[1:]:
                form.initial["general_rule"] = answer.item.rule_hint
    return _finding_page(request, inspection, form, answer=answer)


def _finding(request, pk: int, finding_pk: int) -> tuple[Inspection, Finding]:
    inspection = _editable(request, pk)
    return inspection, get_object_or_404(Finding, pk=finding_pk, inspection=inspection)


@login_required
def finding_edit(request, pk: int, finding_pk: int):
    inspection, finding = _finding(request, pk, finding_pk)
    if request.method == "POST":
        form = _finding_form(request, inspection, request.POST)
        write = partial(services.update_finding, user=request.user, finding=finding)
        if done := _finding_saved(request, inspection, form, write):
            return done
    else:
        provision = next(
            (
                p.pk
                for p in selectors.provisions_in_force(request.user, inspection)
                if p.number == finding.provision_number
            ),
            None,
        )
        initial = {
            "provision": provision,
            "general_rule": finding.general_rule,
            "consequences": finding.consequences,
            "brzo_grade": finding.brzo_grade,
            "description": finding.description,
        }
        form = _finding_form(request, inspection, initial=initial)
    return _finding_page(request, inspection, form, finding=finding, answer=finding.answer)


@login_required
@require_POST
def finding_remove(request, pk: int, finding_pk: int):
    _inspection_, finding = _finding(request, pk, finding_pk)
    correction = request.POST.get("correction", "")
    return run_service(
        request,
        None,
        lambda: services.remove_finding(user=request.user, finding=finding, correction=correction),
        success_message=_("De bevinding is verwijderd."),
        redirect_to=reverse("supervision:inspection", args=[pk]),
        confirm={
            "question": _("Deze bevinding verwijderen? Zij verdwijnt uit de inspectie en het rapport."),
            "button": _("Bevinding verwijderen"),
            "back": reverse("supervision:inspection", args=[pk]),
            "danger": True,
        },
    )


@login_required
@require_POST
def attachment_add(request, pk: int):
    inspection = _editable(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Kies een foto of een PDF om toe te voegen."))
        return redirect("supervision:inspection", pk=pk)
    finding = None
    if (finding_pk := request.POST.get("finding", "")).isdigit():
        finding = inspection.findings.filter(pk=finding_pk).first()
    return run_service(
        request,
        None,
        lambda: services.attach(user=request.user, inspection=inspection, finding=finding, **form.cleaned_data),
        success_message=_("Het bestand is toegevoegd."),
        redirect_to=reverse("supervision:inspection", args=[pk]),
    )


@login_required
def attachment_file(request, pk: int, attachment_pk: int):
    inspection = or_404(selectors.inspection_detail, request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, inspection=inspection)
    return FileResponse(attachment.file.open("rb"), filename=attachment.file.name.rsplit("/", 1)[-1])


# --- closing and corrections ------------------------------------------------------------------------------------


@login_required
@require_POST
def inspection_close(request, pk: int):
    inspection = _editable(request, pk)
    return run_service(
        request,
        None,
        lambda: services.close_inspection(user=request.user, inspection=inspection),
        success_message=_("De inspectie is afgesloten. Wijzigen kan nu alleen nog met een correctie."),
        redirect_to=reverse("supervision:inspection", args=[pk]),
        confirm={
            "question": _("Inspectie afsluiten? Daarna kunt u alleen nog corrigeren."),
            "button": _("Inspectie afsluiten"),
            "back": reverse("supervision:inspection", args=[pk]),
        },
    )


@login_required
def inspection_correct(request, pk: int):
    inspection = _editable(request, pk)
    if inspection.status != Inspection.Status.CLOSED:
        messages.error(
            request, _("Een open inspectie wijzigt u gewoon; een correctie is voor een afgesloten inspectie.")
        )
        return redirect("supervision:inspection", pk=pk)
    items = list(ChecklistItem.objects.filter(version_id=inspection.checklist_id).order_by("position"))
    answer_form = AnswerCorrectionForm(prefix="oordeel", items=items)
    summary_form = SummaryCorrectionForm(prefix="samenvatting", initial={"summary": inspection.summary})
    done = None
    if request.method == "POST" and "oordeel-item" in request.POST:
        answer_form = AnswerCorrectionForm(request.POST, prefix="oordeel", items=items)
        if answer_form.is_valid():
            values = answer_form.cleaned_data
            done = run_service(
                request,
                answer_form,
                lambda: services.save_answer(
                    user=request.user,
                    inspection=inspection,
                    item=next(i for i in items if i.pk == values["item"]),
                    result=values["result"],
                    correction=values["correction"],
                ),
                success_message=_("De correctie is vastgelegd."),
                redirect_to=reverse("supervision:inspection", args=[pk]),
            )
    elif request.method == "POST":
        summary_form = SummaryCorrectionForm(request.POST, prefix="samenvatting")
        if summary_form.is_valid():
            done = run_service(
                request,
                summary_form,
                lambda: services.save_summary(user=request.user, inspection=inspection, **summary_form.cleaned_data),
                success_message=_("De correctie is vastgelegd."),
                redirect_to=reverse("supervision:inspection", args=[pk]),
            )
    if done:
        return done
    context = {
        "inspection": inspection,
        "answer_form": answer_form,
        "summary_form": summary_form,
        "findings": selectors.findings(inspection),
    }
    return render(request, "supervision/inspections/correction_form.html", context)


# --- reports ----------------------------------------------------------------------------------------------------


def _report_context(request, inspection: Inspection) -> dict:
    today = clock.today()
    return {
        "inspection": inspection,
        "establishment": inspection.establishment,
        "rows": selectors.checklist_rows(inspection),
        "findings": selectors.findings(inspection),
        "deadlines": selectors.report_deadlines(inspection, today=today),
        "printed_on": today,
    }


@login_required
def report(request, pk: int):
    inspection = or_404(selectors.inspection_detail, request.user, pk)
    return render(request, "supervision/inspections/report.html", _report_context(request, inspection))


@login_required
def report_pdf(request, pk: int):
    inspection = or_404(selectors.inspection_detail, request.user, pk)
    context = _report_context(request, inspection)
    photos = selectors.report_photos(inspection)
    for finding in context["findings"]:  # each finding's photos under it, the others at the end
        finding.report_photos = [p for p in photos if p.finding_id == finding.pk]
    shown = {f.pk for f in context["findings"]}
    context["general_photos"] = [p for p in photos if p.finding_id not in shown]
    pdf = render_pdf("supervision/inspections/report_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    day = inspection.performed_on or inspection.planned_on
    response["Content-Disposition"] = f'attachment; filename="inspectierapport-{inspection.pk}-{day}.pdf"'
    return response


@login_required
@require_POST
def report_dates(request, pk: int):
    inspection = _editable(request, pk)
    return run_button(
        request,
        ReportDatesForm(request.POST),
        partial(services.record_report, user=request.user, inspection=inspection),
        success_message=_("De rapportdata zijn vastgelegd."),
        back=reverse("supervision:inspection", args=[pk]),
    )


@login_required
def late_reports(request):
    today = clock.today()
    rows = selectors.late_reports(request.user, today=today)
    return render(request, "supervision/inspections/late_reports.html", {"rows": rows, "today": today})


# --- complaints -------------------------------------------------------------------------------------------------


def _trusted(address: str, proxies) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, unless that is one of settings.TRUSTED_PROXIES; then the right-most
    address of X-Forwarded-For that is no trusted proxy (each proxy appends the peer it saw; whatever lies further
    left the client wrote itself)."""
    remote = request.META.get("REMOTE_ADDR") or "onbekend"
    proxies = [ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES]
    if not _trusted(remote, proxies):
        return remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        try:
            address = str(ipaddress.ip_address(hop.strip()))
        except ValueError:
            break  # no address where a trusted proxy wrote one: count the proxy itself
        if not _trusted(address, proxies):
            return address
    return remote


def complaint_public(request):
    """The public complaint form: no login."""
    if request.method == "POST":
        form = ComplaintForm(request.POST)
        if form.is_spam():  # the same thank-you page, nothing stored: a robot learns nothing to adapt to
            return redirect("supervision:complaint_received")
        if form.is_valid():
            try:
                complaint = services.submit_complaint(client_ip=client_ip(request), **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                request.session["complaint_received"] = complaint.pk
                return redirect("supervision:complaint_received")
    else:
        form = ComplaintForm()
    return render(request, "supervision/inspections/complaint_form.html", {"form": form})


def complaint_received(request):
    received = request.session.pop("complaint_received", None)
    return render(request, "supervision/inspections/complaint_received.html", {"number": received})


@login_required
def complaint_list(request):
    status = request.GET.get("status", "new")
    found = selectors.complaints(request.user)
    if status:
        found = found.filter(status=status)
    context = {"complaints": found[:200], "status": status, "statuses": found.model.Status}
    return render(request, "supervision/inspections/complaint_list.html", context)


def _complaint(request, pk: int):
    return get_object_or_404(selectors.complaints(request.user), pk=pk)


@login_required
def complaint_detail(request, pk: int, triage_form=None, close_form=None):
    complaint = _complaint(request, pk)
    record_read(request.user, complaint, channel="ui")  # the reporter's name, e-mail and telephone (audit log)
    context = {
        "complaint": complaint,
        "can_triage": complaint.status == complaint.Status.NEW
        and may(request.user, Action.TRIAGE_COMPLAINT, complaint),
        "triage_form": triage_form or TriageForm(initial={"planned_on": clock.today()}),
        "close_form": close_form or CloseComplaintForm(),
    }
    return render(request, "supervision/inspections/complaint_detail.html", context)


@login_required
@require_POST
def complaint_triage(request, pk: int):
    complaint = _complaint(request, pk)
    form = TriageForm(request.POST)
    if form.is_valid():
        establishment = register_selectors.establishment_by_number(
            request.user, form.cleaned_data["kvk_vestigingsnummer"]
        )
        if establishment is None:
            form.add_error("kvk_vestigingsnummer", _("U kunt geen vestiging met dit vestigingsnummer zien."))
        elif done := run_service(
            request,
            form,
            lambda: services.triage_to_inspection(
                user=request.user,
                complaint=complaint,
                establishment=establishment,
                planned_on=form.cleaned_data["planned_on"],
            ),
            success_message=_("Er is een inspectie naar aanleiding van de melding gepland."),
            redirect_to=lambda inspection: reverse("supervision:inspection", args=[inspection.pk]),
            denied=True,
        ):
            return done
    return complaint_detail(request, pk, triage_form=form)


@login_required
@require_POST
def complaint_close(request, pk: int):
    complaint = _complaint(request, pk)
    form = CloseComplaintForm(request.POST)
    if form.is_valid() and (
        done := run_service(
            request,
            form,
            lambda: services.close_complaint(
                user=request.user, complaint=complaint, reason=form.cleaned_data["reason"]
            ),
            success_message=_("De melding is afgesloten."),
            redirect_to="supervision:complaints",
            denied=True,
        )
    ):
        return done
    return complaint_detail(request, pk, close_form=form)
