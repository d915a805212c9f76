"""The DSO intake end to end: a verzoeknotificatie, the fetch job against the simulator, the mapping to an
application with its statutory term, every kind of mapping failure (queue, nothing of the application stored),
the same request twice, malformed XML and the CLI import."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from openvth.core import clock
from openvth.core.models import ChangeRecord
from openvth.intake import dso, services
from openvth.intake.models import IntakeActivity, IntakeRequest, RequestType
from openvth.intake.simulator import SAMPLES, with_values
from openvth.jobs import services as jobs
from openvth.jobs.models import Job
from openvth.permits import selectors as permit_selectors
from openvth.permits.models import Application
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory, ServiceFactory
from openvth.rules import permit_terms

from .conftest import (
    AANVRAAG,
    AUTHORITY_OIN,
    INFORMATIE,
    MELDING,
    SAMPLE_BAG,
    VOOROVERLEG,
    filed_days_ago,
    notify,
    serve,
)

Status = IntakeRequest.Status


def _run_job(intake: IntakeRequest) -> Job:
    job = Job.objects.get(kind="dso_fetch", params__intake_request=intake.pk)
    jobs.run(job.pk)
    job.refresh_from_db()
    return job


def _received(client, token, number: str) -> IntakeRequest:
    response = notify(client, token, number)
    assert response.status_code == 202, response.content
    intake = IntakeRequest.objects.get(verzoeknummer=number)
    _run_job(intake)
    intake.refresh_from_db()
    return intake


def _nothing_of_an_application() -> None:
    assert not Application.objects.exists()
    assert not ChangeRecord.objects.filter(content_type__model="application").exists()
    assert not IntakeActivity.objects.filter(activity_type__isnull=False).exists()


@pytest.mark.django_db
def test_a_good_request_end_to_end_through_the_simulator(client, token, establishment, simulator):
    filed = filed_days_ago(2)
    number = serve(simulator, AANVRAAG, indiendatum=f"{filed}T09:41:12+01:00")

    intake = _received(client, token, number)

    assert intake.status == Status.PROCESSED, intake.reason
    application = intake.application
    assert application.reference == number
    assert application.establishment == establishment
    assert application.competent_authority == establishment.municipality
    assert application.received_on == date.fromisoformat(filed)  # the indiendatum starts the term, not the fetch
    assert application.procedure == Application.Procedure.REGULAR  # bouw- en sloopafval: 3.33, regular
    assert application.subject == "Aanvraag: Uitbreiding sorteerhal bouw- en sloopafval"
    term = permit_selectors.application_term(application, today=clock.today())
    assert term.deadline == permit_terms.decision_deadline(date.fromisoformat(filed), "regular")
    assert term.deadline > clock.today()
    assert [a.activity_type.code for a in intake.activities.all()] == ["3.33"]
    # the PDF and both attachments are stored under MEDIA_ROOT, fetched from the DSO
    assert intake.pdf.read().startswith(b"%PDF")
    assert sorted(a.document_id for a in intake.attachments.all()) == ["DOC-7781-1", "DOC-7781-2"]
    assert (
        intake.attachments.get(document_id="DOC-7781-2").file.read()
        == f"Bijlage DOC-7781-2 van verzoek {number}".encode()
    )
    assert f"/verzoeken/{number}/pdf" in simulator.calls
    assert intake.request_type == RequestType.APPLICATION


@pytest.mark.django_db
def test_a_request_with_only_a_point_finds_the_establishment_nearby(service, establishment):
    content = with_values(
        AANVRAAG, indiendatum=filed_days_ago(), bagNummeraanduidingId=None, postcode=None, huisnummer=None
    )
    intake = services.import_file(owner=service, content=content)
    assert intake.status == Status.PROCESSED and intake.establishment == establishment  # 14 m from its RD point


@pytest.mark.django_db
def test_an_extended_activity_gives_the_extended_procedure(client, token, establishment, simulator):
    number = serve(
        simulator, AANVRAAG, activiteitId="nl.imow-mnre1034.activiteit.Stortplaats", activiteitNaam="Stortplaats"
    )
    intake = _received(client, token, number)
    assert intake.application.procedure == Application.Procedure.EXTENDED


@pytest.mark.django_db
def test_the_same_notification_twice_is_one_record_and_one_job(client, token, establishment, simulator):
    number = serve(simulator, AANVRAAG)
    first = notify(client, token, number)
    second = notify(client, token, number)
    assert (first.status_code, second.status_code) == (202, 200)
    assert first.json()["id"] == second.json()["id"]
    assert IntakeRequest.objects.count() == 1
    assert Job.objects.filter(kind="dso_fetch").count() == 1
    intake = IntakeRequest.objects.get()
    _run_job(intake)
    third = notify(client, token, number)  # after processing: still the one record, no new job, no new application
    assert third.status_code == 200 and third.json()["status"] == "processed"
    assert Job.objects.filter(kind="dso_fetch").count() == 1
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_the_same_request_twice_gives_one_application(service, establishment, simulator):
    content = with_values(AANVRAAG, indiendatum=filed_days_ago())
    first = services.import_file(owner=service, content=content)
    second = services.import_file(owner=service, content=content)
    assert first.pk == second.pk and second.status == Status.PROCESSED
    assert Application.objects.count() == 1
    # and mapping it again (a retried job) changes nothing
    services.map_request(second)
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_melding_is_registered_with_its_establishment_without_an_application(
    client, token, service, mapped, simulator
):
    station = EstablishmentFactory(
        owner=service, municipality=mapped, street="Rijksweg", house_number=3, house_number_suffix="A",
        postcode="1234 AC",
    )  # fmt: skip
    intake = _received(client, token, serve(simulator, MELDING))
    assert intake.status == Status.PROCESSED, intake.reason
    assert intake.request_type == RequestType.NOTIFICATION
    assert intake.establishment == station and intake.application is None
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_vooroverleg_is_registered_without_an_application(client, token, establishment, simulator):
    intake = _received(client, token, serve(simulator, VOOROVERLEG))
    assert (intake.status, intake.request_type) == (Status.PROCESSED, RequestType.PRELIMINARY)
    assert intake.establishment == establishment and not Application.objects.exists()


# --- each kind of mapping failure: the queue with a reason, nothing of the application stored ------------------


@pytest.mark.django_db
def test_an_unknown_competent_authority_lands_in_the_queue(client, token, establishment, simulator):
    number = serve(simulator, AANVRAAG, oin="00000001000000000999")
    intake = _received(client, token, number)
    assert intake.status == Status.QUEUED
    assert "Onbekend bevoegd gezag: OIN 00000001000000000999" in intake.reason
    assert intake.stam and intake.pdf  # the request itself is kept
    _nothing_of_an_application()


@pytest.mark.django_db
def test_an_authority_that_did_not_place_its_tasks_here_lands_in_the_queue(client, token, establishment, simulator):
    elsewhere = OrganisationFactory(name="Gemeente Elders", omgevingsdienst=ServiceFactory())
    services.map_oin(oin=AUTHORITY_OIN, organisation=elsewhere)
    intake = _received(client, token, serve(simulator, AANVRAAG))
    assert intake.status == Status.QUEUED
    assert "Gemeente Elders heeft de behandeling niet bij deze organisatie belegd" in intake.reason
    _nothing_of_an_application()


@pytest.mark.django_db
def test_an_unknown_activity_is_listed_and_a_retry_after_mapping_it_receives_the_application(
    client, token, officer, establishment, simulator
):
    number = serve(simulator, AANVRAAG, activiteitId="nl.imow-gm9999.activiteit.Iets", activiteitNaam="Iets lokaals")
    intake = _received(client, token, number)
    assert intake.status == Status.QUEUED
    assert intake.reason.startswith("Onbekende activiteit(en): Iets lokaals.")
    assert list(intake.activities.values_list("dso_id", "activity_type")) == [("nl.imow-gm9999.activiteit.Iets", None)]
    _nothing_of_an_application()

    from openvth.register.models import ActivityType

    services.map_activity(dso_id="nl.imow-gm9999.activiteit.Iets", activity_type=ActivityType.objects.get(code="3.30"))
    client.force_login(officer)
    response = client.post(f"/intake/{intake.pk}/opnieuw/")
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.status == Status.PROCESSED and intake.reason == ""
    assert intake.application.received_on == intake.received_on


@pytest.mark.django_db
def test_no_establishment_gives_a_proposal_with_the_registers_duplicate_check(
    client, token, officer, service, mapped, simulator
):
    # the same vestigingsnummer elsewhere: not linked on its own, but offered as a possible duplicate
    moved = EstablishmentFactory(
        owner=service, municipality=mapped, kvk_vestigingsnummer="000034567890", postcode="9999 ZZ"
    )
    intake = _received(
        client, token, serve(simulator, INFORMATIE, activiteitId="nl.imow-mnre1034.activiteit.Windturbine")
    )
    assert intake.status == Status.QUEUED
    assert "Geen vestiging gevonden bij de locatie (Havenkade 88, 1234AD Testdorp)" in intake.reason
    assert intake.proposal["name"] == "Koelhuis Noord"
    assert intake.proposal["kvk_vestigingsnummer"] == "000034567890"
    assert intake.proposal["postcode"] == "1234 AD"
    assert intake.proposal["duplicates"] == [moved.pk]
    assert intake.establishment is None
    _nothing_of_an_application()

    client.force_login(officer)
    page = client.get(f"/intake/{intake.pk}/")
    assert page.status_code == 200
    assert "Voorstel voor een nieuwe vestiging" in page.content.decode()
    assert f'value="{moved.pk}"' in page.content.decode()  # offered to link by hand
    response = client.post(f"/intake/{intake.pk}/koppelen/", {"vestiging": moved.pk})
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.status == Status.PROCESSED and intake.establishment == moved and intake.establishment_by_hand
    assert intake.application is None  # informatieplicht: registered, no decision term


@pytest.mark.django_db
def test_several_establishments_at_the_location_land_in_the_queue(client, token, service, mapped, simulator):
    for name in ("Sorteerhal Oost", "Sorteerhal West"):
        EstablishmentFactory(owner=service, municipality=mapped, name=name, bag_nummeraanduiding_id=SAMPLE_BAG)
    number = serve(simulator, AANVRAAG, vestigingsnummer="000099999999")
    intake = _received(client, token, number)
    assert intake.status == Status.QUEUED
    assert intake.reason.startswith("Meerdere vestigingen bij de locatie")
    _nothing_of_an_application()


@pytest.mark.django_db
def test_the_rules_of_the_application_itself_keep_it_out(client, token, establishment, simulator):
    """A date of receipt in the future: permits.services refuses it, and nothing is half stored."""
    number = serve(simulator, AANVRAAG, indiendatum="2099-01-01")
    intake = _received(client, token, number)
    assert intake.status == Status.QUEUED
    assert intake.reason.startswith("De aanvraag kon niet worden vastgelegd:")
    _nothing_of_an_application()


@pytest.mark.django_db
def test_an_aanvulling_is_not_mapped_as_a_new_application(service, establishment):
    content = with_values(AANVRAAG, indiendatum=filed_days_ago(), doel="Aanvullen", volgnummer="2")
    intake = services.import_file(owner=service, content=content)
    assert intake.status == Status.QUEUED and intake.reason.startswith("Aanvulling (volgnummer 2)")
    _nothing_of_an_application()


# --- malformed requests, an unavailable DSO --------------------------------------------------------------------


@pytest.mark.django_db
def test_malformed_xml_lands_in_the_queue_with_the_reason(client, token, establishment, simulator):
    intake = _received(client, token, "2026111700005")  # samples/kapot.xml
    assert intake.status == Status.QUEUED
    assert intake.reason.startswith("Het STAM-bericht is geen geldige XML")
    assert intake.stam.read().startswith(b"<?xml")  # kept as it came
    _nothing_of_an_application()


@pytest.mark.django_db
def test_a_request_missing_what_the_mapping_needs_lands_in_the_queue(service, establishment):
    content = with_values(AANVRAAG, indiendatum=None, oin=None)
    intake = services.import_file(owner=service, content=content)
    assert intake.status == Status.QUEUED
    assert intake.reason == "Het STAM-bericht mist de indieningsdatum, het OIN van het bevoegd gezag."


def test_a_dtd_is_refused_before_parsing():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE v [<!ENTITY a "aaaa">]><verzoek><verzoeknummer>&a;</verzoeknummer></verzoek>'
    )
    with pytest.raises(dso.StamError, match="DTD"):
        dso.parse(bomb)


def test_an_xsd_whose_namespace_differs_refuses_the_request(settings, tmp_path):
    xsd = tmp_path / "stam.xsd"
    xsd.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:ander">'
        '<xs:element name="verzoek"/></xs:schema>'
    )
    settings.DSO_STAM_XSD = str(xsd)
    with pytest.raises(dso.StamError, match="past niet bij het STAM-schema"):
        dso.parse((SAMPLES / AANVRAAG).read_bytes())
    xsd.write_text(xsd.read_text().replace("urn:ander", "urn:openvth:stam-voorbeeld"))
    assert dso.parse((SAMPLES / AANVRAAG).read_bytes()).verzoeknummer == "2026111600001"


@pytest.mark.django_db
def test_an_unavailable_dso_is_tried_again_and_nothing_is_lost(client, token, establishment, simulator):
    number = serve(simulator, AANVRAAG)
    simulator.unavailable.add(number)
    assert notify(client, token, number).status_code == 202
    intake = IntakeRequest.objects.get()
    job = _run_job(intake)
    assert job.status == Job.Status.WAITING and "503" in job.error  # tried again later
    intake.refresh_from_db()
    assert intake.status == Status.WAITING and "503" in intake.reason
    simulator.unavailable.clear()
    job.next_attempt_at = None
    job.save()
    jobs.run(job.pk)
    intake.refresh_from_db()
    assert intake.status == Status.PROCESSED and intake.application is not None


# --- the command line -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_cli_import_receives_the_application(service, establishment, tmp_path):
    path = tmp_path / "verzoek.xml"
    path.write_bytes(with_values(AANVRAAG, indiendatum=filed_days_ago()))
    pdf = tmp_path / "aanvraag.pdf"
    pdf.write_bytes(b"%PDF-1.4 aanvraag")
    out = io.StringIO()
    call_command("dso", "import", str(path), "--organisatie", service.code, "--pdf", str(pdf), stdout=out)
    assert "Verzoek 2026111600001: verwerkt" in out.getvalue()
    intake = IntakeRequest.objects.get()
    assert intake.source == IntakeRequest.Source.FILE and intake.pdf.read() == b"%PDF-1.4 aanvraag"
    assert Application.objects.get().reference == "2026111600001"


@pytest.mark.django_db
def test_the_cli_import_of_a_broken_file_lands_in_the_queue(service, establishment):
    out = io.StringIO()
    call_command("dso", "import", str(SAMPLES / "kapot.xml"), "--organisatie", service.code, stdout=out)
    intake = IntakeRequest.objects.get()
    assert (intake.verzoeknummer, intake.status) == ("2026111700005", Status.QUEUED)
    assert "Reden: Het STAM-bericht is geen geldige XML" in out.getvalue()
    _nothing_of_an_application()


@pytest.mark.django_db
def test_the_cli_maps_an_oin(service):
    out = io.StringIO()
    call_command("dso", "oin", "00000001001234567000", service.code, stdout=out)
    assert service.oins.get().oin == "00000001001234567000"
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="20 cijfers"):
        call_command("dso", "oin", "123", service.code)


def test_the_sample_is_read_as_imam_describes_it():
    parsed = dso.parse((SAMPLES / AANVRAAG).read_bytes())
    assert (parsed.verzoeknummer, parsed.purpose, parsed.request_type) == ("2026111600001", "initiëren", "application")
    assert parsed.submitted_on == date(2026, 11, 16)
    assert parsed.authority_oin == AUTHORITY_OIN and parsed.service_oin == "00000001009876543000"
    assert (parsed.applicant.name, parsed.applicant.kvk_number, parsed.applicant.vestigingsnummer) == (
        "Recycling Voorbeeld", "12345678", "000012345678",
    )  # fmt: skip
    location = parsed.locations[0]
    assert (location.bag_id, location.street, location.house_number, location.postcode) == (
        SAMPLE_BAG, "Industrieweg", 12, "1234AB",
    )  # fmt: skip
    assert (location.rd_x, location.rd_y) == (155012.0, 463008.0)
    assert [a.dso_id for a in parsed.activities] == ["nl.imow-mnre1034.activiteit.OpslaanEnBewerkenBouwEnSloopafval"]
    assert [d.name for d in parsed.documents] == ["plattegrond-sorteerhal.pdf", "akoestisch-onderzoek.pdf"]
