"""Every write of the intake: a verzoeknotificatie stored and its fetch job started, a fetched or imported STAM
request read and mapped to a permits application (with its applicant and activity types), and the permit officer's
retry, hand-linking and the new establishment made from the proposal (through the register's services).

The mapping runs in one transaction: when any part fails (competent authority, activities, location, the
application's own rules) nothing of the application is stored and the request waits in the intake queue with the
Dutch reason. The request itself, its XML, PDF and attachments are kept whatever happens (never lost). The
application is made by openvth.permits.services.receive_application, so the rules of the decision term apply; its
date of receipt is the STAM `indiendatum`, so a request mapped days later still has the statutory term it had on
the day it was filed (Awb 4:13, art. 16.64 Ow; an electronic message is received when it reaches the DSO, Awb 2:17).
"""

import logging
from dataclasses import dataclass
from math import hypot
from pathlib import Path
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename

from openvth.core import clock
from openvth.core.permissions import SYSTEM_JOB, Action, check, has_role, may
from openvth.permits import services as permits
from openvth.register import selectors as register_selectors
from openvth.register import services as register_services
from openvth.register.models import BasistaakPlacement, Company, Establishment, Organisation
from openvth.rules import formats

from . import dso
from .models import ActivityMapping, IntakeActivity, IntakeAttachment, IntakeRequest, OrganisationOin, RequestType

logger = logging.getLogger(__name__)
Status = IntakeRequest.Status
FETCH_JOB = "dso_fetch"
DEFAULT_MAPPINGS = Path(__file__).parent / "data" / "activity_mappings.csv"
COORDINATE_TOLERANCE_M = 25.0  # a point within this distance of an establishment's RD point is that establishment
SUBJECT_LENGTH = 300


class MappingFailure(Exception):
    def __init__(self, reasons: list[str], proposal: dict | None = None):
        super().__init__("; ".join(reasons))
        self.reasons, self.proposal = reasons, proposal or {}


def may_handle(user) -> bool:
    return has_role(user, Action.HANDLE_INTAKE)


def _check_handler(user) -> None:
    check(user, Action.HANDLE_INTAKE)


# --- notification -------------------------------------------------------------------------------------------------


@transaction.atomic
def receive_notification(*, user, verzoeknummer: str, volgnummer: int = 1, payload: dict | None = None):
    """Store a verzoeknotificatie for the user's organisation and start the job that fetches the request. The same
    verzoeknummer again is the same record and starts nothing: returns (request, created)."""
    from openvth.jobs import services as jobs  # jobs' handlers import this module

    check(user, Action.DELIVER_NOTIFICATION, getattr(user, "organisation_id", None))
    intake, created = IntakeRequest.objects.get_or_create(
        owner_id=user.organisation_id,
        verzoeknummer=verzoeknummer,
        defaults={
            "volgnummer": volgnummer,
            "notification": payload or {},
            "notified_at": clock.now(),
            "notified_by": user,
        },
    )
    if created:
        jobs.start(FETCH_JOB, user=user, params={"intake_request": intake.pk})
    return intake, created


# --- fetching and reading -----------------------------------------------------------------------------------------


def _save_file(intake: IntakeRequest, field: str, name: str, content: bytes) -> None:
    getattr(intake, field).save(get_valid_filename(name), ContentFile(content), save=False)
    IntakeRequest.objects.filter(pk=intake.pk).update(**{field: getattr(intake, field).name})


def _queue(intake: IntakeRequest, reason: str, **fields) -> IntakeRequest:
    intake.status, intake.reason = Status.QUEUED, reason
    for name, value in fields.items():
        setattr(intake, name, value)
    intake.save(update_fields=["status", "reason", *fields])
    logger.info("DSO-verzoek %s in de wachtrij: %s", intake.verzoeknummer, reason)
    return intake


def process(intake_id: int, *, client: dso.DsoClient | None = None, user=SYSTEM_JOB) -> IntakeRequest:
    """What the fetch job does: fetch what is not stored yet, read it and map it. A DSO that does not answer
    raises DsoUnavailable (the job tries again); everything else ends processed or in the queue."""
    intake = IntakeRequest.objects.get(pk=intake_id)
    if intake.status == Status.PROCESSED:
        return intake
    if not intake.stam:
        client = client or dso.DsoClient()
        IntakeRequest.objects.filter(pk=intake.pk).update(fetch_attempts=intake.fetch_attempts + 1)
        try:
            content = client.request_xml(intake.verzoeknummer)
        except dso.DsoUnavailable as error:
            IntakeRequest.objects.filter(pk=intake.pk).update(reason=f"Ophalen bij het DSO mislukt: {error}")
            raise
        _save_file(intake, "stam", f"{intake.verzoeknummer}.xml", content)
    return _read_and_map(intake, client=client, user=user)


