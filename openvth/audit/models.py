"""The log of reads of personal data (AVG art. 5(2), 30 and 32; BIO 12.4.1): who read which complaint or which
enterprise of a natural person, when, through which channel and, where a purpose is asked, why.

Reads of a chain dossier are logged by openvth.sharing (`AccessLog`, with the purpose the dossier asks for); the
export for a request of a data subject (inzageverzoek, AVG art. 15) includes that log, it is not copied here.

The log does not repeat the personal data it is about: each read stores keyed digests of the data subject's keys
(e-mail address, telephone number, name, KvK number: `openvth.audit.subjects`), so a request by one of those keys
finds the reads without the log becoming a second copy of complainants' addresses."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.register.models import Organisation


class ReadKind(models.TextChoices):
    COMPLAINT = "complaint", _("klacht of melding")
    PERSON_COMPANY = "person_company", _("bedrijf van een natuurlijk persoon")
    APPLICANT = "applicant", _("aanvraag van een natuurlijk persoon")
    SUBJECT_EXPORT = "subject_export", _("export voor een inzageverzoek")


class Channel(models.TextChoices):
    UI = "ui", _("webpagina")
    API = "api", _("API")
    CLI = "cli", _("opdrachtregel")


class ReadEntry(models.Model):
    """An entry of a read log: who read, when, newest first (this app's reads of personal data, and the reads of a
    chain dossier in openvth.sharing)."""

    read_at = models.DateTimeField(_("geraadpleegd op"), default=clock.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    user_name = models.CharField(_("gebruiker"), max_length=150)  # kept when the account is removed

    class Meta:
        abstract = True
        ordering = ["-read_at", "-id"]


class PersonalDataRead(ReadEntry):
    """One read of one record holding personal data by one user."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ReadKind.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=50)  # "<app label>.<model>"
    object_id = models.CharField(_("nummer"), max_length=40, blank=True)
    purpose = models.CharField(_("doel"), max_length=300, blank=True)
    channel = models.CharField(_("kanaal"), max_length=5, choices=Channel.choices)

    class Meta(ReadEntry.Meta):
        verbose_name = _("raadpleging van persoonsgegevens")
        verbose_name_plural = _("raadplegingen van persoonsgegevens")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_read_object")]

    def __str__(self) -> str:
        return f"{self.user_name} – {self.object_type} {self.object_id} ({self.read_at:%Y-%m-%d %H:%M})"


class ReadSubject(models.Model):
    """A data subject whose data the read showed, as the keyed digest of one of his keys."""

    read = models.ForeignKey(PersonalDataRead, on_delete=models.CASCADE, related_name="subjects")
    digest = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")

    def __str__(self) -> str:
        return self.digest[:12]
