"""Woo publication of inspection results, enforcement decisions and permits (docs/domain.md §8).

A `Publication` starts as a proposal: the text to publish (`source_text`, internal) and the redaction engine's
spans, each a `RedactionDecision` the reviewer accepts or changes (redact or keep, with the Woo ground: the
recorded weighing). Approval fixes `public_text`; only then can it be published, and withdrawn with a reason.
Nothing is public before a reviewer approved it: the public site reads `Publication.public` only, and only
the public fields (never `source_text`).

A permit publication is the release of an establishment's permit by its competent authority: its decisions
(`ReleasedDecision`) and every version of its provisions (`ReleasedProvision`) as they stood at the proposal, copied
from the permit (whose own versions are replayed and replaced on every new decision). The provision texts make up
the source text, redacted and approved as any other; a later release of the same permit replaces it when published.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.scoping import ScopedQuerySet
from openvth.permits.models import DecisionFacts, ProvisionPeriod
from openvth.register.models import Establishment, EstablishmentRecord, Organisation


class PublicationQuerySet(ScopedQuerySet):
    def public(self) -> "PublicationQuerySet":
        """What the public may see: approved, published and not withdrawn."""
        return self.filter(status=Publication.Status.PUBLISHED)


class PublicationManager(models.Manager.from_queryset(PublicationQuerySet)):
    """`visible_to(user)` for staff (ScopedQuerySet) and `public()` for the public site."""


class Publication(EstablishmentRecord):
    class Kind(models.TextChoices):
        INSPECTION_RESULT = "inspection_result", _("inspectieresultaat")
        ENFORCEMENT_DECISION = "enforcement_decision", _("handhavingsbesluit")
        PERMIT = "permit", _("vergunning")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("voorstel")
        APPROVED = "approved", _("goedgekeurd")
        PUBLISHED = "published", _("gepubliceerd")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="publications", verbose_name=_("vestiging")
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    inspection = models.ForeignKey(
        "supervision.Inspection", null=True, blank=True, on_delete=models.PROTECT, related_name="publications"
    )
    letter = models.ForeignKey(
        "enforcement.Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="publications"
    )
    title = models.CharField(_("titel"), max_length=300)
    decided_on = models.DateField(_("datum"), help_text=_("datum van het bezoek of het besluit"))
    compliant = models.BooleanField(_("geen overtreding"), null=True, blank=True)
    source_text = models.TextField(_("brontekst (intern)"))
    public_text = models.TextField(_("openbare tekst"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=clock.now, editable=False)
    # four eyes (issue 15): who proposed and who last changed the redaction may not approve it
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("voorgesteld door"),
    )  # fmt: skip
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("lakking laatst bewerkt door"),
    )  # fmt: skip
    edited_at = models.DateTimeField(_("lakking laatst bewerkt op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("goedgekeurd door"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    second_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("tweede goedkeuring door"),
    )  # fmt: skip
    second_reviewed_at = models.DateTimeField(_("tweede goedkeuring op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("gepubliceerd door"),
    )  # fmt: skip
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdraw_reason = models.TextField(_("reden intrekking"), blank=True)

    objects = PublicationManager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["establishment", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(inspection__isnull=False) | Q(letter__isnull=False) | Q(kind="permit"),
                name="publication_has_a_source",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["proposed"]) | Q(reviewed_at__isnull=False),
                name="publication_reviewed_before_approval",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReleasedDecision(DecisionFacts):
    """A decision of a released permit: its reference, kind and dates (no free text: the provisions hold that)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="permit_decisions")

    class Meta:
        ordering = ["publication", "effective_from", "decided_on", "id"]
        verbose_name = _("vrijgegeven vergunningbesluit")
        verbose_name_plural = _("vrijgegeven vergunningbesluiten")


class ReleasedProvision(ProvisionPeriod):
    """One version of a provision of a released permit, in force from `valid_from` until the day before
    `valid_until`. Its text is `source_text[start:end]` of the publication; `public_text` is fixed at approval."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="permit_provisions")
    source = models.ForeignKey(ReleasedDecision, on_delete=models.CASCADE, related_name="+")
    ended_by = models.ForeignKey(ReleasedDecision, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    public_text = models.TextField(_("openbare tekst"), blank=True)

    class Meta:
        ordering = ["publication", "start"]
        verbose_name = _("vrijgegeven voorschrift")
        verbose_name_plural = _("vrijgegeven voorschriften")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="released_provision_span_ordered"),
        ]


class DisclosureSettings(models.Model):
    """An organisation's settings of the publication flow (set by the administrator in the Django admin)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisatie")
    )
    second_approval_for_special_data = models.BooleanField(
        _("tweede goedkeurder bij bijzondere persoonsgegevens"),
        default=False,
        help_text=_(
            "Een publicatie met een passage op grond van Woo 5.1.1d (bijvoorbeeld gezondheid) wordt pas goedgekeurd "
            "als twee verschillende beoordelaars haar hebben goedgekeurd."
        ),
    )

    class Meta:
        verbose_name = _("instellingen openbaarmaking")
        verbose_name_plural = _("instellingen openbaarmaking")

    def __str__(self) -> str:
        return str(self.organisation)


class RedactionDecision(models.Model):
    """One span of the source text: the engine's proposal and the reviewer's decision with its Woo ground."""

    class Decision(models.TextChoices):
        REDACT = "redact", _("weglakken")
        KEEP = "keep", _("openbaar")

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="decisions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    label = models.CharField(_("soort gegeven"), max_length=30)
    proposed = models.BooleanField(_("voorgesteld door de lakmodule"), default=True)
    decision = models.CharField(_("besluit"), max_length=6, choices=Decision.choices, default=Decision.REDACT)
    woo_ground = models.CharField(_("Woo-grond"), max_length=20, blank=True, help_text=_("bijv. 5.1.2e"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["publication", "start", "end"]
        verbose_name = _("lakbesluit")
        verbose_name_plural = _("lakbesluiten")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="redaction_span_not_empty"),
            models.UniqueConstraint(fields=["publication", "start", "end"], name="one_decision_per_span"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.start}-{self.end}: {self.get_decision_display()}"
