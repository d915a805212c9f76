"""Applications, decisions and the always-current permit (docs/domain.md §2).

A decision stores what it changes (`ProvisionChange`); the provision versions in force over time
(`ProvisionVersion`) are derived from all decisions of an establishment, replayed in order of effective
date, then decided date. They are rebuilt by the services whenever a decision is added, so a decision
that arrives late (an import out of order) still lands in its place in history.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core.models import Scoped, period_ordered
from openvth.register.models import ActivityType, Establishment, EstablishmentRecord, Organisation


class Application(EstablishmentRecord):
    """An application for an omgevingsvergunning and its statutory decision term (Omgevingswet, Awb).

    The applicant (aanvrager: the STAM initiatiefnemer) is kept as the request named it, with the contact details
    to write to. When it is a natural person (or an enterprise of natural persons: eenmanszaak, V.O.F., maatschap,
    C.V.), its name, e-mail address and telephone number are personal data: shown to who may read the application,
    never on the public site or in the open data (docs/domain.md §8). A BSN is never kept."""

    class Procedure(models.TextChoices):
        REGULAR = "regular", _("reguliere procedure")
        EXTENDED = "extended", _("uitgebreide procedure")

    class Status(models.TextChoices):
        RECEIVED = "received", _("ontvangen")
        SUSPENDED = "suspended", _("opgeschort")
        DECIDED = "decided", _("besloten")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="applications", verbose_name=_("vestiging")
    )
    competent_authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("bevoegd gezag")
    )
    reference = models.CharField(_("kenmerk"), max_length=50)
    subject = models.CharField(_("onderwerp"), max_length=300)
    received_on = models.DateField(_("ontvangen op"))
    procedure = models.CharField(_("procedure"), max_length=10, choices=Procedure.choices)
    # the applicant; db_default: rows inserted without these columns (the synthetic loader's bulk insert) hold none
    applicant_name = models.CharField(_("aanvrager"), max_length=200, blank=True, default="", db_default="")
    applicant_kvk_number = models.CharField(
        _("KvK-nummer aanvrager"), max_length=8, blank=True, default="", db_default=""
    )
    applicant_is_natural_person = models.BooleanField(
        _("aanvrager is een natuurlijk persoon"),
        default=False,
        db_default=False,
        help_text=_("Ook een eenmanszaak, V.O.F., maatschap of C.V.: de gegevens van de aanvrager zijn dan "
                    "persoonsgegevens."),
    )  # fmt: skip
    applicant_email = models.EmailField(_("e-mail aanvrager"), blank=True, default="", db_default="")
    applicant_phone = models.CharField(_("telefoon aanvrager"), max_length=30, blank=True, default="", db_default="")
    activity_types = models.ManyToManyField(
        ActivityType, blank=True, related_name="+", verbose_name=_("activiteiten"),
        help_text=_("De milieubelastende activiteiten waarvoor vergunning wordt gevraagd."),
    )  # fmt: skip
    extended_on = models.DateField(_("verdaagd op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    default_notice_on = models.DateField(_("ingebrekestelling ontvangen op"), null=True, blank=True)
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    decision = models.OneToOneField(
        "Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="application"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        indexes = [models.Index(fields=["owner", "status"])]

    @classmethod
    def visibility_q(cls, organisation_id: int) -> Q:
        return super().visibility_q(organisation_id) | Q(competent_authority_id=organisation_id)

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"


class Suspension(models.Model):
    """The applicant was asked to supplement data (Awb 4:5); the term stands still (Awb 4:15)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="suspensions")
    requested_on = models.DateField(_("aanvulling gevraagd op"))
    supplemented_on = models.DateField(_("aangevuld op"), null=True, blank=True)

    class Meta:
        ordering = ["requested_on", "id"]
        verbose_name = _("opschorting")
        verbose_name_plural = _("opschortingen")
        constraints = [period_ordered("requested_on", "supplemented_on", "suspension_period_ordered")]

    def __str__(self) -> str:
        return f"{self.requested_on} – {self.supplemented_on or '…'}"


