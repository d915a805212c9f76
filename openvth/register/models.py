from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from openvth.core.models import Scoped, ValidPeriod, period_ordered


class Organisation(models.Model):
    """Authorities, omgevingsdiensten and chain partners (docs/domain.md §1). Public data: not scoped."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("gemeente")
        PROVINCE = "province", _("provincie")
        WATER_BOARD = "water_board", _("waterschap")
        STATE = "state", _("Rijk")
        OMGEVINGSDIENST = "omgevingsdienst", _("omgevingsdienst")
        INSPECTORATE = "inspectorate", _("inspectie (ILT)")
        POLICE = "police", _("politie")
        PROSECUTOR = "prosecutor", _("Openbaar Ministerie")
        MINISTRY = "ministry", _("ministerie")

    AUTHORITY_KINDS = (Kind.MUNICIPALITY, Kind.PROVINCE, Kind.WATER_BOARD, Kind.STATE, Kind.INSPECTORATE)

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("CBS-gemeentecode (GM0363), provinciecode (PV27) of eigen code"),
    )
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    province = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("provincie")
    )
    omgevingsdienst = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_authorities",
        verbose_name=_("omgevingsdienst"),
    )
    is_brzo_service = models.BooleanField(_("Brzo-omgevingsdienst"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class TaskCategory(models.Model):
    """A category of the basistakenpakket (docs/domain.md §1); the catalogue is configurable."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("takencategorie")
        verbose_name_plural = _("takencategorieën")

    def __str__(self) -> str:
        return self.name


class BasistaakPlacement(models.Model):
    """Whether an authority placed a basistaak with its omgevingsdienst, since when, under which mandate."""

    authority = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="placements")
    task_category = models.ForeignKey(TaskCategory, on_delete=models.PROTECT, related_name="placements")
    service = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="placed_tasks")
    placed = models.BooleanField(_("belegd"), default=False)
    since = models.DateField(_("sinds"), null=True, blank=True)
    mandate_reference = models.CharField(_("mandaatbesluit"), max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["authority", "task_category"], name="one_placement_per_task")]
        verbose_name = _("plaatsing basistaak")
        verbose_name_plural = _("plaatsingen basistaken")

    def __str__(self) -> str:
        return f"{self.authority} – {self.task_category}: {'belegd' if self.placed else 'niet belegd'}"


class DecisionType(models.TextChoices):
    """Decision types a mandate covers (docs/domain.md §1, seed letter recommendation 8; Awb 10:3).

    Permits: one type per decision, as a mandaatregeling lists them. Granting a permit, amending its provisions (on
    request or ex officio) and revoking it (Omgevingswet afd. 5.1) and extending the decision term (verdaging, Ow
    16.64(2), Awb 3:18(2), 4:14) are each mandated on their own, often to different officials or levels: an amendment
    or revocation ex officio burdens the permit holder and is no decision on an application, and a verdaging is
    routinely mandated lower than the decision itself."""

    PERMIT = "permit", _("verlening omgevingsvergunning")
    PERMIT_AMENDMENT = "permit_amendment", _("wijziging omgevingsvergunning")
    REVOCATION = "revocation", _("intrekking omgevingsvergunning")
    TERM_EXTENSION = "term_extension", _("verdaging beslistermijn")
    WARNING = "warning", _("waarschuwing (hersteltermijn)")
    LAST_ONDER_DWANGSOM = "last_onder_dwangsom", _("last onder dwangsom")
    LAST_ONDER_BESTUURSDWANG = "last_onder_bestuursdwang", _("last onder bestuursdwang")
    BESTUURLIJKE_BOETE = "bestuurlijke_boete", _("bestuurlijke boete")
    BESTUURLIJKE_STRAFBESCHIKKING = "bestuurlijke_strafbeschikking", _("bestuurlijke strafbeschikking")
    INVORDERINGSBESCHIKKING = "invorderingsbeschikking", _("invorderingsbeschikking")
    GEDOOGBESCHIKKING = "gedoogbeschikking", _("gedoogbeschikking")
    BESLISSING_OP_BEZWAAR = "beslissing_op_bezwaar", _("beslissing op bezwaar")


