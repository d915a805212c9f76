"""The applicant of an application and the activity types it is for: typed in by hand (page and API), checked in
Dutch, shown to who may read the application; a natural person's name and contact details never on the public
site, in the open data or the public API, also when the permit decided on the application is released."""

import datetime
import html
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from openvth.core import clock
from openvth.disclosure import services as disclosure
from openvth.disclosure.tests.factories import officer as publication_officer
from openvth.permits import services
from openvth.permits.models import Application
from openvth.register.models import ActivityType
from openvth.testing.api import client_for, problem

APPLICATIONS = "/api/v1/applications"
PERSON = {
    "applicant_name": "Hendrika Zwanenburg-Oosterhof",
    "applicant_kvk_number": "",
    "applicant_is_natural_person": True,
    "applicant_email": "h.zwanenburg@voorbeeld.example",
    "applicant_phone": "06-98765432",
}


def _types(*codes: str) -> list[ActivityType]:
    return list(ActivityType.objects.filter(code__in=codes).order_by("code"))


def _form(establishment, **values) -> dict:
    received = clock.today() - datetime.timedelta(days=3)
    return {
        "kvk_vestigingsnummer": establishment.kvk_vestigingsnummer,
        "competent_authority": establishment.competent_authority_id,
        "reference": "OLO-4242",
        "subject": "Opslag van gevaarlijke stoffen",
        "received_on": received.isoformat(),
        "procedure": "regular",
        **values,
    }


@pytest.fixture
def owner_client(owner):
    client = Client()
    client.force_login(owner)
    return client


@pytest.mark.django_db
def test_the_hand_entry_form_takes_the_applicant_and_the_activities(owner_client, establishment):
    types = _types("3.13", "3.16")
    data = _form(
        establishment,
        applicant_name="Tankopslag Noord B.V.",
        applicant_kvk_number="1234 5678",
        applicant_email="info@tankopslag.example",
        applicant_phone="+31 20 123 4567",
        activity_types=[t.pk for t in types],
    )
    response = owner_client.post(reverse("permits:application_new"), data)
    application = Application.objects.get(reference="OLO-4242")
    assert response.url == reverse("permits:application", args=[application.pk])
    assert (application.applicant_name, application.applicant_kvk_number) == ("Tankopslag Noord B.V.", "12345678")
    assert application.applicant_is_natural_person is False
    assert list(application.activity_types.order_by("code")) == types
    page = html.unescape(owner_client.get(response.url).content.decode())
    assert "Tankopslag Noord B.V." in page and "info@tankopslag.example" in page and "+31 20 123 4567" in page
    assert f"{types[0].code} {types[0].name}" in page and f"{types[1].code} {types[1].name}" in page


@pytest.mark.django_db
def test_an_application_without_applicant_still_registers(owner_client, establishment):
    response = owner_client.post(reverse("permits:application_new"), _form(establishment))
    application = Application.objects.get(reference="OLO-4242")
    assert (application.applicant_name, application.activity_types.count()) == ("", 0)
    assert "Geen aanvrager vastgelegd." in owner_client.get(response.url).content.decode()


