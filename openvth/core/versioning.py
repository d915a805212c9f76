"""The one write of a versioned rule table (core.models.VersionedTable): the risk, LHSO and policy tables.

Every table keeps the same rules: a new version is in force from a day after the newest stored version of its
owner (the history is never rewritten), who stored it (`created_by`) and why (`note`) are kept, and the change is in
the audit trail against the version that was in force before it, all in one transaction. What a table must hold
is the table's own rule module's business: the caller passes it in as `check`.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from openvth.core.history import record_change, snapshot
from openvth.core.inputs import parse_date
from openvth.core.models import ChangeRecord, VersionedTable
from openvth.core.scoping import author

VALID_FROM = "valid_from"
# the check of a table kind: the values as given -> the values to store; bad values raise a ValidationError per field
Check = Callable[[Mapping[str, Any]], Mapping[str, Any]]


def _by_field(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}


def _unchecked(values: Mapping[str, Any]) -> Mapping[str, Any]:
    return values


def newest_version(model: type[VersionedTable], owner) -> VersionedTable | None:
    """The owner's version with the latest `valid_from` (the one in force from then on), or None."""
    return model.objects.filter(**{model.owner_field: owner}).order_by("-valid_from", "-id").first()


def store_version(
    model: type[VersionedTable],
    *,
    user,
    owner,
    valid_from,
    values: Mapping[str, Any],
    note: str = "",
    check: Check = _unchecked,
) -> VersionedTable:
    """A new version of `owner`'s table `model` in force from `valid_from` (a date or JJJJ-MM-DD), with the
    `values` of its own fields as `check` makes them. Every refusal (a day not after the newest version, what
    `check` refuses) comes at once as one ValidationError per field and stores nothing. The caller checks who may."""
    with transaction.atomic():
        # one writer per owner at a time: two versions stored at once would both pass the "after the newest" rule
        type(owner).objects.select_for_update().filter(pk=owner.pk).first()
        errors: dict[str, list[str]] = {}
        day = None
        try:
            day = parse_date(valid_from, VALID_FROM, "Geldig vanaf")
        except ValidationError as error:
            errors.update(_by_field(error))
        newest = newest_version(model, owner)
        if day is not None and newest is not None and day <= newest.valid_from:
            errors[VALID_FROM] = [
                f"Een nieuwe versie geldt vanaf een datum na {newest.valid_from:%d-%m-%Y}, de datum van de nieuwste "
                "versie."
            ]
        checked: Mapping[str, Any] = {}
        try:
            checked = check(values)
        except ValidationError as error:
            for field, messages in _by_field(error).items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        note = (note or "").strip()
        version = model.objects.create(
            **{model.owner_field: owner}, valid_from=day, note=note, created_by=author(user), **checked
        )
        before = snapshot(newest) if newest is not None else None
        record_change(version, user=user, action=ChangeRecord.Action.CREATE, before=before, note=note)
        return version
