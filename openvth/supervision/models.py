"""Risk-based supervision (docs/domain.md §3): risk appraisal, the yearly programme, inspections and findings.

- A `RiskTableVersion` is an organisation's configured IRAM table from a date on; the newest version on or before
  a date applies, the default of openvth.rules.risk where none is stored. Appraisals keep the version they used.
- A `Programme` (uitvoeringsprogramma) of one omgevingsdienst and year holds `PlannedVisit`s, generated from the
  appraisals and capacity, then edited by hand.
- An `Inspection` keeps the `ChecklistVersion` it used; its answers and findings are saved as drafts while it is
  open; closing locks it, after which a change is only made as a recorded correction (core.ChangeRecord with
  action "correction" and the reason as its note).
- A `Finding` is tied to the permit provision in force on the inspection date (its number and text, taken from
  permits.ProvisionVersion) or the general rule it breaches, with the LHSO consequences class 1-4.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.models import Scoped, VersionedTable
from openvth.register.models import ActivityType, BasistaakPlacement, Establishment, EstablishmentRecord, Organisation
from openvth.rules import lhso, risk


class RiskTableVersion(VersionedTable):
    """An organisation's risk table (weights, category bounds, intervals) from `valid_from` on (configurable)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="risk_tables")
    table = models.JSONField(_("tabel"), help_text=_("gewichten, categoriegrenzen en intervallen"))

    class Meta(VersionedTable.Meta):
        verbose_name = _("risicotabel")
        verbose_name_plural = _("risicotabellen")


class OperatorProfile(models.Model):
    """What the appraisal needs beyond the register: scores of the surroundings and the management system."""

    establishment = models.OneToOneField(Establishment, on_delete=models.CASCADE, related_name="operator_profile")
    surroundings = models.PositiveSmallIntegerField(_("gevoeligheid omgeving (0-3)"), default=1)
    certified_management_system = models.BooleanField(_("EMAS of ISO 14001"), default=False)

    class Meta:
        verbose_name = _("naleefprofiel")
        verbose_name_plural = _("naleefprofielen")

    def __str__(self) -> str:
        return str(self.establishment)


DUE_KINDS = [
    (risk.DueKind.INTERVAL.value, _("interval na het laatste bezoek")),
    (risk.DueKind.NEVER_VISITED.value, _("nooit bezocht")),
    (risk.DueKind.REVISIT.value, _("hercontrole na ernstige overtreding")),
]


