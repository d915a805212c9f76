"""The one scoping layer: users of two organisations never see each other's private records."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from openvth.accounts.tests.factories import UserFactory
from openvth.register import selectors
from openvth.register.models import Activity, Company, Establishment, Mandate
from openvth.register.tests.factories import ActivityFactory, EstablishmentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_owner_and_member_see_their_organisation_outsider_does_not(
    owner, member, outsider, establishment, foreign_establishment
):
    for user in (owner, member):
        assert set(Establishment.objects.visible_to(user)) == {establishment}
        assert set(Company.objects.visible_to(user)) == {establishment.company}
    assert set(Establishment.objects.visible_to(outsider)) == {foreign_establishment}
    assert set(Company.objects.visible_to(outsider)) == {foreign_establishment.company}


def test_competent_authority_sees_its_establishments(establishment):
    official = UserFactory(organisation=establishment.competent_authority, role="authority_official")
    assert list(Establishment.objects.visible_to(official)) == [establishment]


def test_activities_follow_their_establishment(member, outsider, establishment):
    activity = ActivityFactory(establishment=establishment)
    assert list(Activity.objects.visible_to(member)) == [activity]
    assert not Activity.objects.visible_to(outsider).exists()


def test_no_organisation_or_anonymous_sees_nothing(establishment):
    assert not Establishment.objects.visible_to(AnonymousUser()).exists()
    assert not Establishment.objects.visible_to(UserFactory(organisation=None)).exists()


def test_search_is_scoped(member, outsider, establishment):
    assert list(selectors.search_establishments(member, "chemie")) == [establishment]
    assert list(selectors.search_establishments(outsider, "delfzijl")) == []


def test_mandates_seen_by_authority_and_holder_organisation(member, outsider, service):
    authority = OrganisationFactory()
    mandate = Mandate.objects.create(
        authority=authority, holder=member, decision_type="last_onder_dwangsom", valid_from=datetime.date(2024, 1, 1)
    )
    assert list(Mandate.objects.visible_to(member)) == [mandate]
    assert list(Mandate.objects.visible_to(UserFactory(organisation=authority))) == [mandate]
    assert not Mandate.objects.visible_to(outsider).exists()


@pytest.mark.parametrize(
    ("on", "holds"),
    [
        (datetime.date(2023, 12, 31), False),
        (datetime.date(2024, 1, 1), True),
        (datetime.date(2024, 12, 31), True),
        (datetime.date(2025, 1, 1), False),
    ],
)
def test_holds_mandate_only_within_its_period(member, on, holds):
    authority = OrganisationFactory()
    Mandate.objects.create(
        authority=authority,
        holder=member,
        decision_type="last_onder_dwangsom",
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2024, 12, 31),
    )
    assert selectors.holds_mandate(member, authority=authority, decision_type="last_onder_dwangsom", on=on) is holds
    assert not selectors.holds_mandate(member, authority=authority, decision_type="bestuurlijke_boete", on=on)


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ("10000042", True),  # KvK number of the company
        ("999900000042", True),  # vestigingsnummer
        ("7547AN", True),
        ("7547 an 12", True),
        ("7547 AN 13", False),
        ("galvano", True),
        ("GALVANO TWENTE bv", True),
        ("Enschede", True),
        ("Enschedé", False),
        ("Hengelo", False),
    ],
)
def test_search_by_each_kind_of_query(member, service, query, matches):
    found = EstablishmentFactory(
        owner=service,
        company__kvk_number="10000042",
        kvk_vestigingsnummer="999900000042",
        name="Galvano Twente B.V.",
        postcode="7547 AN",
        house_number=12,
        place="Enschede",
    )
    EstablishmentFactory(owner=service, name="Andere Zaak", postcode="1000 AA", place="Hengelo")
    assert (found in selectors.search_establishments(member, query)) is matches


def test_merged_records_leave_search_and_duplicates_are_found(owner, service, establishment):
    twin = EstablishmentFactory(
        owner=service,
        name="CHEMIE DELFZIJL BV",
        postcode=establishment.postcode,
        house_number=establishment.house_number,
    )
    [group] = selectors.duplicate_establishments(owner)
    assert group.reason == "zelfde naam en adres" and set(group.establishments) == {establishment, twin}
    Establishment.objects.filter(pk=twin.pk).update(merged_into=establishment)
    assert list(selectors.search_establishments(owner, "chemie delfzijl")) == [establishment]
    assert selectors.duplicate_establishments(owner) == []
