"""Forms of the publication flow. They only shape input; the Woo rules run in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.rules.redaction_policy import WOO_GROUNDS

from .models import RedactionDecision

GROUNDS = [(code, f"{code}: {meaning}") for code, meaning in WOO_GROUNDS.items()]
GROUND_CHOICES = [("", _("— geen (openbaar) —")), *GROUNDS]


class SpanForm(forms.Form):
    """The reviewer's decision on one span; prefixed with the span's id on the review page."""

    decision = forms.ChoiceField(
        label=_("Besluit"), choices=RedactionDecision.Decision.choices, widget=forms.RadioSelect
    )
    woo_ground = forms.ChoiceField(label=_("Woo-grond"), choices=GROUND_CHOICES, required=False)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, span: RedactionDecision, **kwargs):
        initial = {"decision": span.decision, "woo_ground": span.woo_ground, "note": span.note}
        super().__init__(*args, prefix=f"passage-{span.pk}", initial=initial, **kwargs)
        self.span = span


class PassageForm(forms.Form):
    """A passage the engine missed: every place of it in the text that no span covers yet is removed."""

    passage = forms.CharField(
        label=_("Passage"), max_length=300, help_text=_("Precies zoals in de brontekst; elke vermelding wordt gelakt.")
    )
    woo_ground = forms.ChoiceField(label=_("Woo-grond"), choices=GROUNDS)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reden van intrekking"), widget=forms.Textarea(attrs={"rows": 3}))