def _read_and_map(intake: IntakeRequest, *, client: dso.DsoClient | None, user) -> IntakeRequest:
    with intake.stam.open("rb") as handle:
        content = handle.read()
    try:
        parsed = dso.parse(content)
    except dso.StamError as error:
        return _queue(intake, str(error))
    if parsed.verzoeknummer != intake.verzoeknummer:
        return _queue(
            intake, f"Het STAM-bericht is van verzoek {parsed.verzoeknummer}, niet van {intake.verzoeknummer}."
        )
    _store_reading(intake, parsed)
    if client is not None and intake.source == IntakeRequest.Source.NOTIFICATION:
        _fetch_documents(intake, parsed, client)
    return map_request(intake, user=user)


def _store_reading(intake: IntakeRequest, parsed: dso.ParsedRequest) -> None:
    """What was read, kept on the request (the queue page shows it; the mapping reads it back)."""
    with transaction.atomic():
        intake.parsed = parsed.as_json()
        intake.request_type = parsed.request_type
        intake.received_on = parsed.submitted_on
        intake.volgnummer = parsed.volgnummer
        intake.save(update_fields=["parsed", "request_type", "received_on", "volgnummer"])
        known = {a.dso_id: a for a in intake.activities.all()}
        for activity in parsed.activities:
            if activity.dso_id not in known:
                known[activity.dso_id] = IntakeActivity.objects.create(
                    request=intake, dso_id=activity.dso_id[:200], name=activity.name[:300]
                )


def _fetch_documents(intake: IntakeRequest, parsed: dso.ParsedRequest, client: dso.DsoClient) -> None:
    if not intake.pdf:
        _save_file(intake, "pdf", f"{intake.verzoeknummer}.pdf", client.request_pdf(intake.verzoeknummer))
    stored = set(intake.attachments.values_list("document_id", flat=True))
    for document in parsed.documents:
        if document.document_id in stored:
            continue
        content = client.document(intake.verzoeknummer, document.document_id)
        attachment = IntakeAttachment(
            request=intake,
            document_id=document.document_id[:100],
            name=document.name[:255],
            document_type=document.document_type[:200],
        )
        attachment.file.save(get_valid_filename(document.name) or "bijlage", ContentFile(content), save=False)
        attachment.save()


@transaction.atomic
def _import_record(owner: Organisation, verzoeknummer: str, content: bytes, pdf, attachments) -> IntakeRequest:
    intake, created = IntakeRequest.objects.get_or_create(
        owner=owner,
        verzoeknummer=verzoeknummer,
        defaults={"source": IntakeRequest.Source.FILE, "notified_at": clock.now()},
    )
    if created or (intake.status != Status.PROCESSED and not intake.stam):
        _save_file(intake, "stam", f"{verzoeknummer}.xml", content)
    if pdf is not None and not intake.pdf:
        _save_file(intake, "pdf", f"{verzoeknummer}.pdf", pdf)
    stored = set(intake.attachments.values_list("document_id", flat=True))
    for name, data in attachments:
        if name not in stored:
            attachment = IntakeAttachment(request=intake, document_id=name[:100], name=name[:255])
            attachment.file.save(get_valid_filename(name) or "bijlage", ContentFile(data), save=False)
            attachment.save()
    return intake


def import_file(
    *, owner: Organisation, content: bytes, name: str = "", pdf: bytes | None = None, attachments=()
) -> IntakeRequest:
    """`openvth dso import`: a STAM file (with its PDF and attachments, if given) through the same reading and
    mapping as a fetched request. A file that cannot be read still lands in the queue, under its verzoeknummer if
    one can be seen in it, else under the file's name."""
    try:
        verzoeknummer = dso.parse(content).verzoeknummer
    except dso.StamError:
        verzoeknummer = dso.verzoeknummer_in(content) or f"BESTAND-{get_valid_filename(name or 'onbekend')}"[:50]
    intake = _import_record(owner, verzoeknummer, content, pdf, attachments)
    if intake.status == Status.PROCESSED:
        return intake
    return _read_and_map(intake, client=None, user=SYSTEM_JOB)


