"""Every write of the permits: applications and their term, decisions and the provision versions they produce.

Each write runs in one transaction and records its history; an error raises a Dutch ValidationError and leaves
nothing behind. Provision versions are derived: after any decision the establishment's versions are rebuilt by
replaying all its decisions (openvth.rules.consolidation).
"""

import re
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.signals import post_save

from openvth.core.history import record_change, snapshot, update_recorded
from openvth.core.inputs import not_in_future, parse_date
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import author
from openvth.register.models import ActivityType, DecisionType, Establishment, Organisation
from openvth.register.services import require_mandate
from openvth.rules import consolidation, formats

from . import selectors
from .models import Application, Decision, ProvisionChange, ProvisionVersion, Suspension

OPEN = (Application.Status.RECEIVED, Application.Status.SUSPENDED)
# the mandate (register.DecisionType) each kind of decision is taken under (Awb 10:3; see DecisionType)
MANDATE_TYPES = {
    Decision.Kind.GRANT: DecisionType.PERMIT,
    Decision.Kind.AMEND: DecisionType.PERMIT_AMENDMENT,
    Decision.Kind.REVOKE: DecisionType.REVOCATION,
}
# every mandate a permit officer needs to decide on permits of an authority
PERMIT_MANDATE_TYPES = (*MANDATE_TYPES.values(), DecisionType.TERM_EXTENSION)
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{5,28}$")  # 06-12345678, +31 20 123 4567, (020) 1234567


def _check_editor(user, establishment: Establishment) -> None:
    check(user, Action.HANDLE_APPLICATION, establishment)


def _check_decider(user, establishment: Establishment) -> None:
    """A permit officer or manager of the establishment's owner or supervising service (the others who handle its
    applications are told it is not their decision). Each decision still needs a mandate for its day."""
    check(user, Action.HANDLE_APPLICATION, establishment)
    check(user, Action.DECIDE_PERMIT, establishment)


def _owner(user, establishment: Establishment) -> int:
    """The organisation that keeps the record: the user's own, or the establishment's owner for system jobs."""
    return getattr(user, "organisation_id", None) or establishment.owner_id


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("establishment").get(pk=application.pk)


def _open(application: Application) -> None:
    if application.status not in OPEN:
        raise ValidationError(f"Aanvraag {application.reference} is {application.get_status_display()}.")


def _open_for(user, application: Application, check_user=_check_editor) -> Application:
    """The application locked for a step of its procedure: still open, and the user may take the step."""
    application = _locked(application)
    check_user(user, application.establishment)
    _open(application)
    return application


# --- applications -------------------------------------------------------------------------------------------


def _clean_applicant(name, kvk_number, email, phone, errors: dict[str, list[str]]) -> dict:
    """The applicant as stored: stripped, the KvK number as 8 digits; each bad value named under its field."""
    cleaned = {
        "applicant_name": (name or "").strip(),
        "applicant_kvk_number": "",
        "applicant_email": (email or "").strip(),
        "applicant_phone": (phone or "").strip(),
    }
    if len(cleaned["applicant_name"]) > Application._meta.get_field("applicant_name").max_length:
        errors["applicant_name"] = ["De naam van de aanvrager is langer dan 200 tekens."]
    if (kvk_number or "").strip():
        try:
            cleaned["applicant_kvk_number"] = formats.kvk_number(kvk_number)
        except formats.FormatError as error:
            errors["applicant_kvk_number"] = [str(error)]
    if cleaned["applicant_email"]:
        try:
            if len(cleaned["applicant_email"]) > Application._meta.get_field("applicant_email").max_length:
                raise ValidationError("te lang")
            validate_email(cleaned["applicant_email"])
        except ValidationError:
            errors["applicant_email"] = ["Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."]
    if cleaned["applicant_phone"] and not _PHONE.match(cleaned["applicant_phone"]):
        errors["applicant_phone"] = ["Vul een telefoonnummer in met alleen cijfers, spaties, '+' of '-'."]
    return cleaned


