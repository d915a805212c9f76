"""The law's bars applied to stored cases: the mandate at signing, una via before a boete, the limitation of
collection (Awb 5:35) and of the power to fine (5:45), objections and their term (6:7, 6:8)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openvth.core import clock
from openvth.enforcement import services
from openvth.enforcement.models import EnforcementCase, Letter, Objection, Sanction
from openvth.register.tests.factories import OrganisationFactory
from openvth.rules import enforcement as rules
from openvth.rules.lhso import DEFAULT_TABLE
from openvth.supervision.tests.factories import FindingFactory

from .conftest import CONSULTED
from .factories import lawyer, mandate, perform_reinspection


def ago(days: int) -> datetime.date:
    return clock.today() - datetime.timedelta(days=days)


@pytest.fixture
def case(jurist, decided):
    return services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(100))


# --- mandate ---------------------------------------------------------------------------------------------------


@pytest.fixture
def colleague(service):
    return lawyer(service, username="collega-jurist")


def _warn(user, case):
    services.transition(user=user, case=case, event="waarschuwen", on=ago(1))


def test_without_a_mandate_the_decision_is_refused_and_nothing_stored(colleague, case):
    with pytest.raises(PermissionDenied, match="geen geldig mandaat .* voor waarschuwing"):
        _warn(colleague, case)
    case.refresh_from_db()
    assert case.state == "geconstateerd"
    assert not Letter.objects.exists() and not Sanction.objects.exists() and case.transitions.count() == 1


def test_an_expired_mandate_is_refused(colleague, case):
    mandate(colleague, case.competent_authority, "warning", valid_from=ago(400), valid_to=ago(2))
    with pytest.raises(PermissionDenied, match="geen geldig mandaat"):
        _warn(colleague, case)


def test_a_mandate_of_another_authority_is_refused(colleague, case):
    mandate(colleague, OrganisationFactory(name="Gemeente Elders"), "warning")
    with pytest.raises(PermissionDenied, match="geen geldig mandaat"):
        _warn(colleague, case)


def test_a_mandate_for_another_decision_type_is_refused(colleague, case):
    mandate(colleague, case.competent_authority, "last_onder_dwangsom")
    with pytest.raises(PermissionDenied):
        _warn(colleague, case)


def test_a_valid_mandate_on_that_day_is_accepted_and_the_letter_names_its_signer(colleague, case):
    mandate(colleague, case.competent_authority, "warning", valid_from=ago(1), valid_to=ago(1))
    _warn(colleague, case)
    letter = case.letters.get()
    assert (letter.signed_by, letter.decided_on, letter.mandate_type) == (colleague, ago(1), "warning")


def test_a_voornemen_needs_the_mandate_of_the_announced_sanction(colleague, case):
    mandate(colleague, case.competent_authority, "last_onder_bestuursdwang")
    with pytest.raises(PermissionDenied, match="last onder dwangsom"):
        services.transition(
            user=colleague, case=case, event="voornemen_verzenden", on=ago(1), intended="last_onder_dwangsom"
        )
    services.transition(
        user=colleague, case=case, event="voornemen_verzenden", on=ago(1), intended="last_onder_bestuursdwang"
    )


def test_steps_without_a_decision_need_no_mandate(colleague, jurist, case):
    _warn(jurist, case)
    services.transition(user=colleague, case=case, event="hercontrole_uitvoeren", on=ago(0))
    case.refresh_from_db()
    assert case.state == "hercontrole_na_waarschuwing"


# --- una via (Awb 5:44) ----------------------------------------------------------------------------------------


@pytest.fixture
def boete_case(jurist, establishment):
    finding = FindingFactory(inspection__establishment=establishment, inspection__performed_on=ago(200))
    consulted = {**CONSULTED, "consultation_held_on": ago(199)}
    services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="C", chosen=DEFAULT_TABLE.cells["C3"], **consulted
    )
    return services.open_case(user=jurist, findings=[finding], route="boete", also_crime=True, on=ago(200))


def test_a_crime_goes_to_the_prosecutor_before_a_boete(jurist, boete_case):
    services.transition(user=jurist, case=boete_case, event="rapport_opmaken", on=ago(190), boete_maximum="5000")
    with pytest.raises(ValidationError, match="leg het eerst voor aan de officier van justitie"):
        services.transition(user=jurist, case=boete_case, event="boete_opleggen", on=ago(180), amount="2500")
    assert not Sanction.objects.exists()


def test_the_prosecutors_13_weeks_must_pass_before_no_answer_counts(jurist, boete_case):
    services.transition(user=jurist, case=boete_case, event="voorleggen_aan_om", on=ago(120))
    (expected,) = rules.deadlines("voorleggen_aan_om", ago(120))
    assert boete_case.deadlines.get().due_on == expected.due
    with pytest.raises(ValidationError, match="13 weken"):
        services.transition(user=jurist, case=boete_case, event="om_termijn_verstreken", on=ago(40))
    services.transition(user=jurist, case=boete_case, event="om_termijn_verstreken", on=ago(20))
    services.transition(user=jurist, case=boete_case, event="rapport_opmaken", on=ago(19), boete_maximum="5000")
    services.transition(user=jurist, case=boete_case, event="voornemen_verzenden", on=ago(18))
    services.transition(user=jurist, case=boete_case, event="zienswijze_ontvangen", on=ago(10))
    services.transition(user=jurist, case=boete_case, event="boete_opleggen", on=ago(5), amount="2500")
    boete_case.refresh_from_db()
    assert boete_case.state == "boete_opgelegd"
    assert boete_case.sanctions.get(kind="bestuurlijke_boete").amount == Decimal("2500.00")
    assert "niet binnen 13 weken" in boete_case.transitions.last().note
    assert boete_case.letters.last().kind == "bestuurlijke_boete"


def test_a_prosecution_closes_the_boete_case(jurist, boete_case):
    services.transition(user=jurist, case=boete_case, event="voorleggen_aan_om", on=ago(120))
    services.transition(user=jurist, case=boete_case, event="om_vervolgt", on=ago(100), note="OM vervolgt zelf.")
    boete_case.refresh_from_db()
    assert boete_case.state == "afgesloten" and boete_case.om_answer == rules.OM_PROSECUTES


def test_no_boete_once_a_strafbeschikking_was_issued_for_the_same_facts(jurist, boete_case):
    criminal = services.open_case(user=jurist, findings=boete_case.findings.all(), route="strafrecht", on=ago(150))
    services.transition(user=jurist, case=criminal, event="strafbeschikking_uitvaardigen", on=ago(140), amount="900")
    services.transition(user=jurist, case=boete_case, event="voorleggen_aan_om", on=ago(130))
    services.transition(user=jurist, case=boete_case, event="om_ziet_af", on=ago(120))
    services.transition(user=jurist, case=boete_case, event="rapport_opmaken", on=ago(110), boete_maximum="5000")
    with pytest.raises(ValidationError, match="strafbeschikking uitgevaardigd"):
        services.transition(user=jurist, case=boete_case, event="boete_opleggen", on=ago(100), amount="2500")


def test_no_boete_without_blame_or_once_the_hearing_began(jurist, boete_case):
    for n, event in enumerate(["voorleggen_aan_om", "om_ziet_af"]):
        services.transition(user=jurist, case=boete_case, event=event, on=ago(130 - n))
    services.transition(user=jurist, case=boete_case, event="rapport_opmaken", on=ago(110), boete_maximum="5000")
    with pytest.raises(ValidationError, match="5:41"):
        services.transition(
            user=jurist, case=boete_case, event="boete_opleggen", on=ago(100), amount="1", to_blame=False
        )
    with pytest.raises(ValidationError, match="terechtzitting"):
        services.transition(
            user=jurist, case=boete_case, event="boete_opleggen", on=ago(100), amount="1", hearing_started=True
        )


def test_the_power_to_fine_lapses(jurist, establishment):
    finding = FindingFactory(inspection__establishment=establishment, inspection__performed_on=ago(4 * 365))
    consulted = {**CONSULTED, "consultation_held_on": ago(4 * 365)}
    services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="C", chosen=DEFAULT_TABLE.cells["C3"], **consulted
    )
    case = services.open_case(user=jurist, findings=[finding], route="boete", on=ago(10))
    services.transition(user=jurist, case=case, event="rapport_opmaken", on=ago(9), boete_maximum="300")
    lapse = case.deadlines.get(code="verval_boetebevoegdheid")
    assert lapse.due_on == rules.boete_lapses_on(ago(4 * 365), Decimal(300)).due  # 3 years: no report required
    with pytest.raises(ValidationError, match="vervallen op"):
        services.transition(user=jurist, case=case, event="boete_opleggen", on=ago(1), amount="300")


# --- limitation of collection (Awb 5:35) -----------------------------------------------------------------------


def _forfeit(jurist, case, order_on):
    """An order on `order_on` (its begunstigingstermijn of 4 weeks), a re-inspection after it that finds the
    violation going on, and forfeiture 35 days after the order."""
    events = ["voornemen_verzenden", "zienswijze_ontvangen", "last_onder_dwangsom_opleggen"]
    for event in events:
        services.transition(user=jurist, case=case, event=event, on=order_on, intended="last_onder_dwangsom")
    services.transition(user=jurist, case=case, event="hercontrole_uitvoeren", on=order_on + datetime.timedelta(1))
    perform_reinspection(case, order_on + datetime.timedelta(32))
    services.transition(user=jurist, case=case, event="verbeuren", on=order_on + datetime.timedelta(35), units=2)


def test_collection_lapses_a_year_after_forfeiture(jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(500))
    _forfeit(jurist, case, ago(435))
    lapses = rules.collection_lapses_on(ago(400)).due
    assert case.deadlines.get(code="verjaring_invordering").due_on == lapses
    with pytest.raises(ValidationError, match="verjaard op"):
        services.transition(user=jurist, case=case, event="invorderingsbeschikking_nemen", on=ago(1))
    services.transition(user=jurist, case=case, event="verjaard", on=ago(1))
    case.refresh_from_db()
    assert case.state == "afgesloten"


def test_collection_not_yet_lapsed(jurist, case):
    _forfeit(jurist, case, ago(55))
    with pytest.raises(ValidationError, match="verjaart pas na"):
        services.transition(user=jurist, case=case, event="verjaard", on=ago(1))
    services.transition(user=jurist, case=case, event="invorderingsbeschikking_nemen", on=ago(1))
    assert case.letters.last().kind == "invorderingsbeschikking"


# --- objection -------------------------------------------------------------------------------------------------


def test_an_objection_is_a_case_of_its_own_with_its_term(jurist, colleague, case):
    _forfeit(jurist, case, ago(55))
    order = case.letters.get(kind="last_onder_dwangsom")
    objection = services.lodge_objection(user=jurist, letter=order, received_on=ago(50))
    assert objection.term_end == rules.objection_deadline(ago(55)).due and objection.in_time
    assert (objection.case.route, objection.case.state, objection.case.parent) == ("bezwaar", "ingediend", case)
    assert case.deadlines.get(code="bezwaartermijn", started_on=ago(55)).done_on == ago(50)
    services.transition(user=jurist, case=objection.case, event="horen", on=ago(5))
    mandate(colleague, case.competent_authority, "beslissing_op_bezwaar")
    with pytest.raises(ValidationError, match="uitkomst"):
        services.transition(user=colleague, case=objection.case, event="beslissen", on=ago(1), note="Besloten.")
    services.transition(
        user=colleague, case=objection.case, event="beslissen", on=ago(1), note="Besloten.", outcome="unfounded"
    )
    objection.refresh_from_db()
    assert objection.outcome == "unfounded" and objection.case.state == "afgesloten"


def test_a_late_objection_is_recorded_as_late_and_a_warning_has_none(jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(100))
    services.transition(user=jurist, case=case, event="waarschuwen", on=ago(90))
    with pytest.raises(ValidationError, match="geen bezwaar"):
        services.lodge_objection(user=jurist, letter=case.letters.get(), received_on=ago(1))
    services.transition(user=jurist, case=case, event="hercontrole_uitvoeren", on=ago(89))
    perform_reinspection(case, ago(60))  # after the hersteltermijn of 4 weeks
    _forfeit(jurist, case, ago(58))
    objection = services.lodge_objection(
        user=jurist, letter=case.letters.get(kind="last_onder_dwangsom"), received_on=ago(1)
    )
    assert not objection.in_time
    assert "te laat" in objection.case.transitions.get().note
    assert Objection.objects.count() == 1 and EnforcementCase.objects.filter(route="bezwaar").count() == 1
