"""The access log is kept 3 years (purge) and exported by the organisation whose data was read (page and CLI)."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from openvth.core import clock
from openvth.rules.terms import add_months
from openvth.sharing import selectors, services
from openvth.sharing.models import AccessLog

from .factories import SharingAgreementFactory


def read(user, company_id, note=""):
    return selectors.chain_dossier(user, company_id, purpose_code="supervision", note=note).log


def at(day, hour=12):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


@pytest.fixture
def shared(service, other_service, records):
    return SharingAgreementFactory(owner=service, partners=[other_service])


def test_purge_removes_entries_older_than_three_years_only(partner, establishment, shared):
    today = clock.today()
    cutoff = add_months(today, -36)
    old, kept = read(partner, establishment.company_id), read(partner, establishment.company_id)
    AccessLog.objects.filter(pk=old.pk).update(read_at=at(cutoff - timedelta(days=1)))
    AccessLog.objects.filter(pk=kept.pk).update(read_at=at(cutoff, hour=0))
    assert services.purge_access_log(today=today, dry_run=True) == 1
    assert AccessLog.objects.count() == 2
    out = io.StringIO()
    call_command("sharing", "purge-log", stdout=out)
    assert out.getvalue().startswith("1 raadplegingen ouder dan 3 jaar verwijderd")
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [kept.pk]


def test_cli_exports_the_reads_of_this_source_only(partner, establishment, shared, service, other_service, records):
    read(partner, establishment.company_id, note="zaak 7")
    out = io.StringIO()
    call_command("sharing", "export-log", "--organisation", service.code, stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter=";"))
    assert [(r["gebruiker"], r["organisatie"], r["doel"], r["toelichting"]) for r in rows] == [
        ("ketenpartner", other_service.name, "supervision", "zaak 7")
    ]
    assert f"inspections: {records['inspections'][0]}" in rows[0]["gegevens"]
    out = io.StringIO()
    call_command("sharing", "export-log", "--organisation", other_service.code, stdout=out)
    assert out.getvalue().count("\n") == 1  # only the header: nobody read other_service's data


def test_cli_export_filters_by_period(partner, establishment, shared, service):
    entry = read(partner, establishment.company_id)
    day = timezone.localtime(entry.read_at).date()
    for args, rows in [([], 1), (["--from", str(day + timedelta(days=1))], 0), (["--to", str(day)], 1)]:
        out = io.StringIO()
        call_command("sharing", "export-log", "--organisation", service.code, *args, stdout=out)
        assert out.getvalue().count("\n") == 1 + rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organisation", "XX9999"], "Organisatie met code 'XX9999' bestaat niet."),
        (["--organisation", "{code}", "--from", "gisteren"], "--from moet een datum JJJJ-MM-DD zijn, niet 'gisteren'."),
    ],
)
def test_cli_export_errors_are_one_dutch_line(service, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("sharing", "export-log", *(a.format(code=service.code) for a in args))


def test_manager_downloads_the_log_as_csv_and_others_may_not(client, manager, member, partner, establishment, shared):
    read(partner, establishment.company_id, note="zaak 7")
    client.force_login(manager)
    page = client.get(reverse("sharing:log")).content.decode()
    assert "ketenpartner" in page and "zaak 7" in page
    response = client.get(reverse("sharing:log"), {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "zaak 7" in response.content.decode()
    client.force_login(member)
    assert client.get(reverse("sharing:log")).status_code == 403
