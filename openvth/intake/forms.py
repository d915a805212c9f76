"""Forms of the intake UI. They only shape input; the register's services check every format and the duplicates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.register.models import Company, Organisation


def _organisations(*kinds: str):
    return Organisation.objects.filter(kind__in=kinds).order_by("name")


class ProposalForm(forms.Form):
    """The new establishment as the request's proposal describes it, for the permit officer to correct and save.
    The company is the one the register has with the KvK number; the legal form and company name are only used
    when there is none yet."""

    service_aliases = {"rd_y": "rd_x"}  # a coordinate pair's error goes on its first field (core.forms)

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
    kvk_vestigingsnummer = forms.CharField(label=_("Vestigingsnummer"), max_length=20, help_text=_("12 cijfers (KvK)."))
    bag_nummeraanduiding_id = forms.CharField(
        label=_("BAG-nummeraanduiding-id"), max_length=20, required=False, help_text=_("16 cijfers.")
    )
    street = forms.CharField(label=_("Straat"), max_length=200)
    house_number = forms.CharField(label=_("Huisnummer"), max_length=10)
    house_number_suffix = forms.CharField(label=_("Toevoeging"), max_length=10, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, help_text=_("Bijvoorbeeld 1234 AB."))
    place = forms.CharField(label=_("Plaats"), max_length=100)
    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=_organisations(Organisation.Kind.MUNICIPALITY))
    competent_authority = forms.ModelChoiceField(
        label=_("Bevoegd gezag"), queryset=_organisations(*Organisation.AUTHORITY_KINDS)
    )
    rd_x = forms.FloatField(label=_("RD x (meter)"), required=False, localize=True)
    rd_y = forms.FloatField(label=_("RD y (meter)"), required=False, localize=True)
    is_home_address = forms.BooleanField(label=_("Woonadres (eenmanszaak aan huis)"), required=False)
    also_if_duplicates = forms.BooleanField(
        label=_("Toch een nieuwe vestiging vastleggen, ook al lijkt die op een bestaande"), required=False
    )
