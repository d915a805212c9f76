"""Forms of the visitation and ILT pages. They only shape input; the services judge it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.core.forms import date_field
from openvth.register.models import Organisation

from .models import FollowUpStatus, Investigation


def _services():
    return Organisation.objects.filter(kind=Organisation.Kind.OMGEVINGSDIENST).order_by("name")


class VisitationForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Omgevingsdienst"), queryset=Organisation.objects.none())
    visited_on = date_field(_("Datum visitatie"))
    external_party = forms.CharField(label=_("Externe partij"), max_length=200)
    peer_reviewers = forms.CharField(
        label=_("Visitatoren"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Eén naam per regel.")
    )
    findings = forms.CharField(label=_("Bevindingen"), widget=forms.Textarea)
    recommendations = forms.CharField(
        label=_("Aanbevelingen"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Eén aanbeveling per regel."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = _services()

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["recommendations"] = [line.strip() for line in data["recommendations"].splitlines() if line.strip()]
        return data


class InvestigationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort onderzoek"), choices=Investigation.Kind.choices)
    theme = forms.CharField(label=_("Thema"), max_length=200)
    services = forms.ModelMultipleChoiceField(
        label=_("Betrokken omgevingsdiensten"), queryset=Organisation.objects.none(), widget=forms.SelectMultiple
    )
    published_on = date_field(_("Datum rapport"))
    findings = forms.CharField(label=_("Bevindingen"), widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = _services()


class RecommendationForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Omgevingsdienst"), queryset=Organisation.objects.none())
    text = forms.CharField(label=_("Aanbeveling"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Organisation.objects.filter(pk__in=[s.pk for s in services])


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Stand"), choices=FollowUpStatus.choices)
    status_on = date_field(_("Per"))
    note = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
