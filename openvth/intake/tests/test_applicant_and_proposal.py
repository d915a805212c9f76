"""The applicant of a request carried to the application (with the activity types it is for), and the permit
officer who makes the proposed establishment from the intake page: the register's duplicate check first, then the
request mapped again into an application; refused for who may not, nothing stored on a bad form."""

import html

import pytest
from django.core.exceptions import PermissionDenied

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.intake import dso, services
from openvth.intake.models import IntakeRequest
from openvth.intake.simulator import SAMPLES, with_values
from openvth.permits.models import Application
from openvth.register.models import Company, Establishment
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory

from .conftest import AANVRAAG, filed_days_ago

Status = IntakeRequest.Status
NATURAL_PERSON = "verzoek-aanvraag-natuurlijk-persoon.xml"
# the sample application at an address the register does not know, for a company it does not know
ELSEWHERE = {
    "bagNummeraanduidingId": None,
    "punt": None,
    "straatnaam": "Havenkade",
    "huisnummer": "88",
    "postcode": "1234 AD",
    "kvkNummer": "87654321",
    "statutaireNaam": "Nieuw Afval B.V.",
    "handelsnaam": "Nieuw Afval",
    "vestigingsnummer": "000087654321",
}


def _import(service, sample=AANVRAAG, **values) -> IntakeRequest:
    return services.import_file(owner=service, content=with_values(sample, indiendatum=filed_days_ago(), **values))


def _page(client, intake) -> str:
    return html.unescape(client.get(f"/intake/{intake.pk}/").content.decode())


def _posted(initial: dict, **changes) -> dict:
    """The prefilled form as the browser sends it back (with the officer's changes; None leaves a field out)."""
    data = {k: ("on" if v is True else v) for k, v in (initial | changes).items() if v not in (None, False)}
    return {k: str(v) for k, v in data.items()}


def _nothing_new(establishments: int, companies: int) -> None:
    assert Establishment.objects.count() == establishments and Company.objects.count() == companies
    assert not Application.objects.exists()


# --- A: the applicant -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_applicant_and_the_activities_are_carried_to_the_application(service, establishment):
    intake = _import(service)
    assert intake.status == Status.PROCESSED, intake.reason
    application = intake.application
    assert (application.applicant_name, application.applicant_kvk_number) == ("Recycling Voorbeeld", "12345678")
    assert application.applicant_is_natural_person is False
    assert application.applicant_email == "vergunningen@recycling-voorbeeld.example"  # the request's contactpersoon
    assert application.applicant_phone == "020-1234567"
    assert [t.code for t in application.activity_types.all()] == ["3.33"]


@pytest.mark.django_db
def test_a_natural_person_is_read_without_kvk_and_marked_as_personal_data(client, officer, service, mapped):
    parsed = dso.parse((SAMPLES / NATURAL_PERSON).read_bytes()).applicant
    assert (parsed.name, parsed.kvk_number, parsed.natural_person) == ("P. de Vries", "", True)
    assert (parsed.email, parsed.phone) == ("p.devries@voorbeeld.example", "06-12345678")
    farm = EstablishmentFactory(
        owner=service, municipality=mapped, street="Polderweg", house_number=7, postcode="1234 AE", is_home_address=True
    )
    intake = _import(service, NATURAL_PERSON)
    assert intake.status == Status.PROCESSED, intake.reason
    application = intake.application
    assert application.establishment == farm
    assert (application.applicant_name, application.applicant_kvk_number) == ("P. de Vries", "")
    assert application.applicant_is_natural_person is True
    assert (application.applicant_email, application.applicant_phone) == ("p.devries@voorbeeld.example", "06-12345678")
    assert [t.code for t in application.activity_types.all()] == ["3.13"]
    client.force_login(officer)
    page = html.unescape(client.get(f"/vergunningen/aanvragen/{application.pk}/").content.decode())
    assert "P. de Vries" in page and "natuurlijk persoon" in page and "06-12345678" in page
    assert "nooit openbaar" in page


@pytest.mark.django_db
def test_an_enterprise_the_register_holds_as_one_of_natural_persons_is_a_natural_person(service, mapped):
    sole_trader = CompanyFactory(owner=service, kvk_number="12345678", legal_form=Company.LegalForm.EENMANSZAAK)
    EstablishmentFactory(
        owner=service, company=sole_trader, municipality=mapped, bag_nummeraanduiding_id="0363200000123456"
    )
    intake = _import(service, rechtsvorm=None, statutaireNaam="Recycling Voorbeeld")  # the request does not say so
    assert intake.status == Status.PROCESSED, intake.reason
    assert intake.application.applicant_is_natural_person is True


