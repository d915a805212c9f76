"""Every write of visitations and ILT investigations: record a visitation (the programme office) or an investigation
(the ILT), add their recommendations per service, and the service's follow-up of each. Each write runs in one
transaction and records its history; a refusal is a Dutch ValidationError (or PermissionDenied)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from openvth.core import clock
from openvth.core.history import record_change, update_recorded
from openvth.core.inputs import check_lengths_into, parse_date_into
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import author
from openvth.register.models import Organisation

from .models import FollowUpStatus, Investigation, Recommendation, Visitation


def _text(value, field: str, message: str, errors: dict) -> str:
    text = (value or "").strip()
    if not text:
        errors[field] = [message]
    return text


def _day(value, field: str, label: str, errors: dict):
    day = parse_date_into(value, field, label, errors)
    if day is not None and day > clock.today():
        errors[field] = [f"{label} ligt in de toekomst ({day:%d-%m-%Y})."]
    return day


def _record_source(model, values: dict, errors: dict, *, user, **fixed):
    """A visitation or investigation checked whole (every fault in one refusal), made with who recorded it and
    when, and its making recorded."""
    check_lengths_into(model, values, errors)
    if errors:
        raise ValidationError(errors)
    source = model.objects.create(recorded_by=author(user), recorded_at=clock.now(), **fixed, **values)
    record_change(source, user=user, action=ChangeRecord.Action.CREATE)
    return source


def _is_service(organisation: Organisation) -> bool:
    return organisation.kind == Organisation.Kind.OMGEVINGSDIENST


@transaction.atomic
def record_visitation(
    *, user, service: Organisation, visited_on, external_party, peer_reviewers, findings, recommendations=()
) -> Visitation:
    """A visitation of a service, with its recommendations to the service (one text each)."""
    check(user, Action.RECORD_VISITATION)
    errors: dict[str, list[str]] = {}
    if not _is_service(service):
        errors["service"] = [f"{service.name} is geen omgevingsdienst."]
    values = {
        "visited_on": _day(visited_on, "visited_on", "De datum van de visitatie", errors),
        "external_party": _text(external_party, "external_party", "Geef de externe partij.", errors),
        "peer_reviewers": _text(peer_reviewers, "peer_reviewers", "Geef de visitatoren.", errors),
        "findings": _text(findings, "findings", "Geef de bevindingen.", errors),
    }
    visitation = _record_source(Visitation, values, errors, user=user, service=service)
    for text in recommendations:
        add_recommendation(user=user, source=visitation, service=service, text=text)
    return visitation


@transaction.atomic
def record_investigation(
    *, user, inspectorate: Organisation, kind, theme, services, published_on, findings
) -> Investigation:
    """An ILT investigation: thematic or signalling, its theme, the services involved and its findings."""
    check(user, Action.RECORD_INVESTIGATION, inspectorate)
    errors: dict[str, list[str]] = {}
    if inspectorate.kind != Organisation.Kind.INSPECTORATE:
        errors["inspectorate"] = [f"{inspectorate.name} is geen inspectie: alleen de ILT legt haar onderzoeken vast."]
    if kind not in Investigation.Kind.values:
        errors["kind"] = ["Kies thematisch of signalerend."]
    services = list(services or [])
    if not services:
        errors["services"] = ["Geef de betrokken omgevingsdiensten."]
    elif not all(_is_service(s) for s in services):
        errors["services"] = ["Alleen omgevingsdiensten zijn betrokken bij een onderzoek."]
    values = {
        "theme": _text(theme, "theme", "Geef het thema.", errors),
        "published_on": _day(published_on, "published_on", "De datum van het rapport", errors),
        "findings": _text(findings, "findings", "Geef de bevindingen.", errors),
    }
    investigation = _record_source(Investigation, values, errors, user=user, inspectorate=inspectorate, kind=kind)
    investigation.services.set(services)
    return investigation


@transaction.atomic
def add_recommendation(*, user, source: Visitation | Investigation, service: Organisation, text) -> Recommendation:
    """A recommendation of a visitation (to the visited service) or of an investigation (to a service involved)."""
    if isinstance(source, Visitation):
        check(user, Action.RECORD_VISITATION)
        if service.pk != source.service_id:
            raise ValidationError({"service": ["Een aanbeveling van een visitatie is voor de gevisiteerde dienst."]})
        link = {"visitation": source}
    else:
        check(user, Action.RECORD_INVESTIGATION, source.inspectorate)
        if not source.services.filter(pk=service.pk).exists():
            raise ValidationError({"service": [f"{service.name} is niet betrokken bij dit onderzoek."]})
        link = {"investigation": source}
    errors: dict[str, list[str]] = {}
    values = {"text": _text(text, "text", "Geef de tekst van de aanbeveling.", errors)}
    if errors:
        raise ValidationError(errors)
    recommendation = Recommendation.objects.create(service=service, **link, **values)
    record_change(recommendation, user=user, action=ChangeRecord.Action.CREATE)
    return recommendation


@transaction.atomic
def record_follow_up(*, user, recommendation: Recommendation, status, status_on, note="") -> Recommendation:
    """How the service follows a recommendation up: its status on a day, with a note."""
    check(user, Action.FOLLOW_UP_RECOMMENDATION, recommendation)
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    errors: dict[str, list[str]] = {}
    if status not in FollowUpStatus.values:
        errors["status"] = ["Kies de stand van de opvolging."]
    day = _day(status_on, "status_on", "De datum van de opvolging", errors)
    if day is not None and recommendation.status_on is not None and day < recommendation.status_on:
        errors["status_on"] = [
            f"De vorige opvolging is van {recommendation.status_on:%d-%m-%Y}: geef een latere datum."
        ]
    note = (note or "").strip()
    if status == FollowUpStatus.NOT_ADOPTED and not note:
        errors["note"] = ["Licht toe waarom de aanbeveling niet wordt overgenomen."]
    if errors:
        raise ValidationError(errors)
    return update_recorded(recommendation, {"status": status, "status_on": day, "note": note}, user=user)