class Mandate(Scoped, ValidPeriod):
    """Who may take which decision type for which authority, from/to, up to an amount if the mandate says so."""

    authority = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="mandates_given")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mandates")
    decision_type = models.CharField(_("besluitsoort"), max_length=40, choices=DecisionType.choices)
    max_amount = models.DecimalField(
        _("tot een bedrag van"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Bovengrens van het mandaat (bijv. boetes tot dit bedrag); leeg: geen bovengrens."),
    )
    reference = models.CharField(_("mandaatbesluit"), max_length=200, blank=True)

    class Meta:
        ordering = ["authority__name", "decision_type", "-valid_from"]
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")
        constraints = [
            period_ordered("valid_from", "valid_to", "mandate_period_ordered"),
            models.CheckConstraint(
                condition=Q(max_amount__isnull=True) | Q(max_amount__gte=0), name="mandate_ceiling_not_negative"
            ),
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q(authority_id=organisation_id) | Q(holder__organisation_id=organisation_id)

    def __str__(self) -> str:
        return f"{self.holder} – {self.get_decision_type_display()} ({self.authority})"


class Owned(Scoped):
    """A record kept by one organisation, its owner, who reads it (a model may widen `visibility_q`)."""

    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("eigenaar"))

    class Meta:
        abstract = True


class Company(Owned):
    class LegalForm(models.TextChoices):
        BV = "bv", _("besloten vennootschap")
        NV = "nv", _("naamloze vennootschap")
        VOF = "vof", _("vennootschap onder firma")
        MAATSCHAP = "maatschap", _("maatschap")
        CV = "cv", _("commanditaire vennootschap")
        EENMANSZAAK = "eenmanszaak", _("eenmanszaak")
        STICHTING = "stichting", _("stichting")
        VERENIGING = "vereniging", _("vereniging")
        COOPERATIE = "cooperatie", _("coöperatie")
        OTHER = "other", _("overig")

    # enterprises of natural persons (no legal personality): their names, KvK numbers and addresses are personal
    # data under the Woo and the AVG (docs/domain.md §8)
    NATURAL_PERSON_FORMS = frozenset({LegalForm.EENMANSZAAK, LegalForm.VOF, LegalForm.MAATSCHAP, LegalForm.CV})

    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, db_index=True)
    name = models.CharField(_("naam"), max_length=200)
    normalised_name = models.CharField(max_length=200, editable=False, db_index=True)
    legal_form = models.CharField(_("rechtsvorm"), max_length=20, choices=LegalForm.choices)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from")

    class Meta:
        ordering = ["name"]
        verbose_name = _("bedrijf")
        verbose_name_plural = _("bedrijven")
        constraints = [
            # one company per KvK number (the Handelsregister gives one number per enterprise or legal person); a
            # merged record keeps its number as history, so only active records count
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~Q(kvk_number="") & Q(merged_into__isnull=True),
                name="one_active_company_per_kvk_number",
                violation_error_message=_("Er is al een bedrijf met dit KvK-nummer."),
            )
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        visible_establishment = Establishment.objects.filter(
            Establishment.visibility_q(organisation_id), company=OuterRef("pk")
        )
        return Q(owner_id=organisation_id) | Exists(visible_establishment)

    @property
    def is_natural_person(self) -> bool:
        """An enterprise of natural persons (eenmanszaak, V.O.F., maatschap, C.V.): personal data under the Woo."""
        return self.legal_form in self.NATURAL_PERSON_FORMS

    def __str__(self) -> str:
        return f"{self.name} ({self.kvk_number})"


