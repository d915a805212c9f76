"""Forms of the permits UI. They only shape input; the legal rules run in the services (openvth.rules)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from openvth.core import clock
from openvth.core.forms import date_field
from openvth.register.models import ActivityType, Organisation

from .models import Application, Decision, ProvisionChange


class PermitDateForm(forms.Form):
    """The date picker of the consolidated permit: `?op=YYYY-MM-DD`, today when left out."""

    op = date_field(_("Vergunning zoals die gold op"), required=False)

    def day(self):
        if self.is_valid() and self.cleaned_data["op"]:
            return self.cleaned_data["op"]
        return clock.today()


class DiffForm(forms.Form):
    van = date_field(_("Van"))
    tot = date_field(_("Tot en met"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and start > end:
            raise ValidationError(_("De eerste datum ligt na de tweede; kies eerst de vroegste datum."))
        return cleaned


class ActionDateForm(forms.Form):
    """The one date every application action needs (asked to supplement on, extended on, ...)."""

    datum = date_field(_("Datum"))


class ApplicationForm(forms.Form):
    kvk_vestigingsnummer = forms.CharField(
        label=_("Vestigingsnummer"), max_length=20, help_text=_("12 cijfers (KvK) van de vestiging.")
    )
    competent_authority = forms.ModelChoiceField(
        label=_("Bevoegd gezag"),
        queryset=Organisation.objects.filter(kind__in=Organisation.AUTHORITY_KINDS).order_by("name"),
    )
    reference = forms.CharField(label=_("Kenmerk"), max_length=50)
    subject = forms.CharField(label=_("Onderwerp"), max_length=300)
    received_on = date_field(_("Ontvangen op"), help_text=_("De termijn begint de dag na ontvangst."))
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Application.Procedure.choices)
    activity_types = forms.ModelMultipleChoiceField(
        label=_("Activiteiten"),
        queryset=ActivityType.objects.filter(active=True).order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("De milieubelastende activiteiten waarvoor vergunning wordt gevraagd; kies er meer met Ctrl."),
    )
    # the applicant: the service checks the KvK number, e-mail address and telephone number (also for the API)
    applicant_name = forms.CharField(label=_("Naam aanvrager"), max_length=200, required=False)
    applicant_kvk_number = forms.CharField(
        label=_("KvK-nummer aanvrager"),
        max_length=20,
        required=False,
        help_text=_("8 cijfers; leeg bij een particulier."),
    )
    applicant_is_natural_person = forms.BooleanField(
        label=_("De aanvrager is een natuurlijk persoon (ook een eenmanszaak, V.O.F., maatschap of C.V.)"),
        required=False,
    )
    applicant_email = forms.CharField(label=_("E-mail aanvrager"), max_length=254, required=False)
    applicant_phone = forms.CharField(label=_("Telefoon aanvrager"), max_length=30, required=False)


class DecisionForm(forms.Form):
    reference = forms.CharField(label=_("Kenmerk"), max_length=100)
    kind = forms.ChoiceField(
        label=_("Soort besluit"),
        choices=Decision.Kind.choices,
        help_text=_("Een intrekking trekt de hele vergunning in en heeft geen wijzigingen van voorschriften."),
    )
    decided_on = date_field(_("Besloten op"))
    effective_from = date_field(_("In werking vanaf"))
    application = forms.ModelChoiceField(
        label=_("Op aanvraag"), queryset=Application.objects.none(), required=False, empty_label=_("geen aanvraag")
    )

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.initial.setdefault("decided_on", clock.today())


class ChangeForm(forms.Form):
    # an empty choice so that an untouched extra row stays unchanged and is skipped
    op = forms.ChoiceField(label=_("Wijziging"), choices=[("", "—"), *ProvisionChange.Op.choices])
    number = forms.CharField(label=_("Voorschrift"), max_length=30)
    text = forms.CharField(
        label=_("Tekst"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Leeg bij intrekken.")
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("op") in (ProvisionChange.Op.ADD, ProvisionChange.Op.REPLACE) and not cleaned.get("text"):
            self.add_error("text", _("Een toegevoegd of vervangen voorschrift heeft een tekst."))
        return cleaned


class BaseChangeFormSet(forms.BaseFormSet):
    def initial_form_count(self) -> int:
        # every row is an extra row, also a prefilled one: a row left empty is no change, never an error
        return super().initial_form_count() if self.is_bound else 0

    def changes(self) -> list[dict]:
        """The filled-in rows in order; rows left empty are no change."""
        return [
            {"op": f.cleaned_data["op"], "number": f.cleaned_data["number"].strip(), "text": f.cleaned_data["text"]}
            for f in self.forms
            if f.has_changed() and f.cleaned_data
        ]


ChangeFormSet = forms.formset_factory(ChangeForm, formset=BaseChangeFormSet, extra=3, max_num=2000)
