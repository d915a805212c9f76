"""Forms of the enforcement pages. They only shape input; the rules run in the services (openvth.rules)."""

import json

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.forms import date_field
from openvth.rules import enforcement_events as events
from openvth.rules import lhso

from .models import LhsoDecision, Objection, Sanction, TermUnit

# the labels of the steps and log entries, from the events' specification
EVENT_LABELS = {**{event: spec.label for event, spec in events.EVENTS.items()}, **events.LOG_LABELS}
ROUTE_LABELS = {
    "herstel": _("herstel (last onder dwangsom of bestuursdwang)"),
    "boete": _("bestuurlijke boete"),
    "strafrecht": _("strafrecht (strafbeschikking of proces-verbaal)"),
    "bezwaar": _("bezwaar"),
}


def _money(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=12, decimal_places=2, min_value=0, **kwargs)


def _fields(event: str, route: str) -> dict[str, forms.Field]:
    """The input an event needs besides its date and note; defaults come from the authority's policy."""
    fields: dict[str, forms.Field] = {}
    inputs = events.spec(event).inputs
    if "term_amount" in inputs:
        help_text = _("Leeg: de termijn uit het beleid van het bevoegd gezag.")
        fields["term_amount"] = forms.IntegerField(label=_("Termijn"), min_value=1, required=False, help_text=help_text)
        fields["term_unit"] = forms.ChoiceField(
            label=_("Eenheid"), choices=TermUnit.choices, initial=TermUnit.WEEKS, required=False
        )
    if event == "voornemen_verzenden" and route == "herstel":
        choices = [(k, lhso.INTERVENTION_LABELS[k]) for k in ("last_onder_dwangsom", "last_onder_bestuursdwang")]
        fields["intended"] = forms.ChoiceField(label=_("Aangekondigde sanctie"), choices=choices)
    if event == "last_onder_dwangsom_opleggen":
        basis = [("", _("volgens beleid")), *[c for c in Sanction.Basis.choices if c[0]]]
        fields["amount"] = _money(_("Bedrag (€)"), required=False, help_text=_("Leeg: volgens beleid."))
        fields["basis"] = forms.ChoiceField(label=_("Per"), choices=basis, required=False)
        fields["maximum"] = _money(_("Maximum (€)"), required=False, help_text=_("Awb 5:32b; leeg: volgens beleid."))
    if event in ("last_onder_bestuursdwang_opleggen", "spoedeisende_last_opleggen", "spoedeisende_bestuursdwang"):
        fields["measures"] = forms.CharField(label=_("Maatregelen"), widget=forms.Textarea(attrs={"rows": 3}))
    if event in ("last_onder_bestuursdwang_opleggen", "spoedeisende_last_opleggen"):
        fields["cost_recovery"] = forms.BooleanField(label=_("Kosten verhalen"), required=False, initial=True)
    if event == "verbeuren":
        fields["units"] = forms.IntegerField(label=_("Aantal dagen, weken of overtredingen"), min_value=1, initial=1)
    if event == "kosten_verhalen":
        fields["costs"] = _money(_("Kosten (€)"))
    if event == "gedogen":
        fields["scope"] = forms.CharField(label=_("Wat wordt gedoogd"), widget=forms.Textarea(attrs={"rows": 2}))
        fields["valid_to"] = date_field(_("Gedoogd tot en met"))
        fields["legalisation_prospect"] = forms.CharField(
            label=_("Concreet zicht op legalisatie"), widget=forms.Textarea(attrs={"rows": 2})
        )
    if event == "rapport_opmaken":
        fields["boete_maximum"] = _money(_("Wettelijk maximum van de boete (€)"))
        fields["adjourned"] = forms.BooleanField(label=_("Beslistermijn verdaagd (Awb 5:51 lid 2)"), required=False)
    if event in ("boete_opleggen", "strafbeschikking_uitvaardigen"):
        fields["amount"] = _money(_("Bedrag (€)"))
    if event == "boete_opleggen":
        fields["to_blame"] = forms.BooleanField(
            label=_("De overtreder valt iets te verwijten (Awb 5:41)"), required=False, initial=True
        )
        fields["hearing_started"] = forms.BooleanField(
            label=_("Strafzaak al ter terechtzitting (Awb 5:44)"), required=False
        )
    if event == "hercontrole_uitvoeren":
        fields["planned_on"] = date_field(_("Datum herinspectie"))
    if "deviation_reason" in inputs:
        fields["deviation_reason"] = forms.CharField(
            label=_("Motivering afwijking van het beleidsbedrag (Awb 5:46 lid 3)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    if "weeks" in inputs:
        fields["weeks"] = forms.IntegerField(label=_("Weken uitstel"), min_value=1)
    if "consent" in inputs:
        fields["consent"] = forms.BooleanField(label=_("De indiener stemt in met het uitstel"), required=False)
    if event == "proces_verbaal_opmaken":
        fields["reference"] = forms.CharField(label=_("Nummer proces-verbaal"), max_length=100, required=False)
    if event == "beslissen":
        choices = [c for c in Objection.Outcome.choices if c[0]]
        fields["outcome"] = forms.ChoiceField(label=_("Uitkomst"), choices=choices)
    return fields


class TransitionForm(forms.Form):
    on = date_field(_("Datum"))
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self, *args, event: str, route: str, intended=(), planned_on=None, term_end=None, **kwargs
    ):  # fmt: skip
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields.update(_fields(event, route))
        self.initial.setdefault("on", clock.today())
        self.label = EVENT_LABELS.get(event, event)
        if "intended" in self.fields and intended:  # only the sanctions the user holds a mandate for
            self.fields["intended"].choices = [c for c in self.fields["intended"].choices if c[0] in intended]
        if "planned_on" in self.fields:  # planning is done today; the visit is on a day to come, after the term
            del self.fields["on"]
            self.initial.setdefault("planned_on", planned_on)
            if term_end is not None:
                self.fields["planned_on"].help_text = _(
                    "Vandaag of later, na afloop van de termijn op %(day)s (tot en met die dag mag de overtreder nog "
                    "voldoen)."
                ) % {"day": date_format(term_end, "j F Y")}
            else:
                self.fields["planned_on"].help_text = _("Vandaag of later.")

    def params(self) -> dict:
        """The cleaned input as the service takes it; empty optional fields are left to the policy."""
        values = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if "term_amount" not in values:
            values.pop("term_unit", None)
        return values


class InspectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        found = _("overtreding voortgezet") if obj.findings.exists() else _("geen overtreding meer")
        return _("Inspectie van %(day)s (nr. %(pk)s): %(found)s") % {
            "day": date_format(obj.performed_on, "j F Y"),
            "pk": obj.pk,
            "found": found,
        }


class ReinspectionForm(forms.Form):
    """ "Herinspectie uitgevoerd": the performed, closed inspection of the establishment after the term."""

    inspection = InspectionChoiceField(label=_("Uitgevoerde herinspectie"), queryset=None, empty_label=None)
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = candidates
        self.label = EVENT_LABELS[events.REINSPECTION_PERFORMED]
        self.event = events.REINSPECTION_PERFORMED


class ClassifyForm(forms.Form):
    """LHSO steps 1-2: consequences (prefilled from the finding), behaviour, aggravating and mitigating aspects."""

    consequences = forms.TypedChoiceField(
        label=_("Gevolgen"), coerce=int, choices=list(lhso.CONSEQUENCE_LABELS.items()), widget=forms.RadioSelect
    )
    behaviour = forms.ChoiceField(
        label=_("Gedrag"), choices=list(lhso.BEHAVIOUR_LABELS.items()), widget=forms.RadioSelect
    )
    aspects = forms.MultipleChoiceField(
        label=_("Verzwarende aspecten"), required=False, widget=forms.CheckboxSelectMultiple
    )
    mitigating = forms.MultipleChoiceField(
        label=_("Verzachtende omstandigheden"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, table: lhso.LhsoTable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspects"].choices = list(table.aspects.items())
        self.fields["mitigating"].choices = list(table.mitigating.items())


class RecordForm(forms.Form):
    """LHSO steps 3-5: the chosen interventions, reasons for a deviation, and the consultation held."""

    chosen = forms.MultipleChoiceField(
        label=_("Gekozen interventies"),
        choices=list(lhso.INTERVENTION_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    reasons = forms.CharField(
        label=_("Motivering bij afwijken van de matrix"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    consultation_partner = forms.ChoiceField(
        label=_("Overleg gevoerd met"), choices=LhsoDecision.Partner.choices, required=False
    )
    consultation_held_on = date_field(_("Overleg gevoerd op"), required=False)
    consultation_outcome = forms.CharField(
        label=_("Uitkomst van het overleg"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OpenCaseForm(forms.Form):
    route = forms.ChoiceField(label=_("Route"), choices=[])
    violation_type = forms.ChoiceField(label=_("Soort overtreding (beleid)"), required=False, choices=[])
    also_crime = forms.BooleanField(label=_("Het feit is ook een strafbaar feit (una via)"), required=False)
    on = date_field(_("Geopend op"), required=False)  # empty: today

    def __init__(self, *args, routes: list[str], policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", clock.today())
        self.fields["route"].choices = [(r, ROUTE_LABELS[r]) for r in routes]
        self.fields["violation_type"].choices = [("", "—")] + [(k, v.label) for k, v in policy.violations.items()]


class ObjectionForm(forms.Form):
    received_on = date_field(_("Bezwaar ontvangen op"))
    committee = forms.BooleanField(label=_("Advies van een bezwaarcommissie (Awb 7:13)"), required=False)
    excusable = forms.BooleanField(label=_("Te laat, maar verschoonbaar (Awb 6:11)"), required=False)
    excuse = forms.CharField(label=_("Waarom verschoonbaar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TableVersionForm(forms.Form):
    """A new version of a configurable table as JSON; the rule module validates its meaning."""

    service_aliases = {"policy": "table"}  # the policy table's service names its JSON "policy" (core.forms)

    valid_from = date_field(_("Geldig vanaf"))
    table = forms.CharField(label=_("Tabel (JSON)"), widget=forms.Textarea(attrs={"rows": 20, "class": "code"}))
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_table(self):
        try:
            value = json.loads(self.cleaned_data["table"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("Geen geldige JSON: %(error)s"), params={"error": exc}) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_("De tabel is een JSON-object."))
        return value
