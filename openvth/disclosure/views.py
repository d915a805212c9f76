"""Pages of the Woo publication flow: the queue, the review of a proposal span by span with the public preview, and
the steps approve, publish and withdraw. Thin: reads through the selectors, writes through the services."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openvth.core.history import history_of
from openvth.core.permissions import Action, may
from openvth.core.views import flash_errors, or_404, run_service

from . import policy, selectors, services
from .forms import PassageForm, SpanForm, WithdrawForm
from .models import Publication

# a step: its service, the message when done, and the confirmation question with its button (issue 16, item 5)
STEPS = {
    "goedkeuren": (
        services.approve,
        gettext_lazy("Goedgekeurd: de openbare tekst ligt vast."),
        gettext_lazy("Goedkeuren? De openbare tekst ligt daarna vast zoals in het voorbeeld."),
        gettext_lazy("Goedkeuren"),
    ),
    "publiceren": (
        services.publish,
        gettext_lazy("Gepubliceerd: de publicatie staat op de openbare site."),
        gettext_lazy("Publiceren? De tekst staat daarna voor iedereen op de openbare site."),
        gettext_lazy("Publiceren"),
    ),
}


# the engine's labels (openvth.rules.redaction_policy) as the reviewer reads them
LABELS = {
    "person": gettext_lazy("naam"),
    "phone": gettext_lazy("telefoonnummer"),
    "email": gettext_lazy("e-mailadres"),
    "home_address": gettext_lazy("woonadres"),
    "birth_date": gettext_lazy("geboortedatum"),
    "birth_place": gettext_lazy("geboorteplaats"),
    "personal_number": gettext_lazy("dienstnummer"),
    "bsn": gettext_lazy("BSN"),
    "health": gettext_lazy("gezondheid (5.1.1d)"),
    "vehicle": gettext_lazy("kenteken"),
    "iban": gettext_lazy("rekeningnummer (IBAN)"),
    "trade_name": gettext_lazy("handelsnaam natuurlijk persoon"),
    "personal_kvk": gettext_lazy("KvK-nummer natuurlijk persoon"),
    services.MANUAL: gettext_lazy("met de hand"),
    policy.KVK_NUMBER: gettext_lazy("KvK-nummer natuurlijk persoon"),
    policy.PRIVATE_ADDRESS: gettext_lazy("adres (woning of natuurlijk persoon)"),
}


def _publication(request, pk: int) -> Publication:
    return or_404(selectors.publication_detail, request.user, pk)


@login_required
def queue(request):
    return render(request, "disclosure/publication/queue.html", {"queue": selectors.queue(request.user)})


def _propose(request, read, service, keyword: str, pk: int):
    """Propose from the inspection or letter page; a refusal returns there (`next`) with its message."""
    source = or_404(read, request.user, pk)
    try:
        publication = service(user=request.user, **{keyword: source})
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
        back = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
        return redirect(back if safe else "disclosure:publications")
    messages.success(request, _("Voorstel gemaakt: beoordeel elke gemarkeerde passage."))
    return redirect("disclosure:publication", pk=publication.pk)


@login_required
@require_POST
def propose_inspection(request, pk: int):
    return _propose(request, selectors.inspection_source, services.propose_inspection, "inspection", pk)


@login_required
@require_POST
def propose_letter(request, pk: int):
    return _propose(request, selectors.letter_source, services.propose_letter, "letter", pk)


@login_required
@require_POST
def propose_permit(request, pk: int):
    """Propose the release of an establishment's permit from its permit page, after the confirmation (core.confirm);
    a refusal returns to the permit page with its reason."""
    establishment = or_404(selectors.permit_source, request.user, pk)
    back = reverse("permits:permit", args=[pk])
    return run_service(
        request,
        None,
        lambda: services.propose_permit(user=request.user, establishment=establishment),
        success_message=_("Vrijgave voorgesteld: beoordeel elke gemarkeerde passage."),
        redirect_to=back,
        denied=True,
        confirm={
            "question": _(
                "De vergunning openbaar laten maken? Alle voorschriften en besluiten gaan met een lakvoorstel naar de "
                "beoordeling; na goedkeuring en publicatie staan zij voor iedereen op de openbare site."
            ),
            "button": _("Vrijgave voorstellen"),
            "back": back,
        },
    )


def _review_context(request, publication: Publication, span_forms=None, passage_form=None, withdraw_form=None):
    decisions = list(publication.decisions.all())
    may_review = may(request.user, Action.REVIEW_PUBLICATION, publication)
    reviewing = publication.status == Publication.Status.PROPOSED and may_review
    forms = {form.span.pk: form for form in span_forms or (SpanForm(span=d) for d in decisions)}
    rows = [
        {
            "decision": d,
            "text": publication.source_text[d.start : d.end],
            "label": LABELS.get(d.label, d.label),
            "absolute": services.is_absolute(d),
            "fixed": services.is_fixed(d),
            "form": forms[d.pk],
        }
        for d in decisions
    ]
    proposed = publication.status == Publication.Status.PROPOSED
    return {
        "publication": publication,
        "approval_refusal": services.approval_refusal(request.user, publication) if proposed else "",
        "second_approval": proposed and services.needs_second_approval(publication),
        "rows": rows,
        "segments": selectors.segments(publication.source_text, decisions),
        "preview": publication.public_text or selectors.public_text(publication.source_text, decisions),
        "reviewing": reviewing,
        "may_review": may_review,
        "passage_form": passage_form or PassageForm(),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "history": history_of(publication),
    }


def _review_post(request, publication: Publication, write, success_message: str, **forms):
    """A write posted on the review page: `write()` runs the service (None: the posted forms are not valid); done,
    `success_message` and back to the publication; else the page again (400) with the posted `forms` and, when
    the service refused, its reasons as messages."""
    if write is not None:
        try:
            write()
        except (ValidationError, PermissionDenied) as error:
            flash_errors(request, error)
        else:
            messages.success(request, success_message)
            return redirect("disclosure:publication", pk=publication.pk)
    context = _review_context(request, publication, **forms)
    return render(request, "disclosure/publication/review.html", context, status=400)


@login_required
def review(request, pk: int):
    """GET: the proposal with its spans; POST: the reviewer's decisions on every span at once."""
    publication = _publication(request, pk)
    if request.method != "POST":
        return render(request, "disclosure/publication/review.html", _review_context(request, publication))
    span_forms = [SpanForm(request.POST, span=d) for d in publication.decisions.all()]
    write = None
    if all(form.is_valid() for form in span_forms):
        changes = [{"id": form.span.pk, **form.cleaned_data} for form in span_forms]
        write = partial(services.decide_spans, user=request.user, publication=publication, changes=changes)
    return _review_post(request, publication, write, _("De beoordeling is opgeslagen."), span_forms=span_forms)


