"""The pipeline of the permit outlook (issue 21, item 8): announced projects that will bring applications.

Pre-consultations (vooroverleg) are not a procedure of permits.Application (regular or extended only), so a service
records what it knows is coming as an `Initiative`: a project of the energy transition or the circular economy (or
another theme), the year it expects the applications and how many. Read by its own service only."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.models import Scoped
from openvth.permits.models import Application
from openvth.register.models import Organisation

from .standards import ACTIVITY_GROUP_CHOICES


class Initiative(Scoped):
    class Theme(models.TextChoices):
        ENERGY_TRANSITION = "energy_transition", _("energietransitie")
        CIRCULAR_ECONOMY = "circular_economy", _("circulaire economie")
        OTHER = "other", _("overig")

    owner_field = "service"

    service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("omgevingsdienst")
    )
    competent_authority = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("bevoegd gezag"),
    )  # fmt: skip
    title = models.CharField(_("initiatief"), max_length=200)
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    activity_group = models.CharField(
        _("activiteitengroep"), max_length=20, choices=ACTIVITY_GROUP_CHOICES, blank=True, default=""
    )
    procedure = models.CharField(
        _("procedure"), max_length=10, choices=Application.Procedure.choices, default=Application.Procedure.REGULAR
    )
    expected_year = models.PositiveSmallIntegerField(_("verwacht jaar van aanvraag"))
    expected_count = models.PositiveSmallIntegerField(_("verwacht aantal aanvragen"), default=1)
    note = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["expected_year", "title", "id"]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        constraints = [models.CheckConstraint(condition=Q(expected_count__gte=1), name="initiative_count_positive")]

    def __str__(self) -> str:
        return f"{self.title} ({self.expected_year})"
