"""Enforcement cases through the service: every transition of the herstel route allowed and logged, refused ones
refused in Dutch with nothing stored, deadlines as the rule module computes them, re-inspections in supervision."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from openvth.core import clock
from openvth.enforcement import services
from openvth.enforcement.models import CaseTransition, Deadline, EnforcementCase, Letter, Sanction
from openvth.rules import enforcement as rules
from openvth.rules.terms import Unit
from openvth.supervision.models import Inspection, PlannedVisit, Programme

from .factories import perform_reinspection


def day(n: int) -> datetime.date:
    """Day n of a case that opened 200 days ago."""
    return clock.today() + datetime.timedelta(days=n - 200)


@pytest.fixture
def case(jurist, decided):
    return services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=day(0))


def test_opening_needs_the_lhso_decision_first(jurist, finding):
    with pytest.raises(ValidationError, match="Leg eerst de LHSO-afweging vast"):
        services.open_case(user=jurist, findings=[finding], route="herstel")
    assert not EnforcementCase.objects.exists()


def test_an_opened_case_starts_in_the_routes_first_state_and_logs_it(case, jurist):
    assert case.state == "geconstateerd" and case.reference == f"HH-{day(0).year}-{case.pk:06d}"
    (entry,) = case.transitions.all()
    assert (entry.event, entry.from_state, entry.to_state, entry.by, entry.on) == (
        "openen",
        "",
        "geconstateerd",
        jurist,
        day(0),
    )


def test_a_deadline_is_known_by_its_code_and_shows_its_label(case):
    term = Deadline.objects.create(
        case=case, code="termijn_last", name="oude tekst", event="x", started_on=day(1), due_on=day(30), source="Awb"
    )
    assert term.name == rules.DEADLINE_LABELS["termijn_last"] == "termijn om aan de last te voldoen"
    assert str(term) == f"termijn om aan de last te voldoen: {day(30)}"
    before_codes = Deadline.objects.create(
        case=case, name="hersteltermijn", event="x", started_on=day(1), due_on=day(30), source="Awb"
    )
    assert (before_codes.code, before_codes.name) == ("", "hersteltermijn")


def test_the_warning_stores_sanction_deadline_and_letter(case, jurist):
    services.transition(user=jurist, case=case, event="waarschuwen", on=day(1))
    case.refresh_from_db()
    assert case.state == "waarschuwing"
    restore = rules.DEFAULT_POLICY.violations["afval"].restore_term  # 4 weeks
    (expected,) = rules.deadlines("waarschuwen", day(1), rules.DeadlineParams(term=restore))
    deadline = case.deadlines.get()
    assert (deadline.code, deadline.name, deadline.due_on, deadline.source, deadline.statutory) == (
        "hersteltermijn",
        expected.name,
        expected.due,
        expected.source,
        False,
    )
    warning = case.sanctions.get()
    assert (warning.kind, warning.term_amount, warning.term_unit, warning.term_end) == (
        "warning",
        4,
        "weeks",
        expected.due,
    )
    letter = case.letters.get()
    assert letter.kind == "warning" and letter.pdf.startswith(b"%PDF")
    assert expected.due.strftime("%-d") in letter.body and case.establishment.company.name in letter.body


def test_a_term_given_with_the_event_overrides_the_policy(case, jurist):
    services.transition(user=jurist, case=case, event="waarschuwen", on=day(1), term_amount=10, term_unit="days")
    assert case.deadlines.get().due_on == day(11)


def test_the_whole_herstel_route_warning_order_forfeiture_collection(case, jurist, service):
    Programme.objects.create(service=service, year=day(30).year, capacity_hours=1000)
    short = {"term_amount": 5, "term_unit": "days"}  # ends before the re-inspection ten days later
    steps = [
        ("waarschuwen", short, "waarschuwing"),
        ("hercontrole_uitvoeren", {}, "hercontrole_na_waarschuwing"),
        ("voornemen_verzenden", {"intended": "last_onder_dwangsom"}, "voornemen"),
        ("zienswijze_ontvangen", {}, "zienswijze"),
        ("last_onder_dwangsom_opleggen", short, "last_onder_dwangsom"),
        ("hercontrole_uitvoeren", {}, "hercontrole_dwangsom"),
        ("verbeuren", {"units": 3}, "verbeurd"),
        ("invorderingsbeschikking_nemen", {}, "invorderingsbeschikking"),
        ("invorderen", {}, "invordering"),
        ("betaald", {}, "last_onder_dwangsom"),
        ("last_opheffen", {"note": "Een jaar nageleefd."}, "afgesloten"),
    ]
    for n, (event, params, state) in enumerate(steps, start=1):
        if event in ("voornemen_verzenden", "verbeuren"):  # supervision found the violation going on
            perform_reinspection(case, day(n * 10 - 5))
        services.transition(user=jurist, case=case, event=event, on=day(n * 10), **params)
        case.refresh_from_db()
        assert case.state == state, event
    log = list(case.transitions.values_list("event", "to_state"))
    assert log == [("openen", "geconstateerd"), *[(e, s) for e, _, s in steps]]
    assert case.closed_on == day(110) and case.close_reason == "Een jaar nageleefd."
    assert not case.deadlines.filter(done_on__isnull=True).exists()  # a closed case watches nothing
    order = case.sanctions.get(kind="last_onder_dwangsom")
    policy = rules.DEFAULT_POLICY.violations["afval"]
    assert (order.amount, order.basis, order.maximum) == (policy.dwangsom_amount, "per_breach", policy.dwangsom_maximum)
    assert order.forfeited_amount == 3 * policy.dwangsom_amount and order.forfeited_on == day(70)
    kinds = list(case.letters.values_list("kind", flat=True))
    assert kinds == ["warning", "voornemen", "last_onder_dwangsom", "invorderingsbeschikking"]
    assert case.letters.get(kind="voornemen").mandate_type == "last_onder_dwangsom"


def test_entering_a_reinspection_state_plans_an_inspection_after_the_term(case, jurist, service):
    programme = Programme.objects.create(service=service, year=day(0).year, capacity_hours=1000)
    services.transition(user=jurist, case=case, event="waarschuwen", on=day(1), term_amount=2, term_unit="weeks")
    services.transition(user=jurist, case=case, event="hercontrole_uitvoeren", on=day(2))
    inspection = Inspection.objects.get(kind=Inspection.Kind.REINSPECTION)
    assert inspection.planned_on == day(1) + datetime.timedelta(weeks=2, days=1)
    assert inspection.establishment == case.establishment and inspection.status == "planned"
    assert inspection.follows == case.findings.get().inspection
    assert case.transitions.last().reinspection == inspection
    visit = PlannedVisit.objects.get(inspection=inspection)
    if inspection.planned_on.year == programme.year:
        assert (visit.programme, visit.source, visit.month) == (programme, "reinspection", inspection.planned_on.month)


def test_without_a_programme_the_reinspection_is_still_planned(case, jurist):
    services.transition(user=jurist, case=case, event="waarschuwen", on=day(1))
    services.transition(user=jurist, case=case, event="hercontrole_uitvoeren", on=day(2))
    assert Inspection.objects.filter(kind="reinspection").count() == 1
    assert not PlannedVisit.objects.exists()


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ("last_onder_dwangsom_opleggen", "kan niet in stand 'geconstateerd'"),
        ("verbeuren", "kan niet in stand 'geconstateerd'"),
        ("onzin", "kan niet in stand"),
        ("sluiten", "vraagt een motivering"),
    ],
)
def test_an_invalid_transition_is_refused_and_stores_nothing(case, jurist, event, message):
    with pytest.raises(ValidationError, match=message):
        services.transition(user=jurist, case=case, event=event, on=day(1))
    case.refresh_from_db()
    assert case.state == "geconstateerd" and case.transitions.count() == 1
    assert not Sanction.objects.exists() and not Deadline.objects.exists() and not Letter.objects.exists()


def test_a_closed_case_allows_nothing(case, jurist):
    services.transition(user=jurist, case=case, event="sluiten", on=day(1), note="Overtreding direct beëindigd.")
    with pytest.raises(ValidationError, match="geen: de zaak is afgesloten"):
        services.transition(user=jurist, case=case, event="waarschuwen", on=day(2))


def test_steps_are_not_in_the_future_nor_before_the_previous_one(case, jurist):
    with pytest.raises(ValidationError, match="in de toekomst"):
        services.transition(user=jurist, case=case, event="waarschuwen", on=clock.today() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="vóór de vorige stap"):
        services.transition(user=jurist, case=case, event="waarschuwen", on=day(-1))


def test_the_view_term_must_have_passed_before_it_is_recorded_as_passed(case, jurist):
    services.transition(user=jurist, case=case, event="voornemen_verzenden", on=day(1), intended="last_onder_dwangsom")
    view = case.deadlines.get(code="zienswijzetermijn")
    assert view.due_on == day(1) + datetime.timedelta(weeks=2)  # the default policy's view term
    with pytest.raises(ValidationError, match="loopt nog tot en met"):
        services.transition(user=jurist, case=case, event="zienswijzetermijn_verstreken", on=day(10))
    services.transition(user=jurist, case=case, event="zienswijzetermijn_verstreken", on=day(16))
    view.refresh_from_db()
    assert view.done_on == day(16)


def test_the_order_stores_begunstigingstermijn_objection_and_lifting_deadlines(case, jurist):
    for n, event in enumerate(["voornemen_verzenden", "zienswijze_ontvangen"], start=1):
        services.transition(user=jurist, case=case, event=event, on=day(n), intended="last_onder_dwangsom")
    services.transition(
        user=jurist,
        case=case,
        event="last_onder_dwangsom_opleggen",
        on=day(3),
        term_amount=3,
        term_unit="weeks",
        amount="500",
        basis="per_day",
        maximum="20000",
    )
    expected = rules.deadlines("last_onder_dwangsom_opleggen", day(3), rules.DeadlineParams(term=(3, Unit.WEEKS)))
    stored = case.deadlines.filter(event="last_onder_dwangsom_opleggen").order_by("id")
    assert [(d.name, d.due_on, d.statutory) for d in stored] == [(e.name, e.due, e.statutory) for e in expected]
    assert stored.get(code="bezwaartermijn").passive
    order = case.sanctions.get()
    assert (order.amount, order.basis, order.maximum, order.term_end) == (
        Decimal("500.00"),
        "per_day",
        Decimal("20000.00"),
        expected[0].due,
    )


def test_a_dwangsom_without_a_maximum_above_the_amount_is_refused(jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", on=day(0))
    for n, event in enumerate(["voornemen_verzenden", "zienswijze_ontvangen"], start=1):
        services.transition(user=jurist, case=case, event=event, on=day(n), intended="last_onder_dwangsom")
    with pytest.raises(ValidationError, match="5:32b"):
        services.transition(
            user=jurist,
            case=case,
            event="last_onder_dwangsom_opleggen",
            on=day(3),
            term_amount=2,
            term_unit="weeks",
            amount="500",
            basis="per_day",
            maximum="100",
        )
    with pytest.raises(ValidationError, match="begunstigingstermijn"):
        services.transition(
            user=jurist,
            case=case,
            event="last_onder_dwangsom_opleggen",
            on=day(3),
            amount="1",
            maximum="2",
            basis="per_day",
        )
    assert not Sanction.objects.exists()


def test_forfeiture_never_passes_the_maximum(case, jurist):
    events = ["voornemen_verzenden", "zienswijze_ontvangen", "last_onder_dwangsom_opleggen", "hercontrole_uitvoeren"]
    for n, event in enumerate(events, start=1):
        services.transition(user=jurist, case=case, event=event, on=day(n), intended="last_onder_dwangsom")
    perform_reinspection(case, day(40))  # after the begunstigingstermijn of 4 weeks from day 3
    services.transition(user=jurist, case=case, event="verbeuren", on=day(41), units=1000)
    order = case.sanctions.get()
    assert order.forfeited_amount == order.maximum
    expected = rules.deadlines("verbeuren", day(41))
    assert [(d.name, d.due_on) for d in case.deadlines.filter(event="verbeuren")] == [(e.name, e.due) for e in expected]


def test_bestuursdwang_names_its_measures_and_recovers_costs(case, jurist):
    for n, event in enumerate(["voornemen_verzenden", "zienswijze_ontvangen"], start=1):
        services.transition(user=jurist, case=case, event=event, on=day(n), intended="last_onder_bestuursdwang")
    with pytest.raises(ValidationError, match="maatregelen"):
        services.transition(user=jurist, case=case, event="last_onder_bestuursdwang_opleggen", on=day(3))
    services.transition(
        user=jurist,
        case=case,
        event="last_onder_bestuursdwang_opleggen",
        on=day(3),
        measures="Verwijder de vaten naar een erkende verwerker.",
    )
    services.transition(user=jurist, case=case, event="hercontrole_uitvoeren", on=day(4))
    perform_reinspection(case, day(40))  # after the term of 4 weeks from day 3
    services.transition(user=jurist, case=case, event="bestuursdwang_toepassen", on=day(41))
    services.transition(user=jurist, case=case, event="kosten_verhalen", on=day(46), costs="4312.50")
    order = case.sanctions.get()
    assert order.costs == Decimal("4312.50") and order.cost_recovery
    assert "Verwijder de vaten" in case.letters.get(kind="last_onder_bestuursdwang").body


def test_tolerance_is_limited_in_scope_and_time(case, jurist):
    with pytest.raises(ValidationError, match="einddatum is verplicht"):
        services.transition(
            user=jurist, case=case, event="gedogen", on=day(1), scope="Opslag in container", legalisation_prospect="x"
        )
    services.transition(
        user=jurist,
        case=case,
        event="gedogen",
        on=day(1),
        scope="Opslag van 20 vaten in de container achter hal 2",
        valid_to=day(90),
        legalisation_prospect="Vergunningaanvraag OLO-1234 is ontvankelijk.",
    )
    tolerance = case.tolerance_decisions.get()
    assert (tolerance.valid_from, tolerance.valid_to) == (day(1), day(90))
    assert case.deadlines.get(code="einde_gedoogtermijn").due_on == day(90)
    assert case.letters.get().kind == "gedoogbeschikking"


def test_a_log_entry_for_every_step_with_who_and_when(case, jurist):
    services.transition(user=jurist, case=case, event="waarschuwen", on=day(1), note="Per aangetekende post.")
    entry = CaseTransition.objects.filter(case=case).last()
    assert (entry.event, entry.from_state, entry.to_state, entry.by, entry.on, entry.note) == (
        "waarschuwen",
        "geconstateerd",
        "waarschuwing",
        jurist,
        day(1),
        "Per aangetekende post.",
    )
    assert entry.at is not None


def test_without_a_policy_every_part_of_the_order_is_asked_for_by_its_field(jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", on=day(0))
    for n, event in enumerate(["voornemen_verzenden", "zienswijze_ontvangen"], start=1):
        services.transition(user=jurist, case=case, event=event, on=day(n), intended="last_onder_dwangsom")
    with pytest.raises(ValidationError) as refused:
        services.transition(
            user=jurist,
            case=case,
            event="last_onder_dwangsom_opleggen",
            on=day(3),
            term_amount=2,
            term_unit="weeks",
            amount="500",
        )
    errors = refused.value.message_dict
    assert set(errors) == {"basis", "maximum"}
    assert "geen soort overtreding uit het beleid" in errors["basis"][0]
    assert "per_day" not in errors["basis"][0]
    assert not Sanction.objects.exists()


def test_a_draft_names_only_the_terms_its_own_step_starts(case, jurist):
    for n, event in enumerate(["voornemen_verzenden", "zienswijze_ontvangen"], start=1):
        services.transition(user=jurist, case=case, event=event, on=day(n), intended="last_onder_dwangsom")
    assert case.deadlines.filter(done_on__isnull=False).exists()  # the zienswijzetermijn ended with the view
    draft = services.draft_step(user=jurist, case=case, event="last_onder_dwangsom_opleggen", on=day(3))
    expected = rules.deadlines("last_onder_dwangsom_opleggen", day(3), rules.DeadlineParams(term=(2, Unit.WEEKS)))
    assert sorted(d.code for d in draft.deadlines) == sorted(e.code for e in expected)
    assert not case.sanctions.exists()  # a draft stores nothing
