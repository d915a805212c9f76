"""The intake queue of the permit officer: requests from the Omgevingsloket, their status and reason, and the ways
out of the queue (retry after fixing the mapping, link an establishment by hand, or make the proposed one)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.core.forms import add_service_errors
from openvth.core.views import flash_errors, or_404
from openvth.register import selectors as register_selectors

from . import selectors, services
from .forms import ProposalForm
from .models import IntakeRequest

PER_PAGE = 50
# what the page shows of a reading that is not there (a request not fetched or not readable)
EMPTY_READING = {"name": "", "type_text": "", "authority_oin": "", "applicant": {"name": "", "kvk_number": ""}}
EMPTY_PROPOSAL = dict.fromkeys(
    ("name", "company_name", "street", "house_number", "house_number_suffix", "postcode", "place", "kvk_number",
     "kvk_vestigingsnummer", "bag_nummeraanduiding_id"), ""
)  # fmt: skip


def _intake(request, pk: int) -> IntakeRequest:
    return or_404(selectors.intake_detail, request.user, pk)


@login_required
def queue(request):
    status = request.GET.get("status", IntakeRequest.Status.QUEUED)
    status = status if status in IntakeRequest.Status.values or status == "alle" else IntakeRequest.Status.QUEUED
    found = selectors.intake_requests(request.user, status="" if status == "alle" else status)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "status": status,
        "statuses": IntakeRequest.Status,
        "may_handle": services.may_handle(request.user),
    }
    return render(request, "intake/queue.html", context)


def _detail_page(request, intake: IntakeRequest, *, form=None, duplicates=(), status: int = 200):
    parsed = EMPTY_READING | (intake.parsed or {})
    parsed["applicant"] = EMPTY_READING["applicant"] | (parsed.get("applicant") or {})
    queued = intake.status == IntakeRequest.Status.QUEUED
    may_create = bool(intake.proposal) and queued and services.may_create_establishment(request.user, intake)
    context = {
        "intake": intake,
        "parsed": parsed,
        "proposal": EMPTY_PROPOSAL | intake.proposal if intake.proposal else {},
        "proposal_form": (form or ProposalForm(initial=services.proposal_initial(intake))) if may_create else None,
        "duplicates": list(duplicates),
        "activities": list(intake.activities.all()),
        "attachments": list(intake.attachments.all()),
        "candidates": selectors.candidates(request.user, intake) if queued else [],
        "may_handle": services.may_handle(request.user),
    }
    return render(request, "intake/request_detail.html", context, status=status)


@login_required
def detail(request, pk: int):
    return _detail_page(request, _intake(request, pk))


def _done(request, intake: IntakeRequest) -> None:
    if intake.status == IntakeRequest.Status.PROCESSED:
        messages.success(request, _("Verzoek %(nr)s is verwerkt.") % {"nr": intake.verzoeknummer})
    elif intake.status == IntakeRequest.Status.WAITING:
        messages.success(request, _("Verzoek %(nr)s wordt opnieuw opgehaald.") % {"nr": intake.verzoeknummer})
    else:
        messages.error(request, _("Nog niet verwerkt: %(reason)s") % {"reason": intake.reason})


def _handle(request, pk: int, call):
    """A way out of the queue posted from the request's page: `call()` runs the service and returns the request;
    what became of it (`_done`), or the refusal, is said there."""
    try:
        intake = call()
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    else:
        _done(request, intake)
    return redirect("intake:request", pk=pk)


@login_required
@require_POST
def retry(request, pk: int):
    intake = _intake(request, pk)
    return _handle(request, pk, lambda: services.retry(user=request.user, intake=intake))


@login_required
@require_POST
def link(request, pk: int):
    intake = _intake(request, pk)
    raw = request.POST.get("vestiging", "").strip()
    if not raw.isdigit():
        messages.error(request, _("Kies een vestiging of geef het nummer van een vestiging."))
        return redirect("intake:request", pk=pk)
    try:
        establishment = register_selectors.establishment_detail(request.user, int(raw))
    except ObjectDoesNotExist:
        messages.error(request, _("Vestiging %(nr)s bestaat niet of u mag die niet zien.") % {"nr": raw})
        return redirect("intake:request", pk=pk)
    return _handle(
        request, pk, lambda: services.link_establishment(user=request.user, intake=intake, establishment=establishment)
    )


@login_required
@require_POST
def create_establishment(request, pk: int):
    """The proposed establishment, as the officer corrected it, into the register; then the request is mapped
    again. A duplicate the register's check finds is shown with a button to link the request to it instead."""
    intake = _intake(request, pk)
    try:
        services.check_may_create_establishment(request.user, intake)
        services.check_proposal(intake)
    except (PermissionDenied, ValidationError) as error:
        flash_errors(request, error)
        return redirect("intake:request", pk=pk)
    form = ProposalForm(request.POST)
    duplicates = []
    if form.is_valid():
        try:
            intake = services.create_establishment(user=request.user, intake=intake, **form.cleaned_data)
        except services.DuplicatesFound as found:
            duplicates = found.duplicates
            form.add_error(None, found)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Vestiging %(name)s is in het register vastgelegd.") % {"name": intake.establishment.name}
            )
            _done(request, intake)
            return redirect("intake:request", pk=pk)
    intake = _intake(request, pk)
    return _detail_page(request, intake, form=form, duplicates=duplicates, status=400)


def _file(field, name: str):
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


@login_required
def stam_file(request, pk: int):
    intake = _intake(request, pk)
    return _file(intake.stam, f"{intake.verzoeknummer}.xml")


@login_required
def pdf_file(request, pk: int):
    intake = _intake(request, pk)
    return _file(intake.pdf, f"{intake.verzoeknummer}.pdf")


@login_required
def attachment_file(request, pk: int, attachment: int):
    intake = _intake(request, pk)
    found = get_object_or_404(intake.attachments, pk=attachment)
    return _file(found.file, found.name)
