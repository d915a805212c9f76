"""In-app notifications (the bell) and each user's choice per kind: an e-mail at once or in the daily digest."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TERM_EXPIRING = "term_expiring", _("termijn verloopt binnenkort")
    OVERDUE = "overdue", _("termijn verstreken")
    ASSIGNED = "assigned", _("aan mij toegewezen")
    NEW_COMPLAINT = "new_complaint", _("nieuwe melding voor mijn dienst")
    APPROVAL_REQUESTED = "approval_requested", _("goedkeuring gevraagd")
    DECISION_TO_SIGN = "decision_to_sign", _("besluit te ondertekenen")
    JOB_FAILED = "job_failed", _("achtergrondtaak mislukt")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("direct per e-mail")
    DIGEST = "digest", _("in de dagelijkse samenvatting")


class Notification(models.Model):
    """One message to one user: a title built from records the recipient may read, and the link to the record."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("bericht"), max_length=300)
    url = models.CharField(_("adres"), max_length=300)
    # what makes it once-only (a reminder: the deadline and the day); empty when nothing repeats
    key = models.CharField(_("sleutel"), max_length=200, blank=True)
    delivery = models.CharField(_("e-mail"), max_length=10, choices=Delivery.choices)  # the choice when made
    created_at = models.DateTimeField(_("gemaakt op"))
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], condition=~Q(key=""), name="notification_once")
        ]
        indexes = [
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            models.Index(fields=["recipient"], condition=Q(emailed_at__isnull=True), name="notification_unmailed"),
        ]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    """A user's choice for one kind; without one: at once, and term reminders 7 days ahead."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    delivery = models.CharField(_("e-mail"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    days_before = models.PositiveSmallIntegerField(_("dagen van tevoren"), default=7)  # term_expiring only

    class Meta:
        verbose_name = _("voorkeur voor notificaties")
        verbose_name_plural = _("voorkeuren voor notificaties")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.delivery}"
