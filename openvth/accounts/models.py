from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.core import clock


class Role(models.TextChoices):
    """The roles of the product map (docs/domain.md); the public needs no account."""

    PERMIT_OFFICER = "permit_officer", _("vergunningverlener")
    INSPECTOR = "inspector", _("toezichthouder")
    ENFORCEMENT_LAWYER = "enforcement_lawyer", _("handhavingsjurist")
    MANAGER = "manager", _("manager / directeur")
    AUTHORITY_OFFICIAL = "authority_official", _("medewerker bevoegd gezag")
    CHAIN_PARTNER = "chain_partner", _("ketenpartner")
    PROGRAMME_OFFICE = "programme_office", _("ministerie / programmabureau")
    PUBLICATION_OFFICER = "publication_officer", _("publicatiemedewerker")
    ADMINISTRATOR = "administrator", _("beheerder")


class UserQuerySet(models.QuerySet):
    def select_for_update(self, nowait=False, skip_locked=False, of=(), no_key=False):
        """The user's own row is locked, not its organisation's: PostgreSQL locks no row on the nullable side of the
        outer join that reads the organisation (also in update_or_create)."""
        return super().select_for_update(nowait=nowait, skip_locked=skip_locked, of=of or ("self",), no_key=no_key)


class Users(UserManager):
    """Users with their organisation joined: the signed-in user is read once per request (the session's
    authentication backend asks the default manager), and every page shows its organisation and every scoped read
    asks it (issue 19: one query less on every page)."""

    def get_queryset(self):
        return UserQuerySet(self.model, using=self._db).select_related("organisation")


class User(AbstractUser):
    objects = Users()
    organisation = models.ForeignKey(
        "register.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(max_length=30, choices=Role.choices, blank=True)
    # the identity at an organisation's OpenID Connect provider (issuer + subject), never matched by e-mail address
    oidc_provider = models.ForeignKey(
        "accounts.OidcProvider", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    oidc_subject = models.CharField(_("OIDC-subject"), max_length=255, blank=True)
    date_joined = models.DateTimeField(_("date joined"), default=clock.now)  # AbstractUser's, on the one clock

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["oidc_provider", "oidc_subject"],
                condition=Q(oidc_provider__isnull=False),
                name="accounts_user_one_account_per_oidc_subject",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class SecondFactorPolicy(models.Model):
    """Where a second factor (TOTP) is compulsory after the password: an organisation (or every organisation), for
    all its roles or only the roles listed. A user is asked for it when any policy covers them."""

    organisation = models.ForeignKey(
        "register.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisatie"),
        help_text=_("Leeg: elke organisatie."),
    )
    roles = models.JSONField(
        _("rollen"), default=list, blank=True, help_text=_("Rolcodes; leeg: elke rol van de organisatie.")
    )

    class Meta:
        verbose_name = _("verplichte tweestapsverificatie")
        verbose_name_plural = _("verplichte tweestapsverificatie")

    def __str__(self) -> str:
        where = self.organisation.name if self.organisation else _("elke organisatie")
        roles = ", ".join(str(Role(role).label) for role in self.roles if role in Role.values) or _("elke rol")
        return f"{where}: {roles}"

    def covers(self, user) -> bool:
        return (self.organisation_id is None or self.organisation_id == user.organisation_id) and (
            not self.roles or user.role in self.roles
        )


class OidcProvider(models.Model):
    """An organisation's identity provider (Entra ID, Keycloak, ADFS) for OpenID Connect sign-in; only the
    installation's administrator configures it (Django admin)."""

    slug = models.SlugField(_("code in de URL"), unique=True)
    name = models.CharField(_("naam op de inlogknop"), max_length=100, help_text=_("Bijv. 'Gemeente Delfzijl'."))
    is_active = models.BooleanField(_("actief"), default=True)
    organisations = models.ManyToManyField(
        "register.Organisation",
        related_name="+",
        verbose_name=_("organisaties"),
        help_text=_("De organisaties waarvan deze provider gebruikers mag aanmelden."),
    )
    issuer = models.URLField(_("issuer"), help_text=_("Moet gelijk zijn aan de claim 'iss' van het ID-token."))
    authorization_endpoint = models.URLField(_("authorization endpoint"))
    token_endpoint = models.URLField(_("token endpoint"))
    userinfo_endpoint = models.URLField(_("userinfo endpoint"), blank=True)
    jwks_uri = models.URLField(_("JWKS-URI"))
    end_session_endpoint = models.URLField(
        _("end session endpoint"),
        blank=True,
        help_text=_("Waar uitloggen ook de sessie bij de provider beëindigt; leeg: alleen uitloggen bij openvth."),
    )
    sign_algorithm = models.CharField(_("ondertekening ID-token"), max_length=10, default="RS256")
    client_id = models.CharField(_("client id"), max_length=255)
    client_secret = models.CharField(_("client secret"), max_length=255)
    scopes = models.CharField(_("scopes"), max_length=255, default="openid email profile")
    username_claim = models.CharField(_("claim gebruikersnaam"), max_length=100, default="preferred_username")
    organisation_claim = models.CharField(
        _("claim organisatie"),
        max_length=100,
        blank=True,
        help_text=_("Claim met de organisatiecode (bijv. GM0363); leeg: de enige organisatie van deze provider."),
    )
    role_claim = models.CharField(_("claim rol"), max_length=100, default="roles")
    role_map = models.JSONField(
        _("rollen"),
        default=dict,
        blank=True,
        help_text=_(
            'Waarde in de claim → rolcode, bijv. {"VTH-Toezicht": "inspector"}; leeg: de claim bevat rolcodes.'
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("OpenID Connect-provider")
        verbose_name_plural = _("OpenID Connect-providers")

    def __str__(self) -> str:
        return self.name


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked__isnull=True, expires__gt=clock.now(), user__is_active=True)


class ApiToken(models.Model):
    """A key for the API (`Authorization: Token <key>`): shown once when made, stored only as its SHA-256 digest,
    valid until it expires or is revoked."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        _("naam"), max_length=100, help_text=_("Waarvoor de token dient, bijv. 'koppeling zaaksysteem'.")
    )
    prefix = models.CharField(_("begin van de sleutel"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(_("gemaakt"))
    expires = models.DateTimeField(_("verloopt"))
    revoked = models.DateTimeField(_("ingetrokken"), null=True, blank=True)
    last_used = models.DateField(_("laatst gebruikt"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked is None and self.expires > clock.now()
