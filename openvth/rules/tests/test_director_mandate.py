"""The director's mandate (seed letter recommendation 8): full, partial or none."""

from openvth.rules import director_mandate as dm
from openvth.rules.director_mandate import Scope


def test_all_four_powers_is_full_some_is_partial_none_is_none():
    assert dm.scope(set(dm.Power)) is Scope.FULL
    assert dm.scope({"last_onder_dwangsom", "bestuurlijke_boete"}) is Scope.PARTIAL
    assert dm.scope({"warning", "permit"}) is Scope.NONE  # other decision types are not the director's powers
    assert dm.scope(set()) is Scope.NONE


def test_a_service_is_full_only_when_full_from_every_authority():
    assert dm.service_scope([Scope.FULL, Scope.FULL]) is Scope.FULL
    assert dm.service_scope([Scope.FULL, Scope.NONE]) is Scope.PARTIAL
    assert dm.service_scope([Scope.NONE, Scope.NONE]) is Scope.NONE
    assert dm.service_scope([]) is Scope.NONE