def applicant_errors(
    *, applicant_name: str = "", applicant_kvk_number: str = "", applicant_email: str = "", applicant_phone: str = ""
) -> dict[str, list[str]]:
    """What receive_application would refuse of these applicant values, by field (empty: nothing)."""
    errors: dict[str, list[str]] = {}
    _clean_applicant(applicant_name, applicant_kvk_number, applicant_email, applicant_phone, errors)
    return errors


@transaction.atomic
def receive_application(
    *,
    user,
    establishment: Establishment,
    competent_authority: Organisation,
    reference: str,
    subject: str,
    received_on,
    procedure: str,
    applicant_name: str = "",
    applicant_kvk_number: str = "",
    applicant_is_natural_person: bool = False,
    applicant_email: str = "",
    applicant_phone: str = "",
    activity_types: Iterable[ActivityType] = (),
) -> Application:
    """Register a received application, with its applicant and the activity types it is for (both optional: an
    application typed in from paper may not have them yet)."""
    _check_editor(user, establishment)
    errors: dict[str, list[str]] = {}
    if not (reference or "").strip():
        errors["reference"] = ["Dit veld is verplicht."]
    if not (subject or "").strip():
        errors["subject"] = ["Dit veld is verplicht."]
    if procedure not in Application.Procedure.values:
        errors["procedure"] = [f"Onbekende procedure '{procedure}': kies 'regular' of 'extended'."]
    if competent_authority.kind not in Organisation.AUTHORITY_KINDS:
        errors["competent_authority"] = [f"{competent_authority} is geen bevoegd gezag."]
    applicant = _clean_applicant(applicant_name, applicant_kvk_number, applicant_email, applicant_phone, errors)
    activity_types = list(dict.fromkeys(activity_types or ()))
    if retired := [t.name for t in activity_types if not t.active]:
        errors["activity_types"] = [f"Activiteitsoort niet meer in gebruik: {', '.join(retired)}."]
    if errors:
        raise ValidationError(errors)
    received_on = parse_date(received_on, "received_on", "De ontvangstdatum")
    not_in_future(received_on, "received_on", "De ontvangstdatum")
    application = Application.objects.create(
        owner_id=_owner(user, establishment),
        establishment=establishment,
        competent_authority=competent_authority,
        reference=reference.strip(),
        subject=subject.strip(),
        received_on=received_on,
        procedure=procedure,
        applicant_is_natural_person=bool(applicant_is_natural_person),
        **applicant,
    )
    application.activity_types.set(activity_types)
    record_change(application, user=user, action=ChangeRecord.Action.CREATE)
    return application


@transaction.atomic
def request_supplement(*, user, application: Application, requested_on) -> Suspension:
    """Awb 4:5: the applicant is asked to supplement the application; the term stands still (Awb 4:15)."""
    application = _open_for(user, application)
    requested_on = parse_date(requested_on, "requested_on", "De datum van het verzoek")
    if application.status == Application.Status.SUSPENDED:
        raise ValidationError(
            {"requested_on": ["Er loopt al een verzoek om aanvulling; leg eerst de aanvulling vast."]}
        )
    if requested_on < application.received_on:
        raise ValidationError({"requested_on": ["Het verzoek om aanvulling ligt vóór de ontvangst van de aanvraag."]})
    deadline = selectors.application_term(application, today=requested_on).deadline
    if requested_on > deadline:
        raise ValidationError({"requested_on": [f"De beslistermijn is op {deadline.isoformat()} verstreken."]})
    suspension = Suspension.objects.create(application=application, requested_on=requested_on)
    note = f"Aanvulling gevraagd op {requested_on.isoformat()}; de termijn is opgeschort"
    update_recorded(application, {"status": Application.Status.SUSPENDED}, user=user, note=note)
    return suspension


