"""Forms of the regional plan pages. They only shape input; the services judge it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.core.forms import date_field
from openvth.register.models import Organisation

from .models import PlanGoal

# the estimate counts only where the system knows nothing (openvth.rules.regional_plan.needed_hours)
WITHOUT_DATA = _(
    "Telt alleen als er geen prognose en geen geregistreerde uren zijn: anders rekent het plan met de normuren "
    "maal het verwachte aantal of met de geregistreerde uren van vorig jaar."
)


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(label=_("Toelichting"), widget=forms.Textarea, required=False)
    permit_hours = forms.IntegerField(
        label=_("Uren vergunningverlening (raming)"), min_value=0, max_value=1_000_000, required=False,
        help_text=WITHOUT_DATA,
    )  # fmt: skip
    enforcement_hours = forms.IntegerField(
        label=_("Uren handhaving (raming)"), min_value=0, max_value=1_000_000, required=False,
        help_text=WITHOUT_DATA,
    )  # fmt: skip


class NewPlanForm(PlanForm):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    field_order = ["year", "title", "summary", "permit_hours", "enforcement_hours"]


class GoalForm(forms.Form):
    description = forms.CharField(label=_("Doel"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Soort doel"), choices=PlanGoal.Kind.choices)
    risk_category = forms.IntegerField(
        label=_("Risicocategorie"), min_value=1, max_value=9, required=False, help_text=_("Bij inspecties.")
    )
    target = forms.DecimalField(label=_("Streefwaarde"), min_value=0, decimal_places=1, max_digits=8)
    unit = forms.CharField(label=_("Eenheid"), max_length=40, help_text=_("Bijv. inspecties of %."))


class AdoptionForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Bestuursorgaan"), queryset=Organisation.objects.none())
    decided_on = date_field(_("Datum besluit"))
    decision_reference = forms.CharField(label=_("Kenmerk besluit"), max_length=200)

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = Organisation.objects.filter(pk__in=[a.pk for a in authorities])