class PenaltyRate(models.Model):
    """Awb 4:17: the penalty per day of default by day range; amounts change over time (configurable)."""

    valid_from = models.DateField(_("geldig vanaf"))
    first_day = models.PositiveSmallIntegerField(_("vanaf dag"))
    last_day = models.PositiveSmallIntegerField(_("tot en met dag"))
    amount_per_day = models.DecimalField(_("bedrag per dag"), max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["-valid_from", "first_day"]
        verbose_name = _("dwangsomtarief")
        verbose_name_plural = _("dwangsomtarieven")
        constraints = [models.UniqueConstraint(fields=["valid_from", "first_day"], name="one_penalty_rate_per_range")]

    def __str__(self) -> str:
        return f"dag {self.first_day}-{self.last_day}: € {self.amount_per_day} (vanaf {self.valid_from})"


class DecisionFacts(models.Model):
    """What a permit decision is known by: its reference, kind and dates (the permit's decision, and its copy in a
    released permit)."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("verlening")
        AMEND = "amend", _("wijziging")
        REVOKE = "revoke", _("intrekking")

    reference = models.CharField(_("kenmerk"), max_length=100)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    decided_on = models.DateField(_("besloten op"))
    effective_from = models.DateField(_("in werking vanaf"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_kind_display()}, {self.effective_from})"


class Decision(EstablishmentRecord, DecisionFacts):
    """A permit decision: grant, amend or revoke (the whole permit), with the provisions it changes."""

    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="permit_decisions", verbose_name=_("vestiging")
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("genomen door"),
        help_text=_("Wie het besluit onder mandaat nam; leeg bij een besluit overgenomen uit een eerder systeem."),
    )

    class Meta:
        ordering = ["effective_from", "decided_on", "id"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [
            models.UniqueConstraint(fields=["establishment", "reference"], name="one_decision_reference"),
        ]


class ProvisionChange(models.Model):
    """One change a decision makes to a numbered provision (voorschrift)."""

    class Op(models.TextChoices):
        ADD = "add", _("toevoegen")
        REPLACE = "replace", _("vervangen")
        REVOKE = "revoke", _("intrekken")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="changes")
    position = models.PositiveIntegerField()
    op = models.CharField(max_length=10, choices=Op.choices)
    number = models.CharField(_("nummer"), max_length=30)
    text = models.TextField(_("tekst"), blank=True)

    class Meta:
        ordering = ["decision", "position"]
        verbose_name = _("wijziging voorschrift")
        verbose_name_plural = _("wijzigingen voorschrift")
        constraints = [models.UniqueConstraint(fields=["decision", "position"], name="one_change_per_position")]

    def __str__(self) -> str:
        return f"{self.get_op_display()} {self.number}"


class ProvisionPeriod(models.Model):
    """A numbered provision (voorschrift) as in force from `valid_from` until the day before `valid_until` (none:
    still in force): a version of the permit's own, and its copy in a released permit."""

    number = models.CharField(_("nummer"), max_length=30)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True, help_text=_("eerste dag niet meer"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.number} ({self.valid_from} – {self.valid_until or '…'})"

    @staticmethod
    def in_force_q(day: date) -> Q:
        """The provisions in force on `day`."""
        return Q(valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gt=day))


class ProvisionVersion(Scoped, ProvisionPeriod):
    """A provision's text in force from `valid_from` until the day before `valid_until` (derived data)."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="provision_versions")
    text = models.TextField(_("tekst"))
    source_decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="+")
    ended_by = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["number", "valid_from"]
        verbose_name = _("versie voorschrift")
        verbose_name_plural = _("versies voorschrift")
        indexes = [models.Index(fields=["establishment", "valid_from", "valid_until"])]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Establishment.visible_through(organisation_id)
