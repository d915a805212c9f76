"""Every legal guard of an enforcement step (openvth.rules.enforcement_guards), table-driven, through the service and
through the REST API: the unlawful step is refused (ValidationError, or 400 problem+json) with the reason naming
its article, and the case's state, log, sanctions, deadlines and letters are unchanged; the lawful twin then
passes."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.enforcement import services
from openvth.enforcement.models import EnforcementCase, PolicyTableVersion
from openvth.rules import enforcement as rules
from openvth.supervision.tests.factories import FindingFactory
from openvth.testing.api import client_for, problem

from .conftest import CONSULTED, MANDATED
from .factories import mandate, perform_reinspection

CASES = "/api/v1/enforcement-cases"


def ago(days: int) -> datetime.date:
    return clock.today() - datetime.timedelta(days=days)


@dataclass
class Ctx:
    user: object  # a manager with every mandate: takes the steps
    jurist: object  # a lawyer with every mandate: signs the decision an objection is against
    finding: object


@pytest.fixture
def ctx(service, establishment, jurist):
    manager = UserFactory(username="manager", organisation=service, role=Role.MANAGER)
    for decision_type in MANDATED:
        mandate(manager, establishment.competent_authority, decision_type)
    finding = FindingFactory(inspection__establishment=establishment, inspection__performed_on=ago(400))
    services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="B", chosen=["warning", "last_onder_dwangsom"]
    )
    return Ctx(manager, jurist, finding)


def _case(ctx, route="herstel", on=None, **values):
    values.setdefault("violation_type", "afval" if route == "herstel" else "")
    return services.open_case(user=ctx.user, findings=[ctx.finding], route=route, on=on or ago(300), **values)


def _steps(ctx, case, steps, user=None):
    for event, params in steps:
        services.transition(user=user or ctx.user, case=case, event=event, **params)
    return case


def dwangsom(ctx, weeks: int, on: int):
    case = _case(ctx, violation_type="afval")
    order = {"intended": "last_onder_dwangsom", "term_amount": weeks, "term_unit": "weeks"}
    steps = [("voornemen_verzenden", {"on": ago(on), **order}), ("zienswijze_ontvangen", {"on": ago(on)})]
    steps += [("last_onder_dwangsom_opleggen", {"on": ago(on), **order}), ("hercontrole_uitvoeren", {"on": ago(on)})]
    return _steps(ctx, case, steps)


def bestuursdwang(ctx):
    case = _case(ctx, violation_type="afval")
    order = {"intended": "last_onder_bestuursdwang", "measures": "Vaten afvoeren.", "term_amount": 2,
             "term_unit": "weeks"}  # fmt: skip
    steps = [("voornemen_verzenden", {"on": ago(60), **order}), ("zienswijze_ontvangen", {"on": ago(60)})]
    steps += [
        ("last_onder_bestuursdwang_opleggen", {"on": ago(60), **order}),
        ("hercontrole_uitvoeren", {"on": ago(59)}),
    ]
    return _steps(ctx, case, steps)


def warned(ctx):
    steps = [("waarschuwen", {"on": ago(50), "term_amount": 5, "term_unit": "days"})]
    return _steps(ctx, _case(ctx, violation_type="afval"), [*steps, ("hercontrole_uitvoeren", {"on": ago(49)})])


def reported(ctx, maximum: str, violation_type: str = ""):
    """A boete case with its report and the voornemen and zienswijze after it."""
    steps = [("rapport_opmaken", {"on": ago(30), "boete_maximum": maximum}), ("voornemen_verzenden", {"on": ago(29)})]
    return _steps(
        ctx, _case(ctx, "boete", violation_type=violation_type), [*steps, ("zienswijze_ontvangen", {"on": ago(20)})]
    )


def fixed_policy(ctx):
    policy = rules.DEFAULT_POLICY.to_dict()
    policy["violations"]["afval"]["boete"] = {"amount": "1000", "maximum": "2250"}
    PolicyTableVersion.objects.create(
        authority=ctx.finding.inspection.establishment.competent_authority, policy=policy, valid_from=ago(1000)
    )
    return reported(ctx, "5000", "afval")


def unconsulted(ctx):
    """Behaviour C: consultation with police and OM indicated, not (yet) recorded."""
    services.record_lhso_decision(user=ctx.jurist, finding=ctx.finding, behaviour="C", chosen=["warning"],
                                  reasons="Eerst een waarschuwing.")  # fmt: skip
    return _case(ctx, violation_type="afval")


def consult(ctx):
    services.record_lhso_decision(user=ctx.jurist, finding=ctx.finding, behaviour="C", chosen=["warning"],
                                  reasons="Eerst een waarschuwing.", **CONSULTED)  # fmt: skip


def objection(ctx, *, late: bool, extended: bool = False):
    case = _case(ctx, violation_type="afval")
    steps = [("voornemen_verzenden", {"on": ago(100), "intended": "last_onder_dwangsom"})]
    steps += [("zienswijze_ontvangen", {"on": ago(100)}), ("last_onder_dwangsom_opleggen", {"on": ago(100)})]
    _steps(ctx, case, steps, user=ctx.jurist)
    letter = case.letters.get(kind="last_onder_dwangsom")
    lodged = services.lodge_objection(user=ctx.jurist, letter=letter, received_on=ago(10 if late else 90))
    if extended:
        _steps(ctx, lodged.case, [("beslistermijn_verdagen", {"on": ago(80)})])
    return lodged.case


@dataclass(frozen=True)
class Guarded:
    setup: Callable
    unlawful: Callable  # () → the unlawful step (days count from the test's clock, so computed when it runs)
    article: str
    lawful: Callable  # (ctx, case) → the steps of the lawful twin (it may first change what supervision found)


TABLE = {
    "niet in de toekomst": Guarded(
        lambda c: _case(c), lambda: ("waarschuwen", {"on": ago(-1)}), "art. 3:2 Awb", lambda c, k: [("waarschuwen", {})]
    ),
    "niet vóór de vorige stap": Guarded(
        lambda c: _case(c), lambda: ("waarschuwen", {"on": ago(301)}), "art. 3:2 Awb",
        lambda c, k: [("waarschuwen", {"on": ago(300)})],
    ),
    "verbeuren niet binnen de begunstigingstermijn": Guarded(
        lambda c: (k := dwangsom(c, 6, 60), perform_reinspection(k, ago(50)))[0],  # 10 days into 6 weeks
        lambda: ("verbeuren", {"on": ago(49)}), "art. 5:32a lid 1 Awb",
        lambda c, k: (perform_reinspection(k, ago(10)), [("verbeuren", {"on": ago(9)})])[1],
    ),
    "verbeuren alleen op een hercontrole die de overtreding vastlegt": Guarded(
        lambda c: (k := dwangsom(c, 1, 60), perform_reinspection(k, ago(50), violation=False))[0],
        lambda: ("verbeuren", {"on": ago(49)}), "geen voortdurende overtreding",
        lambda c, k: (perform_reinspection(k, ago(40)), [("verbeuren", {"on": ago(39)})])[1],
    ),
    "bestuursdwang niet zonder afgesloten hercontrole": Guarded(
        bestuursdwang, lambda: ("bestuursdwang_toepassen", {"on": ago(30)}), "art. 5:24 lid 2 Awb",
        lambda c, k: (perform_reinspection(k, ago(31)), [("bestuursdwang_toepassen", {"on": ago(30)})])[1],
    ),
    "voornemen na de waarschuwing alleen na een hercontrole": Guarded(
        warned, lambda: ("voornemen_verzenden", {"on": ago(40), "intended": "last_onder_dwangsom"}), "hersteltermijn",
        lambda c, k: (perform_reinspection(k, ago(44)),
                      [("voornemen_verzenden", {"on": ago(40), "intended": "last_onder_dwangsom"})])[1],
    ),
    "zienswijzetermijn verstreken": Guarded(
        lambda c: _steps(c, _case(c), [("voornemen_verzenden", {"on": ago(10), "intended": "last_onder_dwangsom"})]),
        lambda: ("zienswijzetermijn_verstreken", {"on": ago(5)}), "art. 4:8 Awb",
        lambda c, k: [("zienswijze_ontvangen", {"on": ago(5)})],
    ),
    "13 weken voor het OM": Guarded(
        lambda c: _steps(c, _case(c, "boete", also_crime=True), [("voorleggen_aan_om", {"on": ago(100)})]),
        lambda: ("om_termijn_verstreken", {"on": ago(50)}), "art. 5:44 lid 2 Awb",
        lambda c, k: [("om_termijn_verstreken", {"on": ago(5)})],
    ),
    "boete boven € 340 pas na voornemen en zienswijze": Guarded(
        lambda c: _steps(c, _case(c, "boete"), [("rapport_opmaken", {"on": ago(30), "boete_maximum": "5000"})]),
        lambda: ("boete_opleggen", {"on": ago(29), "amount": "2000"}), "art. 5:53 Awb",
        lambda c, k: [("voornemen_verzenden", {"on": ago(29)}), ("zienswijze_ontvangen", {"on": ago(20)}),
                      ("boete_opleggen", {"on": ago(19), "amount": "2000"})],
    ),
    "boete niet boven het wettelijk maximum": Guarded(
        lambda c: reported(c, "1000"), lambda: ("boete_opleggen", {"on": ago(19), "amount": "1500"}),
        "art. 5:46 lid 1 Awb",
        lambda c, k: [("boete_opleggen", {"on": ago(19), "amount": "1000"})],
    ),
    "boete niet boven het beleidsmaximum": Guarded(
        lambda c: reported(c, "5000", "afval"), lambda: ("boete_opleggen", {"on": ago(19), "amount": "3000"}),
        "art. 4:84 Awb", lambda c, k: [("boete_opleggen", {"on": ago(19), "amount": "2250"})],
    ),
    "afwijken van het vaste beleidsbedrag met motivering": Guarded(
        fixed_policy, lambda: ("boete_opleggen", {"on": ago(19), "amount": "800"}), "art. 5:46 lid 3",
        lambda c, k: [("boete_opleggen", {"on": ago(19), "amount": "800", "deviation_reason": "Geringe draagkracht."})],
    ),
    "eerst overleg met politie en OM": Guarded(
        unconsulted, lambda: ("waarschuwen", {}), "LHSO stap 3", lambda c, k: (consult(c), [("waarschuwen", {})])[1]
    ),
    "te laat bezwaar niet-ontvankelijk": Guarded(
        lambda c: objection(c, late=True), lambda: ("beslissen", {"note": "Besloten.", "outcome": "unfounded"}),
        "art. 6:11 Awb", lambda c, k: [("beslissen", {"note": "Te laat.", "outcome": "inadmissible"})],
    ),
    "beslistermijn één keer verdagen, verder met instemming": Guarded(
        lambda c: objection(c, late=False, extended=True), lambda: ("beslistermijn_verdagen", {"on": ago(70)}),
        "art. 7:10 lid 3 en 4 Awb", lambda c, k: [("beslistermijn_uitstellen", {"on": ago(70), "weeks": 4,
                                                                                 "consent": True})],
    ),
    "uitstel alleen met instemming": Guarded(
        lambda c: objection(c, late=False, extended=True),
        lambda: ("beslistermijn_uitstellen", {"on": ago(70), "weeks": 4}),
        "art. 7:10 lid 4 Awb", lambda c, k: [("beslistermijn_uitstellen", {"on": ago(70), "weeks": 4,
                                                                           "consent": True})],
    ),
}  # fmt: skip


def _trace(case: EnforcementCase) -> tuple:
    case.refresh_from_db()
    sanctions = list(case.sanctions.order_by("id").values())
    return case.state, case.transitions.count(), sanctions, case.deadlines.count(), case.letters.count()


def _json(params: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, datetime.date) else str(v) if isinstance(v, Decimal) else v
            for k, v in params.items()}  # fmt: skip


@pytest.mark.date_sensitive  # the terms count days: also on every trial day (through the service, the cheaper way)
@pytest.mark.parametrize("name", list(TABLE))
def test_through_the_service_the_unlawful_step_is_refused_and_the_lawful_twin_passes(ctx, name):
    _unlawful_refused_lawful_passes(ctx, name, "service")


@pytest.mark.parametrize("name", list(TABLE))
def test_through_the_api_the_unlawful_step_is_refused_and_the_lawful_twin_passes(ctx, name):
    _unlawful_refused_lawful_passes(ctx, name, "api")


def _unlawful_refused_lawful_passes(ctx, name, channel):
    """The unlawful step is refused with its article and changes nothing; then its lawful twin passes."""
    guarded = TABLE[name]
    case = guarded.setup(ctx)
    before = _trace(case)
    event, params = guarded.unlawful()
    if channel == "service":
        with pytest.raises(ValidationError) as refused:
            services.transition(user=ctx.user, case=case, event=event, **params)
        reasons = [m for messages in refused.value.message_dict.values() for m in messages]
    else:
        response = client_for(ctx.user).post(
            f"{CASES}/{case.pk}/transition", {"event": event, **_json(params)}, format="json"
        )
        reasons = [p["reason"] for p in problem(response, 400)["invalid-params"]]
    assert any(guarded.article in reason for reason in reasons), reasons
    assert _trace(case) == before
    for event, params in guarded.lawful(ctx, case):
        if channel == "service":
            services.transition(user=ctx.user, case=case, event=event, **params)
        else:
            response = client_for(ctx.user).post(
                f"{CASES}/{case.pk}/transition", {"event": event, **_json(params)}, format="json"
            )
            assert response.status_code == 200, response.content
    assert case.transitions.count() > before[1]