# --- mapping ------------------------------------------------------------------------------------------------------


def _reader(organisation_id: int):
    """Reads on behalf of the receiving organisation (the job has no user): its scope, nothing more."""
    return SimpleNamespace(is_authenticated=True, is_superuser=False, organisation_id=organisation_id, role="")


def _authority(intake: IntakeRequest, parsed: dict, reasons: list[str]) -> Organisation | None:
    oin = parsed["authority_oin"]
    mapped = OrganisationOin.objects.select_related("organisation").filter(oin=oin).first()
    if mapped is None:
        reasons.append(f"Onbekend bevoegd gezag: OIN {oin} is aan geen organisatie gekoppeld.")
        return None
    authority = mapped.organisation
    if authority.kind not in Organisation.AUTHORITY_KINDS:
        reasons.append(f"OIN {oin} hoort bij {authority}, dat geen bevoegd gezag is.")
        return None
    placed = BasistaakPlacement.objects.filter(authority=authority, service_id=intake.owner_id).exists()
    if intake.owner_id not in (authority.pk, authority.omgevingsdienst_id) and not placed:
        reasons.append(f"{authority} heeft de behandeling niet bij deze organisatie belegd.")
        return None
    return authority


def _activities(intake: IntakeRequest, reasons: list[str]) -> list[ActivityMapping]:
    mappings = {m.dso_id: m for m in ActivityMapping.objects.select_related("activity_type")}
    found, unknown = [], []
    for activity in intake.activities.all():
        mapping = mappings.get(activity.dso_id)
        if mapping is None or not mapping.activity_type.active:
            unknown.append(activity.name or activity.dso_id)
            continue
        found.append(mapping)
    if unknown:
        reasons.append(f"Onbekende activiteit(en): {', '.join(unknown)}. Leg de koppeling met een activiteitsoort.")
    return found


def _near(candidates, x: float, y: float):
    box = candidates.filter(
        rd_x__range=(x - COORDINATE_TOLERANCE_M, x + COORDINATE_TOLERANCE_M),
        rd_y__range=(y - COORDINATE_TOLERANCE_M, y + COORDINATE_TOLERANCE_M),
    )
    return [e for e in box if hypot(e.rd_x - x, e.rd_y - y) <= COORDINATE_TOLERANCE_M]


def _postcode(value: str) -> str:
    try:
        return formats.postcode(value)
    except formats.FormatError:
        return value


def find_establishments(organisation_id: int, parsed: dict) -> list[Establishment]:
    """The establishments of the receiving organisation at the request's first location: by BAG nummeraanduiding,
    else postcode and house number, else the RD point; narrowed by the applicant's vestigingsnummer when several
    share the address."""
    visible = register_selectors.establishments(_reader(organisation_id))
    vestigingsnummer = parsed["applicant"]["vestigingsnummer"]
    for location in parsed["locations"][:1]:
        tries = []
        if location["bag_id"]:
            tries.append(lambda loc=location: list(visible.filter(bag_nummeraanduiding_id=loc["bag_id"])))
        if location["postcode"] and location["house_number"]:
            tries.append(
                lambda loc=location: list(
                    visible.filter(
                        postcode=_postcode(loc["postcode"]),
                        house_number=loc["house_number"],
                        house_number_suffix=f"{loc['house_letter']}{loc['house_number_suffix']}",
                    )
                )
            )
        if location["rd_x"] is not None and location["rd_y"] is not None:
            tries.append(lambda loc=location: _near(visible, loc["rd_x"], loc["rd_y"]))
        for attempt in tries:
            found = attempt()
            if len(found) > 1 and vestigingsnummer:
                found = [e for e in found if e.kvk_vestigingsnummer == vestigingsnummer] or found
            if found:
                return found
    # the vestigingsnummer alone links nothing (a branch may move or file for a new site): the duplicate check of the
    # proposal shows establishments with it
    return []


