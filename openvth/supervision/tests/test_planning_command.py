"""`openvth supervision plan`: appraises and generates in one go; an unknown service is one Dutch line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from openvth.core import clock
from openvth.supervision.models import Programme, RiskAppraisal

from .factories import activity


def _year() -> int:
    """A programme year ahead (2030 on the default day): the establishment appraised today is due in it."""
    return clock.today().year + 4


def run(*args) -> str:
    out = io.StringIO()
    call_command("supervision", "plan", *args, stdout=out)
    return out.getvalue()


def test_plan_json(service, establishment):
    activity(establishment, "3.39")
    year = _year()
    summary = json.loads(run("--service", service.code, "--year", str(year), "--capacity", "2", "--json"))
    assert summary | {"planned_hours": None} == {
        "service": service.code,
        "year": year,
        "appraised": 1,
        "planned": 0,
        "postponed": 1,
        "legally_bound": 0,
        "capacity_hours": 2,
        "planned_hours": None,
        "shortfall_hours": "0",
    }
    assert RiskAppraisal.objects.filter(establishment=establishment).count() == 1
    assert Programme.objects.get(service=service, year=year).visits.get().postponed


def test_plan_text(service, establishment):
    assert "1 vestigingen beoordeeld; 1 bezoeken gepland" in run("--service", service.code, "--year", str(_year()))


def test_unknown_service_is_one_dutch_line(db):
    with pytest.raises(CommandError, match="^Er is geen omgevingsdienst met code 'OD-XX'.$"):
        run("--service", "OD-XX", "--year", str(_year()))


def test_invalid_year_stores_nothing(service, establishment):
    with pytest.raises(CommandError, match="Niets opgeslagen. Kies een jaar tussen 2000 en 2100"):
        run("--service", service.code, "--year", "1900")
    assert not RiskAppraisal.objects.exists()
