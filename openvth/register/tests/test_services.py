import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openvth.core.history import history_of
from openvth.register import services
from openvth.register.models import Activity, Company, Establishment
from openvth.register.tests.factories import (
    ActivityFactory,
    ActivityTypeFactory,
    CompanyFactory,
    EstablishmentFactory,
    OrganisationFactory,
    ProvinceFactory,
)

pytestmark = pytest.mark.django_db


def establishment_fields(authority, service, **overrides):
    fields = {
        "kvk_vestigingsnummer": "000038509504",
        "name": "Galvano Twente B.V.",
        "bag_nummeraanduiding_id": "0153200000123456",
        "street": "Havenstraat",
        "house_number": "12",
        "postcode": "7547an",
        "place": "Enschede",
        "municipality": authority,
        "rd_x": 256_000,
        "rd_y": 471_000,
        "competent_authority": authority,
        "supervising_service": service,
        "ied": True,
    }
    return fields | overrides


def test_create_establishment_normalises_and_records_who(owner, service):
    municipality = OrganisationFactory()
    company = CompanyFactory(owner=service)
    created = services.create_establishment(
        user=owner, owner=service, company=company, **establishment_fields(municipality, service)
    )
    assert (created.postcode, created.house_number, created.normalised_name) == ("7547 AN", 12, "galvano twente")
    [change] = history_of(created)
    assert change.user == owner and change.action == "create"
    assert change.changes["postcode"] == [None, "7547 AN"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kvk_vestigingsnummer", "12345", "precies 12 cijfers"),
        ("bag_nummeraanduiding_id", "0153010000123456", "objecttypecode 20"),
        ("postcode", "7547 SS", "niet uitgegeven"),
        ("house_number", "twaalf", "geheel getal"),
        ("rd_x", 400_000, "buiten Nederland"),
        ("name", "", "verplicht"),
    ],
)
def test_each_invalid_field_is_named_and_nothing_is_stored(owner, service, field, value, message):
    municipality = OrganisationFactory()
    company = CompanyFactory(owner=service)
    with pytest.raises(ValidationError) as raised:
        services.create_establishment(
            user=owner, owner=service, company=company, **establishment_fields(municipality, service, **{field: value})
        )
    assert message in " ".join(raised.value.message_dict[field])
    assert not Establishment.objects.exists()


def test_all_errors_are_reported_at_once(owner, service):
    municipality = OrganisationFactory()
    with pytest.raises(ValidationError) as raised:
        services.create_establishment(
            user=owner,
            owner=service,
            company=CompanyFactory(owner=service),
            **establishment_fields(municipality, service, postcode="1", kvk_vestigingsnummer="1"),
        )
    assert set(raised.value.message_dict) == {"postcode", "kvk_vestigingsnummer"}


def test_organisations_must_have_the_right_kind(owner, service):
    municipality = OrganisationFactory()
    province = ProvinceFactory()
    fields = establishment_fields(municipality, service, supervising_service=municipality, municipality=province)
    with pytest.raises(ValidationError) as raised:
        services.create_establishment(user=owner, owner=service, company=CompanyFactory(owner=service), **fields)
    assert "geen omgevingsdienst" in raised.value.message_dict["supervising_service"][0]
    assert "geen gemeente" in raised.value.message_dict["municipality"][0]


def test_company_kvk_number_is_checked(owner, service):
    with pytest.raises(ValidationError, match="precies 8 cijfers"):
        services.create_company(user=owner, owner=service, kvk_number="1234567", name="X B.V.", legal_form="bv")
    company = services.create_company(user=owner, owner=service, kvk_number="12345678", name="X B.V.", legal_form="bv")
    assert company.normalised_name == "x"
    assert Company.objects.count() == 1


def test_outsider_cannot_write_for_another_organisation(outsider, service, establishment):
    with pytest.raises(PermissionDenied):
        services.update_establishment(user=outsider, establishment=establishment, name="Overgenomen")
    with pytest.raises(PermissionDenied):
        services.create_company(user=outsider, owner=service, kvk_number="12345678", name="X", legal_form="bv")


