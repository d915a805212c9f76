"""Forms of the costs pages. They only shape input; the services judge it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.capacity.forms import ImportForm as StaffImportForm
from openvth.capacity.models import TASK_AREAS, StaffMember
from openvth.core.forms import date_field
from openvth.enforcement.models import EnforcementCase
from openvth.permits.models import Application
from openvth.register.models import Organisation
from openvth.rules import norm_costs
from openvth.supervision.models import Inspection

from .models import PACKAGES


class ImportForm(StaffImportForm):
    """capacity's upload (at most 2 MB), with the columns of hours."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Kolommen: datum, uren, medewerker, taak, taakveld, opdrachtgever, pakket.")


def _authorities(service) -> forms.ModelChoiceField:
    from .selectors import commissioner_ids

    queryset = Organisation.objects.filter(pk__in=commissioner_ids(service)).order_by("kind", "name")
    return forms.ModelChoiceField(label=_("Opdrachtgever"), queryset=queryset, required=False)


class HoursForm(forms.Form):
    """A line of the weekly sheet: a day, the hours and either a task of the service or a task area."""

    day = date_field(_("Datum"))
    hours = forms.DecimalField(label=_("Uren"), min_value=0, max_value=24, decimal_places=2, localize=True)
    inspection = forms.ModelChoiceField(label=_("Inspectie"), queryset=Inspection.objects.none(), required=False)
    application = forms.ModelChoiceField(
        label=_("Vergunningaanvraag"), queryset=Application.objects.none(), required=False
    )
    case = forms.ModelChoiceField(label=_("Handhavingszaak"), queryset=EnforcementCase.objects.none(), required=False)
    task_area = forms.ChoiceField(
        label=_("Of: taakveld"), choices=[("", "—"), *TASK_AREAS], required=False,
        help_text=_("Voor uren zonder taak; kies dan ook de opdrachtgever."),
    )  # fmt: skip
    package = forms.ChoiceField(label=_("Pakket"), choices=PACKAGES, initial=norm_costs.Package.BASIS)
    staff = forms.ModelChoiceField(label=_("Medewerker"), queryset=StaffMember.objects.none(), required=False)
    note = forms.CharField(label=_("Omschrijving"), max_length=300, required=False)

    service_aliases = {"task": "inspection"}

    def __init__(self, *args, service, user, manager: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"] = _authorities(service)
        self.fields["inspection"].queryset = (
            Inspection.objects.visible_to(user).filter(owner=service).select_related("establishment")
            .exclude(status=Inspection.Status.CLOSED).order_by("-planned_on", "-id")
        )  # fmt: skip
        self.fields["application"].queryset = (
            Application.objects.visible_to(user).filter(owner=service, decided_on__isnull=True).order_by("-received_on")
        )
        self.fields["case"].queryset = (
            EnforcementCase.objects.visible_to(user).filter(owner=service, closed_on__isnull=True)
            .select_related("establishment").order_by("-opened_on")
        )  # fmt: skip
        if manager:
            self.fields["staff"].queryset = StaffMember.objects.filter(service=service, active_to__isnull=True)
        else:
            del self.fields["staff"]


class RateForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    rate = forms.DecimalField(label=_("Uurtarief (€)"), min_value=0, decimal_places=2, max_digits=8)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    package = forms.ChoiceField(label=_("Pakket"), choices=PACKAGES)
    hours = forms.DecimalField(label=_("Afgesproken uren"), min_value=0, decimal_places=1, max_digits=9)
    amount = forms.DecimalField(label=_("Afgesproken bedrag (€)"), min_value=0, decimal_places=2, max_digits=12)
    reference = forms.CharField(label=_("Afspraak"), max_length=200, required=False)

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"] = _authorities(service)
        self.fields["authority"].required = True
        self.order_fields(["authority"])


class NormHoursForm(forms.Form):
    """A new version of the standard hours: one field per product."""

    valid_from = date_field(_("Geldig vanaf"))
    note = forms.CharField(label=_("Toelichting"), max_length=2000, required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for product in norm_costs.Product:
            self.fields[product.value] = forms.DecimalField(
                label=norm_costs.PRODUCT_LABELS[product], min_value=0, decimal_places=1, initial=current[product.value]
            )

    def clean(self):
        """The hours of every product as the one value `hours` (product code -> hours) the service stores."""
        cleaned = super().clean()
        if all(product.value in cleaned for product in norm_costs.Product):
            cleaned["hours"] = {product.value: str(cleaned.pop(product.value)) for product in norm_costs.Product}
        return cleaned
