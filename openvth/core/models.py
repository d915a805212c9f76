from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.scoping import ScopedManager


def period_ordered(start: str, end: str, name: str) -> models.CheckConstraint:
    """A period from `start` to `end` (inclusive; no end: still running) does not end before it starts."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": models.F(start)}), name=name
    )


class ChangeRecord(models.Model):
    """Who changed which record when, and how: written by the services, shown on the record's page."""

    class Action(models.TextChoices):
        CREATE = "create", _("aangemaakt")
        UPDATE = "update", _("gewijzigd")
        MERGE = "merge", _("samengevoegd")
        DELETE = "delete", _("verwijderd")
        CORRECTION = "correction", _("correctie")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.BigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    changes = models.JSONField(default=dict, help_text="field -> [old, new]")
    note = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.content_type.model} {self.object_id} ({self.at:%Y-%m-%d})"


class Scoped(models.Model):
    """A record read through `visible_to(user)` (openvth.core.scoping). By default one organisation reads it: the one
    `owner_field` names, its foreign key or a path through its parent ("staff__service"); a model whose readers
    differ declares its own `visibility_q`."""

    owner_field = "owner"

    objects = ScopedManager()

    class Meta:
        abstract = True

    @classmethod
    def visibility_q(cls, organisation_id: int) -> Q:
        return Q(**{f"{cls.owner_field}_id": organisation_id})


class ValidPeriod(models.Model):
    """Valid from `valid_from` up to and including `valid_to` (none: without an end)."""

    valid_from = models.DateField(_("geldig vanaf"))
    valid_to = models.DateField(_("geldig tot en met"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @staticmethod
    def valid_on_q(day: date) -> Q:
        """The records valid on `day` (what `is_valid_on` tells of one)."""
        return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Recorded(models.Model):
    """Who recorded it (none for a system job, or once the account is removed) and when."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        abstract = True


class VersionedTable(Scoped):
    """A configurable rule table of one organisation (docs/domain.md: "configurable", with history): every change is
    a new version in force from `valid_from`; on a day the newest version from that day or before applies, the
    shipped default of the rule module where none is stored. `owner_field` names the organisation's foreign key; an
    organisation sees its own tables (a table kind may widen this)."""

    owner_field = "organisation"

    valid_from = models.DateField(_("geldig vanaf"))
    note = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        abstract = True
        ordering = ["organisation", "-valid_from", "-id"]

    @classmethod
    def in_force(cls, owner_id: int | None, on):
        """The owner's version in force on `on`, or None (then the default applies)."""
        if owner_id is None:
            return None
        found = cls.objects.filter(**{f"{cls.owner_field}_id": owner_id, "valid_from__lte": on})
        return found.order_by("-valid_from", "-id").first()

    def __str__(self) -> str:
        return f"{getattr(self, self.owner_field)} vanaf {self.valid_from}"
