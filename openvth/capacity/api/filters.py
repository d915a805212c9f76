"""Query filters of the capacity API. A malformed value answers 400, never an unfiltered list."""

from django_filters import rest_framework as filters

from openvth.capacity.models import EDUCATIONS, PURPOSES, TASK_AREAS, Competence, Grant, GrantQuarter
from openvth.register.api.filters import IdFilter


class CompetenceFilter(filters.FilterSet):
    staff = IdFilter(field_name="staff_id", help_text="Id van de medewerker.")
    task_area = filters.ChoiceFilter(choices=TASK_AREAS)
    education = filters.ChoiceFilter(choices=EDUCATIONS)

    class Meta:
        model = Competence
        fields = ["staff", "task_area", "education"]


class GrantFilter(filters.FilterSet):
    year = IdFilter(min_value=2020, max_value=2100, help_text="Jaar van de uitkering.")
    purpose = filters.ChoiceFilter(choices=PURPOSES)

    class Meta:
        model = Grant
        fields = ["year", "purpose"]


class GrantQuarterFilter(filters.FilterSet):
    grant = IdFilter(field_name="grant_id", help_text="Id van de uitkering.")

    class Meta:
        model = GrantQuarter
        fields = ["grant"]
