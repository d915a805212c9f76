"""Forms of the administration pages. They only shape input; the checks run in openvth.administration.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.forms import date_field
from openvth.enforcement.models import Letter
from openvth.register.models import DecisionType, Organisation

REQUIRED = {"required": _("Dit veld is verplicht.")}
CHOICE = {"required": _("Dit veld is verplicht."), "invalid_choice": _("Kies een waarde uit de lijst.")}


class _UserFields(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, error_messages=REQUIRED)
    email = forms.CharField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages=REQUIRED,
        help_text=_("Hierheen gaat de link waarmee de gebruiker een wachtwoord instelt."),
        widget=forms.EmailInput(),
    )
    role = forms.ChoiceField(label=_("Rol"), error_messages=CHOICE)
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.order_by("name"), required=False, error_messages=CHOICE
    )

    def __init__(self, *args, roles, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("— kies een rol —")), *roles]
        if not national:
            del self.fields["organisation"]


class UserCreateForm(_UserFields):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        error_messages=REQUIRED,
        help_text=_("Letters, cijfers en @ . + - _; niet te wijzigen."),
    )
    field_order = ["username", "first_name", "last_name", "email", "role", "organisation"]


class UserEditForm(_UserFields):
    pass


class MandateForm(forms.Form):
    holder = forms.ModelChoiceField(label=_("Medewerker"), queryset=None, error_messages=CHOICE)
    authority = forms.ModelChoiceField(label=_("Namens (bevoegd gezag)"), queryset=None, error_messages=CHOICE)
    decision_type = forms.ChoiceField(
        label=_("Besluitsoort"), choices=[("", _("— kies —")), *DecisionType.choices], error_messages=CHOICE
    )
    valid_from = date_field(_("Geldig vanaf"))
    valid_to = date_field(_("Geldig tot en met"), required=False, help_text=_("Leeg: zonder einddatum."))
    max_amount = forms.DecimalField(
        label=_("Tot een bedrag van (€)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        localize=True,
        help_text=_("Bovengrens van het mandaat, bijv. voor boetes en dwangsommen; leeg: geen bovengrens."),
        error_messages={
            "invalid": _("Vul een bedrag in, bijvoorbeeld 5000,00."),
            "min_value": _("Het bedrag kan niet negatief zijn."),
            "max_digits": _("Het bedrag is te hoog."),
            "max_decimal_places": _("Ten hoogste twee cijfers achter de komma."),
            "max_whole_digits": _("Het bedrag is te hoog."),
        },
    )
    reference = forms.CharField(label=_("Mandaatbesluit"), required=False, max_length=200)

    def __init__(self, *args, holders, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = holders
        self.fields["authority"].queryset = authorities
        self.fields["valid_from"].error_messages["required"] = _("Vul de begindatum in.")
        if not self.is_bound:
            self.initial.setdefault("valid_from", clock.today())


class EndMandateForm(forms.Form):
    valid_to = date_field(_("Laatste dag van het mandaat"))
    note = forms.CharField(label=_("Reden"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_to"].error_messages["required"] = _("Vul de laatste dag in.")


class PlacementForm(forms.Form):
    placed = forms.BooleanField(label=_("Belegd"), required=False)
    since = date_field(_("Sinds"), required=False)
    mandate_reference = forms.CharField(label=_("Mandaatbesluit"), required=False, max_length=200)


class LetterTemplateForm(forms.Form):
    body = forms.CharField(
        label=_("Tekst van het sjabloon"),
        error_messages={"required": _("De tekst van het sjabloon is leeg.")},
        widget=forms.Textarea(attrs={"rows": 24, "class": "code"}),
        help_text=_(
            "Variabelen tussen {{ }}, bijvoorbeeld {{ company.name }}, {{ establishment.address }}, "
            '{{ authority.name }}, {{ sanction.term_end|date:"j F Y" }}.'
        ),
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.kind_label = Letter.Kind(kind).label


class ChecklistItemForm(forms.Form):
    text = forms.CharField(label=_("Controlepunt"), max_length=500, error_messages=REQUIRED)
    rule_hint = forms.CharField(label=_("Grondslag"), required=False, max_length=200)


class NewVersionForm(forms.Form):
    valid_from = date_field(_("Nieuwe versie geldig vanaf"))


class AuditFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort gegeven"), required=False)
    gebruiker = forms.ModelChoiceField(label=_("Gewijzigd door"), queryset=None, required=False)
    van = date_field(_("Vanaf"), required=False)
    tot = date_field(_("Tot en met"), required=False)

    def __init__(self, *args, kinds, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("alle soorten")), *kinds]
        self.fields["soort"].error_messages["invalid_choice"] = _("Kies een soort uit de lijst.")
        self.fields["gebruiker"].queryset = users
        self.fields["gebruiker"].empty_label = _("iedereen")
        self.fields["gebruiker"].error_messages["invalid_choice"] = _("Kies een gebruiker uit de lijst.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("van") and cleaned.get("tot") and cleaned["tot"] < cleaned["van"]:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        return cleaned
