"""Recording changes to register records; called by services inside their transaction (`update_recorded` for a
change of fields, `record_change` beside any other write)."""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from openvth.core.models import ChangeRecord
from openvth.core.scoping import author


def _plain(value):
    if isinstance(value, FieldFile):
        return value.name
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date | datetime | Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model) -> dict:
    """The record's own field values, foreign keys as their display text."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        values[field.name] = _plain(getattr(obj, field.name))
    return values


def record_change(obj: models.Model, *, user, action: str, before: dict | None = None, note: str = "") -> ChangeRecord:
    after = snapshot(obj)
    before = before or {}
    changes = {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}
    return ChangeRecord.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        changes=changes,
        note=note,
        user=author(user),
    )


def update_recorded(obj: models.Model, changes: dict, *, user, note: str = "") -> models.Model:
    """Change a record: `changes` (field name: value, set in this order) saved, and the change recorded with what
    the fields held before."""
    before = snapshot(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(changes))
    record_change(obj, user=user, action=ChangeRecord.Action.UPDATE, before=before, note=note)
    return obj


def history_of(obj: models.Model):
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("user")
