"""Configurable tables per organisation: LHSO matrix and local policy versions with history, letter templates; who
may store them; the version in force on a day; scoping of cases (an outsider sees nothing)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core.history import history_of
from openvth.enforcement import configuration, selectors, services
from openvth.enforcement.lhso_tables import active_table
from openvth.enforcement.models import EnforcementCase, LhsoTableVersion, PolicyTableVersion
from openvth.rules import enforcement as rules
from openvth.rules import lhso


@pytest.fixture
def admin(service):
    return UserFactory(organisation=service, role=Role.ADMINISTRATOR)


def _table(**cells):
    table = lhso.DEFAULT_TABLE.to_dict()
    table["cells"].update(cells)
    return table


def test_lhso_versions_keep_history_and_the_newest_on_a_day_applies(admin, service):
    first = configuration.store_lhso_table(user=admin, organisation=service, table=_table(), valid_from="2023-01-01")
    second = configuration.store_lhso_table(
        user=admin, organisation=service, table=_table(A1=["address"]), valid_from="2025-01-01", note="Strenger."
    )
    assert selectors.lhso_table_version(service, datetime.date(2024, 6, 1)) == first
    assert selectors.lhso_table_version(service, datetime.date(2025, 1, 1)) == second
    assert selectors.lhso_table_version(service, datetime.date(2022, 1, 1)) is None  # the default then
    assert selectors.lhso_table(second).cells["A1"] == ("address",)
    assert list(selectors.lhso_versions(admin)) == [second, first]
    assert second.created_by == admin and [r.note for r in history_of(second)] == ["Strenger."]


def test_a_table_that_is_not_monotone_is_refused_and_nothing_stored(admin, service):
    with pytest.raises(ValidationError, match="zwaarder dan"):
        configuration.store_lhso_table(
            user=admin, organisation=service, table=_table(B4=["inform"]), valid_from="2025-01-01"
        )
    assert not LhsoTableVersion.objects.exists()


def test_policy_versions_per_authority(admin, establishment):
    authority = establishment.competent_authority
    authority.omgevingsdienst = establishment.supervising_service
    authority.save()
    policy = rules.DEFAULT_POLICY.to_dict()
    policy["violations"]["afval"]["dwangsom"]["amount"] = "900"
    version = configuration.store_policy_table(user=admin, authority=authority, policy=policy, valid_from="2024-01-01")
    assert selectors.local_policy(authority, datetime.date(2024, 1, 1)).violations["afval"].dwangsom_amount == 900
    assert selectors.local_policy(authority, datetime.date(2023, 12, 31)) == rules.DEFAULT_POLICY
    assert list(selectors.policy_versions(admin)) == [version]
    policy["violations"]["afval"]["dwangsom"]["maximum"] = "100"
    with pytest.raises(ValidationError, match="5:32b"):
        configuration.store_policy_table(user=admin, authority=authority, policy=policy, valid_from="2025-01-01")
    assert PolicyTableVersion.objects.count() == 1


def test_only_administrators_and_managers_of_the_organisation_configure(member, outsider, service):
    for user in (member, outsider):
        with pytest.raises(PermissionDenied):
            configuration.store_lhso_table(user=user, organisation=service, table=_table(), valid_from="2025-01-01")


def test_a_letter_template_must_be_a_valid_template(admin, establishment, jurist, decided):
    authority = establishment.competent_authority
    authority.omgevingsdienst = establishment.supervising_service
    authority.save()
    with pytest.raises(ValidationError, match="geen geldige sjabloontekst"):
        configuration.save_letter_template(user=admin, authority=authority, kind="warning", body="{% if %}")
    configuration.save_letter_template(
        user=admin, authority=authority, kind="warning", body="Eigen tekst voor {{ establishment.name }}."
    )
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval")
    services.transition(user=jurist, case=case, event="waarschuwen")
    assert case.letters.get().body == f"Eigen tekst voor {establishment.name}."


def test_an_outsider_sees_no_case_and_may_not_change_one(jurist, decided, outsider, member):
    case = services.open_case(user=jurist, findings=[decided], route="herstel")
    assert list(selectors.cases(member)) == [case]
    assert not selectors.cases(outsider).exists()
    assert not EnforcementCase.objects.visible_to(outsider).exists()
    assert not selectors.lhso_decisions(outsider).exists()
    with pytest.raises(PermissionDenied):
        services.transition(user=outsider, case=case, event="waarschuwen")


def test_the_competent_authority_sees_the_case(jurist, decided, establishment):
    official = UserFactory(organisation=establishment.competent_authority, role=Role.AUTHORITY_OFFICIAL)
    case = services.open_case(user=jurist, findings=[decided], route="herstel")
    assert list(selectors.cases(official)) == [case]


def test_the_active_table_is_the_organisations_stored_version_on_the_day(admin, service):
    assert active_table(service) is lhso.DEFAULT_TABLE
    configuration.store_lhso_table(
        user=admin, organisation=service, table=_table(A1=["address"]), valid_from="2025-01-01"
    )
    assert active_table(service, datetime.date(2024, 12, 31)) is lhso.DEFAULT_TABLE
    assert active_table(service, datetime.date(2025, 1, 1)).cells["A1"] == ("address",)
    assert active_table() is lhso.DEFAULT_TABLE
