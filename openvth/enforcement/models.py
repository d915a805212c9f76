"""Enforcement (docs/domain.md §4, §5): the LHSO decision per finding, enforcement cases with their state machine,
sanctions, deadlines, letters, objections, tolerance decisions and the configurable tables per organisation.

- `LhsoTableVersion` and `PolicyTableVersion` are configurable tables from `valid_from` on; the newest version on
  or before a day applies (the shipped default where none is stored). Old versions stay: they are the history.
- An `EnforcementCase` moves only through the transitions of openvth.rules.enforcement; each one is a
  `CaseTransition` row (who, when, event, from/to state, note). Its terms are `Deadline` rows computed by the
  rule module when the transition happens. An objection is a case of its own on the route "bezwaar".
- A decision (`Letter`) is rendered from the authority's `LetterTemplate` (or the shipped default) in the
  transition that takes it, by a user with a mandate for it on that day, and keeps its PDF. Its PDF may be empty
  (null): the synthetic data stores only the text of its many letters, and letters.pdf renders the PDF from the
  stored text when it is asked for, without writing it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.models import Scoped, VersionedTable
from openvth.register.models import Establishment, EstablishmentRecord, Organisation
from openvth.rules import enforcement as rules
from openvth.supervision.models import Finding


def _authority_or_its_service(organisation_id: int, path: str) -> Q:
    """An authority's own table, readable by the authority and by the omgevingsdienst that works for it."""
    return Q(**{f"{path}_id": organisation_id}) | Q(**{f"{path}__omgevingsdienst_id": organisation_id})


