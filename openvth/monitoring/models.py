"""The IBP VTH programme monitor: progress reports of the reform programme and their actions.

The programme is national: every organisation reads every report (`visibility_q` is all rows), so reads still go
through `visible_to(user)`, which refuses anonymous users and accounts without an organisation. Only the programme
office and administrators write (openvth.core.permissions, Action.EDIT_PROGRAMME).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.models import Scoped
from openvth.rules.ibp_table import Status as TableStatus


class ProgrammeReport(Scoped):
    """One progress report of the IBP VTH, imported from its file; the title names the month it reports on."""

    title = models.CharField(_("titel"), max_length=300, unique=True)
    period = models.DateField(_("periode"), help_text=_("De eerste dag van de maand van de voortgang."))
    source_name = models.CharField(_("bestand"), max_length=255)
    digest = models.CharField(_("SHA-256 van het bestand"), max_length=64, unique=True)
    imported_at = models.DateTimeField(_("geïmporteerd op"), default=clock.now, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period", "-imported_at", "-id"]
        verbose_name = _("voortgangsrapportage IBP VTH")
        verbose_name_plural = _("voortgangsrapportages IBP VTH")

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q()  # a national programme: readable by every organisation


class ProgrammeAction(Scoped):
    """An action of the programme as one report states it; (report, recommendation, position) is its natural key."""

    class Status(models.TextChoices):
        DONE = TableStatus.DONE.value, _("gereed")
        ON_SCHEDULE = TableStatus.ON_SCHEDULE.value, _("loopt op schema")
        DELAYED = TableStatus.DELAYED.value, _("kent enige vertraging")
        BOTTLENECK = TableStatus.BOTTLENECK.value, _("knelpunt")
        PLANNED = TableStatus.PLANNED.value, _("gepland")

    report = models.ForeignKey(ProgrammeReport, on_delete=models.CASCADE, related_name="actions")
    recommendation = models.PositiveSmallIntegerField(_("aanbeveling"))
    recommendation_title = models.CharField(_("titel van de aanbeveling"), max_length=300)
    pillar = models.CharField(_("pijler"), max_length=50)
    position = models.PositiveSmallIntegerField(_("volgnummer binnen de aanbeveling"))
    line = models.PositiveIntegerField(_("regel in het bestand"))
    action = models.TextField(_("actie"))
    planning = models.TextField(_("planning"), blank=True)
    progress = models.TextField(_("voortgang"), blank=True)
    explanation = models.TextField(_("toelichting"), blank=True)
    revised_planning = models.TextField(_("aangepaste planning"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    status_reason = models.TextField(_("reden van de status"))

    class Meta:
        ordering = ["report", "recommendation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "recommendation", "position"], name="ibp_action_natural_key")
        ]
        verbose_name = _("actie IBP VTH")
        verbose_name_plural = _("acties IBP VTH")

    def __str__(self) -> str:
        return f"{self.recommendation}.{self.position} {self.action[:60]}"

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q()  # see ProgrammeReport


# --- data quality and KPIs: snapshots for the trend ----------------------------------------------------------------


class Measurement(Scoped):
    """A figure of one organisation (null: the whole country) as measured on one day (a snapshot replaces its day's
    rows). An organisation reads its own; the national rows are read through the selectors, by the programme office."""

    owner_field = "organisation"

    organisation = models.ForeignKey(
        "register.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    measured_on = models.DateField(_("gemeten op"))

    class Meta:
        abstract = True


class QualityScore(Measurement):
    """How many records failed one data-quality rule."""

    rule = models.CharField(_("regel"), max_length=40)
    total = models.PositiveIntegerField(_("records"))
    failing = models.PositiveIntegerField(_("afgekeurd"))

    class Meta:
        ordering = ["rule", "measured_on"]
        indexes = [models.Index(fields=["measured_on", "organisation"])]
        verbose_name = _("datakwaliteitsscore")
        verbose_name_plural = _("datakwaliteitsscores")

    def __str__(self) -> str:
        return f"{self.rule} {self.measured_on}: {self.failing}/{self.total}"

    @property
    def score(self) -> float:
        return 100.0 * (self.total - self.failing) / self.total if self.total else 100.0


class KpiValue(Measurement):
    """One KPI over one calendar year."""

    kpi = models.CharField(_("indicator"), max_length=40)
    year = models.PositiveSmallIntegerField(_("jaar"))
    numerator = models.PositiveIntegerField(_("teller"))
    denominator = models.PositiveIntegerField(_("noemer"))
    value = models.FloatField(_("waarde"), null=True, help_text=_("leeg zonder noemer"))

    class Meta:
        ordering = ["kpi", "year", "measured_on"]
        indexes = [models.Index(fields=["measured_on", "organisation"])]
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")

    def __str__(self) -> str:
        return f"{self.kpi} {self.year} ({self.measured_on}): {self.value}"