def proposal_for(intake: IntakeRequest, parsed: dict, authority: Organisation | None) -> dict:
    """A new establishment as the request describes it, with the register's duplicate check: the establishments
    that look like the same identity (same vestigingsnummer, or same name at the same address)."""
    location = (parsed["locations"] or [{}])[0]
    applicant = parsed["applicant"]
    name = applicant["name"] or parsed["name"]
    postcode = _postcode(location.get("postcode", ""))
    probe = Establishment(
        kvk_vestigingsnummer=applicant["vestigingsnummer"] or "-",  # no vestigingsnummer matches nothing
        normalised_name=formats.normalised_name(name) if name else "-",
        postcode=postcode,
        house_number=location.get("house_number"),
    )
    duplicates = register_selectors.duplicates_of(_reader(intake.owner_id), probe)
    return {
        "name": name,
        "company_name": applicant.get("company_name") or name,
        "legal_form": applicant.get("legal_form", ""),
        "natural_person": bool(applicant.get("natural_person")),
        "kvk_number": applicant["kvk_number"],
        "kvk_vestigingsnummer": applicant["vestigingsnummer"],
        "bag_nummeraanduiding_id": location.get("bag_id", ""),
        "street": location.get("street", ""),
        "house_number": location.get("house_number"),
        "house_number_suffix": f"{location.get('house_letter', '')}{location.get('house_number_suffix', '')}",
        "postcode": postcode,
        "place": location.get("place", ""),
        "rd_x": location.get("rd_x"),
        "rd_y": location.get("rd_y"),
        "municipality": authority.code if authority and authority.kind == Organisation.Kind.MUNICIPALITY else "",
        "competent_authority": authority.pk if authority else None,
        "duplicates": list(duplicates.order_by("id").values_list("pk", flat=True)[:20]),
    }


def _describe(location: dict) -> str:
    return dso.Location(**location).describe() if location else "geen locatie"


def _establishment(intake: IntakeRequest, parsed: dict, authority, reasons: list[str]) -> Establishment | None:
    if intake.establishment_id is not None and intake.establishment_by_hand:
        return intake.establishment
    found = find_establishments(intake.owner_id, parsed)
    where = _describe((parsed["locations"] or [{}])[0])
    if len(found) > 1:
        names = ", ".join(f"{e.name} ({e.pk})" for e in found[:5])
        reasons.append(f"Meerdere vestigingen bij de locatie ({where}): {names}. Koppel de juiste met de hand.")
        return None
    if not found:
        proposal = proposal_for(intake, parsed, authority)
        doubles = len(proposal["duplicates"])
        hint = f"; {doubles} mogelijke dubbele vestiging(en) in het register" if doubles else ""
        reasons.append(f"Geen vestiging gevonden bij de locatie ({where}): voorstel voor een nieuwe vestiging{hint}.")
        raise MappingFailure(reasons, proposal)
    return found[0]


def _subject(intake: IntakeRequest, parsed: dict, mappings: list[ActivityMapping]) -> str:
    label = RequestType(intake.request_type).label
    what = parsed["name"] or ", ".join(m.activity_type.name for m in mappings)
    return f"{label.capitalize()}: {what}"[:SUBJECT_LENGTH]


def _applicant(parsed: dict, establishment: Establishment) -> dict:
    """The applicant as the application keeps it. An enterprise the register holds as one of natural persons
    (eenmanszaak, V.O.F., ...) is a natural person even when the request does not say so. A contact detail the
    permits would refuse (the DSO checked the form; a broken one is left out) does not keep the request out."""
    applicant = parsed.get("applicant") or {}
    kvk_number = applicant.get("kvk_number", "")
    company = establishment.company
    natural = bool(applicant.get("natural_person")) or (
        bool(kvk_number) and company.kvk_number == kvk_number and company.is_natural_person
    )
    values = {
        "applicant_name": (applicant.get("name") or "")[:200],
        "applicant_kvk_number": kvk_number if len(kvk_number) == 8 else "",
        "applicant_is_natural_person": natural,
        "applicant_email": applicant.get("email", ""),
        "applicant_phone": applicant.get("phone", ""),
    }
    for field in ("applicant_email", "applicant_phone"):
        if values[field] and permits.applicant_errors(**{field: values[field]}):
            values[field] = ""
    return values


