"""The form of the export for a data subject's request (inzageverzoek)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import subjects


class SubjectExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Zoeken op"), choices=list(subjects.KEY_KINDS.items()))
    value = forms.CharField(
        label=_("Gegeven van de betrokkene"),
        max_length=200,
        help_text=_("Precies zoals de betrokkene het opgeeft; schrijfwijzen van telefoonnummers worden gelijkgesteld."),
    )
    reference = forms.CharField(
        label=_("Kenmerk van het verzoek"),
        max_length=200,
        help_text=_("Bijvoorbeeld het zaaknummer van het inzageverzoek. Wordt met de export vastgelegd."),
        error_messages={"required": _("Geef het kenmerk van het inzageverzoek op.")},
    )
    format = forms.ChoiceField(label=_("Formaat"), choices=[("json", "JSON"), ("csv", "CSV")], initial="json")

    def clean(self):
        data = super().clean()
        kind, value = data.get("kind"), data.get("value")
        if kind and value and not subjects.normalise(kind, value):
            self.add_error("value", _("Dit gegeven bevat niets om op te zoeken."))
        return data