@login_required
@require_POST
def add_passage(request, pk: int):
    publication = _publication(request, pk)
    form = PassageForm(request.POST)
    write, spans = None, []
    if form.is_valid():
        data = form.cleaned_data
        spans = selectors.occurrences(publication.source_text, data["passage"], publication.decisions.all())
        if not spans:
            form.add_error("passage", _("Deze passage staat niet (meer ongelakt) in de brontekst."))
        else:
            write = partial(
                services.add_spans, user=request.user, publication=publication, spans=spans,
                woo_ground=data["woo_ground"], note=data["note"],
            )  # fmt: skip
    added = _("%(n)d vermelding(en) toegevoegd en gelakt.") % {"n": len(spans)}
    return _review_post(request, publication, write, added, passage_form=form)


@login_required
@require_POST
def step(request, pk: int, name: str):
    publication = _publication(request, pk)
    if name not in STEPS:
        raise Http404
    service, done, question, button = STEPS[name]
    back = reverse("disclosure:publication", args=[pk])
    return run_service(  # asked only when the step would be taken; a refusal gives its own reason
        request,
        None,
        lambda: service(user=request.user, publication=publication),
        success_message=done,
        redirect_to=back,
        denied=True,
        confirm={"question": question, "button": button, "back": back},
    )


@login_required
@require_POST
def withdraw(request, pk: int):
    publication = _publication(request, pk)
    form = WithdrawForm(request.POST)
    write = None
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        write = partial(services.withdraw, user=request.user, publication=publication, reason=reason)
    done = _("Ingetrokken: de publicatie is niet langer openbaar.")
    return _review_post(request, publication, write, done, withdraw_form=form)