def _map(intake: IntakeRequest, user) -> IntakeRequest:
    parsed = intake.parsed
    reasons: list[str] = []
    if parsed["purpose"] in ("aanvullen", "intrekken"):
        what = "Aanvulling" if parsed["purpose"] == "aanvullen" else "Intrekking"
        raise MappingFailure([f"{what} (volgnummer {parsed['volgnummer']}): verwerk die bij de aanvraag zelf."])
    if not intake.request_type:
        raise MappingFailure([f"Soort verzoek '{parsed['type_text']}' wordt nog niet automatisch verwerkt."])
    authority = _authority(intake, parsed, reasons)
    mappings = _activities(intake, reasons)
    establishment = _establishment(intake, parsed, authority, reasons)
    if reasons:
        raise MappingFailure(reasons)
    for activity in intake.activities.all():
        activity.activity_type = next(m.activity_type for m in mappings if m.dso_id == activity.dso_id)
        activity.save(update_fields=["activity_type"])
    intake.competent_authority, intake.establishment = authority, establishment
    if intake.request_type == RequestType.APPLICATION:
        extended = any(m.procedure == "extended" for m in mappings)
        intake.application = permits.receive_application(
            user=user,
            establishment=establishment,
            competent_authority=authority,
            reference=intake.verzoeknummer,
            subject=_subject(intake, parsed, mappings),
            received_on=intake.received_on,
            procedure="extended" if extended else "regular",
            activity_types=[m.activity_type for m in mappings],
            **_applicant(parsed, establishment),
        )
    # a melding, informatieplicht or vooroverleg has no decision term: it is registered with its establishment
    intake.status, intake.reason, intake.processed_at = Status.PROCESSED, "", clock.now()
    intake.proposal = {}
    intake.save()
    return intake


def map_request(intake: IntakeRequest, *, user=SYSTEM_JOB) -> IntakeRequest:
    """Map a read request in one transaction; on any failure nothing of it is stored and it waits in the queue."""
    try:
        with transaction.atomic():
            locked = IntakeRequest.objects.select_for_update().get(pk=intake.pk)
            if locked.status == Status.PROCESSED:
                return locked
            return _map(locked, user)
    except MappingFailure as failure:
        intake.refresh_from_db()
        return _queue(intake, " ".join(failure.reasons), proposal=failure.proposal)
    except ValidationError as error:
        intake.refresh_from_db()
        return _queue(intake, "De aanvraag kon niet worden vastgelegd: " + " ".join(error.messages), proposal={})
    except PermissionDenied as error:
        intake.refresh_from_db()
        return _queue(intake, f"De aanvraag kon niet worden vastgelegd: {error}", proposal={})


# --- the permit officer -------------------------------------------------------------------------------------------


def retry(*, user, intake: IntakeRequest) -> IntakeRequest:
    """Map again after the mapping tables or the register were fixed; without a stored request: fetch it again."""
    from openvth.jobs import services as jobs

    _check_handler(user)
    if intake.status == Status.PROCESSED:
        raise ValidationError(f"Verzoek {intake.verzoeknummer} is al verwerkt.")
    if not intake.stam:
        IntakeRequest.objects.filter(pk=intake.pk).update(status=Status.WAITING, reason="")
        jobs.start(FETCH_JOB, user=user, params={"intake_request": intake.pk})
        intake.refresh_from_db()
        return intake
    return _read_and_map(intake, client=None, user=user)


def link_establishment(*, user, intake: IntakeRequest, establishment: Establishment) -> IntakeRequest:
    """The permit officer names the establishment of the request by hand; then it is mapped again."""
    _check_handler(user)
    if intake.status == Status.PROCESSED:
        raise ValidationError(f"Verzoek {intake.verzoeknummer} is al verwerkt.")
    check(user, Action.HANDLE_APPLICATION, establishment, "U mag bij deze vestiging geen aanvraag vastleggen.")
    IntakeRequest.objects.filter(pk=intake.pk).update(establishment=establishment, establishment_by_hand=True)
    intake.refresh_from_db()
    return retry(user=user, intake=intake)


# --- a new establishment from the proposal -----------------------------------------------------------------------

PROPOSAL_FIELDS = (
    "name", "kvk_vestigingsnummer", "bag_nummeraanduiding_id", "street", "house_number", "house_number_suffix",
    "postcode", "place", "rd_x", "rd_y",
)  # fmt: skip  # what the proposal says of the establishment, as register.services.create_establishment takes it