class Establishment(Owned):
    class BrzoTier(models.TextChoices):
        NONE = "", _("geen")
        LOWER = "lower", _("lagedrempelinrichting")
        UPPER = "upper", _("hogedrempelinrichting")

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="establishments", verbose_name=_("bedrijf")
    )
    kvk_vestigingsnummer = models.CharField(_("vestigingsnummer"), max_length=12, db_index=True)
    name = models.CharField(_("naam"), max_length=200)
    normalised_name = models.CharField(max_length=200, editable=False)
    bag_nummeraanduiding_id = models.CharField(_("BAG-nummeraanduiding-id"), max_length=16, blank=True)
    street = models.CharField(_("straat"), max_length=200)
    house_number = models.PositiveIntegerField(_("huisnummer"))
    house_number_suffix = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    place = models.CharField(_("plaats"), max_length=100)
    municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    rd_x = models.FloatField(_("RD x"), null=True, blank=True)
    rd_y = models.FloatField(_("RD y"), null=True, blank=True)
    competent_authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("bevoegd gezag")
    )
    supervising_service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("omgevingsdienst")
    )
    ied = models.BooleanField(_("IED-installatie"), default=False)
    brzo_tier = models.CharField(_("Brzo/Seveso"), max_length=5, choices=BrzoTier.choices, blank=True, default="")
    is_home_address = models.BooleanField(_("woonadres"), default=False)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")
        indexes = [
            models.Index(fields=["postcode", "house_number"]),
            models.Index(fields=["normalised_name", "postcode", "house_number"], name="establishment_identity"),
            models.Index(Upper("place"), name="establishment_place_upper"),
            models.Index(fields=["supervising_service"]),
            models.Index(fields=["competent_authority"]),
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return (
            Q(owner_id=organisation_id)
            | Q(competent_authority_id=organisation_id)
            | Q(supervising_service_id=organisation_id)
        )

    @classmethod
    def visible_through(cls, organisation_id: int, path: str = "establishment") -> Q:
        """For records reached through an establishment: visible where their establishment is."""
        return Q(**{f"{path}__in": cls.objects.filter(cls.visibility_q(organisation_id))})

    @classmethod
    def joined_visibility_q(cls, organisation_id: int, path: str = "establishment") -> Q:
        """The records of `visible_through` (reached through a required relation `path` to an establishment), the
        rule of `visibility_q` tested on each record's own establishment (a join) instead of against every
        establishment the organisation sees (a subquery of tens of thousands at national scale): cheaper where few
        records are read, such as one programme's visits or the open cases, dearer where all are."""

        def through(q: Q) -> Q:
            children = [through(c) if isinstance(c, Q) else (f"{path}__{c[0]}", c[1]) for c in q.children]
            return Q(*children, _connector=q.connector, _negated=q.negated)

        return through(cls.visibility_q(organisation_id))

    @property
    def address(self) -> str:
        number = f"{self.house_number}{self.house_number_suffix}"
        return f"{self.street} {number}, {self.postcode} {self.place}"

    def __str__(self) -> str:
        return f"{self.name}, {self.place}"


class EstablishmentRecord(Owned):
    """A record of one establishment (its foreign key `establishment`) kept by its owner: read by the owner and by
    every organisation that sees the establishment."""

    class Meta:
        abstract = True

    @classmethod
    def visibility_q(cls, organisation_id: int) -> Q:
        return super().visibility_q(organisation_id) | Establishment.visible_through(organisation_id)


class ActivityType(models.Model):
    """A milieubelastende activiteit from the configurable catalogue (Besluit activiteiten leefomgeving)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    ied_category = models.CharField(_("IED-categorie"), max_length=10, blank=True, help_text=_("bijlage I RIE"))
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("activiteitsoort")
        verbose_name_plural = _("activiteitsoorten")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Activity(Scoped):
    establishment = models.ForeignKey(
        Establishment, on_delete=models.CASCADE, related_name="activities", verbose_name=_("vestiging")
    )
    activity_type = models.ForeignKey(
        ActivityType, on_delete=models.PROTECT, related_name="+", verbose_name=_("activiteitsoort")
    )
    since = models.DateField(_("sinds"), null=True, blank=True)

    class Meta:
        ordering = ["activity_type__code"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        return Q(establishment__in=Establishment.objects.filter(Establishment.visibility_q(organisation_id)))

    def __str__(self) -> str:
        return str(self.activity_type)


# --- hand-over of an establishment ----------------------------------------------------------------------------


class HandOver(Scoped):
    """An establishment's supervising service or competent authority changes only by a hand-over: one side
    proposes, the receiving organisation accepts (never a field an inspector edits)."""

    class Field(models.TextChoices):
        SUPERVISING_SERVICE = "supervising_service", _("omgevingsdienst")
        COMPETENT_AUTHORITY = "competent_authority", _("bevoegd gezag")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        ACCEPTED = "accepted", _("geaccepteerd")

    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="hand_overs", verbose_name=_("vestiging")
    )
    field = models.CharField(_("over te dragen"), max_length=20, choices=Field.choices)
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("van")
    )
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("aan"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(_("voorgesteld op"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organisation=models.F("to_organisation")), name="hand_over_to_another"
            ),
        ]

    @staticmethod
    def visibility_q(organisation_id: int) -> Q:
        # both sides see it, the receiving one before it may open the establishment
        return (
            Q(from_organisation_id=organisation_id)
            | Q(to_organisation_id=organisation_id)
            | Establishment.visible_through(organisation_id)
        )

    def __str__(self) -> str:
        return f"{self.establishment}: {self.get_field_display()} {self.from_organisation} → {self.to_organisation}"
