"""Forms of the IBP VTH pages. They only shape input; the services judge it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.core.forms import upload_field

from .models import ProgrammeAction, ProgrammeReport


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=ProgrammeAction.Status.choices)
    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom wijkt de status af van de rapportage? Komt in de historie van de actie."),
    )


class UploadForm(forms.Form):
    # the seed letter's progress table is 60 kB
    file = upload_field(
        _("Voortgangsrapportage"),
        help_text=_("Tekstbestand (UTF-8) met de voortgangstabel: tab-gescheiden rijen onder de kopregel Aanbeveling."),
    )


class DiffForm(forms.Form):
    older = forms.ModelChoiceField(label=_("Van rapportage"), queryset=ProgrammeReport.objects.none())
    newer = forms.ModelChoiceField(label=_("Naar rapportage"), queryset=ProgrammeReport.objects.none())

    def __init__(self, *args, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["older"].queryset = self.fields["newer"].queryset = reports

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("older") and cleaned.get("older") == cleaned.get("newer"):
            raise forms.ValidationError(_("Kies twee verschillende rapportages."))
        return cleaned