@pytest.mark.django_db
def test_a_broken_contact_detail_does_not_keep_the_request_out(service, establishment):
    intake = _import(service, emailadres="geen e-mailadres", telefoonnummer="bel me")
    assert intake.status == Status.PROCESSED, intake.reason
    assert (intake.application.applicant_email, intake.application.applicant_phone) == ("", "")
    assert intake.application.applicant_name == "Recycling Voorbeeld"


# --- B: the establishment made from the proposal ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_proposed_establishment_is_made_and_the_request_becomes_an_application(client, officer, service, mapped):
    intake = _import(service, **ELSEWHERE)
    assert intake.status == Status.QUEUED and intake.proposal["duplicates"] == []
    client.force_login(officer)
    page = _page(client, intake)
    assert f'action="/intake/{intake.pk}/nieuwe-vestiging/"' in page
    assert 'value="Havenkade"' in page and 'value="000087654321"' in page  # prefilled from the request
    initial = services.proposal_initial(intake)
    assert initial["municipality"] == mapped.pk and initial["competent_authority"] == mapped.pk
    assert (initial["legal_form"], initial["company_name"]) == ("bv", "Nieuw Afval B.V.")

    response = client.post(f"/intake/{intake.pk}/nieuwe-vestiging/", _posted(initial))

    assert response.status_code == 302, response.content.decode()[:2000]
    intake.refresh_from_db()
    assert intake.status == Status.PROCESSED and intake.reason == "" and intake.proposal == {}
    made = intake.establishment
    assert (made.name, made.street, made.house_number, made.postcode) == ("Nieuw Afval", "Havenkade", 88, "1234 AD")
    assert (made.owner, made.supervising_service, made.competent_authority) == (service, service, mapped)
    assert (made.company.kvk_number, made.company.name, made.company.legal_form) == (
        "87654321",
        "Nieuw Afval B.V.",
        "bv",
    )
    assert intake.establishment_by_hand
    application = intake.application
    assert application.establishment == made and application.received_on == intake.received_on
    assert application.applicant_name == "Nieuw Afval"
    messages = [m.message for m in client.get("/intake/").context["messages"]]
    assert "Vestiging Nieuw Afval is in het register vastgelegd." in messages


@pytest.mark.django_db
def test_an_existing_company_is_used_for_the_new_establishment(client, officer, service, mapped):
    company = CompanyFactory(owner=service, kvk_number="87654321", name="Nieuw Afval Holding B.V.")
    intake = _import(service, **ELSEWHERE)
    client.force_login(officer)
    response = client.post(f"/intake/{intake.pk}/nieuwe-vestiging/", _posted(services.proposal_initial(intake)))
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.establishment.company == company and Company.objects.count() == 1


@pytest.mark.django_db
def test_a_duplicate_is_shown_and_the_request_is_linked_to_it_instead(client, officer, service, mapped):
    moved = EstablishmentFactory(
        owner=service, municipality=mapped, name="Nieuw Afval", kvk_vestigingsnummer="000087654321", postcode="9999 ZZ"
    )
    intake = _import(service, **ELSEWHERE)
    assert intake.proposal["duplicates"] == [moved.pk]
    counts = Establishment.objects.count(), Company.objects.count()
    client.force_login(officer)

    refused = client.post(f"/intake/{intake.pk}/nieuwe-vestiging/", _posted(services.proposal_initial(intake)))

    assert refused.status_code == 400
    body = html.unescape(refused.content.decode())
    assert "Het register heeft al een vestiging die hierop lijkt: Nieuw Afval" in body
    assert "Aan deze vestiging koppelen" in body and f'name="vestiging" value="{moved.pk}"' in body
    assert "Toch een nieuwe vestiging vastleggen" in body
    _nothing_new(*counts)
    intake.refresh_from_db()
    assert intake.status == Status.QUEUED and intake.establishment is None

    linked = client.post(f"/intake/{intake.pk}/koppelen/", {"vestiging": moved.pk})
    assert linked.status_code == 302
    intake.refresh_from_db()
    assert intake.status == Status.PROCESSED and intake.application.establishment == moved


