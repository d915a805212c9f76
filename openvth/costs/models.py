"""Hours and cost per task of the omgevingsdiensten (issue 21, item 2): the hours recorded per task, the standard
hours per product (a versioned table per service), the hourly rate per service and year, and the budgets each
commissioning authority agreed per year and package (basistakenpakket or plustaken).

Hours name a person: only their own service reads them (`visibility_q`). A commissioning authority reads the rate,
the norm and its own budgets, and its figures through the selectors; the ministry national aggregates, no person."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.capacity.models import TASK_AREAS, StaffMember
from openvth.core.models import Scoped, VersionedTable
from openvth.enforcement.models import EnforcementCase
from openvth.permits.models import Application
from openvth.register.models import Organisation
from openvth.rules import norm_costs
from openvth.supervision.models import Inspection

PRODUCTS = [(product.value, norm_costs.PRODUCT_LABELS[product]) for product in norm_costs.Product]
PACKAGES = [(package.value, norm_costs.PACKAGE_LABELS[package]) for package in norm_costs.Package]
TASK_FIELDS = ("inspection", "application", "case")


def _service_and_its_authorities(organisation_id: int, field: str = "service") -> Q:
    """Visible to the service and to the authorities that are its members."""
    members = Organisation.objects.filter(pk=organisation_id).values("omgevingsdienst_id")
    return Q(**{f"{field}_id": organisation_id}) | Q(**{f"{field}_id__in": members})


class NormHoursVersion(VersionedTable):
    """A service's standard hours per product from `valid_from` on (the shipped default where none is stored)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="norm_hours")
    hours = models.JSONField(_("normuren"), help_text=_("product -> uren"))

    class Meta(VersionedTable.Meta):
        verbose_name = _("normuren")
        verbose_name_plural = _("normuren")

    @classmethod
    def visibility_q(cls, organisation_id: int) -> Q:
        return _service_and_its_authorities(organisation_id, "organisation")


class HourlyRate(Scoped):
    """The hourly rate of a service in one year (integraal uurtarief)."""

    service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="hourly_rates", verbose_name=_("omgevingsdienst")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    rate = models.DecimalField(_("uurtarief (€)"), max_digits=8, decimal_places=2)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["service__name", "-year"]
        verbose_name = _("uurtarief")
        verbose_name_plural = _("uurtarieven")
        constraints = [
            models.UniqueConstraint(fields=["service", "year"], name="one_rate_per_service_year"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="hourly_rate_positive"),
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return _service_and_its_authorities(organisation_id)

    def __str__(self) -> str:
        return f"{self.service} {self.year}: € {self.rate}"


class Budget(Scoped):
    """What a commissioning authority agreed with its service for one year and package: hours and amount."""

    service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="budgets_received", verbose_name=_("omgevingsdienst")
    )
    authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="budgets_agreed", verbose_name=_("opdrachtgever")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    package = models.CharField(_("pakket"), max_length=5, choices=PACKAGES)
    hours = models.DecimalField(_("afgesproken uren"), max_digits=9, decimal_places=1)
    amount = models.DecimalField(_("afgesproken bedrag (€)"), max_digits=12, decimal_places=2)
    reference = models.CharField(
        _("afspraak"), max_length=200, blank=True, help_text=_("bijv. de dienstverleningsovereenkomst")
    )

    class Meta:
        ordering = ["-year", "authority__name", "package"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        constraints = [
            models.UniqueConstraint(fields=["service", "authority", "year", "package"], name="one_budget_per_package"),
            models.CheckConstraint(condition=Q(hours__gte=0) & Q(amount__gte=0), name="budget_not_negative"),
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q(service_id=organisation_id) | Q(authority_id=organisation_id)

    def __str__(self) -> str:
        return f"{self.authority} {self.year} {self.get_package_display()}"


class HourEntry(Scoped):
    """Hours of one person on one day: on one task (an inspection, a permit application or an enforcement case,
    exactly one, with its product) or, as a line of the weekly sheet, on a task area without a task."""

    owner_field = "service"

    service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="hour_entries", verbose_name=_("omgevingsdienst")
    )
    staff = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="hours", verbose_name=_("medewerker")
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="hours",
        verbose_name=_("gebruiker"),
    )  # fmt: skip
    day = models.DateField(_("datum"))
    hours = models.DecimalField(_("uren"), max_digits=4, decimal_places=2)
    authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="hours_commissioned", verbose_name=_("opdrachtgever")
    )
    package = models.CharField(_("pakket"), max_length=5, choices=PACKAGES, default=norm_costs.Package.BASIS)
    task_area = models.CharField(_("taakveld"), max_length=20, choices=TASK_AREAS)
    product = models.CharField(_("product"), max_length=30, choices=PRODUCTS, blank=True)
    inspection = models.ForeignKey(Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(EnforcementCase, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("omschrijving"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        ordering = ["-day", "id"]
        verbose_name = _("urenregel")
        verbose_name_plural = _("urenregels")
        indexes = [models.Index(fields=["service", "day"]), models.Index(fields=["authority", "day"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (Q(inspection__isnull=False) & Q(application__isnull=True) & Q(case__isnull=True))
                    | (Q(inspection__isnull=True) & Q(application__isnull=False) & Q(case__isnull=True))
                    | (Q(inspection__isnull=True) & Q(application__isnull=True) & Q(case__isnull=False))
                )
                & ~Q(product="")
                | Q(inspection__isnull=True, application__isnull=True, case__isnull=True, product=""),
                name="hour_entry_one_task_or_sheet_line",
            ),
            models.CheckConstraint(
                condition=Q(staff__isnull=False) | Q(worker__isnull=False), name="hour_entry_has_a_person"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="hour_entry_hours_in_a_day"),
        ]

    @property
    def task(self):
        return self.inspection or self.application or self.case

    @property
    def person(self) -> str:
        return str(self.staff) if self.staff_id else (self.worker.get_full_name() or self.worker.username)

    def __str__(self) -> str:
        return f"{self.day} {self.hours} u {self.task or self.get_task_area_display()}"