class DuplicatesFound(ValidationError):
    """The register's duplicate check found establishments that look like the one to be made (same
    vestigingsnummer, or same name at the same address): `duplicates`, as far as the user may see them."""

    def __init__(self, duplicates: list[Establishment]):
        self.duplicates = duplicates
        names = ", ".join(f"{e.name}, {e.address} ({e.pk})" for e in duplicates[:5])
        super().__init__(
            f"Het register heeft al een vestiging die hierop lijkt: {names}. Koppel het verzoek aan die vestiging, "
            "of bevestig dat het toch een nieuwe vestiging is."
        )


def may_create_establishment(user, intake: IntakeRequest) -> bool:
    """A handler of the intake who may add establishments to the register of the receiving organisation."""
    return may_handle(user) and may(user, Action.EDIT_REGISTER, intake.owner)


def check_may_create_establishment(user, intake: IntakeRequest) -> None:
    _check_handler(user)
    refusal = "U mag bij deze organisatie geen vestiging in het register vastleggen."
    check(user, Action.EDIT_REGISTER, intake.owner, refusal)


def check_proposal(intake: IntakeRequest) -> None:
    """The request waits in the queue with a proposal for a new establishment."""
    if intake.status == Status.PROCESSED:
        raise ValidationError(f"Verzoek {intake.verzoeknummer} is al verwerkt.")
    if intake.status != Status.QUEUED or not intake.proposal:
        raise ValidationError(f"Verzoek {intake.verzoeknummer} heeft geen voorstel voor een nieuwe vestiging.")


def proposal_initial(intake: IntakeRequest) -> dict:
    """The proposal as the values of the form that makes the establishment (organisations by id)."""
    proposal = intake.proposal or {}
    initial = {name: proposal.get(name) for name in PROPOSAL_FIELDS if proposal.get(name) not in (None, "")}
    initial["kvk_number"] = proposal.get("kvk_number", "")
    initial["company_name"] = proposal.get("company_name") or proposal.get("name", "")
    initial["legal_form"] = proposal.get("legal_form", "")
    initial["is_home_address"] = bool(proposal.get("natural_person"))
    if code := proposal.get("municipality"):
        initial["municipality"] = (
            Organisation.objects.filter(code=code, kind=Organisation.Kind.MUNICIPALITY).values_list("pk", flat=True)
        ).first()
    initial["competent_authority"] = proposal.get("competent_authority") or intake.competent_authority_id
    return initial


def _supervising_service(owner: Organisation, authority: Organisation | None) -> Organisation | None:
    """The omgevingsdienst that supervises the new establishment: the receiving service, else the authority's."""
    if owner.kind == Organisation.Kind.OMGEVINGSDIENST:
        return owner
    return authority.omgevingsdienst if authority is not None else None


def _probe(fields: dict) -> Establishment:
    """The establishment to be made as the duplicate check compares it (the register's normal forms)."""

    def normal(rule, value):
        try:
            return rule(value) if value not in (None, "") else None
        except formats.FormatError:
            return None

    name = (fields.get("name") or "").strip()
    return Establishment(
        kvk_vestigingsnummer=normal(formats.kvk_vestigingsnummer, fields.get("kvk_vestigingsnummer")) or "-",
        normalised_name=formats.normalised_name(name) if name else "-",
        postcode=normal(formats.postcode, fields.get("postcode")) or "-",
        house_number=normal(formats.house_number, fields.get("house_number")),
    )


def _company(user, owner: Organisation, kvk_number: str, company_name: str, legal_form: str) -> Company:
    """The company of the new establishment: the one the register has with this KvK number, else a new one (the
    register refuses a KvK number another organisation holds, naming that organisation)."""
    try:
        kvk_number = formats.kvk_number(kvk_number or "")
    except formats.FormatError as error:
        message = "Dit veld is verplicht." if not (kvk_number or "").strip() else str(error)
        raise ValidationError({"kvk_number": [message]}) from None
    existing = register_selectors.company_with_kvk_number(kvk_number)
    if existing is not None and register_selectors.companies(user).filter(pk=existing.pk).exists():
        return existing
    if existing is None and not legal_form:
        message = "Kies de rechtsvorm: het register heeft nog geen bedrijf met dit KvK-nummer."
        raise ValidationError({"legal_form": [message]})
    legal_form = legal_form or Company.LegalForm.OTHER  # a company another organisation holds: refused anyway
    return register_services.create_company(
        user=user, owner=owner, kvk_number=kvk_number, name=company_name, legal_form=legal_form
    )


