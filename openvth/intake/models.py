"""Requests from the Omgevingsloket (DSO) and how they are mapped to the register and the permits.

An `IntakeRequest` is stored the moment its verzoeknotificatie arrives (one per receiving organisation and
verzoeknummer), and keeps the STAM XML, the publishable PDF and the attachments as they were fetched. It ends as
`processed` (an application was received, or a melding/informatieplicht/vooroverleg registered) or waits in the
intake queue (`queued`) with a Dutch reason until a permit officer fixes the mapping and retries.

The mapping tables (`ActivityMapping`, `OrganisationOin`) belong to this app: the register has no OIN field and no
DSO activity identifiers.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.models import Scoped
from openvth.permits.models import Application
from openvth.register.models import ActivityType, Establishment, Organisation


class RequestType(models.TextChoices):
    """The kinds of STAM request the intake maps (STAM `type`; IMAM Verzoek)."""

    APPLICATION = "application", _("aanvraag")
    NOTIFICATION = "notification", _("melding")
    INFORMATION = "information", _("informatieplicht")
    PRELIMINARY = "preliminary", _("vooroverleg")


class OrganisationOin(models.Model):
    """The Organisatie-identificatienummer (Logius, 20 digits) of an organisation, as the DSO names the competent
    authority and the executing service in a request."""

    oin = models.CharField(_("OIN"), max_length=20, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="oins", verbose_name=_("organisatie")
    )

    class Meta:
        ordering = ["oin"]
        verbose_name = _("OIN van een organisatie")
        verbose_name_plural = _("OIN's van organisaties")

    def __str__(self) -> str:
        return f"{self.oin} {self.organisation}"


class ActivityMapping(models.Model):
    """A DSO activity (its IMOW identifier, e.g. `nl.imow-mnre1034.activiteit.…`) as a register activity type, and
    the procedure an application for it follows."""

    dso_id = models.CharField(_("DSO-activiteit-id"), max_length=200, unique=True)
    dso_name = models.CharField(_("naam in het DSO"), max_length=300, blank=True)
    activity_type = models.ForeignKey(
        ActivityType, on_delete=models.PROTECT, related_name="+", verbose_name=_("activiteitsoort")
    )
    procedure = models.CharField(
        _("procedure"), max_length=10, choices=Application.Procedure.choices, default=Application.Procedure.REGULAR
    )

    class Meta:
        ordering = ["dso_id"]
        verbose_name = _("koppeling DSO-activiteit")
        verbose_name_plural = _("koppelingen DSO-activiteiten")

    def __str__(self) -> str:
        return f"{self.dso_id} → {self.activity_type.code}"


class IntakeRequest(Scoped):
    class Status(models.TextChoices):
        WAITING = "waiting", _("wacht op ophalen")
        QUEUED = "queued", _("in de wachtrij")
        PROCESSED = "processed", _("verwerkt")

    class Source(models.TextChoices):
        NOTIFICATION = "notification", _("verzoeknotificatie")
        FILE = "file", _("bestand")

    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("ontvangende organisatie")
    )
    verzoeknummer = models.CharField(_("verzoeknummer"), max_length=50)
    volgnummer = models.PositiveIntegerField(_("volgnummer"), default=1)
    source = models.CharField(_("bron"), max_length=12, choices=Source.choices, default=Source.NOTIFICATION)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    reason = models.TextField(_("reden"), blank=True)
    notification = models.JSONField(_("verzoeknotificatie"), default=dict, blank=True)
    notified_at = models.DateTimeField(_("genotificeerd op"))
    notified_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    fetch_attempts = models.PositiveSmallIntegerField(_("ophaalpogingen"), default=0)
    stam = models.FileField(_("STAM-bericht"), upload_to=clock.DatedFolder("intake"), blank=True)
    pdf = models.FileField(_("publiceerbare aanvraag (PDF)"), upload_to=clock.DatedFolder("intake"), blank=True)
    parsed = models.JSONField(_("gelezen gegevens"), default=dict, blank=True)
    request_type = models.CharField(_("soort verzoek"), max_length=12, choices=RequestType.choices, blank=True)
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)
    competent_authority = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("bevoegd gezag")
    )
    establishment = models.ForeignKey(
        Establishment, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("vestiging")
    )
    establishment_by_hand = models.BooleanField(_("vestiging met de hand gekoppeld"), default=False)
    proposal = models.JSONField(_("voorstel nieuwe vestiging"), default=dict, blank=True)
    application = models.OneToOneField(
        Application,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intake_request",
        verbose_name=_("aanvraag"),
    )
    processed_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)

    class Meta:
        ordering = ["-notified_at", "-id"]
        verbose_name = _("verzoek uit het Omgevingsloket")
        verbose_name_plural = _("verzoeken uit het Omgevingsloket")
        constraints = [models.UniqueConstraint(fields=["owner", "verzoeknummer"], name="one_intake_per_verzoek")]
        indexes = [models.Index(fields=["owner", "status"])]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q(owner_id=organisation_id) | Q(competent_authority_id=organisation_id)

    def __str__(self) -> str:
        return f"DSO {self.verzoeknummer}"


class IntakeActivity(models.Model):
    """One projectactiviteit of a request, with the activity type it maps to (empty: unknown)."""

    request = models.ForeignKey(IntakeRequest, on_delete=models.CASCADE, related_name="activities")
    dso_id = models.CharField(_("DSO-activiteit-id"), max_length=200)
    name = models.CharField(_("naam"), max_length=300, blank=True)
    activity_type = models.ForeignKey(
        ActivityType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("activiteitsoort"),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("activiteit van een verzoek")
        verbose_name_plural = _("activiteiten van een verzoek")

    def __str__(self) -> str:
        return self.name or self.dso_id


class IntakeAttachment(models.Model):
    request = models.ForeignKey(IntakeRequest, on_delete=models.CASCADE, related_name="attachments")
    document_id = models.CharField(_("document-id"), max_length=100)
    name = models.CharField(_("bestandsnaam"), max_length=255)
    document_type = models.CharField(_("documentsoort"), max_length=200, blank=True)
    file = models.FileField(_("bestand"), upload_to=clock.DatedFolder("intake"))

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["request", "document_id"], name="one_intake_document")]
        verbose_name = _("bijlage van een verzoek")
        verbose_name_plural = _("bijlagen van een verzoek")

    def __str__(self) -> str:
        return self.name
