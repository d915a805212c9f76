"""Pages of enforcement: the LHSO step per finding, case pages with their next steps, work queues, letters and
the configurable tables. Thin views: reads through the selectors, writes through the services."""

import json
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.core import clock
from openvth.core.forms import add_service_errors
from openvth.core.permissions import Action, belongs_to, may
from openvth.core.views import or_404, run_button, run_service
from openvth.register.models import Organisation
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events
from openvth.rules import lhso

from . import configuration, letters, offers, selectors, services, steps
from .forms import (
    EVENT_LABELS,
    ROUTE_LABELS,
    ClassifyForm,
    ObjectionForm,
    OpenCaseForm,
    RecordForm,
    ReinspectionForm,
    TableVersionForm,
    TransitionForm,
)
from .models import Letter

CASES_PER_PAGE = 50
CASES_COUNTED = 1000  # the case list counts at most this many matches (and one more): beyond, "meer dan"
MAX_PAGE = 1_000_000
CONFIRMED = "bevestigd"  # an irreversible step is taken only with bevestigd=ja (static/js/openvth.js sets it too)


# --- work queue ------------------------------------------------------------------------------------------------


@login_required
def work_queue(request):
    today = clock.today()
    queue = selectors.work_queue(request.user, today=today)
    states = [
        {**row, "route_label": ROUTE_LABELS[row["route"]], "state_label": rules.STATE_LABELS[row["state"]]}
        for row in queue["states"]
    ]
    context = {"today": today, "overdue": queue["overdue"], "coming_week": queue["coming_week"], "states": states}
    return render(request, "enforcement/work_queue.html", context)


@login_required
def case_list(request):
    route, state = request.GET.get("route", ""), request.GET.get("stand", "")
    found = selectors.cases(request.user)
    if route in rules.ROUTES:
        found = found.filter(route=route)
    if state in rules.STATE_LABELS:
        found = found.filter(state=state)
    page = _case_list_page(found, request.GET.get("pagina", ""))
    rows = [
        (case, ROUTE_LABELS.get(case.route, case.route), rules.STATE_LABELS.get(case.state, case.state))
        for case in page
    ]
    context = {
        "rows": rows,
        "page": page,
        "route": route,
        "state": state,
        "state_label": rules.STATE_LABELS.get(state, ""),
    }
    return render(request, "enforcement/case_list.html", context)