@transaction.atomic
def create_establishment(
    *,
    user,
    intake: IntakeRequest,
    kvk_number: str,
    company_name: str = "",
    legal_form: str = "",
    municipality: Organisation | None,
    competent_authority: Organisation | None,
    is_home_address: bool = False,
    also_if_duplicates: bool = False,
    **fields,
) -> IntakeRequest:
    """The permit officer makes the establishment the request's proposal describes (as he corrected it) through the
    register's services, links the request to it and maps it again: an application comes of it when nothing else
    is missing. The register's duplicate check runs first: an establishment that looks like it is refused
    (DuplicatesFound, to link instead) unless `also_if_duplicates`. One transaction: a refusal stores nothing."""
    check_may_create_establishment(user, intake)
    intake = IntakeRequest.objects.select_for_update().select_related("owner").get(pk=intake.pk)
    check_proposal(intake)
    if refused := sorted(set(fields) - set(PROPOSAL_FIELDS)):
        raise ValidationError({name: ["Dit veld kan hier niet worden ingevuld."] for name in refused})
    owner = intake.owner
    errors: dict[str, list[str]] = {}
    if municipality is None:
        errors["municipality"] = ["Dit veld is verplicht."]
    if competent_authority is None:
        errors["competent_authority"] = ["Dit veld is verplicht."]
    service = _supervising_service(owner, competent_authority)
    if competent_authority is not None and service is None:
        errors["competent_authority"] = [f"{competent_authority} heeft geen omgevingsdienst die toezicht houdt."]
    if errors:
        raise ValidationError(errors)
    if not also_if_duplicates:
        duplicates = list(register_selectors.duplicates_of(user, _probe(fields)).order_by("id")[:20])
        if duplicates:
            raise DuplicatesFound(duplicates)
    company = _company(user, owner, kvk_number, (company_name or "").strip() or fields.get("name", ""), legal_form)
    establishment = register_services.create_establishment(
        user=user,
        owner=owner,
        company=company,
        municipality=municipality,
        competent_authority=competent_authority,
        supervising_service=service,
        is_home_address=bool(is_home_address),
        **fields,
    )
    logger.info("DSO-verzoek %s: nieuwe vestiging %s uit het voorstel", intake.verzoeknummer, establishment.pk)
    return link_establishment(user=user, intake=intake, establishment=establishment)


@dataclass(frozen=True)
class LoadedMappings:
    created: int
    skipped: list[str]


@transaction.atomic
def map_oin(*, oin: str, organisation: Organisation) -> OrganisationOin:
    digits = oin.strip()
    if not (digits.isdigit() and len(digits) == 20):
        raise ValidationError({"oin": ["Een OIN bestaat uit 20 cijfers."]})
    mapped, _ = OrganisationOin.objects.update_or_create(oin=digits, defaults={"organisation": organisation})
    return mapped


@transaction.atomic
def map_activity(*, dso_id: str, activity_type, procedure: str = "regular", dso_name: str = "") -> ActivityMapping:
    if procedure not in ("regular", "extended"):
        raise ValidationError({"procedure": ["Kies 'regular' of 'extended'."]})
    if not dso_id.strip():
        raise ValidationError({"dso_id": ["Dit veld is verplicht."]})
    mapping, _ = ActivityMapping.objects.update_or_create(
        dso_id=dso_id.strip(),
        defaults={"activity_type": activity_type, "procedure": procedure, "dso_name": dso_name},
    )
    return mapping


def load_default_mappings() -> LoadedMappings:
    """The activity mappings of openvth/intake/data/activity_mappings.csv whose activity type the register has."""
    import csv

    from openvth.register.models import ActivityType

    types = {t.code: t for t in ActivityType.objects.all()}
    created, skipped = 0, []
    with DEFAULT_MAPPINGS.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            activity_type = types.get(row["activity_code"])
            if activity_type is None:
                skipped.append(row["dso_id"])
                continue
            if not ActivityMapping.objects.filter(dso_id=row["dso_id"]).exists():
                map_activity(
                    dso_id=row["dso_id"], activity_type=activity_type, procedure=row["procedure"],
                    dso_name=row["dso_name"],
                )  # fmt: skip
                created += 1
    return LoadedMappings(created, skipped)
