"""The three versioned rule tables (risk, LHSO, policy) keep the same rules through core.versioning.store_version:
valid from a day after the newest version, who and why recorded, the change against the version in force before."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core.history import history_of
from openvth.core.models import ChangeRecord
from openvth.enforcement import configuration
from openvth.enforcement.models import LhsoTableVersion, PolicyTableVersion
from openvth.register.tests.factories import OrganisationFactory
from openvth.rules import enforcement, lhso, risk
from openvth.supervision.models import RiskTableVersion
from openvth.supervision.services import planning


# each store with its shipped default, a stricter table or one its rule module refuses ("bad")
def _risk(user, owner, valid_from, *, stricter=False, bad=False, note=""):
    table = risk.table_to_dict(risk.DEFAULT_TABLE)
    if stricter:
        table["interval_months"] = {"1": 24, "2": 24, "3": 12, "4": 12}
    if bad:
        table["category_thresholds"] = [8, 4, 12]
    return planning.store_risk_table(user=user, organisation=owner, valid_from=valid_from, table=table, note=note)


def _lhso(user, owner, valid_from, *, stricter=False, bad=False, note=""):
    table = lhso.DEFAULT_TABLE.to_dict()
    if stricter:
        table["cells"]["A1"] = ["address"]
    if bad:
        table["cells"]["B4"] = ["inform"]
    return configuration.store_lhso_table(user=user, organisation=owner, table=table, valid_from=valid_from, note=note)


def _policy(user, owner, valid_from, *, stricter=False, bad=False, note=""):
    policy = enforcement.DEFAULT_POLICY.to_dict()
    if stricter:
        policy["violations"]["afval"]["dwangsom"]["amount"] = "900"
    if bad:
        policy["violations"]["afval"]["dwangsom"]["maximum"] = "100"
    return configuration.store_policy_table(user=user, authority=owner, policy=policy, valid_from=valid_from, note=note)


# store, its model, the field of its values, and whether the service itself (else an authority it works for) owns it
TABLES = {
    "risk": (_risk, RiskTableVersion, "table", True),
    "lhso": (_lhso, LhsoTableVersion, "table", True),
    "policy": (_policy, PolicyTableVersion, "policy", False),
}


@pytest.fixture(params=list(TABLES))
def kind(request):
    return request.param


@pytest.fixture
def admin(service):
    return UserFactory(organisation=service, role=Role.ADMINISTRATOR)


@pytest.fixture
def owner(kind, service):
    return service if TABLES[kind][3] else OrganisationFactory(omgevingsdienst=service)


def test_a_version_not_after_the_newest_is_refused_alike(kind, admin, owner):
    store, model = TABLES[kind][:2]
    store(admin, owner, "2025-06-01")
    for day in ("2025-06-01", "2025-01-01"):
        with pytest.raises(ValidationError) as refused:
            store(admin, owner, day, stricter=True)
        assert refused.value.message_dict["valid_from"] == [
            "Een nieuwe versie geldt vanaf een datum na 01-06-2025, de datum van de nieuwste versie."
        ]
    assert model.objects.count() == 1
    assert store(admin, owner, "2025-06-02").valid_from == datetime.date(2025, 6, 2)


def test_the_day_and_the_table_are_refused_together(kind, admin, owner):
    store, model, field, _ = TABLES[kind]
    store(admin, owner, "2025-06-01")
    for day, said in (("2025-05-01", "na 01-06-2025"), ("1 mei", "JJJJ-MM-DD")):
        with pytest.raises(ValidationError) as refused:
            store(admin, owner, day, bad=True)
        assert set(refused.value.message_dict) == {"valid_from", field}
        assert said in refused.value.message_dict["valid_from"][0]
    assert model.objects.count() == 1 and ChangeRecord.objects.count() == 1


def test_who_why_and_the_change_against_the_version_before_are_recorded(kind, admin, owner):
    store, model, field, _ = TABLES[kind]
    first = store(admin, owner, "2025-01-01", note="Eerste versie")
    (created,) = history_of(first)
    assert (created.action, created.user, created.note) == (ChangeRecord.Action.CREATE, admin, "Eerste versie")
    assert created.changes["valid_from"] == [None, "2025-01-01"]

    second = store(admin, owner, "2026-01-01", stricter=True, note="  Strenger.  ")
    assert (second.created_by, second.note) == (admin, "Strenger.")
    (changed,) = history_of(second)
    assert (changed.user, changed.note) == (admin, "Strenger.")
    assert changed.changes["valid_from"] == ["2025-01-01", "2026-01-01"]
    old, new = changed.changes[field]
    assert old == getattr(first, field) and new == getattr(second, field) and old != new
    assert changed.changes["note"] == ["Eerste versie", "Strenger."]
    assert model.in_force(owner.pk, datetime.date(2025, 12, 31)) == first
    assert model.in_force(owner.pk, datetime.date(2026, 1, 1)) == second
