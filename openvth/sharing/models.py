"""Chain sharing (docs/domain.md §7, Inspectieview): each source decides what it shares, with whom and for which
purpose; every read of shared data is logged and the log is kept 3 years.

Ordinary `visible_to` scoping stays the organisation's own view. Records of other organisations are reached only
through `openvth.sharing.selectors.chain_dossier`, which asks for a purpose and writes the `AccessLog` entry in the
same transaction as the read.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.audit.models import ReadEntry
from openvth.core import clock
from openvth.core.models import Scoped, ValidPeriod, period_ordered
from openvth.register.models import Company, Organisation


class RecordKind(models.TextChoices):
    INSPECTIONS = "inspections", _("inspecties")
    FINDINGS = "findings", _("bevindingen")
    ENFORCEMENT_CASES = "enforcement_cases", _("handhavingszaken en sancties")
    PERMITS = "permits", _("vergunningbesluiten")


class RecordKindLabels:
    """For a model whose `kinds` lists RecordKind codes: their labels, in its order."""

    def kind_labels(self) -> list[str]:
        labels = dict(RecordKind.choices)
        return [str(labels[kind]) for kind in self.kinds if kind in labels]


class Purpose(models.TextChoices):
    """Use is limited to the supervisory task (docs/domain.md §7): these are its parts."""

    SUPERVISION = "supervision", _("toezicht: voorbereiding of uitvoering van een inspectie")
    ENFORCEMENT = "enforcement", _("handhaving: beoordeling van een overtreding of sanctie")
    RISK_ANALYSIS = "risk_analysis", _("risicoanalyse en programmering van het toezicht")


class SharingAgreement(Scoped, ValidPeriod, RecordKindLabels):
    """What the owning organisation shares with its partners, for which purpose, from/to (tot en met)."""

    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sharing_agreements", verbose_name=_("bron")
    )
    partners = models.ManyToManyField(Organisation, related_name="shared_with_me", verbose_name=_("partners"))
    kinds = models.JSONField(_("gedeelde gegevens"), default=list)
    purpose_code = models.CharField(_("doel"), max_length=20, choices=Purpose.choices)
    purpose = models.TextField(_("omschrijving doel"))
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["owner__name", "-valid_from", "id"]
        verbose_name = _("deelafspraak")
        verbose_name_plural = _("deelafspraken")
        constraints = [period_ordered("valid_from", "valid_to", "sharing_agreement_period_ordered")]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        as_partner = SharingAgreement.partners.through.objects.filter(organisation_id=organisation_id)
        return Q(owner_id=organisation_id) | Q(pk__in=as_partner.values("sharingagreement_id"))

    @property
    def is_active(self) -> bool:
        return self.is_valid_on(clock.today())

    def __str__(self) -> str:
        return f"{self.owner}: {self.get_purpose_code_display()} (vanaf {self.valid_from})"


class AccessLog(ReadEntry):
    """One read of a chain dossier: who, for which organisation, which company and records, why, when."""

    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="+", verbose_name=_("bedrijf"))
    purpose_code = models.CharField(_("doel"), max_length=20, choices=Purpose.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    # {"<source organisation code>": {"<record kind>": [ids]}}
    records = models.JSONField(_("geraadpleegde gegevens"), default=dict)
    sources = models.ManyToManyField(Organisation, related_name="+", verbose_name=_("bronnen"))

    class Meta(ReadEntry.Meta):
        verbose_name = _("raadpleging")
        verbose_name_plural = _("raadplegingen")

    def __str__(self) -> str:
        return f"{self.user_name} – {self.company_id} ({self.read_at:%Y-%m-%d %H:%M})"
