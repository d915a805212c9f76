from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.sharing.models import RecordKind


class SubscriptionForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=100, help_text=_("Bijvoorbeeld het systeem dat ontvangt."))
    target_url = forms.CharField(
        label=_("Adres (URL)"), max_length=500, help_text=_("Een https-adres dat POST-berichten aanneemt.")
    )
    kinds = forms.MultipleChoiceField(
        label=_("Soorten gegevens"), choices=RecordKind.choices, widget=forms.CheckboxSelectMultiple
    )


class ReplayForm(forms.Form):
    since = forms.DateTimeField(
        label=_("Opnieuw versturen vanaf"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