@dataclass(frozen=True)
class CaseListPage:
    """One page of the case list. Its cases are read with one more to know whether a next page exists; the
    matches are counted only up to CASES_COUNTED (a LIMIT-ed count, as the API's pagination), so `num_pages` is
    None when there are more: the pager then says "meer dan" that many pages."""

    object_list: list
    number: int
    has_next: bool
    count: int | None  # None: more than CASES_COUNTED

    def __iter__(self):
        return iter(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def num_pages(self) -> int | None:
        return None if self.count is None else max(1, -(-self.count // CASES_PER_PAGE))

    @property
    def counted_pages(self) -> int:
        """When `num_pages` is None: there are more than this many pages (those within the bound, or those up to
        this one, which has a next)."""
        return max(CASES_COUNTED // CASES_PER_PAGE, self.number)


def _case_list_page(found, number: str) -> CaseListPage:
    """The page `number` (1 when not a number, the last one when past it) of the cases `found`: the page's rows
    plus one and, only when a next page exists and the bound is not passed yet, a count of at most
    CASES_COUNTED + 1 matches (ordering dropped so the LIMIT ends the scan early), never a COUNT of them all."""
    number = min(int(number), MAX_PAGE) if number.isdigit() and int(number) > 0 else 1
    offset = (number - 1) * CASES_PER_PAGE
    rows = list(found[offset : offset + CASES_PER_PAGE + 1])
    if not rows and number > 1:  # past the last page (no link leads there): the last page, as Paginator.get_page
        last = max(1, -(-found.count() // CASES_PER_PAGE))
        return _case_list_page(found, str(last)) if last < number else CaseListPage([], number, False, offset)
    more = len(rows) > CASES_PER_PAGE
    rows = rows[:CASES_PER_PAGE]
    seen = offset + len(rows)
    if not more:
        count = seen  # the last page: everything before it and on it
    elif seen >= CASES_COUNTED:
        count = None
    else:
        count = found.order_by()[: CASES_COUNTED + 1].count()
        count = count if count <= CASES_COUNTED else None
    return CaseListPage(rows, number, more, count)


# --- the LHSO step ---------------------------------------------------------------------------------------------


@login_required
def lhso_step(request, pk: int):
    """Steps 1-4 from the GET form (the finding's consequences prefilled), step 5 as a POST; then a case."""
    finding = or_404(selectors.finding_detail, request.user, pk)
    decision = getattr(finding, "lhso_decision", None)
    version = selectors.lhso_table_version(finding.inspection.owner, clock.today())
    table = selectors.lhso_table(version)
    initial = {"consequences": finding.consequences}
    if decision is not None:
        initial |= {"consequences": decision.consequences, "behaviour": decision.behaviour}
        initial |= {"aspects": decision.aspects, "mitigating": decision.mitigating}
    classify = ClassifyForm(request.GET if "behaviour" in request.GET else None, initial=initial, table=table)
    classification = record = None
    if classify.is_valid():
        classification = lhso.classify(**classify.cleaned_data, table=table)
        record = RecordForm(
            request.POST if request.method == "POST" else None, initial={"chosen": classification.interventions}
        )
        if (
            request.method == "POST"
            and record.is_valid()
            and (
                done := run_service(
                    request,
                    record,
                    lambda: services.record_lhso_decision(
                        user=request.user, finding=finding, **classify.cleaned_data, **record.cleaned_data
                    ),
                    success_message=_("De LHSO-afweging is vastgelegd."),
                    redirect_to=reverse("enforcement:lhso", args=[finding.pk]),
                    denied=True,
                )
            )
        ):
            return done
    open_form = None
    if decision is not None and (routes := services.routes_for(decision)):
        authority = finding.inspection.establishment.competent_authority
        open_form = OpenCaseForm(routes=routes, policy=selectors.local_policy(authority, clock.today()))
    context = {
        "finding": finding,
        "establishment": finding.inspection.establishment,
        "decision": decision,
        "classify": classify,
        "classification": classification,
        "labels": lhso.INTERVENTION_LABELS,
        "record": record,
        "open_form": open_form,
        "cases": finding.enforcement_cases.all(),
        "may_enforce": may(request.user, Action.ENFORCE, finding.inspection),
        "table_version": version,
    }
    return render(request, "enforcement/lhso_step.html", context)


@login_required
@require_POST
def open_case(request, pk: int):
    finding = or_404(selectors.finding_detail, request.user, pk)
    decision = getattr(finding, "lhso_decision", None)
    if decision is None:
        raise Http404
    authority = finding.inspection.establishment.competent_authority
    form = OpenCaseForm(
        request.POST,
        routes=services.routes_for(decision),
        policy=selectors.local_policy(authority, clock.today()),
    )
    return run_button(
        request,
        form,
        partial(services.open_case, user=request.user, findings=[finding]),
        denied=True,
        success_message=lambda case: _("Handhavingszaak %(ref)s is geopend.") % {"ref": case.reference},
        back=reverse("enforcement:lhso", args=[pk]),
        redirect_to=lambda case: reverse("enforcement:case", args=[case.pk]),
    )


# --- cases -----------------------------------------------------------------------------------------------------


def _step_forms(case, now: offers.NextSteps, bound_event: str = "", data=None):
    """The forms of the steps offered now (offers.next_steps), and the form "Herinspectie uitgevoerd"."""
    today = clock.today()
    forms = []
    for offer in now.offered:
        extra = {}
        if offer.event == "hercontrole_uitvoeren":
            after = rules.next_state(case.route, case.state, offer.event)
            extra = {
                "planned_on": max(today, steps.reinspection_day(case, after, today)),
                "term_end": steps.reinspection_term_end(case, after),
            }
        form = TransitionForm(
            data if offer.event == bound_event else None,
            event=offer.event,
            route=case.route,
            prefix=offer.event,
            intended=offer.intended,
            **extra,
        )
        form.offer = offer
        if offer.event == rules.CLOSE:
            form.question = _(
                "Zaak sluiten: de zaak gaat naar de stand ‘afgesloten’ en alle lopende termijnen worden afgehandeld. "
                "Dit kan niet ongedaan worden gemaakt."
            )
        elif offer.confirm and not offer.letter:  # a letter is confirmed on its draft; the rest asks here
            state = rules.STATE_LABELS[rules.next_state(case.route, case.state, offer.event)]
            form.question = _(
                "%(step)s: de zaak gaat naar de stand ‘%(state)s’. Dit kan niet ongedaan worden gemaakt."
            ) % {
                "step": offer.label,
                "state": state,
            }
        forms.append(form)
    reinspection = None
    if now.reinspection_candidates is not None and now.reinspection_candidates.exists():
        performed = events.REINSPECTION_PERFORMED
        reinspection = ReinspectionForm(
            data if bound_event == performed else None, candidates=now.reinspection_candidates, prefix=performed
        )
    return forms, reinspection


def _case_page(request, case, now: offers.NextSteps, forms, reinspection_form=None, status: int = 200):
    today = clock.today()
    deadlines = sorted(case.deadlines.all(), key=lambda d: (d.done_on is not None, d.due_on))
    for deadline in deadlines:
        deadline.overdue = deadline.done_on is None and not deadline.passive and deadline.due_on < today
    transitions = list(case.transitions.all())
    for entry in transitions:
        entry.event_label = EVENT_LABELS.get(entry.event, entry.event)
        entry.state_label = rules.STATE_LABELS.get(entry.to_state, entry.to_state)
    context = {
        "case": case,
        "state_label": rules.STATE_LABELS.get(case.state, case.state),
        "route_label": ROUTE_LABELS[case.route],
        "violation": selectors.local_policy(case.competent_authority, case.opened_on).violations.get(
            case.violation_type
        ),
        "transitions": transitions,
        "deadlines": deadlines,
        "next": now,
        "step_forms": forms,
        "reinspection_form": reinspection_form,
        "may_enforce": may(request.user, Action.ENFORCE, case),
        "objection_cases": selectors.cases(request.user).filter(parent=case).select_related("objection"),
        "today": today,
    }
    return render(request, "enforcement/case_detail.html", context, status=status)


@login_required
def case_detail(request, pk: int):
    case = or_404(selectors.case_detail, request.user, pk)
    now = offers.next_steps(request.user, case)
    return _case_page(request, case, now, *_step_forms(case, now))


def _consequences(case, draft: services.StepDraft) -> list[str]:
    """What an irreversible step does, in Dutch, for its confirmation."""
    said = [_("De zaak gaat naar de stand ‘%(state)s’.") % {"state": rules.STATE_LABELS.get(draft.state, draft.state)}]
    if draft.state == rules.CLOSED:
        said.append(_("De zaak wordt gesloten; alle lopende termijnen worden afgehandeld."))
    else:
        said += [_("De %(term)s wordt afgehandeld.") % {"term": deadline.name} for deadline in draft.ended]
    said += [
        _("De %(term)s gaat lopen, tot en met %(day)s.") % {"term": d.name, "day": date_format(d.due_on, "j F Y")}
        for d in draft.deadlines
    ]
    if draft.reinspection is not None and draft.reinspection.planned_on:
        day = date_format(draft.reinspection.planned_on, "j F Y")
        said.append(_("Er wordt een herinspectie gepland op %(day)s.") % {"day": day})
    if draft.letter is not None:
        said.append(
            _(
                "U ondertekent de %(kind)s %(ref)s namens %(authority)s (mandaat); hij wordt als PDF vastgelegd en "
                "verzonden aan %(company)s. Daarna is de brief definitief."
            )
            % {
                "kind": draft.letter.get_kind_display(),
                "ref": draft.letter.reference,
                "authority": case.competent_authority.name,
                "company": case.establishment.company.name,
            }
        )
    said.append(_("Dit kan niet ongedaan worden gemaakt."))
    return said


def _confirm_page(request, case, form, draft: services.StepDraft):
    context = {
        "case": case,
        "form": form,
        "draft": draft,
        "letter": draft.letter,
        "consequences": _consequences(case, draft),
        "question": _("%(step)s: definitief vastleggen? Dit kan niet ongedaan worden gemaakt.") % {"step": form.label},
    }
    return render(request, "enforcement/step_confirm.html", context)


def _record_reinspection(request, case, now: offers.NextSteps):
    forms, form = _step_forms(case, now, events.REINSPECTION_PERFORMED, request.POST)
    if form is None:
        messages.error(request, now.reinspection_wait or _("Er is geen uitgevoerde herinspectie om vast te leggen."))
        return _case_page(request, case, now, forms, status=400)
    if form.is_valid() and (
        done := run_service(
            request,
            form,
            lambda: services.record_reinspection(user=request.user, case=case, **form.cleaned_data),
            success_message=_("Vastgelegd: %(step)s.") % {"step": form.label},
            redirect_to=reverse("enforcement:case", args=[case.pk]),
            denied=True,
        )
    ):
        return done
    messages.error(request, _("%(step)s is niet vastgelegd; zie de melding bij het formulier.") % {"step": form.label})
    return _case_page(request, case, now, forms, form, status=400)


@login_required
@require_POST
def case_step(request, pk: int, event: str):
    """A step offered now: an irreversible one first as a draft with what it does (and its letter) to confirm; the
    step is taken only with confirm=1 from that page. A step not offered is refused with the reason."""
    case = or_404(selectors.case_detail, request.user, pk)
    now = offers.next_steps(request.user, case)
    if event == events.REINSPECTION_PERFORMED:
        return _record_reinspection(request, case, now)
    forms, reinspection_form = _step_forms(case, now, event, request.POST)
    form = next((f for f in forms if f.prefix == event), None)
    if form is None:  # not a step of this state, or not lawful now: say why
        waiting = next((w for w in now.waiting if w.event == event), None)
        if waiting is not None:
            for reason in waiting.reasons:
                messages.error(request, reason)
        else:
            try:
                rules.next_state(case.route, case.state, event)
            except ValueError as exc:
                messages.error(request, str(exc))
            else:
                messages.error(request, now.reinspection_wait or _("U kunt deze stap nu niet nemen."))
        return _case_page(request, case, now, forms, reinspection_form, status=400)
    if form.is_valid():
        params = form.params()
        confirmed = request.POST.get(CONFIRMED) == "ja"  # the page's confirmation, or the site-wide dialog
        try:
            if form.offer.confirm and not confirmed:
                draft = services.draft_step(user=request.user, case=case, event=event, **params)
                return _confirm_page(request, case, form, draft)
            services.transition(user=request.user, case=case, event=event, **params)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Vastgelegd: %(step)s.") % {"step": form.label})
            return redirect("enforcement:case", pk=pk)
    messages.error(request, _("%(step)s is niet vastgelegd; zie de melding bij het formulier.") % {"step": form.label})
    return _case_page(request, case, now, forms, reinspection_form, status=400)


@login_required
def letter_pdf(request, pk: int):
    letter = get_object_or_404(Letter.objects.filter(case__in=selectors.cases(request.user)), pk=pk)
    response = HttpResponse(letters.pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.reference}.pdf"'
    return response


@login_required
@require_POST
def lodge_objection(request, pk: int):
    letter = get_object_or_404(Letter.objects.filter(case__in=selectors.cases(request.user)), pk=pk)
    return run_button(
        request,
        ObjectionForm(request.POST),
        partial(services.lodge_objection, user=request.user, letter=letter),
        denied=True,
        success_message=lambda objection: (
            _("Het bezwaar is geregistreerd als zaak %(ref)s.") % {"ref": objection.case.reference}
        ),
        back=reverse("enforcement:case", args=[letter.case_id]),
        redirect_to=lambda objection: reverse("enforcement:case", args=[objection.case_id]),
    )


# --- configurable tables ---------------------------------------------------------------------------------------


def _table_page(request, *, organisation: Organisation, kind: str):
    """The active version, the history, and a form for a new version (administrators and managers)."""
    today = clock.today()
    if kind == "lhso":
        versions = selectors.lhso_versions(request.user).filter(organisation=organisation)
        active = selectors.lhso_table(selectors.lhso_table_version(organisation, today)).to_dict()
        store = configuration.store_lhso_table
    else:
        versions = selectors.policy_versions(request.user).filter(authority=organisation)
        active = selectors.local_policy(organisation, today).to_dict()
        store = configuration.store_policy_table
    may_store = may(request.user, Action.CONFIGURE_TABLES, organisation)
    form = TableVersionForm(request.POST if request.method == "POST" and may_store else None)
    if form.is_valid():
        key, target = ("table", "organisation") if kind == "lhso" else ("policy", "authority")
        done = run_service(  # a refusal next to its field: the table, or the day it is valid from
            request,
            form,
            lambda: store(
                user=request.user,
                valid_from=form.cleaned_data["valid_from"],
                note=form.cleaned_data["note"],
                **{key: form.cleaned_data["table"], target: organisation},
            ),
            success_message=_("De nieuwe versie is opgeslagen."),
            redirect_to=request.path,
        )
        if done:
            return done
    if not form.is_bound:
        shown = json.dumps(active, indent=2, ensure_ascii=False)
        form = TableVersionForm(initial={"valid_from": today, "table": shown})
    context = {
        "organisation": organisation,
        "kind": kind,
        "active": active,
        "versions": versions,
        "form": form if may_store else None,
        "cells": [
            (c, [active.get("cells", {}).get(f"{b}{c}", []) for b in lhso.BEHAVIOURS]) for c in lhso.CONSEQUENCES
        ],
        "labels": lhso.INTERVENTION_LABELS,
        "behaviour_labels": lhso.BEHAVIOUR_LABELS,
        "consequence_labels": lhso.CONSEQUENCE_LABELS,
    }
    return render(request, "enforcement/table.html", context, status=400 if form.is_bound else 200)


@login_required
def lhso_table(request):
    if request.user.organisation is None:
        raise Http404
    return _table_page(request, organisation=request.user.organisation, kind="lhso")


@login_required
def policy_list(request):
    """The authorities whose policy the user may read: the own one, or the members of the user's service."""
    own = request.user.organisation
    if own is None:
        raise Http404
    authorities = list(own.member_authorities.order_by("name")) if own.kind == own.Kind.OMGEVINGSDIENST else [own]
    return render(request, "enforcement/policy_list.html", {"authorities": authorities})


@login_required
def policy_table(request, pk: int):
    authority = get_object_or_404(Organisation, pk=pk, kind__in=Organisation.AUTHORITY_KINDS)
    if not belongs_to(request.user, Action.CONFIGURE_TABLES, authority):  # the authority and its service read it
        raise Http404
    return _table_page(request, organisation=authority, kind="policy")
