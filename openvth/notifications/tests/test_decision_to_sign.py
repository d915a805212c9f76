"""'Decision to sign' (issue 17, item 3): when an enforcement case waits for the sanction decision a voornemen
prepared, the officials who may take it (role and mandate at the competent authority) are told, once; not who took
the step, nor under four eyes who prepared it."""

import datetime

from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.enforcement.models import CaseTransition, PolicyTableVersion
from openvth.enforcement.tests.factories import EnforcementCaseFactory
from openvth.notifications import services
from openvth.notifications.models import Kind, Notification
from openvth.register.models import DecisionType
from openvth.register.tests.factories import MandateFactory
from openvth.rules import enforcement as rules


def _lawyer(service, establishment, *decision_types):
    user = UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER)
    for decision_type in decision_types:
        MandateFactory(holder=user, authority=establishment.competent_authority, decision_type=decision_type)
    return user


def _waiting_case(establishment, preparer):
    case = EnforcementCaseFactory(establishment=establishment, route="herstel", state="zienswijze")
    CaseTransition.objects.create(case=case, event="voornemen_verzenden", from_state="geconstateerd",
                                  to_state="voornemen", on=datetime.date(2026, 10, 1), by=preparer)  # fmt: skip
    return case


def test_the_mandate_holders_are_told_once_and_not_who_took_the_step(service, establishment):
    holder = _lawyer(service, establishment, DecisionType.LAST_ONDER_DWANGSOM)
    actor = _lawyer(service, establishment, DecisionType.LAST_ONDER_DWANGSOM)
    _lawyer(service, establishment)  # no mandate: not told
    UserFactory(organisation=service, role=Role.INSPECTOR)  # a role that does not take the decision
    case = _waiting_case(establishment, preparer=actor)

    assert services.decision_to_sign(case.pk, by_id=actor.pk) == 1
    told = Notification.objects.get()
    assert (told.recipient, told.kind) == (holder, Kind.DECISION_TO_SIGN)
    assert told.url == reverse("enforcement:case", args=[case.pk])
    assert case.reference in told.title and "last onder dwangsom" in told.title.lower()
    assert services.decision_to_sign(case.pk) == 1  # the actor now too (no four eyes); the holder not again
    assert Notification.objects.filter(recipient=holder).count() == 1


def test_under_four_eyes_who_prepared_it_is_not_asked_to_sign(service, establishment):
    policy = {**rules.DEFAULT_POLICY.to_dict(), "four_eyes": True}
    PolicyTableVersion.objects.create(authority=establishment.competent_authority, policy=policy,
                                      valid_from=datetime.date(2020, 1, 1))  # fmt: skip
    preparer = _lawyer(service, establishment, DecisionType.LAST_ONDER_DWANGSOM)
    other = _lawyer(service, establishment, DecisionType.LAST_ONDER_DWANGSOM)
    case = _waiting_case(establishment, preparer=preparer)
    assert services.decision_to_sign(case.pk) == 1
    assert Notification.objects.get().recipient == other


def test_a_case_that_waits_for_no_decision_tells_nobody(service, establishment):
    _lawyer(service, establishment, DecisionType.LAST_ONDER_DWANGSOM)
    case = EnforcementCaseFactory(establishment=establishment, route="herstel", state="voornemen")
    assert services.decision_to_sign(case.pk) == 0
    assert not Notification.objects.exists()
