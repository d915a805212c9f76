"""Forms of the planning pages: the risk table, a programme, a planned visit, planning days. They only shape input;
the services check the rules."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openvth.core.forms import date_field
from openvth.rules import risk

from ..models import Inspection, Programme
from ..selectors import planning as selectors

MONTH_NAMES = (
    gettext_lazy("januari"), gettext_lazy("februari"), gettext_lazy("maart"), gettext_lazy("april"),
    gettext_lazy("mei"), gettext_lazy("juni"), gettext_lazy("juli"), gettext_lazy("augustus"),
    gettext_lazy("september"), gettext_lazy("oktober"), gettext_lazy("november"), gettext_lazy("december"),
)  # fmt: skip
MONTHS = list(enumerate(MONTH_NAMES, start=1))


class RiskTableForm(forms.Form):
    """One number per weight, bound, interval and visit duration; the rule module judges the whole table."""

    valid_from = date_field(gettext_lazy("Geldig vanaf"))
    note = forms.CharField(label=gettext_lazy("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, table: risk.RiskTable, **kwargs):
        super().__init__(*args, **kwargs)
        stored = risk.table_to_dict(table)
        for criterion in risk.IMPACT_CRITERIA + risk.PERFORMANCE_CRITERIA:
            part = "impact_weights" if criterion in risk.IMPACT_CRITERIA else "performance_weights"
            label = risk.CRITERION_LABELS.get(criterion, _("milieuzorgsysteem"))
            self.fields[f"w_{criterion}"] = forms.FloatField(
                label=_("Gewicht %(c)s") % {"c": label}, min_value=0, initial=stored[part][criterion]
            )
        for index, bound in enumerate(stored["category_thresholds"]):
            self.fields[f"t_{index}"] = forms.FloatField(
                label=_("Laagste score categorie %(n)s") % {"n": index + 2}, initial=bound
            )
        for category in risk.Category:
            key = str(category.value)
            self.fields[f"i_{key}"] = forms.IntegerField(
                label=_("Interval categorie %(n)s (maanden)") % {"n": key}, initial=stored["interval_months"][key]
            )
            self.fields[f"h_{key}"] = forms.FloatField(
                label=_("Bezoekduur categorie %(n)s (uren)") % {"n": key}, initial=stored["visit_hours"][key]
            )

    def table(self) -> dict:
        data = self.cleaned_data
        return {
            "impact_weights": {c: data[f"w_{c}"] for c in risk.IMPACT_CRITERIA},
            "performance_weights": {c: data[f"w_{c}"] for c in risk.PERFORMANCE_CRITERIA},
            "category_thresholds": [data[f"t_{i}"] for i in range(3)],
            "interval_months": {str(c.value): data[f"i_{c.value}"] for c in risk.Category},
            "visit_hours": {str(c.value): data[f"h_{c.value}"] for c in risk.Category},
        }


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Jaar"), min_value=2000, max_value=2100)
    capacity_hours = forms.IntegerField(
        label=gettext_lazy("Capaciteit (uren toezicht)"),
        min_value=0,
        required=False,
        help_text=gettext_lazy("Leeg: de uren van alle bezoeken die dat jaar nodig zijn."),
    )


class VisitForm(forms.Form):
    month = forms.TypedChoiceField(label=gettext_lazy("Maand"), choices=MONTHS, coerce=int)
    planned_on = date_field(gettext_lazy("Dag"), required=False)
    inspector = forms.TypedChoiceField(
        label=gettext_lazy("Toezichthouder"), coerce=int, empty_value=None, required=False
    )
    postponed = forms.BooleanField(label=gettext_lazy("Uitgesteld"), required=False)

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = {u.pk: u for u in selectors.inspectors(programme)}
        self.fields["inspector"].choices = [("", "—"), *((pk, str(u)) for pk, u in self.staff.items())]

    def clean_inspector(self):
        pk = self.cleaned_data["inspector"]
        return None if pk is None else self.staff[pk]


class NewVisitForm(VisitForm):
    kvk_vestigingsnummer = forms.CharField(label=gettext_lazy("Vestigingsnummer"), max_length=20)
    kind = forms.ChoiceField(label=gettext_lazy("Soort"), choices=Inspection.Kind.choices)

    field_order = ["kvk_vestigingsnummer", "kind", "month", "planned_on", "inspector"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["postponed"]


class PlanDaysForm(forms.Form):
    month = forms.TypedChoiceField(label=gettext_lazy("Maand"), choices=MONTHS, coerce=int)
