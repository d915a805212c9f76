"""Query filters of the IBP VTH API. A malformed value answers 400, never an unfiltered list."""

from django_filters import rest_framework as filters

from openvth.monitoring.models import ProgrammeAction
from openvth.register.api.filters import IdFilter


class ProgrammeActionFilter(filters.FilterSet):
    pillar = filters.CharFilter(help_text='Pijler zoals in de tabel, bijvoorbeeld "3" of "Buiten IBP".')
    status = filters.ChoiceFilter(choices=ProgrammeAction.Status.choices)
    # whole numbers within the column's range: a decimal or a number beyond 64 bits is a 400, not a 500
    recommendation = IdFilter(min_value=0, max_value=32767, help_text="Nummer van de aanbeveling.")
    report = IdFilter(field_name="report_id", help_text="Id van de voortgangsrapportage.")

    class Meta:
        model = ProgrammeAction
        fields = ["pillar", "status", "recommendation", "report"]
