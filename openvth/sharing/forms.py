"""Forms of the sharing pages; the rules run in the services and selectors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.core.forms import date_field
from openvth.register.models import Organisation

from .models import Purpose, RecordKind


class PurposeForm(forms.Form):
    """What a reader states before the chain dossier opens (docs/domain.md §7: use limited to the supervisory task)."""

    purpose = forms.ChoiceField(
        label=_("Doel van de raadpleging"),
        choices=[("", _("Kies een doel")), *Purpose.choices],
        error_messages={"required": _("Geef het doel op waarvoor u het ketendossier raadpleegt.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld het zaaknummer of de geplande inspectie. Wordt met de raadpleging vastgelegd."),
    )


class AgreementForm(forms.Form):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partnerorganisaties"),
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Gedeelde gegevens"), choices=RecordKind.choices, widget=forms.CheckboxSelectMultiple
    )
    purpose_code = forms.ChoiceField(label=_("Doel"), choices=[("", _("Kies een doel")), *Purpose.choices])
    purpose = forms.CharField(label=_("Omschrijving doel"), widget=forms.Textarea(attrs={"rows": 3}))
    valid_from = date_field(_("Geldig vanaf"))
    valid_to = date_field(_("Geldig tot en met"), required=False)

    def __init__(self, *args, owner_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.exclude(pk=owner_id)


class LogFilterForm(forms.Form):
    date_from = date_field(_("Vanaf"), required=False)
    date_to = date_field(_("Tot en met"), required=False)