@pytest.mark.django_db
def test_a_new_establishment_despite_a_duplicate_when_the_officer_confirms(client, officer, service, mapped):
    EstablishmentFactory(owner=service, municipality=mapped, kvk_vestigingsnummer="000087654321", postcode="9999 ZZ")
    intake = _import(service, **ELSEWHERE)
    client.force_login(officer)
    data = _posted(services.proposal_initial(intake), also_if_duplicates=True)
    assert client.post(f"/intake/{intake.pk}/nieuwe-vestiging/", data).status_code == 302
    intake.refresh_from_db()
    assert intake.status == Status.PROCESSED and intake.establishment.street == "Havenkade"


@pytest.mark.django_db
def test_an_inspector_may_not_make_the_establishment(client, service, mapped):
    intake = _import(service, **ELSEWHERE)
    inspector = UserFactory(organisation=service, role=Role.INSPECTOR)
    client.force_login(inspector)
    assert "nieuwe-vestiging" not in _page(client, intake)  # no form for who may not use it
    counts = Establishment.objects.count(), Company.objects.count()
    response = client.post(f"/intake/{intake.pk}/nieuwe-vestiging/", _posted(services.proposal_initial(intake)))
    assert response.status_code == 302
    assert [m.message for m in client.get("/intake/").context["messages"]] == [
        "Alleen een vergunningverlener of manager behandelt de intake uit het Omgevingsloket."
    ]
    _nothing_new(*counts)
    intake.refresh_from_db()
    assert intake.status == Status.QUEUED


@pytest.mark.django_db
def test_a_permit_officer_of_another_organisation_may_not_write_its_register(service, mapped):
    """The municipality's own permit officer handles intake, but the register of the receiving service is not his."""
    intake = _import(service, **ELSEWHERE)
    municipal = UserFactory(organisation=mapped, role=Role.PERMIT_OFFICER)
    counts = Establishment.objects.count(), Company.objects.count()
    with pytest.raises(PermissionDenied, match="geen vestiging in het register vastleggen"):
        services.create_establishment(user=municipal, intake=intake, **_fields(services.proposal_initial(intake)))
    _nothing_new(*counts)


def _fields(initial: dict) -> dict:
    from openvth.register.models import Organisation

    values = dict(initial)
    for name in ("municipality", "competent_authority"):
        values[name] = Organisation.objects.get(pk=values[name])
    return values


@pytest.mark.django_db
def test_a_bad_form_gives_dutch_errors_and_stores_nothing(client, officer, service, mapped):
    intake = _import(service, **ELSEWHERE)
    client.force_login(officer)
    initial = services.proposal_initial(intake)
    counts = Establishment.objects.count(), Company.objects.count()

    # the register's format rules, after the new company was made: that is rolled back too
    response = client.post(
        f"/intake/{intake.pk}/nieuwe-vestiging/", _posted(initial, postcode="12345", kvk_vestigingsnummer="12")
    )
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert "De vestiging is niet vastgelegd" in body
    assert "Een postcode heeft de vorm '1234 AB', niet '12345'." in body
    assert "Een vestigingsnummer moet uit precies 12 cijfers bestaan, niet '12'." in body
    _nothing_new(*counts)

    # a field left empty, and a new company without its legal form
    empty = client.post(f"/intake/{intake.pk}/nieuwe-vestiging/", _posted(initial, street=None))
    assert empty.status_code == 400 and "Straat: Dit veld is vereist." in html.unescape(empty.content.decode())
    no_form = client.post(f"/intake/{intake.pk}/nieuwe-vestiging/", _posted(initial, legal_form=""))
    assert "Kies de rechtsvorm" in html.unescape(no_form.content.decode())
    bad_kvk = client.post(f"/intake/{intake.pk}/nieuwe-vestiging/", _posted(initial, kvk_number="123"))
    assert "Een KvK-nummer moet uit precies 8 cijfers bestaan, niet '123'." in html.unescape(bad_kvk.content.decode())
    _nothing_new(*counts)
    intake.refresh_from_db()
    assert intake.status == Status.QUEUED and intake.establishment is None and intake.proposal


@pytest.mark.django_db
def test_a_request_without_a_proposal_offers_no_new_establishment(client, officer, service, establishment):
    intake = _import(service, oin="00000001000000000999")  # an unknown authority: queued, the establishment known
    assert intake.status == Status.QUEUED and intake.proposal == {}
    client.force_login(officer)
    assert "nieuwe-vestiging" not in _page(client, intake)
    response = client.post(f"/intake/{intake.pk}/nieuwe-vestiging/", {"name": "X"})
    assert response.status_code == 302
    assert f"Verzoek {intake.verzoeknummer} heeft geen voorstel voor een nieuwe vestiging." in [
        m.message for m in client.get("/intake/").context["messages"]
    ]