@transaction.atomic
def record_supplement(*, user, application: Application, supplemented_on) -> Suspension:
    application = _locked(application)
    _check_editor(user, application.establishment)
    supplemented_on = parse_date(supplemented_on, "supplemented_on", "De datum van aanvulling")
    suspension = application.suspensions.filter(supplemented_on__isnull=True).last()
    if application.status != Application.Status.SUSPENDED or suspension is None:
        raise ValidationError({"supplemented_on": ["Er loopt geen verzoek om aanvulling."]})
    if supplemented_on < suspension.requested_on:
        raise ValidationError(
            {"supplemented_on": [f"De aanvulling ligt vóór het verzoek ({suspension.requested_on.isoformat()})."]}
        )
    not_in_future(supplemented_on, "supplemented_on", "De datum van aanvulling")
    suspension.supplemented_on = supplemented_on
    suspension.save(update_fields=["supplemented_on"])
    note = f"Aangevuld op {supplemented_on.isoformat()}; de termijn loopt weer"
    update_recorded(application, {"status": Application.Status.RECEIVED}, user=user, note=note)
    return suspension


@transaction.atomic
def extend_term(*, user, application: Application, extended_on) -> Application:
    """Extend the decision term once by six weeks (Ow 16.64(2), Awb 3:18(2)), only while it runs, by a permit officer
    or manager holding the competent authority's mandate for a verdaging on that day (Awb 10:3)."""
    application = _open_for(user, application, _check_decider)
    extended_on = parse_date(extended_on, "extended_on", "De datum van verdaging")
    require_mandate(user, application.competent_authority, DecisionType.TERM_EXTENSION, extended_on)
    if application.extended_on is not None:
        raise ValidationError(
            {"extended_on": [f"De beslistermijn is al eenmaal verdaagd (op {application.extended_on.isoformat()})."]}
        )
    if extended_on < application.received_on:
        raise ValidationError({"extended_on": ["De verdaging ligt vóór de ontvangst van de aanvraag."]})
    deadline = selectors.application_term(application, today=extended_on).deadline
    if extended_on > deadline:
        raise ValidationError(
            {"extended_on": [f"De beslistermijn is op {deadline.isoformat()} verstreken; verdagen kan niet meer."]}
        )
    return update_recorded(application, {"extended_on": extended_on}, user=user, note="Termijn verdaagd")


@transaction.atomic
def record_default_notice(*, user, application: Application, received_on) -> Application:
    """Awb 4:17: the applicant's notice of default; only a notice received after the term expired counts."""
    application = _open_for(user, application)
    received_on = parse_date(received_on, "received_on", "De ontvangstdatum van de ingebrekestelling")
    if application.default_notice_on is not None:
        raise ValidationError(
            {
                "received_on": [
                    f"Er is al een ingebrekestelling ontvangen op {application.default_notice_on.isoformat()}."
                ]
            }
        )
    not_in_future(received_on, "received_on", "De ontvangstdatum van de ingebrekestelling")
    deadline = selectors.application_term(application, today=received_on).deadline
    if received_on <= deadline:
        raise ValidationError(
            {
                "received_on": [
                    f"Een ingebrekestelling telt pas na afloop van de beslistermijn ({deadline.isoformat()})."
                ]
            }
        )
    return update_recorded(
        application, {"default_notice_on": received_on}, user=user, note="Ingebrekestelling ontvangen"
    )


@transaction.atomic
def withdraw_application(*, user, application: Application, withdrawn_on) -> Application:
    application = _open_for(user, application)
    withdrawn_on = parse_date(withdrawn_on, "withdrawn_on", "De datum van intrekking")
    if withdrawn_on < application.received_on:
        raise ValidationError({"withdrawn_on": ["De intrekking ligt vóór de ontvangst van de aanvraag."]})
    status = Application.Status.WITHDRAWN
    return update_recorded(
        application, {"status": status, "withdrawn_on": withdrawn_on}, user=user, note="Aanvraag ingetrokken"
    )


