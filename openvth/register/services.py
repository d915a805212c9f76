"""Every write to the register: validated, in one transaction, with its history recorded."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction

from openvth.core import clock
from openvth.core.history import record_change, snapshot
from openvth.core.inputs import check_lengths, check_lengths_into
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import author
from openvth.rules import formats
from openvth.rules.formats import FormatError

from . import selectors
from .models import Activity, ActivityType, Company, DecisionType, Establishment, HandOver, Organisation

# field -> format rule; each rule returns the normalised value or raises FormatError
_ESTABLISHMENT_FORMATS = {
    "kvk_vestigingsnummer": formats.kvk_vestigingsnummer,
    "bag_nummeraanduiding_id": formats.bag_nummeraanduiding_id,
    "postcode": formats.postcode,
    "house_number": formats.house_number,
}
# identifying data a duplicate may know and the kept record lacks; addresses and names are not guessed
FILLED_FROM_DUPLICATES = ("bag_nummeraanduiding_id", "rd_x", "rd_y")
_REQUIRED = {"name", "street", "place", "kvk_vestigingsnummer", "postcode", "house_number"}
_ORGANISATION_KINDS = {
    "municipality": (Organisation.Kind.MUNICIPALITY,),
    "competent_authority": Organisation.AUTHORITY_KINDS,
    "supervising_service": (Organisation.Kind.OMGEVINGSDIENST,),
}


def _noted_update(record: models.Model, user, before: dict, note: str) -> None:
    """A change of the record recorded in its history with a note that says what happened."""
    record_change(record, user=user, action=ChangeRecord.Action.UPDATE, before=before, note=note)


def require_mandate(user, authority: Organisation, decision_type: str, on: date, amount: Decimal | None = None) -> None:
    """Refuse a decision its taker holds no valid mandate for: this authority, this decision type, that day and, with
    an amount, a ceiling of at least that amount (Awb 10:3, docs/domain.md §1). The one mandate check of every app."""
    if selectors.holds_mandate(user, authority=authority, decision_type=decision_type, on=on, amount=amount):
        return
    who = str(user) if user is not None and user.pk else "Een systeemtaak"
    what = DecisionType(decision_type).label
    if amount is not None:
        what = f"{what} tot een bedrag van € {_euros(amount)}"
    raise PermissionDenied(
        f"{who} heeft op {on:%d-%m-%Y} geen geldig mandaat van {authority} voor {what}: "
        "het besluit kan niet worden vastgesteld (art. 10:3 Awb)."
    )


def _euros(amount: Decimal) -> str:
    """€ 5.000,00: the Dutch notation of an amount."""
    return f"{Decimal(amount):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _clean_establishment(values: dict) -> dict:
    """Normalise and check every field at once; raise one ValidationError naming each bad field."""
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    for field in _REQUIRED:
        if field in values and values[field] in (None, ""):
            errors.setdefault(field, []).append("Dit veld is verplicht.")
    for field, rule in _ESTABLISHMENT_FORMATS.items():
        value = values.get(field)
        if value in (None, "") or field in errors:
            continue
        try:
            cleaned[field] = rule(value)
        except FormatError as exc:
            errors.setdefault(field, []).append(str(exc))
    if values.get("rd_x") is not None or values.get("rd_y") is not None:
        try:
            point = formats.rd_point(float(values.get("rd_x")), float(values.get("rd_y")))
            cleaned["rd_x"], cleaned["rd_y"] = point.x, point.y
        except (TypeError, ValueError) as exc:
            message = str(exc) if isinstance(exc, FormatError) else "RD-coördinaten zijn twee getallen (x en y)."
            errors.setdefault("rd_x", []).append(message)
    for field, kinds in _ORGANISATION_KINDS.items():
        organisation = values.get(field)
        if organisation is not None and organisation.kind not in kinds:
            errors.setdefault(field, []).append(f"{organisation} is geen {_kind_names(kinds)}.")
    if "brzo_tier" in values and values["brzo_tier"] not in Establishment.BrzoTier.values:
        errors.setdefault("brzo_tier", []).append("Brzo-categorie is leeg, 'lower' of 'upper'.")
    if "name" in cleaned and cleaned["name"]:
        cleaned["name"] = cleaned["name"].strip()
        cleaned["normalised_name"] = formats.normalised_name(cleaned["name"])
    check_lengths_into(Establishment, {k: v for k, v in cleaned.items() if k not in errors}, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _kind_names(kinds) -> str:
    return " of ".join(str(Organisation.Kind(k).label) for k in kinds)


class DuplicateKvkNumber(ValidationError):
    """A second company with a KvK number the register already holds: `existing` is the active company that has it,
    `visible` whether the user may open it (only then does the message name it)."""

    def __init__(self, kvk_number: str, existing: Company, *, visible: bool):
        self.existing, self.visible = existing, visible
        if visible:
            message = (
                f"KvK-nummer {kvk_number} is al geregistreerd bij {existing} (bedrijf {existing.pk}): het register "
                "houdt één bedrijf per KvK-nummer. Gebruik dat bedrijf, of voeg de bedrijven samen."
            )
        else:
            message = (
                f"KvK-nummer {kvk_number} is al geregistreerd door {existing.owner}: het register houdt één bedrijf "
                f"per KvK-nummer. Vraag {existing.owner} de vestiging bij dat bedrijf te registreren."
            )
        super().__init__({"kvk_number": [message]})


def _check_kvk_number_free(user, kvk_number: str, *, exclude: Company | None = None) -> None:
    """Refuse a KvK number another company has (a merged one counts as the company it was merged into)."""
    existing = selectors.company_with_kvk_number(kvk_number, exclude=exclude)
    if existing is None or (exclude is not None and existing.pk == exclude.pk):
        return
    visible = Company.objects.visible_to(user).filter(pk=existing.pk).exists()
    raise DuplicateKvkNumber(kvk_number, existing, visible=visible)


def _clean_company(values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    if "kvk_number" in values:
        try:
            cleaned["kvk_number"] = formats.kvk_number(values["kvk_number"] or "")
        except FormatError as exc:
            errors["kvk_number"] = [str(exc)]
    if "legal_form" in values and values["legal_form"] not in Company.LegalForm.values:
        errors["legal_form"] = [f"Onbekende rechtsvorm '{values['legal_form']}'."]
    if "name" in values:
        cleaned["name"] = (values["name"] or "").strip()
        if not cleaned["name"]:
            errors["name"] = ["Dit veld is verplicht."]
        else:
            cleaned["normalised_name"] = formats.normalised_name(cleaned["name"])
    if errors:
        raise ValidationError(errors)
    check_lengths(Company, {k: v for k, v in cleaned.items() if k == "name"})
    return cleaned


def _save_company(user, company: Company) -> None:
    """Save in a savepoint: two writers who both passed the check meet the database constraint, not a 500."""
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:
        _check_kvk_number_free(user, company.kvk_number, exclude=company if company.pk else None)
        raise


@transaction.atomic
def create_company(*, user, owner: Organisation, kvk_number: str, name: str, legal_form: str) -> Company:
    check(user, Action.EDIT_REGISTER, owner)
    cleaned = _clean_company({"kvk_number": kvk_number, "name": name, "legal_form": legal_form})
    _check_kvk_number_free(user, cleaned["kvk_number"])
    company = Company(owner=owner, **cleaned)
    _save_company(user, company)
    record_change(company, user=user, action=ChangeRecord.Action.CREATE)
    return company


COMPANY_EDITABLE = ("kvk_number", "name", "legal_form")


@transaction.atomic
def update_company(*, user, company: Company, **changes) -> Company:
    """Change the KvK number, name or legal form; a KvK number another company has is refused, naming that one."""
    company = Company.objects.select_for_update().get(pk=company.pk)
    check(user, Action.EDIT_REGISTER, company)
    if company.merged_into_id:
        raise ValidationError("Dit bedrijf is samengevoegd en kan niet meer worden gewijzigd.")
    if refused := sorted(set(changes) - set(COMPANY_EDITABLE)):
        raise ValidationError({name: ["Dit veld kan hier niet worden gewijzigd."] for name in refused})
    cleaned = _clean_company(changes)
    if "kvk_number" in cleaned and cleaned["kvk_number"] != company.kvk_number:
        _check_kvk_number_free(user, cleaned["kvk_number"], exclude=company)
    before = snapshot(company)
    for name, value in cleaned.items():
        setattr(company, name, value)
    if snapshot(company) != before:  # the same values are no change and no history
        _save_company(user, company)
        record_change(company, user=user, action=ChangeRecord.Action.UPDATE, before=before)
    return company


@transaction.atomic
def create_establishment(*, user, owner: Organisation, company: Company, **fields) -> Establishment:
    check(user, Action.EDIT_REGISTER, owner)
    missing = sorted(f for f in _REQUIRED | set(_ORGANISATION_KINDS) if fields.get(f) in (None, ""))
    if missing:
        raise ValidationError({f: ["Dit veld is verplicht."] for f in missing})
    establishment = Establishment(owner=owner, company=company, **_clean_establishment(fields))
    establishment.save()
    record_change(establishment, user=user, action=ChangeRecord.Action.CREATE)
    return establishment


@transaction.atomic
def update_establishment(*, user, establishment: Establishment, **changes) -> Establishment:
    establishment = Establishment.objects.select_for_update().get(pk=establishment.pk)
    check(user, Action.EDIT_REGISTER, establishment)
    editable = {f.name for f in Establishment._meta.concrete_fields if f.editable} - {"owner", "merged_into"}
    if refused := sorted(set(changes) - editable):
        raise ValidationError({name: ["Dit veld kan hier niet worden gewijzigd."] for name in refused})
    changes = _without_hand_over_fields(establishment, changes)
    before = snapshot(establishment)
    for name, value in _clean_establishment(changes).items():
        setattr(establishment, name, value)
    establishment.save()
    record_change(establishment, user=user, action=ChangeRecord.Action.UPDATE, before=before)
    return establishment


@transaction.atomic
def add_activity(*, user, establishment: Establishment, activity_type: ActivityType, since=None) -> Activity:
    check(user, Action.EDIT_REGISTER, establishment)
    if not activity_type.active:
        raise ValidationError({"activity_type": [f"Activiteitsoort {activity_type.code} is niet meer actief."]})
    before = snapshot(establishment)
    activity = Activity.objects.create(establishment=establishment, activity_type=activity_type, since=since)
    _noted_update(establishment, user, before, f"Activiteit {activity_type} toegevoegd")
    return activity


MERGE_REASON_LENGTH = 500


@transaction.atomic
def merge(*, user, keep: models.Model, duplicates: list[models.Model], reason: str = "") -> models.Model:
    """Merge duplicate identities into `keep`: related records move, empty fields are filled from the
    duplicates, the duplicates stay as history with `merged_into` set. Companies with different KvK numbers are
    merged only with a reason (one of the numbers was wrong, or a new enterprise took over): it goes in the history."""
    model = type(keep)
    if model not in (Company, Establishment):
        raise ValidationError("Alleen bedrijven en vestigingen kunnen worden samengevoegd.")
    ids = [d.pk for d in duplicates]
    if not ids or keep.pk in ids or any(type(d) is not model for d in duplicates):
        raise ValidationError("Kies een te behouden record en ten minste één ander record van dezelfde soort.")
    rows = {r.pk: r for r in model.objects.select_for_update().filter(pk__in=[keep.pk, *ids])}
    if len(rows) != len(set(ids)) + 1 or any(r.merged_into_id for r in rows.values()):
        raise ValidationError("Een van de records bestaat niet of is al samengevoegd.")
    keep, duplicates = rows[keep.pk], [rows[i] for i in dict.fromkeys(ids)]
    for row in rows.values():
        check(user, Action.EDIT_REGISTER, row)
    reason = _merge_reason(keep, duplicates, reason)
    before = snapshot(keep)
    for duplicate in duplicates:
        for name in FILLED_FROM_DUPLICATES:
            if hasattr(keep, name) and getattr(keep, name) in ("", None):
                setattr(keep, name, getattr(duplicate, name))
    keep.save()
    if model is Company:
        _move_establishments(user, keep, duplicates)
    for relation in model._meta.related_objects:
        if relation.one_to_many and relation.field.name != "merged_into":
            relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": ids}).update(
                **{relation.field.name: keep}
            )
    model.objects.filter(pk__in=ids).update(merged_into=keep)
    names = ", ".join(str(d) for d in duplicates)
    because = f". Reden: {reason}" if reason else ""
    record_change(
        keep, user=user, action=ChangeRecord.Action.MERGE, before=before, note=f"Samengevoegd met {names}{because}"
    )
    for duplicate in duplicates:
        duplicate_before = snapshot(duplicate)
        duplicate.merged_into = keep
        note = f"Samengevoegd in {keep}{because}"
        record_change(duplicate, user=user, action=ChangeRecord.Action.MERGE, before=duplicate_before, note=note)
    return keep


def _merge_reason(keep, duplicates, reason: str) -> str:
    """The reason, required where companies with different KvK numbers are merged."""
    reason = (reason or "").strip()
    if len(reason) > MERGE_REASON_LENGTH:
        raise ValidationError({"reason": [f"Gebruik ten hoogste {MERGE_REASON_LENGTH} tekens."]})
    if isinstance(keep, Company) and not reason:
        differing = [d for d in duplicates if d.kvk_number and keep.kvk_number and d.kvk_number != keep.kvk_number]
        if differing:
            numbers = ", ".join(d.kvk_number for d in differing)
            raise ValidationError(
                {
                    "reason": [
                        f"KvK-nummer {numbers} verschilt van {keep.kvk_number}: geef de reden van het samenvoegen "
                        "(bijvoorbeeld een verkeerd ingevoerd nummer)."
                    ]
                }
            )
    return reason


def _move_establishments(user, keep: Company, duplicates: list[Company]) -> None:
    """The establishments of merged companies move to the kept one, each with its own change record."""
    moved = Establishment.objects.select_for_update().filter(company__in=duplicates).select_related("company")
    for establishment in moved:
        before = snapshot(establishment)
        previous = establishment.company
        establishment.company = keep
        establishment.save(update_fields=["company"])
        _noted_update(establishment, user, before, f"Bedrijf {previous} samengevoegd in {keep}")


# --- hand-over of an establishment ----------------------------------------------------------------------------


def _without_hand_over_fields(establishment: Establishment, changes: dict) -> dict:
    """Supervising service and competent authority change only by an accepted hand-over; the same value is no change."""
    moved = sorted(f for f in HandOver.Field.values if f in changes and changes[f] != getattr(establishment, f))
    if moved:
        message = "Dit verandert alleen door een overdracht die de ontvangende organisatie accepteert."
        raise ValidationError({name: [message] for name in moved})
    return {name: value for name, value in changes.items() if name not in HandOver.Field.values}


@transaction.atomic
def propose_hand_over(*, user, establishment: Establishment, field: str, to: Organisation, note: str = "") -> HandOver:
    """The supervising service (or the current holder of the field) proposes to hand the establishment over."""
    establishment = Establishment.objects.select_for_update().get(pk=establishment.pk)
    if field not in HandOver.Field.values:
        raise ValidationError({"field": [f"Kies {' of '.join(HandOver.Field.values)}, niet '{field}'."]})
    current = getattr(establishment, field)
    proposal = HandOver(establishment=establishment, field=field, from_organisation=current)
    refusal = f"Alleen een manager of beheerder van {current} stelt een overdracht voor."
    check(user, Action.PROPOSE_HAND_OVER, proposal, refusal)
    note = (note or "").strip()
    check_lengths(HandOver, {"note": note})
    kinds = _ORGANISATION_KINDS[field]
    if to.kind not in kinds:
        raise ValidationError({"to": [f"{to} is geen {_kind_names(kinds)}."]})
    if to.pk == current.pk:
        raise ValidationError({"to": [f"{to} is al {HandOver.Field(field).label} van deze vestiging."]})
    open_proposals = establishment.hand_overs.filter(field=field, to_organisation=to, state=HandOver.State.PROPOSED)
    if open_proposals.exists():
        raise ValidationError({"to": [f"Een overdracht aan {to} staat al open."]})
    hand_over = HandOver.objects.create(
        establishment=establishment,
        field=field,
        from_organisation=current,
        to_organisation=to,
        note=note,
        proposed_by=author(user),
        proposed_at=clock.now(),
    )
    _noted_update(
        establishment,
        user,
        snapshot(establishment),
        f"Overdracht voorgesteld: {hand_over.get_field_display()} van {current} aan {to}",
    )
    return hand_over


@transaction.atomic
def accept_hand_over(*, user, hand_over: HandOver) -> HandOver:
    """The receiving organisation accepts: the field changes and the establishment's history records it."""
    hand_over = HandOver.objects.select_for_update().select_related("to_organisation").get(pk=hand_over.pk)
    refusal = f"Alleen een manager of beheerder van {hand_over.to_organisation} accepteert."
    check(user, Action.ACCEPT_HAND_OVER, hand_over, refusal)
    if hand_over.state != HandOver.State.PROPOSED:
        raise ValidationError("Deze overdracht is al geaccepteerd.")
    establishment = Establishment.objects.select_for_update().get(pk=hand_over.establishment_id)
    if getattr(establishment, f"{hand_over.field}_id") != hand_over.from_organisation_id:
        raise ValidationError("De vestiging is sinds het voorstel al overgedragen; dit voorstel geldt niet meer.")
    before = snapshot(establishment)
    setattr(establishment, hand_over.field, hand_over.to_organisation)
    establishment.save(update_fields=[hand_over.field])
    hand_over.state, hand_over.accepted_by, hand_over.accepted_at = HandOver.State.ACCEPTED, author(user), clock.now()
    hand_over.save(update_fields=["state", "accepted_by", "accepted_at"])
    _noted_update(
        establishment,
        user,
        before,
        f"Overgedragen: {hand_over.get_field_display()} aan {hand_over.to_organisation} (voorstel {hand_over.pk})",
    )
    return hand_over
