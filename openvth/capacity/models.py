"""Staff and competences per task area, the quality criteria (national minimum and regional layer) and the SPUK
grants of the omgevingsdiensten (issue 21, items 1, 5 and 7).

People are read only by their own service (`visibility_q`); the ministry reads national aggregates through the
selectors, never the people. The criteria table is national (owned by a ministry organisation) or regional (owned by
a service); a service reads the national one and its own."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core.models import Scoped, ValidPeriod, VersionedTable, period_ordered
from openvth.register.models import Organisation
from openvth.rules import quality, spuk

TASK_AREAS = quality.TaskArea.choices()
EDUCATIONS = quality.Education.choices()
PURPOSES = spuk.Purpose.choices()


class StaffMember(Scoped):
    """A person of a service who does VTH work (not necessarily a user of openvth)."""

    owner_field = "service"

    service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff", verbose_name=_("omgevingsdienst")
    )
    name = models.CharField(_("naam"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_records",
        verbose_name=_("gebruiker"),
    )
    roles = models.JSONField(_("rollen"), default=list, blank=True, help_text=_("Rolcodes, bijv. inspector."))
    hours_per_year = models.PositiveIntegerField(_("uren per jaar voor VTH-taken"))
    active_from = models.DateField(_("in dienst vanaf"))
    active_to = models.DateField(_("in dienst tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        constraints = [period_ordered("active_from", "active_to", "staff_period_ordered")]

    def __str__(self) -> str:
        return self.name


class Competence(Scoped, ValidPeriod):
    """What a person brings to one task area, from/to: education, experience (in years on `valid_from`, growing
    while the competence runs), training and the hours a year spent on the area."""

    owner_field = "staff__service"

    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="competences", verbose_name=_("medewerker")
    )
    task_area = models.CharField(_("taakveld"), max_length=20, choices=TASK_AREAS)
    education = models.CharField(_("opleidingsniveau"), max_length=5, choices=EDUCATIONS)
    training = models.CharField(_("opleiding en cursussen"), max_length=300, blank=True)
    experience_years = models.DecimalField(
        _("werkervaring (jaren)"),
        max_digits=4,
        decimal_places=1,
        help_text=_("Op de begindatum; groeit met een jaar per jaar dat de bekwaamheid loopt."),
    )
    hours_per_year = models.PositiveIntegerField(_("uren per jaar in dit taakveld"))

    class Meta:
        ordering = ["task_area", "-valid_from", "id"]
        verbose_name = _("bekwaamheid")
        verbose_name_plural = _("bekwaamheden")
        constraints = [
            period_ordered("valid_from", "valid_to", "competence_period_ordered"),
            models.CheckConstraint(condition=Q(experience_years__gte=0), name="competence_experience_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.staff}: {self.get_task_area_display()}"


class Certificate(Scoped):
    """A certificate of a competence (e.g. Brzo, asbest), valid from issue to expiry (inclusive)."""

    owner_field = "competence__staff__service"

    competence = models.ForeignKey(
        Competence, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("bekwaamheid")
    )
    name = models.CharField(_("certificaat"), max_length=200)
    issued_on = models.DateField(_("behaald op"))
    expires_on = models.DateField(_("geldig tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "id"]
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")
        constraints = [period_ordered("issued_on", "expires_on", "certificate_period_ordered")]

    def __str__(self) -> str:
        return self.name


class QualityCriteriaVersion(VersionedTable):
    """The quality criteria per task area from `valid_from` on: owned by a ministry organisation, the national
    minimum (every area, every criterion); owned by a service, its own stricter values (any of them)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="quality_criteria")
    criteria = models.JSONField(_("criteria"), help_text=_("taakveld -> criterium -> waarde"))

    class Meta(VersionedTable.Meta):
        verbose_name = _("kwaliteitscriteria")
        verbose_name_plural = _("kwaliteitscriteria")

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q(organisation_id=organisation_id) | Q(organisation__kind=Organisation.Kind.MINISTRY)

    @property
    def is_national(self) -> bool:
        return self.organisation.kind == Organisation.Kind.MINISTRY


class Grant(Scoped):
    """A SPUK grant awarded to a service (the beschikking) for one purpose."""

    owner_field = "service"

    service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="spuk_grants", verbose_name=_("omgevingsdienst")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    purpose = models.CharField(_("doel"), max_length=20, choices=PURPOSES)
    amount = models.DecimalField(_("toegekend bedrag (€)"), max_digits=12, decimal_places=2)
    reference = models.CharField(_("beschikking"), max_length=200, blank=True)
    description = models.TextField(_("activiteiten"), blank=True)

    class Meta:
        ordering = ["-year", "service__name", "purpose", "id"]
        verbose_name = _("SPUK-uitkering")
        verbose_name_plural = _("SPUK-uitkeringen")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="grant_amount_positive"),
            models.UniqueConstraint(fields=["service", "year", "purpose"], name="one_grant_per_purpose_and_year"),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.year}: {self.get_purpose_display()}"


class GrantQuarter(Scoped):
    """What a service spent of a grant in one quarter, and what it achieved."""

    owner_field = "grant__service"

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="quarters", verbose_name=_("uitkering"))
    year = models.PositiveSmallIntegerField(_("jaar"))
    quarter = models.PositiveSmallIntegerField(_("kwartaal"), choices=[(q, f"K{q}") for q in range(1, 5)])
    spent = models.DecimalField(_("besteed (€)"), max_digits=12, decimal_places=2)
    results = models.TextField(_("resultaten"), blank=True)

    class Meta:
        ordering = ["grant", "year", "quarter"]
        verbose_name = _("kwartaalbesteding")
        verbose_name_plural = _("kwartaalbestedingen")
        constraints = [
            models.UniqueConstraint(fields=["grant", "year", "quarter"], name="one_report_per_grant_quarter"),
            models.CheckConstraint(condition=Q(spent__gte=0), name="grant_quarter_spent_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.grant} {self.year} K{self.quarter}"
