"""The LHSO step per finding: the active table's cell, aspects and consultation, deviations only with reasons."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core.history import history_of
from openvth.enforcement import configuration, services
from openvth.enforcement.models import LhsoDecision
from openvth.rules import lhso


def test_the_decision_keeps_cell_aspects_consultation_and_interventions(jurist, finding):
    decision = services.record_lhso_decision(
        user=jurist,
        finding=finding,
        behaviour="C",
        aspects=["recidive", "financieel_voordeel"],
        chosen=lhso.DEFAULT_TABLE.cells["C3"],
        consultation_partner="om",
        consultation_held_on="2024-03-10",
        consultation_outcome="OM neemt de zaak niet over.",
    )
    assert decision.cell == "C3"
    assert decision.consequences == finding.consequences == 3
    assert decision.aspects == ["recidive", "financieel_voordeel"]
    assert decision.consultation_indicated
    assert decision.consultation_held_on == datetime.date(2024, 3, 10)
    assert decision.advised_interventions == list(lhso.DEFAULT_TABLE.cells["C3"])
    assert not decision.deviates and decision.deviation_reason == ""
    assert decision.table_version is None  # the default table


def test_a_deviation_needs_reasons(jurist, finding):
    with pytest.raises(ValidationError) as refused:
        services.record_lhso_decision(user=jurist, finding=finding, behaviour="A", chosen=["bestuurlijke_boete"])
    assert "vraagt een motivering" in refused.value.message_dict["reasons"][0]  # next to the reasons
    assert not LhsoDecision.objects.exists()
    decision = services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="A", chosen=["bestuurlijke_boete"], reasons="Derde keer dit jaar."
    )
    assert decision.deviates and decision.deviation_reason == "Derde keer dit jaar."


@pytest.mark.parametrize(
    ("given", "field", "said"),
    [
        ({"behaviour": "E"}, "behaviour", "Gedrag is A, B, C of D"),
        ({"consequences": 7}, "consequences", "Gevolgen zijn 1, 2, 3 of 4"),
        ({"aspects": ["hebzucht"]}, "aspects", "Onbekend verzwarend aspect"),
        ({"mitigating": ["spijt"]}, "mitigating", "Onbekende verzachtende omstandigheid"),
        ({"chosen": ["boete"]}, "chosen", "Onbekende interventie boete"),
    ],
)
def test_a_refusal_of_the_rule_names_its_field(jurist, finding, given, field, said):
    arguments = {"behaviour": "A", "chosen": ["warning", "last_onder_dwangsom"]} | given
    with pytest.raises(ValidationError) as refused:
        services.record_lhso_decision(user=jurist, finding=finding, **arguments)
    assert list(refused.value.message_dict) == [field] and said in refused.value.message_dict[field][0]


def test_consequences_can_be_corrected_and_a_second_decision_is_history(jurist, finding):
    services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="A", chosen=["warning", "last_onder_dwangsom"]
    )
    decision = services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="B", consequences=4, chosen=lhso.DEFAULT_TABLE.cells["B4"]
    )
    assert decision.cell == "B4"
    assert [r.action for r in history_of(decision)] == ["update", "create"]


def test_unknown_behaviour_or_aspect_is_refused_in_dutch(jurist, finding):
    with pytest.raises(ValidationError, match="Gedrag is A, B, C of D"):
        services.record_lhso_decision(user=jurist, finding=finding, behaviour="E", chosen=["warning"])
    with pytest.raises(ValidationError, match="verzwarend aspect 'x'"):
        services.record_lhso_decision(user=jurist, finding=finding, behaviour="A", aspects=["x"], chosen=["warning"])


def test_a_held_consultation_names_partner_and_day(jurist, finding):
    with pytest.raises(ValidationError, match="zowel de partner als de datum"):
        services.record_lhso_decision(
            user=jurist, finding=finding, behaviour="B", chosen=["warning"], reasons="x", consultation_partner="police"
        )


def test_the_organisations_stored_table_is_used(jurist, finding, service):
    admin = UserFactory(organisation=service, role=Role.ADMINISTRATOR)
    table = lhso.DEFAULT_TABLE.to_dict()
    table["cells"]["B3"] = ["last_onder_dwangsom"]
    version = configuration.store_lhso_table(user=admin, organisation=service, table=table, valid_from="2020-01-01")
    decision = services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="B", chosen=["last_onder_dwangsom"]
    )
    assert decision.table_version == version
    assert decision.advised_interventions == ["last_onder_dwangsom"]


def test_an_outsider_may_not_record(outsider, finding):
    with pytest.raises(PermissionDenied):
        services.record_lhso_decision(user=outsider, finding=finding, behaviour="A", chosen=["inform"])
