"""Every transition of the rule module's routes taken through the service: each allowed step changes the state and
is logged, and in every state a step the route does not allow is refused in Dutch and leaves no trace."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from openvth.core import clock
from openvth.enforcement import services
from openvth.enforcement.models import CaseTransition
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events
from openvth.rules.lhso import DEFAULT_TABLE
from openvth.supervision.tests.factories import FindingFactory

from .conftest import CONSULTED, found_on
from .factories import perform_reinspection

REASON = {"note": "Gemotiveerd."}
MEASURES = {"measures": "Vaten verwijderen."}
DWANGSOM = {"intended": "last_onder_dwangsom"}
BESTUURSDWANG = {"intended": "last_onder_bestuursdwang"}
TOLERANCE = {"scope": "Opslag in container", "legalisation_prospect": "Aanvraag loopt."}

# (event, params, days after the previous step); together the paths take every transition of every route once
PATHS = {
    "herstel: waarschuwing, gedogen, dwangsom tot opheffing": (
        "herstel",
        [
            ("waarschuwen", {}, 1),
            ("gedogen", TOLERANCE, 1),
            ("hercontrole_uitvoeren", {}, 1),
            ("gedogen", TOLERANCE, 1),
            ("hercontrole_uitvoeren", {}, 1),
            ("voornemen_verzenden", DWANGSOM, 1),
            ("zienswijzetermijn_verstreken", {}, 15),
            ("gedogen", TOLERANCE, 1),
            ("hercontrole_uitvoeren", {}, 1),
            ("voornemen_verzenden", DWANGSOM, 1),
            ("zienswijze_ontvangen", {}, 1),
            ("last_onder_dwangsom_opleggen", {}, 1),
            ("hercontrole_uitvoeren", {}, 1),
            ("nageleefd", {}, 1),
            ("hercontrole_uitvoeren", {}, 1),
            ("verbeuren", {}, 1),
            ("betaald", {}, 1),
            ("hercontrole_uitvoeren", {}, 1),
            ("verbeuren", {}, 1),
            ("invorderingsbeschikking_nemen", {}, 1),
            ("betaald", {}, 1),
            ("hercontrole_uitvoeren", {}, 1),
            ("verbeuren", {}, 1),
            ("invorderingsbeschikking_nemen", {}, 1),
            ("invorderen", {}, 1),
            ("betaald", {}, 1),
            ("last_opheffen", REASON, 1),
        ],
    ),
    "herstel: gedogen, bestuursdwang met kostenverhaal": (
        "herstel",
        [
            ("gedogen", TOLERANCE, 1),
            ("hercontrole_uitvoeren", {}, 1),
            ("voornemen_verzenden", BESTUURSDWANG, 1),
            ("zienswijze_ontvangen", {}, 1),
            ("last_onder_bestuursdwang_opleggen", MEASURES, 1),
            ("hercontrole_uitvoeren", {}, 1),
            ("bestuursdwang_toepassen", {}, 1),
            ("kosten_verhalen", {"costs": "1200"}, 1),
            ("betaald", {}, 1),
        ],
    ),
    "herstel: spoedeisende bestuursdwang": (
        "herstel",
        [("spoedeisende_bestuursdwang", {**MEASURES, **REASON}, 1), ("kosten_verhalen", {"costs": "800"}, 1)],
    ),
    "herstel: spoedeisende last zonder zienswijze": (
        "herstel",
        [("spoedeisende_last_opleggen", {**MEASURES, **REASON}, 1), ("hercontrole_uitvoeren", {}, 1)],
    ),
    "herstel: waarschuwing, hercontrole, sluiten": (
        "herstel",
        [("waarschuwen", {}, 1), ("hercontrole_uitvoeren", {}, 1), ("sluiten", REASON, 1)],
    ),
    "herstel: verjaring": (
        "herstel",
        [
            ("voornemen_verzenden", DWANGSOM, 1),
            ("zienswijze_ontvangen", {}, 1),
            ("last_onder_dwangsom_opleggen", {}, 1),
            ("hercontrole_uitvoeren", {}, 1),
            ("verbeuren", {}, 1),
            ("verjaard", {}, 370),
        ],
    ),
    "boete: una via, voornemen, invordering": (
        "boete",
        [
            ("voorleggen_aan_om", {}, 1),
            ("om_termijn_verstreken", {}, 95),
            ("rapport_opmaken", {"boete_maximum": "5000"}, 1),
            ("voornemen_verzenden", {}, 1),
            ("zienswijze_ontvangen", {}, 1),
            ("boete_opleggen", {"amount": "2000"}, 1),
            ("invorderen", {}, 1),
            ("betaald", {}, 1),
        ],
    ),
    "boete: OM ziet af, boete direct, betaald": (
        "boete",
        [
            ("voorleggen_aan_om", {}, 1),
            ("om_ziet_af", {}, 1),
            ("rapport_opmaken", {"boete_maximum": "300"}, 1),
            ("voornemen_verzenden", {}, 1),
            ("zienswijzetermijn_verstreken", {}, 15),
            ("boete_opleggen", {"amount": "300"}, 1),
            ("betaald", {}, 1),
        ],
    ),
    "boete: OM vervolgt": ("boete", [("voorleggen_aan_om", {}, 1), ("om_vervolgt", {}, 1)]),
    "boete: geen strafbaar feit": (
        "boete",
        [("rapport_opmaken", {"boete_maximum": "300"}, 1), ("boete_opleggen", {"amount": "300"}, 1)],
    ),
    "strafrecht: afstemming, strafbeschikking, verzet": (
        "strafrecht",
        [
            ("afstemmen_met_om", {}, 1),
            ("strafbeschikking_uitvaardigen", {"amount": "900"}, 1),
            ("verzet_ingesteld", {}, 1),
            ("om_afgedaan", {}, 1),
        ],
    ),
    "strafrecht: afstemming, proces-verbaal": (
        "strafrecht",
        [("afstemmen_met_om", {}, 1), ("proces_verbaal_opmaken", {"reference": "PL01-2024-1"}, 1), ("insturen", {}, 1)],
    ),
    "strafrecht: strafbeschikking betaald": (
        "strafrecht",
        [("strafbeschikking_uitvaardigen", {"amount": "900"}, 1), ("betaald", {}, 1)],
    ),
    "strafrecht: proces-verbaal direct": ("strafrecht", [("proces_verbaal_opmaken", {}, 1)]),
}
FOREIGN = ("verbeuren", "boete_opleggen", "insturen")  # a step some state of some route does not allow


# the steps a re-inspection after the term must prove (the re-inspection states they leave)
PROVEN = {"verbeuren": "hercontrole_dwangsom", "bestuursdwang_toepassen": "hercontrole_bestuursdwang",
          "voornemen_verzenden": "hercontrole_na_waarschuwing"}  # fmt: skip
SLACK = 200  # days for the terms a proven step waits for


def _walk(user, finding, route: str, path, boa) -> None:
    start = clock.today() - datetime.timedelta(days=sum(gap for _, _, gap in path) + SLACK)
    case = services.open_case(
        user=user,
        findings=[finding],
        route=route,
        violation_type="afval",
        also_crime=path[0][0] == "voorleggen_aan_om",
        on=start,
    )
    day = start
    for event, params, gap in path:
        day += datetime.timedelta(days=gap)
        state = case.state
        refused = next(e for e in FOREIGN if e not in rules.allowed_events(route, state))
        logged = CaseTransition.objects.count()
        with pytest.raises(ValidationError, match="kan niet in stand"):
            services.transition(user=user, case=case, event=refused, on=day)
        assert CaseTransition.objects.count() == logged
        if event == "gedogen":  # limited in time: until two days after the decision
            params = {**params, "valid_to": day + datetime.timedelta(days=2)}
        if PROVEN.get(event) == state:  # supervision re-inspects after the term and finds the violation going on
            planned = case.transitions.filter(reinspection__isnull=False).last().reinspection.planned_on
            day = max(day, planned)
            perform_reinspection(case, day)
        actor = boa if event == "proces_verbaal_opmaken" else user
        services.transition(user=actor, case=case, event=event, on=day, **params)
        case.refresh_from_db()
        entry = case.transitions.last()
        assert (entry.event, entry.from_state, entry.to_state, entry.on, entry.by) == (
            event,
            state,
            case.state,
            day,
            actor,
        )
        assert case.state == events.transition(route, state, event, reason="x")


@pytest.mark.parametrize("name", list(PATHS))
def test_a_path_through_the_route(jurist, member, establishment, name):
    route, path = PATHS[name]
    finding = FindingFactory(inspection__establishment=establishment, inspection__performed_on=found_on())
    services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="C", chosen=DEFAULT_TABLE.cells["C3"], **CONSULTED
    )
    _walk(jurist, finding, route, path, boa=member)  # the proces-verbaal by an inspector (BOA)


def test_the_paths_take_every_transition_of_the_rule_module():
    every = {
        (route, state, event)
        for route, states in rules.ROUTES.items()
        if route != "bezwaar"  # an objection is opened by lodge_objection: test_mandate_and_limits
        for state, events in states.items()
        for event in events
    }
    taken = set()
    for route, path in PATHS.values():
        state = rules.INITIAL_STATE[route]
        for event, _params, _gap in path:
            taken.add((route, state, event))
            state = events.transition(route, state, event, reason="x")
    assert every - taken == set()
