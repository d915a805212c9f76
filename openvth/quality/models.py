"""Visitations of omgevingsdiensten by peers and ILT investigations (thematic or signalling), each with recommendations
and their follow-up (issue 21, item 4; Kamerbrief voortgang versterking VTH-stelsel 2023, recommendation 9). Their
chapter in the Staat van de VTH: per service and nationally (openvth.monitoring).

A service reads its own visitations, the investigations it was involved in and the recommendations to it; the ministry
and the ILT read everything (nationally). The peer reviewers of a visitation are persons: their names are shown on the
visitation's page to those who may read it, never in the Staat, the national figures or the API."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core.models import Recorded, Scoped
from openvth.regional.models import national_q
from openvth.register.models import Organisation


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in uitvoering")
    DONE = "done", _("uitgevoerd")
    NOT_ADOPTED = "not_adopted", _("niet overgenomen")


CLOSED_STATUSES = (FollowUpStatus.DONE, FollowUpStatus.NOT_ADOPTED)


class Visitation(Scoped, Recorded):
    """A visitation of one service by peers of other services, led by an external party."""

    service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="visitations", verbose_name=_("omgevingsdienst")
    )
    visited_on = models.DateField(_("datum visitatie"))
    external_party = models.CharField(_("externe partij"), max_length=200)
    peer_reviewers = models.TextField(_("visitatoren"), help_text=_("Namen van de collega's, één per regel."))
    findings = models.TextField(_("bevindingen"))

    class Meta:
        ordering = ["-visited_on", "service__name"]
        verbose_name = _("visitatie")
        verbose_name_plural = _("visitaties")

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q(service_id=organisation_id) | national_q(organisation_id)

    def __str__(self) -> str:
        return f"{self.service} ({self.visited_on})"


class Investigation(Scoped, Recorded):
    """An investigation by the ILT of a theme across services (thematisch) or on a signal (signalerend)."""

    class Kind(models.TextChoices):
        THEMATIC = "thematisch", _("thematisch")
        SIGNALLING = "signalerend", _("signalerend")

    inspectorate = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="investigations", verbose_name=_("inspectie")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    theme = models.CharField(_("thema"), max_length=200)
    services = models.ManyToManyField(Organisation, related_name="investigated_in", verbose_name=_("diensten"))
    published_on = models.DateField(_("datum rapport"))
    findings = models.TextField(_("bevindingen"))

    class Meta:
        ordering = ["-published_on", "theme"]
        verbose_name = _("ILT-onderzoek")
        verbose_name_plural = _("ILT-onderzoeken")

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        involved = Investigation.services.through.objects.filter(organisation_id=organisation_id)
        return Q(pk__in=involved.values("investigation_id")) | national_q(organisation_id)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.theme} ({self.published_on})"


class Recommendation(Scoped):
    """A recommendation to one service, of a visitation or of an ILT investigation, with its follow-up."""

    visitation = models.ForeignKey(
        Visitation, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    investigation = models.ForeignKey(
        Investigation, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("omgevingsdienst")
    )
    text = models.TextField(_("aanbeveling"))
    status = models.CharField(
        _("opvolging"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    status_on = models.DateField(_("stand per"), null=True, blank=True)
    note = models.TextField(_("toelichting opvolging"), blank=True)

    class Meta:
        ordering = ["service__name", "id"]
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(visitation__isnull=False, investigation__isnull=True)
                | Q(visitation__isnull=True, investigation__isnull=False),
                name="recommendation_of_one_source",
            )
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q(service_id=organisation_id) | national_q(organisation_id)

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    def __str__(self) -> str:
        return self.text[:80]