class LhsoTableVersion(VersionedTable):
    """An organisation's LHSO intervention matrix from `valid_from` on (configurable, docs/domain.md §4)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="lhso_tables")
    table = models.JSONField(_("tabel"), help_text=_("cellen, interventies en verzwarende aspecten"))

    class Meta(VersionedTable.Meta):
        verbose_name = _("LHSO-tabel")
        verbose_name_plural = _("LHSO-tabellen")


class LhsoDecision(Scoped):
    """The recorded LHSO step of one finding: cell, aspects, consultation, interventions and any deviation."""

    class Partner(models.TextChoices):
        NONE = "", _("geen")
        POLICE = "police", _("politie")
        OM = "om", _("Openbaar Ministerie")
        BOTH = "both", _("politie en OM")

    finding = models.OneToOneField(
        Finding, on_delete=models.PROTECT, related_name="lhso_decision", verbose_name=_("bevinding")
    )
    table_version = models.ForeignKey(LhsoTableVersion, null=True, blank=True, on_delete=models.PROTECT)
    consequences = models.PositiveSmallIntegerField(_("gevolgen"))
    behaviour = models.CharField(_("gedrag"), max_length=1)
    cell = models.CharField(_("cel"), max_length=2)
    aspects = models.JSONField(_("verzwarende aspecten"), default=list)
    mitigating = models.JSONField(_("verzachtende omstandigheden"), default=list)
    consultation_indicated = models.BooleanField(_("overleg met politie/OM aangewezen"), default=False)
    consultation_partner = models.CharField(
        _("overleg gevoerd met"), max_length=10, choices=Partner.choices, blank=True, default=""
    )
    consultation_held_on = models.DateField(_("overleg gevoerd op"), null=True, blank=True)
    consultation_outcome = models.TextField(_("uitkomst overleg"), blank=True)
    advised_interventions = models.JSONField(_("interventies volgens de matrix"), default=list)
    chosen_interventions = models.JSONField(_("gekozen interventies"), default=list)
    deviation_reason = models.TextField(_("motivering afwijking"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("LHSO-afweging")
        verbose_name_plural = _("LHSO-afwegingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(consequences__gte=1) & Q(consequences__lte=4), name="lhso_consequences_1_4"
            ),
            models.CheckConstraint(condition=Q(behaviour__in=["A", "B", "C", "D"]), name="lhso_behaviour_a_d"),
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q(finding__in=Finding.objects.filter(Finding.visibility_q(organisation_id)))

    @property
    def deviates(self) -> bool:
        return set(self.chosen_interventions) != set(self.advised_interventions)

    def __str__(self) -> str:
        return f"{self.cell}: {', '.join(self.chosen_interventions)}"


class EnforcementCase(EstablishmentRecord):
    """One enforcement case at one establishment; its state changes only through the services."""

    competent_authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("bevoegd gezag")
    )
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="enforcement_cases", verbose_name=_("vestiging")
    )
    findings = models.ManyToManyField(Finding, related_name="enforcement_cases", blank=True)
    reference = models.CharField(_("zaaknummer"), max_length=50, unique=True)
    route = models.CharField(_("route"), max_length=30)
    state = models.CharField(_("stand"), max_length=40)
    violation_type = models.CharField(_("soort overtreding"), max_length=50, blank=True)
    opened_on = models.DateField(_("geopend op"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField(_("gesloten op"), null=True, blank=True)
    close_reason = models.TextField(_("reden sluiten"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="objection_cases",
        verbose_name=_("bezwaar in zaak"),
    )  # fmt: skip
    # una via (Awb 5:44): whether the act is also a crime, and the prosecutor's answer once it was put to him
    also_crime = models.BooleanField(_("ook een strafbaar feit"), default=False)
    om_submitted_on = models.DateField(_("voorgelegd aan OM op"), null=True, blank=True)
    om_answer = models.CharField(_("antwoord OM"), max_length=20, blank=True)
    # the boeterapport (Awb 5:48, 5:53): its day and the statutory maximum of the boete recorded with it
    reported_on = models.DateField(_("boeterapport opgemaakt op"), null=True, blank=True)
    boete_maximum = models.DecimalField(
        _("wettelijk maximum boete"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("handhavingszaak")
        verbose_name_plural = _("handhavingszaken")
        indexes = [
            models.Index(fields=["owner", "state"]),
            models.Index(fields=["establishment", "-opened_on"]),
            # the open cases (a few thousand in the whole country, of some 150,000): the work queue starts here
            models.Index(fields=["opened_on", "id"], condition=Q(closed_on__isnull=True), name="open_case_opened"),
        ]

    @classmethod
    def visibility_q(cls, organisation_id: int) -> Q:
        return super().visibility_q(organisation_id) | Q(competent_authority_id=organisation_id)

    @staticmethod
    def joined_visibility_q(organisation_id: int) -> Q:
        """The cases of `visibility_q`, the establishment's rule tested on each case's own establishment (a join)
        instead of against every establishment the organisation sees (a subquery of tens of thousands at national
        scale): cheaper where few cases are read, such as the open ones, dearer where all are."""
        return (
            Q(owner_id=organisation_id)
            | Q(competent_authority_id=organisation_id)
            | Establishment.joined_visibility_q(organisation_id, "establishment")
        )

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def __str__(self) -> str:
        return f"{self.reference} {self.establishment.name}"


class CaseTransition(models.Model):
    """One step of a case: who, when, which event, from which state to which, and why."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="transitions")
    event = models.CharField(_("gebeurtenis"), max_length=40)
    from_state = models.CharField(_("van"), max_length=40, blank=True)
    to_state = models.CharField(_("naar"), max_length=40)
    on = models.DateField(_("datum"))
    at = models.DateTimeField(_("vastgelegd op"), default=clock.now, editable=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("toelichting"), blank=True)
    reinspection = models.ForeignKey(
        "supervision.Inspection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("hercontrole"),
    )  # fmt: skip
    # the closed inspection that proves the step (a re-inspection after the term that found the violation going on)
    inspection = models.ForeignKey(
        "supervision.Inspection", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("bewijs: inspectie"),
    )  # fmt: skip

    class Meta:
        ordering = ["case", "at", "id"]
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_state} → {self.to_state} ({self.event})"


class TermUnit(models.TextChoices):
    DAYS = "days", _("dagen")
    WEEKS = "weeks", _("weken")
    MONTHS = "months", _("maanden")


