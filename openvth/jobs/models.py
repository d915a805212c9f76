"""Background jobs as a person sees them (status, progress, result file, error) and the daily schedule's runs.

The queue itself is Django's Tasks interface (django-tasks: the database backend, or RQ with REDIS_URL); a `Job` is
what a task works on, so a page can show its progress and an administrator its error, whatever the backend."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.models import Scoped
from openvth.register.models import Organisation


class Job(Scoped):
    class Status(models.TextChoices):
        WAITING = "waiting", _("wacht")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    owner_field = "organisation"

    kind = models.CharField(_("soort"), max_length=40, help_text=_("openvth.jobs.kinds.KINDS"))
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("aangevraagd door"),
    )  # fmt: skip
    # whose administrator sees a failure; none for the installation's own (daily) jobs
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("organisatie"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    step = models.CharField(_("stap"), max_length=200, blank=True)
    result = models.FileField(_("resultaat"), upload_to=clock.DatedFolder("jobs"), blank=True)
    result_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    result_type = models.CharField(_("bestandstype"), max_length=100, blank=True)
    error = models.TextField(_("fout"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximaal aantal pogingen"), default=3)
    created_at = models.DateTimeField(_("aangemaakt op"))
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        indexes = [models.Index(fields=["status", "organisation"])]

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.get_status_display()})"


class DailyRun(models.Model):
    """A daily job started for a day: the unique pair keeps a second worker, or a restart, from running it twice."""

    kind = models.CharField(_("soort"), max_length=40)
    day = models.DateField(_("dag"))
    job = models.ForeignKey(Job, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-day", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "day"], name="one_daily_run_per_day")]

    def __str__(self) -> str:
        return f"{self.kind} {self.day}"
