from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Delivery, Kind


class PreferencesForm(forms.Form):
    """Per kind the user can receive: the e-mail at once or in the daily digest; for terms, how many days ahead."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for preference in selectors.preferences(user):
            kind = Kind(preference.kind)
            self.fields[f"{kind}-delivery"] = forms.ChoiceField(
                label=kind.label.capitalize(), choices=Delivery.choices, initial=preference.delivery,
                widget=forms.RadioSelect,
            )  # fmt: skip
            if kind == Kind.TERM_EXPIRING:
                self.fields[f"{kind}-days_before"] = forms.IntegerField(
                    label=_("Herinner mij dit aantal dagen voor het einde van een termijn"),
                    initial=preference.days_before, min_value=1, max_value=60,
                )  # fmt: skip

    def choices(self) -> dict[str, tuple[str, int]]:
        data = self.cleaned_data
        return {
            name.removesuffix("-delivery"): (value, data.get(f"{name.removesuffix('-delivery')}-days_before") or 7)
            for name, value in data.items()
            if name.endswith("-delivery")
        }
