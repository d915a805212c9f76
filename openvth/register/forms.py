"""Forms of the register UI. They only shape input; the format rules run in the services (openvth.rules)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Company, Establishment, Organisation


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een vestiging"),
        required=False,
        max_length=200,
        help_text=_("Naam, KvK-nummer, vestigingsnummer, postcode met huisnummer, of plaats."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )


def _organisations(*kinds: str):
    return Organisation.objects.filter(kind__in=kinds).order_by("name")


class EstablishmentFields(forms.Form):
    """What identifies an establishment and where it is: the fields the establishment form and the intake's proposal
    share. Postcode, numbers and coordinates are checked by the register's services, so that the UI, the API and
    imports give the same Dutch errors."""

    service_aliases = {"rd_y": "rd_x"}  # a coordinate pair's error goes on its first field (core.forms)

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
    rd_x = forms.FloatField(label=_("RD x (meter)"), required=False, localize=True)
    rd_y = forms.FloatField(label=_("RD y (meter)"), required=False, localize=True)
    is_home_address = forms.BooleanField(label=_("Woonadres (eenmanszaak aan huis)"), required=False)


class EstablishmentForm(EstablishmentFields):
    """The editable fields of an establishment. The competent authority and the supervising service are shown, not
    edited: they change only by a hand-over the receiving organisation accepts."""

    name = forms.CharField(label=_("Naam"), max_length=200)
    ied = forms.BooleanField(label=_("IED-installatie"), required=False)
    brzo_tier = forms.ChoiceField(label=_("Brzo/Seveso"), choices=Establishment.BrzoTier.choices, required=False)
    field_order = ["name", *EstablishmentFields.base_fields, "ied", "brzo_tier", "is_home_address"]

    @classmethod
    def initial_from(cls, establishment: Establishment) -> dict:
        return {name: getattr(establishment, name) for name in cls.base_fields}


class MergeForm(forms.Form):
    """Duplicates chosen to merge into the establishment on the page; `confirmed` is set by the second step."""

    duplicates = forms.ModelMultipleChoiceField(
        label=_("Samen te voegen vestigingen"),
        queryset=Establishment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één vestiging om samen te voegen.")},
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicates"].queryset = candidates


class CompanyForm(forms.Form):
    """The editable fields of a company; the KvK number's format and uniqueness are checked by the service."""

    kvk_number = forms.CharField(label=_("KvK-nummer"), max_length=20, help_text=_("8 cijfers."))
    name = forms.CharField(label=_("Naam"), max_length=200)
    legal_form = forms.ChoiceField(label=_("Rechtsvorm"), choices=Company.LegalForm.choices)

    @classmethod
    def initial_from(cls, company: Company) -> dict:
        return {name: getattr(company, name) for name in cls.base_fields}


class CompanyMergeForm(forms.Form):
    """Companies chosen to merge into the company on the page; the reason when their KvK numbers differ;
    `confirmed` is set by the confirmation step."""

    duplicates = forms.ModelMultipleChoiceField(
        label=_("Samen te voegen bedrijven"),
        queryset=Company.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies ten minste één bedrijf om samen te voegen."),
            "invalid_choice": _("Bedrijf %(value)s bestaat niet, is al samengevoegd of u kunt het niet zien."),
            "invalid_pk_value": _("“%(pk)s” is geen bedrijfsnummer."),
        },
    )
    reason = forms.CharField(
        label=_("Reden van het samenvoegen"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als de KvK-nummers verschillen, bijvoorbeeld: verkeerd ingevoerd nummer."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicates"].queryset = candidates
