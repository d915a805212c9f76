"""Forms of the IBP VTH pages. They only shape input; the services judge it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ProgrammeAction, ProgrammeReport

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # the seed letter is 60 kB


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=ProgrammeAction.Status.choices)
    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom wijkt de status af van de rapportage? Komt in de historie van de actie."),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Voortgangsrapportage"),
        help_text=_("Tekstbestand (UTF-8) met de voortgangstabel: tab-gescheiden rijen onder de kopregel Aanbeveling."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 2 MB."))
        return upload


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
