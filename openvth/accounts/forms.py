from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

TOKEN_DAYS = (30, 90, 180, 365)


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De zes cijfers uit uw authenticator-app, of een van uw reservecodes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"), max_length=100, help_text=_("Waarvoor dient de token? Bijv. 'koppeling zaaksysteem'.")
    )
    days = forms.TypedChoiceField(label=_("Geldig"), coerce=int, initial=90)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = [d for d in TOKEN_DAYS if d <= settings.API_TOKEN_MAX_DAYS] or [settings.API_TOKEN_MAX_DAYS]
        self.fields["days"].choices = [(d, _("%(days)s dagen") % {"days": d}) for d in days]
