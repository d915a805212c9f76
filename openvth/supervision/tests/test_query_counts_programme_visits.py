"""The yearly programme's visits are tested on the establishment each visit joins (Establishment.joined_visibility_q),
not against every establishment the reader sees: the same visits, list and figures as the scoping layer's
`visible_to` gives, for every kind of reader."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Sum

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.core.scoping import SYSTEM_JOB
from openvth.register.models import Establishment, Organisation
from openvth.register.tests.factories import (
    EstablishmentFactory,
    OrganisationFactory,
    ProvinceFactory,
    ServiceFactory,
)
from openvth.supervision.models import Inspection, PlannedVisit, Programme
from openvth.supervision.selectors import planning as selectors
from openvth.supervision.tests.factories import InspectionFactory


@pytest.fixture
def world(service, other_service):
    """A programme of the service with visits to establishments seen in each way the scoping layer allows (owner,
    competent authority, supervising service) and one the service does not see."""
    municipality, elsewhere = OrganisationFactory(name="Gemeente Hier"), OrganisationFactory(name="Gemeente Daar")
    province = ProvinceFactory(name="Provincie Midden")
    third = ServiceFactory(name="Omgevingsdienst Derde")
    establishments = {
        "owned": EstablishmentFactory(owner=service, municipality=municipality, name="Bedrijf A"),
        "owned_elsewhere": EstablishmentFactory(owner=service, municipality=elsewhere, name="Bedrijf B"),
        "provincial": EstablishmentFactory(
            owner=service, municipality=municipality, competent_authority=province, name="Bedrijf C"
        ),
        "supervised": EstablishmentFactory(
            owner=other_service, supervising_service=service, municipality=elsewhere, name="Bedrijf D"
        ),
        "third": EstablishmentFactory(owner=third, municipality=municipality, name="Bedrijf E"),
        "foreign": EstablishmentFactory(owner=other_service, municipality=elsewhere, name="Bedrijf F"),
    }
    year = clock.today().year + 1
    programme = Programme.objects.create(service=service, year=year, capacity_hours=40)
    other = Programme.objects.create(service=other_service, year=year, capacity_hours=40)
    for n, establishment in enumerate(establishments.values()):
        PlannedVisit.objects.create(
            programme=programme, establishment=establishment, month=1 + n % 3, hours=Decimal("2.5"), postponed=n == 2
        )
        PlannedVisit.objects.create(programme=other, establishment=establishment, month=5, hours=Decimal(1))
    done = programme.visits.get(establishment=establishments["owned"])
    done.inspection = InspectionFactory(establishment=done.establishment, status=Inspection.Status.CLOSED)
    done.save()
    return {
        "programme": programme,
        "establishments": establishments,
        "municipality": municipality,
        "province": province,
        "third": third,
    }


def readers(service, other_service, world):
    yield UserFactory(organisation=service, role=Role.MANAGER)
    yield UserFactory(organisation=service, role=Role.INSPECTOR)
    yield UserFactory(organisation=other_service, role=Role.MANAGER)
    yield UserFactory(organisation=world["municipality"], role=Role.AUTHORITY_OFFICIAL)
    yield UserFactory(organisation=world["province"], role=Role.AUTHORITY_OFFICIAL)
    yield UserFactory(organisation=world["third"], role=Role.MANAGER)
    yield UserFactory(organisation=OrganisationFactory(name="Gemeente Nergens"), role=Role.AUTHORITY_OFFICIAL)
    police = OrganisationFactory(name="Politie Midden", kind=Organisation.Kind.POLICE)
    yield UserFactory(organisation=police, role=Role.CHAIN_PARTNER)  # a sharing partner: no more by visibility
    ministry = OrganisationFactory(name="Ministerie van IenW", kind=Organisation.Kind.MINISTRY)
    yield UserFactory(organisation=ministry, role=Role.PROGRAMME_OFFICE)
    yield UserFactory(organisation=None, is_superuser=True)
    yield UserFactory(organisation=None)
    yield SYSTEM_JOB
    yield AnonymousUser()


def scoped(programme, user):
    """The programme's visits the scoping layer lets the user open by their establishment."""
    return programme.visits.filter(establishment__in=Establishment.objects.visible_to(user))


def test_the_visible_visits_are_those_of_the_scoping_layer(service, other_service, world):
    programme = world["programme"]
    for user in readers(service, other_service, world):
        assert set(selectors._visible_visits(programme, user)) == set(scoped(programme, user)), user
        expected = scoped(programme, user).order_by("month", "establishment__name", "id")
        assert list(selectors.visits(programme, user)) == list(expected), user
    names = {
        reader: {v.establishment.name for v in selectors.visits(programme, UserFactory(organisation=org))}
        for reader, org in (
            ("service", service),
            ("municipality", world["municipality"]),
            ("province", world["province"]),
            ("other", other_service),
        )
    }
    assert names == {
        "service": {"Bedrijf A", "Bedrijf B", "Bedrijf C", "Bedrijf D"},
        "municipality": {"Bedrijf A", "Bedrijf E"},  # the competent authority of the provincial one is the province
        "province": {"Bedrijf C"},
        "other": {"Bedrijf D", "Bedrijf F"},
    }


def test_the_figures_are_those_of_the_scoped_visits(service, other_service, world):
    programme = world["programme"]
    for user in readers(service, other_service, world):
        groups = (
            scoped(programme, user)
            .values("month", "postponed", authority=F("establishment__competent_authority__name"))
            .annotate(n=Count("id"), done=Count("id", filter=selectors.done_q()), hours=Sum("hours"))
        )
        kept = [g for g in groups if not g["postponed"]]
        progress = selectors.programme_progress(programme, user)
        summary = progress.summary
        assert summary.planned == sum(g["n"] for g in kept), user
        assert summary.done == sum(g["done"] for g in kept), user
        assert summary.postponed == sum(g["n"] for g in groups if g["postponed"]), user
        assert summary.planned_hours == sum((g["hours"] for g in kept), Decimal(0)), user
        assert progress.visit_count() == scoped(programme, user).count(), user
        for month in range(1, 13):
            assert progress.visit_count(month) == scoped(programme, user).filter(month=month).count(), user
        by_authority = {a["authority"]: (a["planned"], a["done"]) for a in progress.authorities}
        expected = {}
        for g in kept:
            planned, done = expected.get(g["authority"], (0, 0))
            expected[g["authority"]] = (planned + g["n"], done + g["done"])
        assert by_authority == expected, user
    manager = UserFactory(organisation=service, role=Role.MANAGER)
    summary = selectors.programme_summary(programme, manager)
    assert (summary.planned, summary.done, summary.postponed) == (3, 1, 1)


def test_an_organisation_s_visits_are_filtered_by_the_join_not_a_subquery(service, world):
    """The establishment the visits join is tested itself: no IN (SELECT … every establishment the reader sees)."""
    manager = UserFactory(organisation=service, role=Role.MANAGER)
    sql = str(selectors._visible_visits(world["programme"], manager).query).upper()
    assert "IN (SELECT" not in sql
    assert "SUPERVISING_SERVICE_ID" in sql  # the rule of Establishment.visibility_q, on the joined establishment
    old = str(scoped(world["programme"], manager).query).upper()
    assert "IN (SELECT" in old  # the form it replaces, for contrast