class RiskAppraisal(Scoped):
    """One appraisal of an establishment; the newest is current, the older ones are its history."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="risk_appraisals")
    appraised_on = models.DateField(_("beoordeeld op"))
    table_version = models.ForeignKey(RiskTableVersion, null=True, blank=True, on_delete=models.PROTECT)
    scores = models.JSONField(_("scores"))
    score = models.DecimalField(_("risicoscore"), max_digits=6, decimal_places=2)
    category = models.PositiveSmallIntegerField(_("risicocategorie"))
    interval_months = models.PositiveSmallIntegerField(_("interval (maanden)"))
    reasons = models.JSONField(_("redenen"), default=list)
    last_visit = models.DateField(_("laatste bezoek"), null=True, blank=True)
    next_due = models.DateField(_("volgend bezoek uiterlijk"))
    # why it is due then: the code (rules.risk.DueKind) is compared, the reason in words is only shown
    due_kind = models.CharField(_("soort termijn"), max_length=20, choices=DUE_KINDS)
    due_reason = models.CharField(_("reden termijn"), max_length=200)

    class Meta:
        ordering = ["establishment", "-appraised_on", "-id"]
        verbose_name = _("risicobeoordeling")
        verbose_name_plural = _("risicobeoordelingen")
        indexes = [models.Index(fields=["establishment", "-appraised_on"]), models.Index(fields=["next_due"])]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Establishment.visible_through(organisation_id)

    def __str__(self) -> str:
        return f"{self.establishment}: categorie {self.category} ({self.appraised_on})"


class Programme(Scoped):
    """The yearly programme (uitvoeringsprogramma) of one omgevingsdienst."""

    service = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="programmes")
    year = models.PositiveSmallIntegerField(_("jaar"))
    capacity_hours = models.PositiveIntegerField(_("capaciteit (uren toezicht)"))
    generated_at = models.DateTimeField(_("gegenereerd op"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "service"]
        verbose_name = _("uitvoeringsprogramma")
        verbose_name_plural = _("uitvoeringsprogramma's")
        constraints = [models.UniqueConstraint(fields=["service", "year"], name="one_programme_per_service_year")]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        # the service's own, and the authorities that placed tasks with it
        placed_with = BasistaakPlacement.objects.filter(authority_id=organisation_id).values("service")
        return Q(service_id=organisation_id) | Q(service__in=placed_with)

    def __str__(self) -> str:
        return f"{self.service} {self.year}"


class Inspection(EstablishmentRecord):
    class Kind(models.TextChoices):
        ROUTINE = "routine", _("regulier")
        REINSPECTION = "reinspection", _("hercontrole")
        COMPLAINT = "complaint", _("naar aanleiding van een klacht")
        THEMATIC = "thematic", _("thematisch")
        ADMINISTRATIVE = "administrative", _("administratief")
        BRZO_SYSTEM = "brzo_system", _("Brzo-systeeminspectie")

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        OPEN = "open", _("in uitvoering")
        CLOSED = "closed", _("afgesloten")

    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("vestiging")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    announced = models.BooleanField(_("aangekondigd"), default=False)
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="inspections", blank=True)
    planned_on = models.DateField(_("gepland op"), null=True, blank=True)
    performed_on = models.DateField(_("uitgevoerd op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    checklist = models.ForeignKey(
        "ChecklistVersion", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("checklist")
    )
    summary = models.TextField(_("samenvatting"), blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report_sent_on = models.DateField(_("rapport verzonden op"), null=True, blank=True)
    report_published_on = models.DateField(_("rapport openbaar op"), null=True, blank=True)
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("hercontrole van"),
    )

    class Meta:
        ordering = ["-performed_on", "-planned_on", "-id"]
        verbose_name = _("inspectie")
        verbose_name_plural = _("inspecties")
        indexes = [
            models.Index(fields=["establishment", "-performed_on"]),
            models.Index(fields=["owner", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.establishment} ({self.performed_on or self.planned_on})"


class PlannedVisit(models.Model):
    """One visit in the programme: which establishment, in which month (and, once the month is planned on days, on
    which working day), why, by whom; done when inspected."""

    class Source(models.TextChoices):
        RISK = "risk", _("risicobeoordeling")
        REINSPECTION = "reinspection", _("hercontrole")
        MANUAL = "manual", _("handmatig")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="visits")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="planned_visits")
    month = models.PositiveSmallIntegerField(_("maand"))
    # a working day of the month (Algemene termijnenwet), set when the month is planned on days
    planned_on = models.DateField(_("geplande dag"), null=True, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Inspection.Kind.choices, default=Inspection.Kind.ROUTINE)
    hours = models.DecimalField(_("uren"), max_digits=6, decimal_places=1)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="planned_visits"
    )
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices, default=Source.RISK)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    # over capacity: a visit not bound by law is kept in the programme as postponed, its reason says why
    postponed = models.BooleanField(_("uitgesteld"), default=False)
    inspection = models.OneToOneField(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="planned_visit"
    )

    class Meta:
        ordering = ["programme", "month", "establishment"]
        verbose_name = _("gepland bezoek")
        verbose_name_plural = _("geplande bezoeken")
        indexes = [models.Index(fields=["inspector", "planned_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="planned_visit_month"),
        ]

    def __str__(self) -> str:
        return f"{self.establishment} ({self.month}/{self.programme.year})"


class ChecklistTemplate(models.Model):
    """A checklist for an activity type (or general); its content lives in numbered versions."""

    name = models.CharField(_("naam"), max_length=200)
    activity_type = models.ForeignKey(
        ActivityType, null=True, blank=True, on_delete=models.PROTECT, related_name="checklists"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self) -> str:
        return self.name


class ChecklistVersion(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("versie"))
    valid_from = models.DateField(_("geldig vanaf"))

    class Meta:
        ordering = ["template", "-number"]
        verbose_name = _("checklistversie")
        verbose_name_plural = _("checklistversies")
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="one_checklist_version_number")]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"


class ChecklistItem(models.Model):
    version = models.ForeignKey(ChecklistVersion, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("controlepunt"), max_length=500)
    rule_hint = models.CharField(_("grondslag"), max_length=200, blank=True, help_text=_("bijv. Bal art. 4.103"))

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("controlepunt")
        verbose_name_plural = _("controlepunten")
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="one_checklist_item_position")]

    def __str__(self) -> str:
        return self.text


class Answer(models.Model):
    class Result(models.TextChoices):
        COMPLIANT = "compliant", _("voldoet")
        NOT_COMPLIANT = "not_compliant", _("voldoet niet")
        NOT_ASSESSED = "not_assessed", _("niet beoordeeld")
        NOT_APPLICABLE = "not_applicable", _("niet van toepassing")

    # what closing accepts: judged, or not applicable with its reason in the note
    JUDGED = frozenset({Result.COMPLIANT, Result.NOT_COMPLIANT})

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("oordeel"), max_length=20, choices=Result.choices, default=Result.NOT_ASSESSED)
    note = models.TextField(_("opmerking"), blank=True)

    class Meta:
        ordering = ["inspection", "item__position"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [models.UniqueConstraint(fields=["inspection", "item"], name="one_answer_per_item")]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_result_display()}"


class Finding(Scoped):
    """A violation found: the provision or general rule breached, its LHSO consequences class, what was seen."""

    class BrzoGrade(models.TextChoices):
        HEAVY = "zwaar", _("zwaar")
        MEDIUM = "middelmatig", _("middelmatig")
        LIGHT = "licht", _("licht")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    answer = models.OneToOneField(Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="finding")
    # the provision as in force on the inspection date (permits.ProvisionVersion), kept by number and text: the
    # versions are derived data that permits.services.rebuild_versions replaces after every new decision
    provision_number = models.CharField(_("vergunningvoorschrift"), max_length=30, blank=True)
    provision_text = models.TextField(_("tekst voorschrift"), blank=True)
    general_rule = models.CharField(
        _("algemene regel"), max_length=200, blank=True, help_text=_("bijv. Bal art. 4.103")
    )
    consequences = models.PositiveSmallIntegerField(_("gevolgen (LHSO 1-4)"))
    brzo_grade = models.CharField(_("Brzo-zwaarte"), max_length=12, choices=BrzoGrade.choices, blank=True)
    description = models.TextField(_("omschrijving"))
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["inspection", "id"]
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(consequences__gte=1) & Q(consequences__lte=4), name="finding_consequences_1_4"
            ),
            models.CheckConstraint(
                condition=~Q(provision_number="") | ~Q(general_rule=""), name="finding_has_provision_or_rule"
            ),
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q(inspection__owner_id=organisation_id) | Establishment.visible_through(
            organisation_id, "inspection__establishment"
        )

    @property
    def serious(self) -> bool:
        """Significant or considerable consequences (LHSO 3-4): the IED extra visit within 6 months applies."""
        return self.consequences >= 3

    @property
    def consequences_label(self) -> str:
        """The class as every page words it (openvth.rules.lhso): "3 – forse gevolgen"."""
        return dict(lhso.CONSEQUENCE_CHOICES).get(self.consequences, str(self.consequences))

    def __str__(self) -> str:
        breached = f"voorschrift {self.provision_number}" if self.provision_number else self.general_rule
        return ": ".join(part for part in (breached, self.description.strip()) if part)  # whole: letters print it


def _attachment_path(instance: "Attachment", filename: str) -> str:
    return f"inspections/{instance.inspection_id}/{filename}"


class Attachment(models.Model):
    """A photo or document of an inspection, optionally of one finding."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="attachments")
    finding = models.ForeignKey(Finding, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("bestand"), upload_to=_attachment_path)
    caption = models.CharField(_("bijschrift"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["inspection", "id"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.caption or self.file.name


class Complaint(Scoped):
    """A public complaint (klacht/melding), triaged into an inspection or closed with a reason."""

    class Subject(models.TextChoices):
        NOISE = "noise", _("geluid")
        ODOUR = "odour", _("geur")
        DUST = "dust", _("stof of rook")
        LIGHT = "light", _("licht")
        WATER_SOIL = "water_soil", _("bodem of water")
        WASTE = "waste", _("afval")
        SAFETY = "safety", _("veiligheid")
        OTHER = "other", _("anders")

    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        INSPECTION = "inspection", _("inspectie ingepland")
        CLOSED = "closed", _("afgesloten")

    owner_field = "service"

    service = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="complaints")
    establishment = models.ForeignKey(
        Establishment, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    received_at = models.DateTimeField(_("ontvangen op"), default=clock.now, editable=False)
    subject = models.CharField(_("onderwerp"), max_length=20, choices=Subject.choices)
    description = models.TextField(_("omschrijving"))
    location = models.CharField(_("locatie"), max_length=300)
    occurred_at = models.DateTimeField(_("waargenomen op"), null=True, blank=True)
    reporter_name = models.CharField(_("naam melder"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("e-mail melder"), blank=True)
    reporter_phone = models.CharField(_("telefoon melder"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints"
    )
    closed_reason = models.TextField(_("reden afsluiten"), blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("klacht of melding")
        verbose_name_plural = _("klachten en meldingen")

    def __str__(self) -> str:
        return f"{self.get_subject_display()}: {self.location}"


class CalendarFeed(models.Model):
    """The secret address of a user's iCalendar feed (calendar clients cannot log in, so the token is the key). Only
    a SHA-256 digest of the token is stored: the database or a backup of it holds no working address. Renewing
    replaces the digest (the old address stops working), revoking deletes it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemaakt op"))

    class Meta:
        verbose_name = _("agenda-adres")
        verbose_name_plural = _("agenda-adressen")

    @staticmethod
    def digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def __str__(self) -> str:
        return f"{self.user}: {self.created_at:%Y-%m-%d}"
