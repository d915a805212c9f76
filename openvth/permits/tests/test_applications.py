"""Applications through the services and their term through the selectors (docs/domain.md §2, Awb 4:5, 4:15, 4:17)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openvth.permits import selectors, services
from openvth.permits.models import Application, Suspension

from .factories import ApplicationFactory, grant

D = date.fromisoformat


@pytest.fixture
def application(establishment):
    # received Wednesday 10 January 2024: the regular term ends Wednesday 6 March 2024
    return ApplicationFactory(establishment=establishment, received_on=D("2024-01-10"))


def term(application, today):
    application.refresh_from_db()
    return selectors.application_term(application, today=D(today))


def test_receive_application(owner, establishment):
    application = services.receive_application(
        user=owner,
        establishment=establishment,
        competent_authority=establishment.competent_authority,
        reference="OLO-1",
        subject="Oprichten opslag",
        received_on=D("2024-01-10"),
        procedure="extended",
    )
    assert (application.owner, application.status) == (owner.organisation, Application.Status.RECEIVED)
    assert term(application, "2024-01-11").deadline == D("2024-07-10")


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("procedure", {"procedure": "snel"}),
        ("reference", {"reference": " "}),
        ("received_on", {"received_on": "2999-01-01"}),
        ("received_on", {"received_on": "10-01-2024x"}),
        ("competent_authority", {"competent_authority": "service"}),
    ],
)
def test_receive_application_refuses_bad_input(owner, establishment, service, field, values):
    arguments = {
        "reference": "OLO-1",
        "subject": "Oprichten",
        "received_on": "2024-01-10",
        "procedure": "regular",
        "competent_authority": establishment.competent_authority,
    } | values
    if arguments["competent_authority"] == "service":
        arguments["competent_authority"] = service
    with pytest.raises(ValidationError) as caught:
        services.receive_application(user=owner, establishment=establishment, **arguments)
    assert field in caught.value.message_dict
    assert not Application.objects.exists()


def test_regular_term_runs_eight_weeks(application):
    status = term(application, "2024-03-01")
    assert (status.deadline, status.days_left, status.late, status.extended) == (D("2024-03-06"), 5, False, False)


def test_suspension_stops_the_term_while_the_applicant_supplements(owner, application):
    services.request_supplement(user=owner, application=application, requested_on=D("2024-01-20"))
    assert term(application, "2024-01-25").suspended_days == 5  # an open suspension counts up to today
    services.record_supplement(user=owner, application=application, supplemented_on=D("2024-01-30"))
    status = term(application, "2024-03-10")
    assert (status.suspended_days, status.deadline) == (10, D("2024-03-18"))  # Saturday 16th: Atw to Monday
    assert application.status == Application.Status.RECEIVED


def test_two_suspensions_add_up(owner, application):
    for asked, supplied in (("2024-01-20", "2024-01-30"), ("2024-02-10", "2024-02-13")):
        services.request_supplement(user=owner, application=application, requested_on=D(asked))
        services.record_supplement(user=owner, application=application, supplemented_on=D(supplied))
    assert term(application, "2024-03-01").suspended_days == 13


def test_a_second_request_while_suspended_is_refused(owner, application):
    services.request_supplement(user=owner, application=application, requested_on=D("2024-01-20"))
    with pytest.raises(ValidationError, match="loopt al een verzoek"):
        services.request_supplement(user=owner, application=application, requested_on=D("2024-01-22"))
    assert Suspension.objects.count() == 1


def test_supplement_without_request_is_refused(owner, application):
    with pytest.raises(ValidationError, match="Er loopt geen verzoek om aanvulling"):
        services.record_supplement(user=owner, application=application, supplemented_on=D("2024-01-22"))


def test_extension_once_by_six_weeks(owner, application):
    services.extend_term(user=owner, application=application, extended_on=D("2024-03-01"))
    assert term(application, "2024-03-02").deadline == D("2024-04-17")
    with pytest.raises(ValidationError, match="al eenmaal verdaagd"):
        services.extend_term(user=owner, application=application, extended_on=D("2024-03-02"))


@pytest.mark.date_sensitive
def test_extension_after_the_term_ended_is_refused(owner, application):
    with pytest.raises(ValidationError, match="op 2024-03-06 verstreken"):
        services.extend_term(user=owner, application=application, extended_on=D("2024-03-07"))
    application.refresh_from_db()
    assert application.extended_on is None


def test_penalty_exposure_after_notice_of_default(owner, application):
    assert term(application, "2024-05-01").penalty_amount == 0  # late, but no notice of default
    with pytest.raises(ValidationError, match="pas na afloop van de beslistermijn"):
        services.record_default_notice(user=owner, application=application, received_on=D("2024-03-06"))
    services.record_default_notice(user=owner, application=application, received_on=D("2024-03-11"))
    status = term(application, "2024-04-09")  # in default from 26 March: 14 days at €23, 1 at €35
    assert (status.late, status.penalty_days, status.penalty_amount) == (True, 15, Decimal("357.00"))
    assert term(application, "2025-01-01").penalty_days == 42


def test_penalty_stops_at_the_decision(owner, establishment, application):
    services.record_default_notice(user=owner, application=application, received_on=D("2024-03-11"))
    decision = grant("1", effective="2024-03-29")
    services.record_decision(user=owner, establishment=establishment, application=application, **decision)
    status = term(application, "2025-01-01")
    assert (status.penalty_days, status.penalty_amount, status.late) == (3, Decimal("69.00"), True)


def test_penalty_rates_are_configurable(owner, application):
    from openvth.permits.models import PenaltyRate

    PenaltyRate.objects.create(valid_from=D("2024-01-01"), first_day=1, last_day=42, amount_per_day=Decimal("50"))
    services.record_default_notice(user=owner, application=application, received_on=D("2024-03-11"))
    assert term(application, "2024-03-27").penalty_amount == Decimal("100.00")


def test_withdrawn_application_has_no_penalty_and_is_closed(owner, application):
    services.record_default_notice(user=owner, application=application, received_on=D("2024-03-11"))
    services.withdraw_application(user=owner, application=application, withdrawn_on=D("2024-03-20"))
    assert term(application, "2024-06-01").penalty_amount == 0
    application.refresh_from_db()
    assert application.withdrawn_on == D("2024-03-20")
    # the term is frozen on the day of withdrawal, whatever day one looks
    assert term(application, "2024-06-01").days_left == term(application, "2024-03-21").days_left
    with pytest.raises(ValidationError, match="ingetrokken"):
        services.extend_term(user=owner, application=application, extended_on=D("2024-03-01"))


@pytest.mark.date_sensitive
def test_work_queue_lists_due_and_late_applications_soonest_first(owner, outsider, establishment):
    late = ApplicationFactory(establishment=establishment, received_on=D("2024-01-10"))  # 2024-03-06
    due = ApplicationFactory(establishment=establishment, received_on=D("2024-01-24"))  # 2024-03-20
    ApplicationFactory(establishment=establishment, received_on=D("2024-03-01"))  # 2024-04-26: not yet
    decided = ApplicationFactory(establishment=establishment, received_on=D("2024-01-03"))
    decided.status = Application.Status.DECIDED
    decided.save()
    queue = selectors.applications_due(owner, today=D("2024-03-10"))
    assert [(a, t.late) for a, t in queue] == [(late, True), (due, False)]
    assert selectors.applications_due(outsider, today=D("2024-03-10")) == []


def test_lead_times_per_authority_and_procedure(owner, outsider, establishment):
    services.record_decision(user=owner, establishment=establishment, **grant("1", effective="2020-01-01"))
    # received 10 January 2024, term ends 6 March: 22 and 51 days are in time, 70 days is late
    for decided in ("2024-02-01", "2024-03-01", "2024-03-20"):
        application = ApplicationFactory(establishment=establishment, received_on=D("2024-01-10"))
        change = {"op": "replace", "number": "1", "text": f"Versie {decided}"}
        services.record_decision(
            user=owner,
            establishment=establishment,
            application=application,
            reference=f"W-{decided}",
            kind="amend",
            decided_on=D(decided),
            effective_from=D(decided),
            changes=[change],
        )
    (row,) = selectors.lead_times(owner)
    assert (row.competent_authority, row.procedure, row.decided) == (establishment.competent_authority, "regular", 3)
    assert row.median_days == 51 and row.in_time_share == pytest.approx(2 / 3)
    assert selectors.lead_times(outsider) == []


def test_the_outsider_may_not_touch_an_application(outsider, application):
    with pytest.raises(PermissionDenied):
        services.extend_term(user=outsider, application=application, extended_on=D("2024-03-01"))
    assert list(selectors.applications(outsider)) == []
