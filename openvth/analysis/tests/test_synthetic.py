"""The synthetic Netherlands' LHSO decisions differ per service (openvth.synthetic.enforcement.practice), so the
uniformity figures have something to measure; the same seed gives the same practice."""

from openvth.register.models import Organisation
from openvth.synthetic.enforcement import DECISION_LAGS, DEVIATION_SHARES, Practice, practice
from openvth.synthetic.organisations import organisation_specs
from openvth.synthetic.skeleton import skeleton


def service_names() -> list[str]:
    return [spec[1] for spec in organisation_specs(skeleton()) if spec[2] == Organisation.Kind.OMGEVINGSDIENST]


def test_services_apply_the_lhso_each_in_their_own_way():
    names = service_names()
    assert len(names) == 29
    practices = [practice(1, name) for name in names]
    assert practices == [practice(1, name) for name in names]  # seeded
    assert len({p.deviation_share for p in practices}) > 1 and len({p.lag for p in practices}) > 1
    assert {p.deviation_share for p in practices} <= set(DEVIATION_SHARES)
    assert {p.lag for p in practices} <= set(DECISION_LAGS)
    assert [practice(2, name) for name in names] != practices  # another seed, another country
    assert Practice().deviation_share == 0.06  # an unknown service keeps the national default


def test_the_demo_initiatives_are_seeded_and_added_once(db):
    from openvth.analysis.models import Initiative
    from openvth.analysis.synthetic import ensure_initiatives_demo
    from openvth.register.tests.factories import ServiceFactory

    ServiceFactory(code="OD-A")
    ServiceFactory(code="OD-B")
    added = ensure_initiatives_demo()
    assert added == Initiative.objects.count() >= 4
    assert ensure_initiatives_demo() == 0
    assert {i.theme for i in Initiative.objects.all()} <= {"energy_transition", "circular_economy"}
