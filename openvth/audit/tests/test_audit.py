"""Audit of reading personal data (issue 17, item 5): every read of a complaint or of an enterprise of a natural
person, in the UI and the API, is logged with who, what, when and the channel; the log holds digests, not the
subject's keys; an administrator exports everything about one data subject (inzageverzoek), the chain dossier's
reads included; reads older than the retention go in the daily purge."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.audit import selectors, services, subjects
from openvth.audit.models import PersonalDataRead, ReadKind, ReadSubject
from openvth.core import clock as core_clock
from openvth.register.models import Company
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory
from openvth.sharing import services as sharing
from openvth.sharing.models import AccessLog
from openvth.supervision.models import Complaint
from openvth.testing.api import client_for

EXPORT = reverse("audit:inzage")


def _complaint(service, **reporter) -> Complaint:
    return Complaint.objects.create(
        service=service, subject="noise", description="Lawaai 's nachts.", location="Havenweg 1", **reporter
    )


@pytest.fixture
def complaint(service):
    return _complaint(
        service, reporter_name="Jan de Vries", reporter_email="Jan.de.Vries@example.nl", reporter_phone="06-12345678"
    )


@pytest.fixture
def administrator(service):
    return UserFactory(username="beheerder", organisation=service, role=Role.ADMINISTRATOR)


@pytest.fixture
def sole_trader(service):
    company = CompanyFactory(owner=service, name="Loonbedrijf Jansen", legal_form=Company.LegalForm.EENMANSZAAK)
    EstablishmentFactory(owner=service, company=company, name="Loonbedrijf Jansen")
    return company


def _export(client, **data):
    return client.post(EXPORT, {"format": "json", "reference": "AVG-2026-7", **data})


def test_the_complaint_page_logs_who_read_it_without_copying_the_reporters_data(client, member, complaint):
    client.force_login(member)
    response = client.get(reverse("supervision:complaint", args=[complaint.pk]))
    assert response.status_code == 200 and "Jan.de.Vries@example.nl" in response.content.decode()

    read = PersonalDataRead.objects.get()
    assert (read.user, read.organisation_id, read.kind, read.channel) == (
        member,
        member.organisation_id,
        "complaint",
        "ui",
    )
    assert (read.object_type, read.object_id) == ("supervision.complaint", str(complaint.pk))
    assert timedelta(0) <= core_clock.now() - read.read_at < timedelta(minutes=1)
    digests = set(read.subjects.values_list("digest", flat=True))
    assert digests == {
        subjects.digest("email", "jan.de.vries@example.nl"),
        subjects.digest("phone", "+31 6 1234 5678"),
        subjects.digest("name", "jan de vries"),
    }
    stored = json.dumps(list(ReadSubject.objects.values())) + json.dumps(
        list(PersonalDataRead.objects.values("purpose"))
    )
    assert "vries" not in stored.lower() and "12345678" not in stored


def test_the_api_logs_every_complaint_of_a_list_page_and_a_detail(member, outsider, complaint, service):
    other = _complaint(service)  # anonymous: still a read of a complaint (its text may name people)
    api = client_for(member)
    assert api.get("/api/v1/complaints").status_code == 200
    assert set(PersonalDataRead.objects.values_list("object_id", "channel")) == {
        (str(complaint.pk), "api"),
        (str(other.pk), "api"),
    }
    api.get(f"/api/v1/complaints/{complaint.pk}")
    assert PersonalDataRead.objects.filter(object_id=str(complaint.pk)).count() == 2

    assert client_for(outsider).get(f"/api/v1/complaints/{complaint.pk}").status_code == 404
    assert not PersonalDataRead.objects.filter(user=outsider).exists()  # nothing shown, nothing logged


def test_a_sole_traders_company_is_logged_and_a_bv_is_not(client, member, sole_trader, service):
    bv = CompanyFactory(owner=service)
    client.force_login(member)
    assert client.get(reverse("register:company", args=[bv.pk])).status_code == 200
    assert not PersonalDataRead.objects.exists()
    assert client.get(reverse("register:company", args=[sole_trader.pk])).status_code == 200
    client_for(member).get(f"/api/v1/companies/{sole_trader.pk}")
    reads = PersonalDataRead.objects.order_by("id")
    assert [(r.kind, r.object_id, r.channel) for r in reads] == [
        ("person_company", str(sole_trader.pk), "ui"),
        ("person_company", str(sole_trader.pk), "api"),
    ]
    assert reads[0].subjects.filter(digest=subjects.digest("kvk", sole_trader.kvk_number)).exists()


def test_only_an_administrator_opens_the_export(client, member, administrator):
    client.force_login(member)
    assert client.get(EXPORT).status_code == 403
    assert client.get(reverse("audit:reads")).status_code == 403
    client.force_login(administrator)
    assert client.get(EXPORT).status_code == 200
    assert client.get(reverse("audit:reads")).status_code == 200


def test_the_export_holds_the_subjects_complaints_and_who_read_them(
    client, member, administrator, complaint, service, other_service
):
    _complaint(service, reporter_name="Piet Pietersen", reporter_phone="0501234567")  # someone else
    elsewhere = _complaint(other_service, reporter_phone="0612345678")  # the same person, another service's file
    services.record_read(member, complaint, channel="ui")
    services.record_read(UserFactory(organisation=other_service), elsewhere, channel="ui")

    client.force_login(administrator)
    response = _export(client, kind="phone", value="+31 6 1234 5678")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    body = json.loads(response.content)
    assert [c["id"] for c in body["klachten_en_meldingen"]] == [complaint.pk]
    assert body["klachten_en_meldingen"][0]["email_melder"] == "Jan.de.Vries@example.nl"
    assert [(r["gebruiker"], r["gegeven"]) for r in body["raadplegingen"]] == [
        (member.username, f"supervision.complaint {complaint.pk}")
    ]
    export = PersonalDataRead.objects.get(kind=ReadKind.SUBJECT_EXPORT)  # the export is itself logged
    assert (export.user, export.purpose) == (administrator, "AVG-2026-7")
    assert set(export.subjects.values_list("digest", flat=True)) == {
        subjects.digest("phone", "0612345678"),
        subjects.digest("email", complaint.reporter_email),
        subjects.digest("name", complaint.reporter_name),
    }

    again = json.loads(_export(client, kind="email", value=" jan.de.VRIES@example.nl ").content)
    assert [c["id"] for c in again["klachten_en_meldingen"]] == [complaint.pk]
    assert any(r["soort"] == "export voor een inzageverzoek" for r in again["raadplegingen"])


def test_the_export_includes_the_chain_dossier_log_of_a_sole_trader(client, administrator, sole_trader, service):
    partner = UserFactory(role=Role.CHAIN_PARTNER)
    sharing.log_access(user=partner, company=sole_trader, purpose_code="supervision", note="inspectie 12",
                       records={service.code: {"inspections": [1]}}, sources={service.pk})  # fmt: skip
    sharing.log_access(user=partner, company=CompanyFactory(), purpose_code="supervision", note="",
                       records={}, sources={service.pk})  # fmt: skip
    client.force_login(administrator)
    body = json.loads(_export(client, kind="kvk", value=sole_trader.kvk_number).content)
    assert [c["kvk_nummer"] for c in body["bedrijven"]] == [sole_trader.kvk_number]
    assert body["bedrijven"][0]["vestigingen"][0]["naam"] == "Loonbedrijf Jansen"
    chain = body["raadplegingen_ketendossier"]
    assert [(e["gebruiker"], e["bedrijf"]) for e in chain] == [(partner.username, sole_trader.pk)]
    assert "inspectie 12" in chain[0]["doel"]
    assert AccessLog.objects.count() == 2  # the chain dossier's own log, read and not copied


def test_the_export_as_csv(client, member, administrator, complaint):
    services.record_read(member, complaint, channel="api")
    client.force_login(administrator)
    response = _export(client, kind="name", value="jan  de vries", format="csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0] == selectors.CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == ["klacht_of_melding", "raadpleging"]
    assert rows[2][3] == member.username and rows[2][5] == "API"


def test_the_export_form_refuses_bad_input_in_dutch(client, administrator):
    client.force_login(administrator)
    response = _export(client, kind="phone", value="geen cijfers")
    assert response.status_code == 200 and "bevat niets om op te zoeken" in response.content.decode()
    response = _export(client, kind="email", value="a@b.nl", reference="")
    assert "Geef het kenmerk van het inzageverzoek op." in response.content.decode()
    assert not PersonalDataRead.objects.exists()


def test_an_administrator_exports_only_his_own_organisations_records(client, complaint, other_service):
    stranger = UserFactory(organisation=other_service, role=Role.ADMINISTRATOR)
    client.force_login(stranger)
    body = json.loads(_export(client, kind="email", value=complaint.reporter_email).content)
    assert body["klachten_en_meldingen"] == [] and body["raadplegingen"] == []


def test_reads_older_than_the_retention_are_purged(member, complaint, settings, clock):
    settings.AUDIT_READ_RETENTION_DAYS = 30
    old = services.record_read(member, complaint, channel="ui")[0]
    PersonalDataRead.objects.filter(pk=old.pk).update(read_at=core_clock.now() - timedelta(days=31))
    services.record_read(member, complaint, channel="ui")
    assert services.purge_reads(today=core_clock.today(), dry_run=True) == 1
    assert PersonalDataRead.objects.count() == 2
    assert services.purge_reads(today=core_clock.today()) == 1
    assert PersonalDataRead.objects.get().pk != old.pk
    assert not ReadSubject.objects.filter(read_id=old.pk).exists()


def test_the_default_retention_is_three_years(settings):
    del settings.AUDIT_READ_RETENTION_DAYS
    assert services.retention_days() == services.DEFAULT_RETENTION_DAYS == 1096


def test_subject_keys_normalise_spellings():
    assert (
        subjects.normalise("phone", "+31 6-1234 5678") == subjects.normalise("phone", "0031612345678") == "0612345678"
    )
    assert subjects.normalise("name", "J.  Jänsen") == "j jansen"
    assert subjects.digest("email", "A@B.nl") == subjects.digest("email", "a@b.nl ")
    assert subjects.digest("email", "a@b.nl") != subjects.digest("name", "a@b.nl")


def test_the_menu_offers_the_administrator_the_inzage_and_the_failed_jobs(client, member, administrator):
    client.force_login(administrator)
    html = client.get(reverse("core:home")).content.decode()
    assert f'href="{EXPORT}"' in html and f'href="{reverse("jobs:failed")}"' in html
    client.force_login(member)
    html = client.get(reverse("core:home")).content.decode()
    assert EXPORT not in html and reverse("jobs:failed") not in html


def test_the_export_holds_a_natural_persons_applications_and_who_read_them(client, owner, administrator, establishment):
    from openvth.permits import services as permits

    def receive(reference: str, email: str, natural: bool):
        return permits.receive_application(
            user=owner, establishment=establishment, competent_authority=establishment.competent_authority,
            reference=reference, subject="Opslag", received_on=core_clock.today(), procedure="regular",
            applicant_name="Hendrika Zwanenburg", applicant_email=email, applicant_is_natural_person=natural,
        )  # fmt: skip

    own = receive("OLO-1", "h.zwanenburg@voorbeeld.example", natural=True)
    receive("OLO-2", "info@zwanenburg-bv.example", natural=False)  # a company: not personal data
    services.record_read(owner, own, channel="ui")
    client.force_login(administrator)
    body = json.loads(_export(client, kind="email", value="H.Zwanenburg@voorbeeld.example").content)
    assert [(a["kenmerk"], a["naam_aanvrager"]) for a in body["aanvragen"]] == [("OLO-1", "Hendrika Zwanenburg")]
    assert [(r["gebruiker"], r["gegeven"]) for r in body["raadplegingen"]] == [
        (owner.username, f"permits.application {own.pk}")
    ]
    rows = list(csv.reader(io.StringIO(_export(client, kind="name", value="hendrika zwanenburg", format="csv")
                                       .content.decode()), delimiter=";"))  # fmt: skip
    assert [row[0] for row in rows[1:] if row[0] == "aanvraag"] == ["aanvraag"]
