from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of product.md; the public needs no account."""

    PERMIT_OFFICER = "permit_officer", _("vergunningverlener")
    INSPECTOR = "inspector", _("toezichthouder")
    ENFORCEMENT_LAWYER = "enforcement_lawyer", _("handhavingsjurist")
    MANAGER = "manager", _("manager / directeur")
    AUTHORITY_OFFICIAL = "authority_official", _("medewerker bevoegd gezag")
    CHAIN_PARTNER = "chain_partner", _("ketenpartner")
    PROGRAMME_OFFICE = "programme_office", _("ministerie / programmabureau")
    PUBLICATION_OFFICER = "publication_officer", _("publicatiemedewerker")
    ADMINISTRATOR = "administrator", _("beheerder")


class User(AbstractUser):
    organisation = models.ForeignKey(
        "register.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(max_length=30, choices=Role.choices, blank=True)

    def __str__(self) -> str:
        return self.get_full_name() or self.username
