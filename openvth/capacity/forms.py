"""Forms of the capacity pages. They only shape input; the services judge it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.accounts.models import Role, User
from openvth.core.forms import date_field, upload_field
from openvth.rules import quality

from .models import EDUCATIONS, PURPOSES, TASK_AREAS


class StaffForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    roles = forms.MultipleChoiceField(
        label=_("Rollen"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    hours_per_year = forms.IntegerField(label=_("Uren per jaar voor VTH-taken"), min_value=0, max_value=2000)
    active_from = date_field(_("In dienst vanaf"))
    active_to = date_field(_("In dienst tot en met"), required=False)
    account = forms.ModelChoiceField(label=_("Gebruiker in openvth"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        if service is not None:
            self.fields["account"].queryset = User.objects.filter(organisation=service, is_active=True).order_by(
                "last_name", "username"
            )


class CompetenceForm(forms.Form):
    task_area = forms.ChoiceField(label=_("Taakveld"), choices=TASK_AREAS)
    education = forms.ChoiceField(label=_("Opleidingsniveau"), choices=EDUCATIONS)
    training = forms.CharField(label=_("Opleiding en cursussen"), max_length=300, required=False)
    experience_years = forms.DecimalField(
        label=_("Werkervaring in jaren (op de begindatum)"), min_value=0, max_value=60, decimal_places=1
    )
    hours_per_year = forms.IntegerField(label=_("Uren per jaar in dit taakveld"), min_value=0, max_value=2000)
    valid_from = date_field(_("Geldig vanaf"))
    valid_to = date_field(_("Geldig tot en met"), required=False)


class CompetenceEditForm(CompetenceForm):
    task_area = None
    valid_from = None


class CertificateForm(forms.Form):
    name = forms.CharField(label=_("Certificaat"), max_length=200)
    issued_on = date_field(_("Behaald op"))
    expires_on = date_field(_("Geldig tot en met"), required=False)


class ImportForm(forms.Form):
    file = upload_field(_("CSV-bestand"), help_text=_("Dezelfde kolommen als 'openvth capacity import-staff'."))


class CriteriaForm(forms.Form):
    """The criteria of one task area in a new version (the other areas keep their values)."""

    task_area = forms.ChoiceField(label=_("Taakveld"), choices=TASK_AREAS)
    min_qualified = forms.IntegerField(label=_("Minimaal aantal gekwalificeerde medewerkers"), min_value=1)
    education = forms.ChoiceField(label=_("Opleidingsniveau"), choices=EDUCATIONS)
    experience_years = forms.IntegerField(label=_("Werkervaring (jaren)"), min_value=0, max_value=50)
    proficiency_hours = forms.IntegerField(label=_("Uren per jaar om bekwaam te blijven"), min_value=0)
    certificate_required = forms.BooleanField(label=_("Geldig certificaat vereist"), required=False)
    valid_from = date_field(_("Geldig vanaf"))
    note = forms.CharField(label=_("Toelichting"), max_length=2000, required=False, widget=forms.Textarea({"rows": 2}))

    def area_values(self) -> dict:
        return {name.value: self.cleaned_data[name.value] for name in quality.FIELDS}


class GrantForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2020, max_value=2100)
    purpose = forms.ChoiceField(label=_("Doel"), choices=PURPOSES)
    amount = forms.DecimalField(label=_("Toegekend bedrag (€)"), min_value=0, decimal_places=2, max_digits=12)
    reference = forms.CharField(label=_("Beschikking"), max_length=200, required=False)
    description = forms.CharField(label=_("Activiteiten"), required=False, widget=forms.Textarea({"rows": 2}))


class QuarterForm(forms.Form):
    grant = forms.TypedChoiceField(label=_("Uitkering"), coerce=int, choices=())
    year = forms.IntegerField(label=_("Jaar"), min_value=2020, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Kwartaal"), coerce=int, choices=[(q, f"K{q}") for q in range(1, 5)])
    spent = forms.DecimalField(label=_("Besteed (€)"), min_value=0, decimal_places=2, max_digits=12)
    results = forms.CharField(label=_("Resultaten"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, grants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant"].choices = [(g.pk, str(g)) for g in grants]