# --- decisions ----------------------------------------------------------------------------------------------


def _parse_decision(values: dict, index: int) -> dict:
    """A decision as the import and the API hand it over, checked for shape; the rules check the meaning."""
    if not isinstance(values, dict):
        raise ValidationError({"decisions": [f"Besluit {index + 1} is geen object."]})
    reference = str(values.get("reference") or "").strip()
    label = f"Besluit {reference or index + 1}"
    changes = values.get("changes") or []
    if not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
        raise ValidationError({"changes": [f"{label}: 'changes' is een lijst van objecten met op, number en text."]})
    parsed = {
        "reference": reference,
        "kind": values.get("kind"),
        "decided_on": parse_date(values.get("decided_on"), "decided_on", f"{label}: 'decided_on'", historic=True),
        "effective_from": parse_date(
            values.get("effective_from"), "effective_from", f"{label}: 'effective_from'", historic=True
        ),
        "changes": [
            consolidation.Change(str(c.get("op") or ""), str(c.get("number") or "").strip(), str(c.get("text") or ""))
            for c in changes
        ],
    }
    try:
        consolidation.check(consolidation.Decision(index, **parsed, order=index))
    except consolidation.ConsolidationError as exc:
        raise ValidationError({"changes": [str(exc)]}) from None
    return parsed


def _store(user, establishment: Establishment, parsed: list[dict], *, signed: bool = False) -> list[Decision]:
    """Insert the decisions and their changes in bulk, refusing references the establishment already has; `signed`:
    the user took them (under mandate), otherwise they come from an earlier system."""
    references = [p["reference"] for p in parsed]
    taken = set(
        Decision.objects.filter(establishment=establishment, reference__in=references).values_list(
            "reference", flat=True
        )
    )
    repeated = {r for r in references if references.count(r) > 1}
    if clash := sorted(taken | repeated):
        raise ValidationError({"reference": [f"Besluit {r} bestaat al voor deze vestiging." for r in clash]})
    # the owner as an object: the history snapshot of every decision shows it without a query each
    owner = user.organisation if getattr(user, "organisation_id", None) else establishment.owner
    decisions = Decision.objects.bulk_create(
        [
            Decision(
                owner=owner,
                establishment=establishment,
                signed_by=user if signed else None,
                **{k: v for k, v in p.items() if k != "changes"},
            )
            for p in parsed
        ]
    )
    ProvisionChange.objects.bulk_create(
        ProvisionChange(decision=decision, position=position, op=c.op, number=c.number, text=c.text)
        for decision, p in zip(decisions, parsed, strict=True)
        for position, c in enumerate(p["changes"], start=1)
    )
    _record_created(decisions, user)
    return decisions


def _record_created(decisions: Iterable[Decision], user) -> None:
    content_type = ContentType.objects.get_for_model(Decision)
    user = author(user)
    ChangeRecord.objects.bulk_create(
        ChangeRecord(
            content_type=content_type,
            object_id=decision.pk,
            action=ChangeRecord.Action.CREATE,
            changes={name: [None, value] for name, value in snapshot(decision).items()},
            user=user,
        )
        for decision in decisions
    )


