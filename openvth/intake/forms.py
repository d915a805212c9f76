"""Forms of the intake UI. They only shape input; the register's services check every format and the duplicates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.register.forms import EstablishmentFields
from openvth.register.models import Company, Organisation


class ProposalForm(EstablishmentFields):
    """The new establishment as the request's proposal describes it, for the permit officer to correct and save.
    The company is the one the register has with the KvK number; the legal form and company name are only used
    when there is none yet."""

    name = forms.CharField(label=_("Naam van de vestiging"), max_length=200)
    kvk_number = forms.CharField(label=_("KvK-nummer"), max_length=20, help_text=_("8 cijfers."))
    company_name = forms.CharField(
        label=_("Naam van het bedrijf"),
        max_length=200,
        required=False,
        help_text=_("Alleen als het register nog geen bedrijf met dit KvK-nummer heeft (statutaire naam)."),
    )
    legal_form = forms.ChoiceField(
        label=_("Rechtsvorm"),
        choices=[("", "—"), *Company.LegalForm.choices],
        required=False,
        help_text=_("Alleen als het register nog geen bedrijf met dit KvK-nummer heeft."),
    )
    competent_authority = forms.ModelChoiceField(
        label=_("Bevoegd gezag"),
        queryset=Organisation.objects.filter(kind__in=Organisation.AUTHORITY_KINDS).order_by("name"),
    )
    also_if_duplicates = forms.BooleanField(
        label=_("Toch een nieuwe vestiging vastleggen, ook al lijkt die op een bestaande"), required=False
    )
