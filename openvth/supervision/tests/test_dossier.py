"""The supervision dossier of an establishment: ten years of inspections by year, scoped like the establishment."""

from datetime import date

import pytest

from openvth.supervision.models import Finding, Inspection
from openvth.supervision.selectors.dossier import dossier

TODAY = date(2026, 6, 1)


def inspect(establishment, day, *findings):
    inspection = Inspection.objects.create(
        owner=establishment.owner, establishment=establishment, kind=Inspection.Kind.ROUTINE,
        performed_on=day, status=Inspection.Status.CLOSED,
    )  # fmt: skip
    for consequences, rule in findings:
        Finding.objects.create(inspection=inspection, general_rule=rule, consequences=consequences, description="x")
    return inspection


@pytest.fixture
def history(establishment):
    return [
        inspect(establishment, date(2016, 5, 31)),  # more than ten years ago: not in the dossier
        inspect(establishment, date(2016, 6, 1), (2, "Bal art. 2.11")),
        inspect(establishment, date(2024, 3, 4)),
        inspect(establishment, date(2024, 9, 9), (3, "Bal art. 4.1038"), (1, "Bal art. 3.2")),
    ]


def test_dossier_groups_ten_years_by_year_newest_first(member, history):
    years = dossier(member, history[0].establishment, today=TODAY)
    assert [year.year for year in years] == [2024, 2016]
    assert [i.performed_on for i in years[0].inspections] == [date(2024, 9, 9), date(2024, 3, 4)]
    assert (len(years[0].inspections), years[0].compliant) == (2, 1)
    assert (len(years[1].inspections), years[1].compliant) == (1, 0)
    assert [f.general_rule for f in years[0].inspections[0].findings.all()] == ["Bal art. 4.1038", "Bal art. 3.2"]


def test_an_outsider_sees_no_dossier(client, outsider, history):
    assert dossier(outsider, history[0].establishment, today=TODAY) == []
    client.force_login(outsider)
    assert client.get(f"/vestigingen/{history[0].establishment.pk}/toezicht/").status_code == 404


def test_dossier_page_lists_inspections_and_findings(client, member, history):
    client.force_login(member)
    page = client.get(f"/vestigingen/{history[0].establishment.pk}/toezicht/").content.decode()
    assert "Toezichtdossier" in page and "Bal art. 4.1038" in page and "9 september 2024" in page
    assert "31 mei 2016" not in page