def rebuild_versions(establishment: Establishment) -> list[ProvisionVersion]:
    """Replay every decision of the establishment into its provision versions; a ConsolidationError becomes a
    ValidationError naming decision and provision (the caller's transaction then stores nothing)."""
    changes: dict[int, list[consolidation.Change]] = {}
    for decision_id, op, number, text in (
        ProvisionChange.objects.filter(decision__establishment=establishment)
        .order_by("decision_id", "position")
        .values_list("decision_id", "op", "number", "text")
    ):
        changes.setdefault(decision_id, []).append(consolidation.Change(op, number, text))
    decisions = [
        consolidation.Decision(pk, reference, kind, decided_on, effective_from, tuple(changes.get(pk, ())), order=pk)
        for pk, reference, kind, decided_on, effective_from in Decision.objects.filter(
            establishment=establishment
        ).values_list("pk", "reference", "kind", "decided_on", "effective_from")
    ]
    try:
        versions = consolidation.replay(decisions)
    except consolidation.ConsolidationError as exc:
        raise ValidationError({"changes": [str(exc)]}) from None
    ProvisionVersion.objects.filter(establishment=establishment).delete()
    return ProvisionVersion.objects.bulk_create(
        ProvisionVersion(
            establishment=establishment,
            number=v.number,
            text=v.text,
            source_decision_id=v.source,
            valid_from=v.valid_from,
            valid_until=v.valid_until,
            ended_by_id=v.ended_by,
        )
        for v in versions
    )


@transaction.atomic
def record_decision(
    *,
    user,
    establishment: Establishment,
    reference: str,
    kind: str,
    decided_on,
    effective_from,
    changes: list[dict],
    application: Application | None = None,
) -> Decision:
    """Store a decision and replay the permit; an impossible change stores nothing. Decides the application. Taken
    by a permit officer or manager under the mandate of the competent authority (of the application, otherwise of
    the establishment) for this kind of decision on its day (Awb 10:3); without it nothing is stored."""
    _check_decider(user, establishment)
    values = {
        "reference": reference,
        "kind": kind,
        "decided_on": decided_on,
        "effective_from": effective_from,
        "changes": changes,
    }
    parsed = _parse_decision(values, 0)
    if application is not None:
        application = _locked(application)
        if application.establishment_id != establishment.pk:
            raise ValidationError(
                {"application": [f"Aanvraag {application.reference} hoort bij een andere vestiging."]}
            )
        _open(application)
        if parsed["decided_on"] < application.received_on:
            raise ValidationError({"decided_on": ["Het besluit ligt vóór de ontvangst van de aanvraag."]})
    authority = application.competent_authority if application is not None else establishment.competent_authority
    require_mandate(user, authority, MANDATE_TYPES[parsed["kind"]], parsed["decided_on"])
    (decision,) = _store(user, establishment, [parsed], signed=True)
    # bulk_create sends no post_save: a decision taken here is announced as saved (openvth.webhooks.producers);
    # an old system's decisions (import_permit_document) are history and announce nothing
    post_save.send(
        sender=Decision, instance=decision, created=True, raw=False, using=decision._state.db, update_fields=None
    )
    rebuild_versions(establishment)
    if application is not None:
        changes = {"status": Application.Status.DECIDED, "decided_on": decision.decided_on, "decision": decision}
        update_recorded(application, changes, user=user, note=f"Besloten met {decision.reference}")
    return decision


@transaction.atomic
def import_permit_document(*, user, document: dict) -> list[Decision]:
    """One permit document from an old system, in one transaction: all its decisions, in any order, or nothing.
    They were taken (under mandate) in that system: stored as facts without a signer, no mandate asked here."""
    if not isinstance(document, dict):
        raise ValidationError("Het document is geen JSON-object met 'establishment' en 'decisions'.")
    number = str(document.get("establishment") or "").strip()
    visible = Establishment.objects.visible_to(user) if user is not None else Establishment.objects.all()
    establishment = visible.filter(kvk_vestigingsnummer=number, merged_into__isnull=True).order_by("pk").first()
    if establishment is None:
        raise ValidationError({"establishment": [f"Vestiging met vestigingsnummer '{number}' is onbekend."]})
    _check_editor(user, establishment)
    decisions = document.get("decisions")
    if not isinstance(decisions, list) or not decisions:
        raise ValidationError({"decisions": ["Het document bevat geen besluiten ('decisions' is een lijst)."]})
    parsed = [_parse_decision(values, index) for index, values in enumerate(decisions)]
    stored = _store(user, establishment, parsed)
    rebuild_versions(establishment)
    return stored
