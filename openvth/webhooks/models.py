"""Change notifications to chain partners: a partner's subscription, the events openvth records and each delivery
of an event to a subscription (with its attempts), see openvth.webhooks.services.

Only `Subscription` is scoped (its organisation's users read it); events and deliveries are reached through a
subscription. An event holds ids, codes, a time and a link (dataref) to the record in the API, never personal data.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openvth.core.models import Scoped
from openvth.register.models import Establishment, Organisation
from openvth.sharing.models import RecordKind, RecordKindLabels


class Subscription(Scoped, RecordKindLabels):
    """A partner's system that wants CloudEvents about the record kinds it names, at its own https address.

    The secret is never stored: it is derived from the installation's key and `secret_salt`
    (openvth.webhooks.signing.derive_secret), shown once when made, and derived again to sign each delivery."""

    owner_field = "organisation"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="webhook_subscriptions", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=100)
    target_url = models.URLField(_("adres (URL)"), max_length=500)
    kinds = models.JSONField(_("soorten gegevens"), default=list, help_text=_("openvth.sharing.models.RecordKind"))
    secret_salt = models.CharField(max_length=64, editable=False)
    secret_hint = models.CharField(_("geheim begint met"), max_length=16, editable=False)
    active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("aangemaakt door"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("aangemaakt op"))
    deactivated_at = models.DateTimeField(_("gedeactiveerd op"), null=True, blank=True)

    class Meta:
        ordering = ["-active", "name", "id"]
        verbose_name = _("abonnement op wijzigingsberichten")
        verbose_name_plural = _("abonnementen op wijzigingsberichten")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name}"


class Event(models.Model):
    """One occurrence (a CloudEvent, openvth.webhooks.events): what happened to which record, when it was logged;
    `owner` and `establishment` decide who may hear of it (openvth.webhooks.selectors.readers)."""

    uuid = models.UUIDField(_("id"), default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(_("soort"), max_length=100)
    source = models.CharField(_("bron"), max_length=200)
    subject = models.CharField(_("onderwerp"), max_length=100)
    time = models.DateTimeField(_("tijdstip"), db_index=True)
    data = models.JSONField(_("gegevens"), default=dict)
    dataref = models.CharField(_("verwijzing"), max_length=500)
    record_kind = models.CharField(_("soort record"), max_length=20, choices=RecordKind.choices)
    record_model = models.CharField(_("model"), max_length=60)  # app_label.Model: its scoping decides "own"
    record_id = models.BigIntegerField(_("record"))
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("eigenaar"))
    establishment = models.ForeignKey(
        Establishment, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("vestiging")
    )
    # the same occurrence reported twice (two signals, a retried commit) is one event
    key = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["time", "id"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")

    def __str__(self) -> str:
        return f"{self.type} {self.subject} ({self.time:%Y-%m-%d %H:%M})"


class Delivery(models.Model):
    """One event to one subscription: its attempts by a background job (openvth.jobs kind `webhook_delivery`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht")
        RETRYING = "retrying", _("wordt opnieuw geprobeerd")
        DELIVERED = "delivered", _("afgeleverd")
        FAILED = "failed", _("mislukt")
        CANCELLED = "cancelled", _("vervallen")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    response_code = models.PositiveSmallIntegerField(_("antwoordcode"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"))
    delivered_at = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)
    replay = models.BooleanField(_("opnieuw verstuurd"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        indexes = [models.Index(fields=["subscription", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.subscription_id} ({self.get_status_display()})"
