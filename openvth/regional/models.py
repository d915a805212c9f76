"""The one regional implementation and enforcement plan (uitvoerings- en handhavingsprogramma) of an omgevingsdienst
for a year (issue 21, item 3): made from the service's risk analysis and yearly programme (openvth.supervision), with
its goals, the hours it needs against the staff available (openvth.capacity), and the adoption by each participating
authority (openvth.rules.regional_plan).

A plan is read by its service, by the authorities taking part in the service (its member municipalities and their
provinces: they adopt it) and nationally by the ministry and the ILT. Its IED part is public once it is adopted."""

from django.db import models
from django.db.models import Exists, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openvth.core.models import Recorded, Scoped
from openvth.register.models import Organisation
from openvth.supervision.models import Programme

NATIONAL_KINDS = (Organisation.Kind.MINISTRY, Organisation.Kind.INSPECTORATE)


def national_q(organisation_id: int) -> Q:
    """True for every row when the organisation is the ministry or the ILT (national reading)."""
    return Q(Exists(Organisation.objects.filter(pk=organisation_id, kind__in=NATIONAL_KINDS)))


def participating_q(organisation_id: int, path: str = "service_id") -> Q:
    """Rows of a service the organisation is, or takes part in (a member, or the province of a member)."""
    services = Organisation.objects.filter(Q(pk=organisation_id) | Q(province_id=organisation_id)).values(
        "omgevingsdienst"
    )
    return Q(**{path: organisation_id}) | Q(**{f"{path}__in": services})


class RegionalPlan(Scoped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        FINAL = "final", _("definitief")

    service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="regional_plans", verbose_name=_("omgevingsdienst")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    programme = models.OneToOneField(
        Programme, on_delete=models.PROTECT, related_name="regional_plan", verbose_name=_("uitvoeringsprogramma")
    )
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("toelichting"), blank=True)
    permit_hours = models.PositiveIntegerField(
        _("uren vergunningverlening"), default=0, help_text=_("Raming van de uren voor vergunningen in het jaar.")
    )
    enforcement_hours = models.PositiveIntegerField(
        _("uren handhaving"), default=0, help_text=_("Raming van de uren voor handhavingszaken in het jaar.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    finalised_on = models.DateField(_("definitief op"), null=True, blank=True)
    adopted_on = models.DateField(
        _("vastgesteld op"), null=True, blank=True, help_text=_("De dag waarop het laatste bestuursorgaan vaststelde.")
    )
    created_at = models.DateTimeField(_("aangemaakt op"))

    class Meta:
        ordering = ["-year", "service__name"]
        verbose_name = _("regionaal uitvoerings- en handhavingsprogramma")
        verbose_name_plural = _("regionale uitvoerings- en handhavingsprogramma's")
        constraints = [
            models.UniqueConstraint(fields=["service", "year"], name="one_regional_plan_per_service_year"),
            models.CheckConstraint(
                condition=Q(status="draft", finalised_on__isnull=True) | Q(status="final", finalised_on__isnull=False),
                name="regional_plan_final_has_date",
            ),
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return participating_q(organisation_id) | national_q(organisation_id)

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None

    def get_absolute_url(self) -> str:
        return reverse("regional:plan", args=[self.pk])

    def __str__(self) -> str:
        return f"{self.title} ({self.service}, {self.year})"


class PlanGoal(Scoped):
    """A goal of the plan, with a measurable target."""

    class Kind(models.TextChoices):
        RISK_CATEGORY_VISITS = "risk_category_visits", _("inspecties in een risicocategorie")
        COMPLIANCE_SHARE = "compliance_share", _("aandeel bedrijven dat naleeft")
        OTHER = "other", _("overig")

    plan = models.ForeignKey(RegionalPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan"))
    description = models.TextField(_("doel"))
    kind = models.CharField(_("soort doel"), max_length=30, choices=Kind.choices)
    risk_category = models.PositiveSmallIntegerField(_("risicocategorie"), null=True, blank=True)
    target = models.DecimalField(_("streefwaarde"), max_digits=8, decimal_places=1)
    unit = models.CharField(_("eenheid"), max_length=40, help_text=_("Bijv. inspecties of %."))

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        constraints = [
            models.CheckConstraint(condition=Q(target__gte=0), name="plan_goal_target_not_negative"),
            models.CheckConstraint(
                condition=~Q(kind="risk_category_visits") | Q(risk_category__isnull=False),
                name="plan_goal_risk_category_given",
            ),
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return participating_q(organisation_id, "plan__service_id") | national_q(organisation_id)

    def __str__(self) -> str:
        return self.description


class Adoption(Scoped, Recorded):
    """The decision of one participating authority adopting the plan."""

    plan = models.ForeignKey(RegionalPlan, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("plan"))
    authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="plan_adoptions", verbose_name=_("bestuursorgaan")
    )
    decided_on = models.DateField(_("datum besluit"))
    decision_reference = models.CharField(_("kenmerk besluit"), max_length=200)

    class Meta:
        ordering = ["plan", "decided_on", "authority__name"]
        verbose_name = _("vaststelling")
        verbose_name_plural = _("vaststellingen")
        constraints = [models.UniqueConstraint(fields=["plan", "authority"], name="one_adoption_per_authority")]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return participating_q(organisation_id, "plan__service_id") | national_q(organisation_id)

    def __str__(self) -> str:
        return f"{self.authority}: {self.decided_on}"
