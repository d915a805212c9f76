"""Pages of visitations and ILT investigations: the overview (the Staat chapter and the records the user reads), a
visitation or investigation with its recommendations and their follow-up; recording a visitation (the programme
office), an investigation (the ILT), a recommendation, and the service's follow-up. Reads through the selectors,
writes through the services."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.core.permissions import Action, may
from openvth.core.views import or_404, run_button, run_form, run_service

from . import selectors, services
from .forms import FollowUpForm, InvestigationForm, RecommendationForm, VisitationForm


def _may_record_investigation(user) -> bool:
    organisation = getattr(user, "organisation", None)
    return organisation is not None and may(user, Action.RECORD_INVESTIGATION, organisation)


@login_required
def overview(request):
    context = {
        "chapter": selectors.staat_chapter(request.user),
        "visitations": selectors.visitations(request.user),
        "investigations": selectors.investigations(request.user),
        "may_record_visitation": may(request.user, Action.RECORD_VISITATION),
        "may_record_investigation": _may_record_investigation(request.user),
    }
    return render(request, "quality/overview.html", context)


@login_required
def visitation_create(request):
    if not may(request.user, Action.RECORD_VISITATION):
        raise PermissionDenied(_("Alleen het programmabureau van het ministerie legt visitaties vast."))
    form = VisitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            form,
            lambda: services.record_visitation(user=request.user, **form.values()),
            redirect_to=lambda visitation: reverse("quality:visitation", args=[visitation.pk]),
            success_message=_("De visitatie is vastgelegd."),
        )
        if done:
            return done
    return render(request, "quality/record_form.html", {"form": form, "title": _("Visitatie vastleggen")})


def _source_page(request, source, template: str, may_add: bool, services_of_source):
    form = RecommendationForm(
        request.POST if request.method == "POST" else None, services=services_of_source, prefix="rec"
    )
    if done := run_form(
        request,
        form,
        partial(services.add_recommendation, user=request.user, source=source),
        redirect_to=request.path,
        success_message=_("De aanbeveling is toegevoegd."),
    ):
        return done
    recommendations = [
        (rec, may(request.user, Action.FOLLOW_UP_RECOMMENDATION, rec))
        for rec in selectors.recommendations_of(request.user, source)
    ]
    context = {
        "source": source,
        "recommendations": recommendations,
        "form": form,
        "may_add": may_add,
        "follow_up_form": FollowUpForm(prefix="follow"),
    }
    return render(request, template, context)


@login_required
def visitation_detail(request, pk: int):
    visitation = or_404(lambda: selectors.visitations(request.user).get(pk=pk))
    may_add = may(request.user, Action.RECORD_VISITATION)
    if request.method == "POST" and not may_add:
        raise PermissionDenied(_("Alleen het programmabureau van het ministerie legt visitaties vast."))
    return _source_page(request, visitation, "quality/visitation_detail.html", may_add, [visitation.service])


@login_required
def investigation_create(request):
    if not _may_record_investigation(request.user):
        raise PermissionDenied(_("Alleen de inspectie (ILT) legt haar onderzoeken vast."))
    form = InvestigationForm(request.POST or None)
    if done := run_form(
        request,
        form,
        partial(services.record_investigation, user=request.user, inspectorate=request.user.organisation),
        redirect_to=lambda investigation: reverse("quality:investigation", args=[investigation.pk]),
        success_message=_("Het onderzoek is vastgelegd."),
    ):
        return done
    return render(request, "quality/record_form.html", {"form": form, "title": _("ILT-onderzoek vastleggen")})


@login_required
def investigation_detail(request, pk: int):
    investigation = or_404(lambda: selectors.investigations(request.user).get(pk=pk))
    may_add = may(request.user, Action.RECORD_INVESTIGATION, investigation.inspectorate)
    if request.method == "POST" and not may_add:
        raise PermissionDenied(_("Alleen de inspectie (ILT) legt haar onderzoeken vast."))
    involved = list(investigation.services.all())
    return _source_page(request, investigation, "quality/investigation_detail.html", may_add, involved)


@login_required
@require_POST
def follow_up(request, pk: int):
    recommendation = or_404(lambda: selectors.recommendations(request.user).get(pk=pk))
    source = recommendation.visitation or recommendation.investigation
    back = reverse("quality:visitation" if recommendation.visitation_id else "quality:investigation", args=[source.pk])
    return run_button(
        request,
        FollowUpForm(request.POST, prefix="follow"),
        partial(services.record_follow_up, user=request.user, recommendation=recommendation),
        back=back,
        success_message=_("De opvolging is vastgelegd."),
        denied=True,
    )