def test_update_records_old_and_new_values(member, establishment):
    services.update_establishment(user=member, establishment=establishment, postcode="9712cp", house_number=3)
    change = history_of(establishment).first()
    assert change.user == member and change.action == "update"
    assert change.changes["postcode"] == ["1234 AB", "9712 CP"]
    assert change.changes["house_number"][1] == 3
    assert "name" not in change.changes


def test_update_refuses_unknown_and_protected_fields(member, establishment):
    with pytest.raises(ValidationError) as raised:
        services.update_establishment(user=member, establishment=establishment, owner=None, colour="rood")
    assert set(raised.value.message_dict) == {"owner", "colour"}


def test_adding_an_activity_is_a_note_in_the_history_not_a_field_change(member, establishment):
    activity_type = ActivityTypeFactory(name="Opslaan van gevaarlijke stoffen")
    services.add_activity(user=member, establishment=establishment, activity_type=activity_type)
    change = history_of(establishment).first()
    assert change.changes == {}
    assert "Opslaan van gevaarlijke stoffen" in change.note


def test_inactive_activity_type_is_refused(member, establishment):
    retired = ActivityTypeFactory(active=False)
    with pytest.raises(ValidationError, match="niet meer actief"):
        services.add_activity(user=member, establishment=establishment, activity_type=retired)
    assert not Activity.objects.exists()


def test_merge_moves_related_records_and_keeps_history(owner, service, establishment):
    duplicate = EstablishmentFactory(
        owner=service,
        kvk_vestigingsnummer=establishment.kvk_vestigingsnummer,
        bag_nummeraanduiding_id="",
        rd_x=None,
        rd_y=None,
    )
    establishment.bag_nummeraanduiding_id = ""
    establishment.save()
    duplicate_bag = "0363200000999999"
    Establishment.objects.filter(pk=duplicate.pk).update(bag_nummeraanduiding_id=duplicate_bag)
    activity = ActivityFactory(establishment=duplicate)

    kept = services.merge(user=owner, keep=establishment, duplicates=[duplicate])

    activity.refresh_from_db()
    duplicate.refresh_from_db()
    assert activity.establishment == kept
    assert duplicate.merged_into == kept
    assert kept.bag_nummeraanduiding_id == duplicate_bag  # filled from the duplicate
    assert history_of(kept).first().action == "merge"
    assert "Samengevoegd in" in history_of(duplicate).first().note


def test_merge_moves_establishments_of_merged_companies(owner, service):
    keep, twin = CompanyFactory(owner=service), CompanyFactory(owner=service)
    branch = EstablishmentFactory(owner=service, company=twin)
    services.merge(user=owner, keep=keep, duplicates=[twin], reason="Verkeerd KvK-nummer ingevoerd.")
    branch.refresh_from_db()
    assert branch.company == keep


@pytest.mark.parametrize("case", ["self", "empty", "already_merged", "other_kind"])
def test_merge_refuses_nonsense(owner, service, establishment, case):
    other = EstablishmentFactory(owner=service)
    if case == "already_merged":
        Establishment.objects.filter(pk=other.pk).update(merged_into=establishment)
    duplicates = {
        "self": [establishment],
        "empty": [],
        "already_merged": [other],
        "other_kind": [CompanyFactory(owner=service)],
    }[case]
    with pytest.raises(ValidationError):
        services.merge(user=owner, keep=establishment, duplicates=duplicates)
    assert not history_of(establishment).exists()


def test_merge_across_organisations_needs_rights_on_both(owner, establishment, foreign_establishment):
    with pytest.raises(PermissionDenied):
        services.merge(user=owner, keep=establishment, duplicates=[foreign_establishment])
    foreign_establishment.refresh_from_db()
    assert foreign_establishment.merged_into is None