@pytest.mark.django_db
def test_bad_applicant_values_are_refused_in_dutch_and_nothing_is_stored(owner_client, establishment):
    data = _form(establishment, applicant_kvk_number="123", applicant_email="geen-adres", applicant_phone="bel mij")
    response = owner_client.post(reverse("permits:application_new"), data)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "Een KvK-nummer moet uit precies 8 cijfers bestaan, niet '123'." in body
    assert "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl." in body
    assert "Vul een telefoonnummer in met alleen cijfers, spaties, '+' of '-'." in body
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_retired_activity_type_is_refused(owner, establishment):
    retired = _types("3.13")[0]
    retired.active = False
    retired.save()
    with pytest.raises(ValidationError) as refused:
        services.receive_application(
            user=owner, establishment=establishment, competent_authority=establishment.competent_authority,
            reference="OLO-1", subject="Opslag", received_on=clock.today(), procedure="regular",
            activity_types=[retired],
        )  # fmt: skip
    assert refused.value.message_dict["activity_types"] == [f"Activiteitsoort niet meer in gebruik: {retired.name}."]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_api_takes_and_shows_the_applicant_to_who_may_read_the_application(owner, member, outsider, establishment):
    body = {
        "establishment": establishment.pk,
        "competent_authority": establishment.competent_authority.code,
        "reference": "OLO-88",
        "subject": "Opslag van gewasbeschermingsmiddelen",
        "received_on": clock.today().isoformat(),
        "procedure": "regular",
        "activity_types": ["3.13"],
        **PERSON,
    }
    created = client_for(owner).post(APPLICATIONS, body, format="json")
    assert created.status_code == 201, created.content
    url = f"{APPLICATIONS}/{created.json()['id']}"
    shown = client_for(member).get(url).json()
    assert {key: shown[key] for key in PERSON} == PERSON
    assert shown["activity_types"] == ["3.13"]
    problem(client_for(outsider).get(url), 404)
    assert "Zwanenburg" not in json.dumps(client_for(outsider).get(APPLICATIONS).json())
    refused = problem(client_for(owner).post(APPLICATIONS, body | {"applicant_email": "h@"}, format="json"), 400)
    assert [(p["name"], p["reason"]) for p in refused["invalid-params"]] == [
        ("applicant_email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
    ]
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_natural_person_applicant_is_on_no_public_page_or_open_data(owner, service, establishment):
    application = services.receive_application(
        user=owner, establishment=establishment, competent_authority=establishment.competent_authority,
        reference="OLO-2024-7", subject="Opslag van gewasbeschermingsmiddelen", procedure="regular",
        received_on=clock.today() - datetime.timedelta(days=30), activity_types=_types("3.13"), **PERSON,
    )  # fmt: skip
    decided = clock.today() - datetime.timedelta(days=2)
    services.record_decision(
        user=owner, establishment=establishment, reference="V-2024-7", kind="grant", decided_on=decided,
        effective_from=decided, application=application,
        changes=[{"op": "add", "number": "1", "text": "Gewasbeschermingsmiddelen staan in een afgesloten kast."}],
    )  # fmt: skip
    reviewer = publication_officer(service, username="publicatie")
    release = disclosure.propose_permit(user=owner, establishment=establishment)
    disclosure.publish(user=reviewer, publication=disclosure.approve(user=reviewer, publication=release))

    public = Client()
    permit_page = public.get(reverse("disclosure:public_permit", args=[establishment.pk]))
    assert permit_page.status_code == 200 and "V-2024-7" in permit_page.content.decode()  # the released decision
    answers = [permit_page]
    for name, args in (
        ("disclosure:public_company", [establishment.company_id]),
        ("disclosure:public_publication_diwoo", [release.pk]),
        ("disclosure:public_feed", []),
        ("disclosure:public_diwoo_sitemap", []),
        ("disclosure:public_download", ["csv"]),
        ("disclosure:public_download", ["json"]),
        ("disclosure:public_download_dataset", ["vergunningvoorschriften", "csv"]),
        ("disclosure:public_download_dataset", ["vergunningvoorschriften", "json"]),
        ("disclosure:public_fields", []),
        ("public-permit-list", []),
        ("public-establishment-permit", [establishment.pk]),
    ):
        answer = public.get(reverse(name, args=args))
        assert answer.status_code == 200, (name, answer.status_code)
        answers.append(answer)
    for answer in answers:
        text = b"".join(answer.streaming_content) if answer.streaming else answer.content
        text = html.unescape(text.decode())
        for value in ("Zwanenburg", PERSON["applicant_email"], PERSON["applicant_phone"], "OLO-2024-7"):
            assert value not in text, (answer.request["PATH_INFO"], value)


@pytest.mark.django_db
def test_reading_a_natural_persons_application_is_in_the_read_log(owner, owner_client, establishment):
    """The page and the API log who was shown a natural person's applicant (AVG); a company's application is no
    personal data and is not logged. The log finds the reads by the applicant's e-mail address."""
    from openvth.audit import subjects
    from openvth.audit.models import PersonalDataRead, ReadKind

    def receive(reference: str, **applicant):
        return services.receive_application(
            user=owner, establishment=establishment, competent_authority=establishment.competent_authority,
            reference=reference, subject="Opslag", received_on=clock.today(), procedure="regular", **applicant,
        )  # fmt: skip

    person = receive("OLO-P", **PERSON)
    company = receive("OLO-C", applicant_name="Agro Opslag B.V.", applicant_kvk_number="12345678")
    assert owner_client.get(reverse("permits:application", args=[person.pk])).status_code == 200
    assert owner_client.get(reverse("permits:application", args=[company.pk])).status_code == 200
    assert client_for(owner).get(f"{APPLICATIONS}/{person.pk}").status_code == 200
    reads = PersonalDataRead.objects.order_by("id")
    assert [(r.kind, r.object_id, r.channel) for r in reads] == [
        (ReadKind.APPLICANT, str(person.pk), "ui"),
        (ReadKind.APPLICANT, str(person.pk), "api"),
    ]
    by_email = PersonalDataRead.objects.filter(
        subjects__digest=subjects.digest(subjects.EMAIL, PERSON["applicant_email"])
    )
    assert by_email.count() == 2
