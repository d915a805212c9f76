"""Every write to the register: validated, in one transaction, with its history recorded."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from openvth.accounts.models import Role
from openvth.core.history import record_change, snapshot
from openvth.core.models import ChangeRecord
from openvth.rules import formats
from openvth.rules.formats import FormatError

from .models import Activity, ActivityType, Company, Establishment, Organisation

EDITOR_ROLES = frozenset({Role.PERMIT_OFFICER, Role.INSPECTOR, Role.MANAGER, Role.ADMINISTRATOR})

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


def _may_edit(user, organisation_ids: Iterable[int]) -> bool:
    if user is None or user.is_superuser:
        return True  # system jobs (import, generate) and superusers
    return user.role in EDITOR_ROLES and user.organisation_id in set(organisation_ids)


def _check_editor(user, organisation_ids: Iterable[int]) -> None:
    if not _may_edit(user, organisation_ids):
        raise PermissionDenied("U mag dit registergegeven niet wijzigen.")


def can_edit(user, establishment: Establishment) -> bool:
    """Whether the user may change this establishment: an editing role at its owner or supervising service."""
    return _may_edit(user, [establishment.owner_id, establishment.supervising_service_id])


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
    if errors:
        raise ValidationError(errors)
    return cleaned


def _kind_names(kinds) -> str:
    return " of ".join(str(Organisation.Kind(k).label) for k in kinds)


@transaction.atomic
def create_company(*, user, owner: Organisation, kvk_number: str, name: str, legal_form: str) -> Company:
    _check_editor(user, [owner.pk])
    try:
        kvk_number = formats.kvk_number(kvk_number)
    except FormatError as exc:
        raise ValidationError({"kvk_number": [str(exc)]}) from None
    if legal_form not in Company.LegalForm.values:
        raise ValidationError({"legal_form": [f"Onbekende rechtsvorm '{legal_form}'."]})
    if not name.strip():
        raise ValidationError({"name": ["Dit veld is verplicht."]})
    company = Company.objects.create(
        owner=owner,
        kvk_number=kvk_number,
        name=name.strip(),
        normalised_name=formats.normalised_name(name),
        legal_form=legal_form,
    )
    record_change(company, user=user, action=ChangeRecord.Action.CREATE)
    return company


@transaction.atomic
def create_establishment(*, user, owner: Organisation, company: Company, **fields) -> Establishment:
    _check_editor(user, [owner.pk])
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
    _check_editor(user, [establishment.owner_id, establishment.supervising_service_id])
    editable = {f.name for f in Establishment._meta.concrete_fields if f.editable} - {"owner", "merged_into"}
    if refused := sorted(set(changes) - editable):
        raise ValidationError({name: ["Dit veld kan hier niet worden gewijzigd."] for name in refused})
    before = snapshot(establishment)
    for name, value in _clean_establishment(changes).items():
        setattr(establishment, name, value)
    establishment.save()
    record_change(establishment, user=user, action=ChangeRecord.Action.UPDATE, before=before)
    return establishment


@transaction.atomic
def add_activity(*, user, establishment: Establishment, activity_type: ActivityType, since=None) -> Activity:
    _check_editor(user, [establishment.owner_id, establishment.supervising_service_id])
    if not activity_type.active:
        raise ValidationError({"activity_type": [f"Activiteitsoort {activity_type.code} is niet meer actief."]})
    before = snapshot(establishment)
    activity = Activity.objects.create(establishment=establishment, activity_type=activity_type, since=since)
    record_change(
        establishment,
        user=user,
        action=ChangeRecord.Action.UPDATE,
        before=before,
        note=f"Activiteit {activity_type} toegevoegd",
    )
    return activity


@transaction.atomic
def merge(*, user, keep: models.Model, duplicates: list[models.Model]) -> models.Model:
    """Merge duplicate identities into `keep`: related records move, empty fields are filled from the
    duplicates, the duplicates stay as history with `merged_into` set."""
    model = type(keep)
    if model not in (Company, Establishment):
        raise ValidationError("Alleen bedrijven en vestigingen kunnen worden samengevoegd.")
    ids = [d.pk for d in duplicates]
    if not ids or keep.pk in ids or any(type(d) is not model for d in duplicates):
        raise ValidationError("Kies een te behouden record en ten minste één ander record van dezelfde soort.")
    rows = {r.pk: r for r in model.objects.select_for_update().filter(pk__in=[keep.pk, *ids])}
    if len(rows) != len(ids) + 1 or any(r.merged_into_id for r in rows.values()):
        raise ValidationError("Een van de records bestaat niet of is al samengevoegd.")
    keep, duplicates = rows[keep.pk], [rows[i] for i in ids]
    for row in rows.values():
        _check_editor(user, [row.owner_id, getattr(row, "supervising_service_id", row.owner_id)])
    before = snapshot(keep)
    for duplicate in duplicates:
        for name in FILLED_FROM_DUPLICATES:
            if hasattr(keep, name) and getattr(keep, name) in ("", None):
                setattr(keep, name, getattr(duplicate, name))
    keep.save()
    for relation in model._meta.related_objects:
        if relation.one_to_many and relation.field.name != "merged_into":
            relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": ids}).update(
                **{relation.field.name: keep}
            )
    model.objects.filter(pk__in=ids).update(merged_into=keep)
    names = ", ".join(str(d) for d in duplicates)
    record_change(keep, user=user, action=ChangeRecord.Action.MERGE, before=before, note=f"Samengevoegd met {names}")
    for duplicate in duplicates:
        duplicate_before = snapshot(duplicate)
        duplicate.merged_into = keep
        record_change(
            duplicate,
            user=user,
            action=ChangeRecord.Action.MERGE,
            before=duplicate_before,
            note=f"Samengevoegd in {keep}",
        )
    return keep
