"""The filters of Mijn agenda: period, kind and status of the visits listed. They only shape input."""

from django import forms
from django.utils.translation import gettext_lazy

from ..models import Inspection

PERIOD_LABELS = {
    "later": gettext_lazy("na deze week"),
    "overdue": gettext_lazy("achterstallig"),
    "month": gettext_lazy("deze maand"),
    "next_month": gettext_lazy("volgende maand"),
    "all": gettext_lazy("alles"),
}
STATUS_LABELS = {
    "open": gettext_lazy("nog te doen"),
    "planned": gettext_lazy("gepland"),
    "started": gettext_lazy("in uitvoering"),
    "done": gettext_lazy("uitgevoerd"),
    "all": gettext_lazy("alle"),
}


class AgendaFilterForm(forms.Form):
    periode = forms.ChoiceField(label=gettext_lazy("Periode"), choices=list(PERIOD_LABELS.items()), required=False)
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"), choices=[("", gettext_lazy("alle soorten")), *Inspection.Kind.choices],
        required=False,
    )  # fmt: skip
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=list(STATUS_LABELS.items()), required=False)
