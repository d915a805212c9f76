"""Forms of the inspection pages: an inspection, its answers, findings, attachments, corrections and report dates;
the complaint form and its triage. They only shape input; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.accounts.models import User
from openvth.core.forms import date_field
from openvth.register.models import Organisation
from openvth.rules import lhso

from ..models import Answer, Complaint, Finding, Inspection
from ..selectors.planning import inspectors_of

# --- inspections ------------------------------------------------------------------------------------------------

CORRECTION_HELP = _("De inspectie is afgesloten: een wijziging wordt als correctie vastgelegd, met deze reden.")


def correction_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reden van de correctie"), widget=forms.Textarea(attrs={"rows": 2}), help_text=CORRECTION_HELP
    )


class InspectionForm(forms.Form):
    kvk_vestigingsnummer = forms.CharField(
        label=_("Vestigingsnummer"), max_length=20, help_text=_("12 cijfers (KvK) van de vestiging.")
    )
    kind = forms.ChoiceField(label=_("Soort inspectie"), choices=Inspection.Kind.choices)
    planned_on = date_field(_("Gepland op"))
    announced = forms.BooleanField(label=_("Aangekondigd bij de drijver"), required=False)
    inspectors = forms.ModelMultipleChoiceField(
        label=_("Toezichthouders"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, establishment=None, **kwargs):
        """With `establishment` (the page the user came from) there is no number to type."""
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].queryset = inspectors_of(user.organisation_id)
        if establishment is not None:
            del self.fields["kvk_vestigingsnummer"]


class StartForm(forms.Form):
    performed_on = date_field(_("Datum van het bezoek"))


class AnswerForm(forms.Form):
    result = forms.ChoiceField(choices=Answer.Result.choices)
    note = forms.CharField(required=False, max_length=2000)


class FindingForm(forms.Form):
    provision = forms.TypedChoiceField(
        label=_("Overtreden vergunningvoorschrift"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("De voorschriften die golden op de dag van het bezoek."),
    )
    general_rule = forms.CharField(
        label=_("Of: overtreden algemene regel"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld Bal art. 4.1031; leeg als u een voorschrift kiest."),
    )
    consequences = forms.TypedChoiceField(
        label=_("Gevolgen (LHSO)"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=lhso.CONSEQUENCE_CHOICES,  # one wording of the classes, the LHSO form's (openvth.rules.lhso)
    )
    brzo_grade = forms.ChoiceField(
        label=_("Brzo-zwaarte"), choices=[("", "—"), *Finding.BrzoGrade.choices], required=False
    )
    description = forms.CharField(
        label=_("Wat heeft u geconstateerd?"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )

    def __init__(self, *args, provisions, brzo: bool, closed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provision"].choices = [("", _("— geen: een algemene regel —"))] + [
            (p.pk, f"{p.number}: {p.text[:140]}") for p in provisions
        ]
        if not brzo:
            del self.fields["brzo_grade"]
        if closed:
            self.fields["correction"] = correction_field()

    def values(self) -> dict:
        values = dict(self.cleaned_data)
        values.pop("correction", None)
        return values


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Bestand"))
    caption = forms.CharField(label=_("Bijschrift"), max_length=200, required=False)


class SummaryForm(forms.Form):
    summary = forms.CharField(label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class AnswerCorrectionForm(forms.Form):
    item = forms.TypedChoiceField(label=_("Controlepunt"), coerce=int)
    result = forms.ChoiceField(label=_("Juiste oordeel"), choices=Answer.Result.choices, widget=forms.RadioSelect)
    correction = correction_field()

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, f"{i.position}. {i.text}") for i in items]


class SummaryCorrectionForm(SummaryForm):
    correction = correction_field()


class ReportDatesForm(forms.Form):
    sent_on = date_field(_("Rapport verzonden aan de drijver op"), required=False)
    published_on = date_field(_("Rapport openbaar gemaakt op"), required=False)


# --- complaints -------------------------------------------------------------------------------------------------


class ComplaintForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente waar het gebeurt"),
        queryset=Organisation.objects.filter(
            kind=Organisation.Kind.MUNICIPALITY, omgevingsdienst__isnull=False
        ).order_by("name"),
        empty_label=_("Kies een gemeente"),
    )
    subject = forms.ChoiceField(label=_("Waar gaat uw melding over?"), choices=Complaint.Subject.choices)
    description = forms.CharField(
        label=_("Wat merkt u?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Bijvoorbeeld: sterke oplosmiddelgeur sinds 8 uur, vooral bij westenwind."),
    )
    location = forms.CharField(
        label=_("Waar is het?"), max_length=250, help_text=_("Een adres, of een omschrijving van de plek.")
    )
    occurred_at = forms.DateTimeField(
        label=_("Wanneer merkte u het?"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Vul een datum en tijd in, bijvoorbeeld 2025-03-31 08:15.")},
    )
    reporter_name = forms.CharField(label=_("Uw naam"), max_length=200, required=False)
    reporter_email = forms.EmailField(
        label=_("Uw e-mailadres"),
        required=False,
        help_text=_("Alleen om u te laten weten wat er met uw melding gebeurt."),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")},
    )
    reporter_phone = forms.CharField(label=_("Uw telefoonnummer"), max_length=30, required=False)
    # a honeypot: hidden by the stylesheet (people never see it), filled in by form-filling robots
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean(self):
        cleaned = super().clean()
        cleaned.pop("website", None)  # a trap, not part of the complaint
        return cleaned


class TriageForm(forms.Form):
    kvk_vestigingsnummer = forms.CharField(
        label=_("Vestigingsnummer van het bedrijf"), max_length=20, help_text=_("12 cijfers (KvK).")
    )
    planned_on = date_field(_("Inspectie gepland op"))


class CloseComplaintForm(forms.Form):
    reason = forms.CharField(label=_("Reden van afsluiten"), widget=forms.Textarea(attrs={"rows": 3}))
