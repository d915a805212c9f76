"""Query filters of the IBP VTH API. A malformed value answers 400, never an unfiltered list."""

from django_filters import rest_framework as filters

from openvth.monitoring.models import ProgrammeAction


class ProgrammeActionFilter(filters.FilterSet):
    pillar = filters.CharFilter(help_text='Pijler zoals in de tabel, bijvoorbeeld "3" of "Buiten IBP".')
    status = filters.ChoiceFilter(choices=ProgrammeAction.Status.choices)
    recommendation = filters.NumberFilter(help_text="Nummer van de aanbeveling.")
    report = filters.NumberFilter(field_name="report_id", help_text="Id van de voortgangsrapportage.")

    class Meta:
        model = ProgrammeAction
        fields = ["pillar", "status", "recommendation", "report"]