class Sanction(models.Model):
    """A warning, an order (last onder dwangsom or bestuursdwang), a boete or a referral to the criminal route."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("waarschuwing met hersteltermijn")
        DWANGSOM = "last_onder_dwangsom", _("last onder dwangsom")
        BESTUURSDWANG = "last_onder_bestuursdwang", _("last onder bestuursdwang")
        BOETE = "bestuurlijke_boete", _("bestuurlijke boete")
        STRAFBESCHIKKING = "bestuurlijke_strafbeschikking", _("bestuurlijke strafbeschikking")
        PROCES_VERBAAL = "proces_verbaal", _("proces-verbaal")

    class Basis(models.TextChoices):
        NONE = "", _("geen")
        PER_DAY = "per_day", _("per dag")
        PER_WEEK = "per_week", _("per week")
        PER_BREACH = "per_breach", _("per overtreding")
        LUMP_SUM = "lump_sum", _("ineens")

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    imposed_on = models.DateField(_("opgelegd op"))
    term_amount = models.PositiveSmallIntegerField(
        _("termijn"), null=True, blank=True, help_text=_("hersteltermijn, begunstigingstermijn of termijn van de last")
    )
    term_unit = models.CharField(_("eenheid termijn"), max_length=6, choices=TermUnit.choices, blank=True)
    term_end = models.DateField(_("termijn eindigt op"), null=True, blank=True)
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2, null=True, blank=True)
    basis = models.CharField(_("grondslag bedrag"), max_length=12, choices=Basis.choices, blank=True, default="")
    maximum = models.DecimalField(_("maximum"), max_digits=12, decimal_places=2, null=True, blank=True)
    measures = models.TextField(_("maatregelen"), blank=True)
    cost_recovery = models.BooleanField(_("kostenverhaal"), default=False)
    costs = models.DecimalField(_("kosten"), max_digits=12, decimal_places=2, null=True, blank=True)
    forfeited_on = models.DateField(_("verbeurd op"), null=True, blank=True)
    forfeited_amount = models.DecimalField(_("verbeurd bedrag"), max_digits=12, decimal_places=2, null=True, blank=True)
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True, help_text=_("bijv. nummer proces-verbaal"))

    class Meta:
        ordering = ["case", "imposed_on", "id"]
        verbose_name = _("sanctie")
        verbose_name_plural = _("sancties")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="last_onder_dwangsom") | (Q(amount__isnull=False) & Q(maximum__isnull=False)),
                name="dwangsom_has_amount_and_maximum",  # Awb 5:32b
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.imposed_on})"


class Deadline(models.Model):
    """A term of a case, computed by openvth.rules.enforcement when its event happened; done once handled."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="deadlines")
    # the code is the key of every look-up and comparison; the name is only shown: the label of the code, set on save
    code = models.CharField(_("code"), max_length=40, default="", help_text=_("rules.enforcement.DEADLINE_LABELS"))
    name = models.CharField(_("termijn"), max_length=100)
    event = models.CharField(_("gestart door"), max_length=40)
    started_on = models.DateField(_("gestart op"))
    due_on = models.DateField(_("uiterlijk"))
    source = models.CharField(_("bron"), max_length=200)
    statutory = models.BooleanField(_("wettelijke termijn (Atw)"), default=False)
    extended_by_days = models.PositiveSmallIntegerField(_("verlengd door de Atw (dagen)"), default=0)
    passive = models.BooleanField(_("verloopt zonder handeling"), default=False)
    done_on = models.DateField(_("afgehandeld op"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        indexes = [models.Index(fields=["due_on"], condition=Q(done_on__isnull=True), name="open_deadline_due")]

    def save(self, *args, **kwargs) -> None:
        # the shown text follows the code; a row without a known code (stored before codes) keeps its own
        self.name = rules.DEADLINE_LABELS.get(self.code, self.name)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.name}: {self.due_on}"


class Letter(models.Model):
    """A letter or decision of a case, taken by a mandated user in the transition that decided it, kept as PDF.
    `pdf` is null for a letter stored with its text only (the synthetic data): its PDF is rendered from `body` on
    request (letters.pdf) and not stored."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("waarschuwingsbrief")
        VOORNEMEN = "voornemen", _("voornemen")
        DWANGSOM = "last_onder_dwangsom", _("last onder dwangsom")
        BESTUURSDWANG = "last_onder_bestuursdwang", _("last onder bestuursdwang")
        BOETE = "bestuurlijke_boete", _("bestuurlijke boete")
        INVORDERING = "invorderingsbeschikking", _("invorderingsbeschikking")
        GEDOOG = "gedoogbeschikking", _("gedoogbeschikking")

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    sanction = models.ForeignKey(Sanction, null=True, blank=True, on_delete=models.PROTECT, related_name="letters")
    intended = models.CharField(
        _("aangekondigde sanctie"), max_length=30, blank=True, help_text=_("bij een voornemen: de sanctie die volgt")
    )
    reference = models.CharField(_("kenmerk"), max_length=60, unique=True)
    body = models.TextField(_("tekst"))
    decided_on = models.DateField(_("datum besluit"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    mandate_type = models.CharField(_("onder mandaat voor"), max_length=40)
    pdf = models.BinaryField(_("pdf"), editable=False, null=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["case", "decided_on", "id"]
        verbose_name = _("brief of besluit")
        verbose_name_plural = _("brieven en besluiten")

    @property
    def is_decision(self) -> bool:
        """A besluit in the sense of the Awb, open to objection; a warning and a voornemen are not."""
        return self.kind not in (self.Kind.WARNING, self.Kind.VOORNEMEN)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"


class Objection(models.Model):
    """Bezwaar against a decision; handled as a case of its own on the route "bezwaar" (its `case`). The term is
    6 weeks from the day after the decision was made known (Awb 6:7, 6:8)."""

    class Outcome(models.TextChoices):
        PENDING = "", _("in behandeling")
        INADMISSIBLE = "inadmissible", _("niet-ontvankelijk")
        UNFOUNDED = "unfounded", _("ongegrond")
        FOUNDED = "founded", _("gegrond")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    case = models.OneToOneField(EnforcementCase, on_delete=models.CASCADE, related_name="objection")
    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="objections", verbose_name=_("besluit"))
    received_on = models.DateField(_("ontvangen op"))
    term_end = models.DateField(_("bezwaartermijn eindigde op"))
    in_time = models.BooleanField(_("tijdig"))
    # Awb 6:11: a late objection is declared inadmissible unless the lateness is excusable
    excusable = models.BooleanField(_("termijnoverschrijding verschoonbaar"), default=False)
    excuse = models.TextField(_("reden verschoonbaarheid"), blank=True)
    committee = models.BooleanField(_("adviescommissie (Awb 7:13)"), default=False)
    outcome = models.CharField(_("uitkomst"), max_length=15, choices=Outcome.choices, blank=True, default="")

    @property
    def for_inadmissibility(self) -> bool:
        """Marked for a decision of inadmissibility (Awb 6:11)."""
        return not self.in_time and not self.excusable

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")

    def __str__(self) -> str:
        return f"bezwaar {self.received_on} tegen {self.letter.reference}"


class ToleranceDecision(models.Model):
    """Gedogen: only explicit, in writing, limited in scope and time, with a concrete prospect of legalisation."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="tolerance_decisions")
    scope = models.TextField(_("reikwijdte"))
    valid_from = models.DateField(_("gedoogd vanaf"))
    valid_to = models.DateField(_("gedoogd tot en met"))
    legalisation_prospect = models.TextField(_("zicht op legalisatie"))
    decided_on = models.DateField(_("besloten op"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "valid_from", "id"]
        verbose_name = _("gedoogbeschikking")
        verbose_name_plural = _("gedoogbeschikkingen")
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=models.F("valid_from")), name="tolerance_period_ordered")
        ]

    def __str__(self) -> str:
        return f"gedogen {self.valid_from} – {self.valid_to}"


class PolicyTableVersion(VersionedTable):
    """An authority's "richtlijn dwangsombedragen en termijnen" from `valid_from` on (configurable, §5)."""

    owner_field = "authority"

    authority = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="enforcement_policies")
    policy = models.JSONField(_("beleid"), help_text=_("per soort overtreding: termijnen en dwangsombedrag"))

    class Meta:
        ordering = ["authority", "-valid_from", "-id"]
        verbose_name = _("handhavingsbeleid")
        verbose_name_plural = _("handhavingsbeleid")

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return _authority_or_its_service(organisation_id, "authority")


class LetterTemplate(Scoped):
    """An authority's own text of a letter kind (Django template syntax); the shipped default otherwise."""

    authority = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(_("soort"), max_length=30, choices=Letter.Kind.choices)
    body = models.TextField(_("tekst"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["authority", "kind"]
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        constraints = [models.UniqueConstraint(fields=["authority", "kind"], name="one_letter_template_per_kind")]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return _authority_or_its_service(organisation_id, "authority")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.authority})"
