"""Decisions through the services: every operation, out-of-order arrival, rejection with nothing stored,
boundary dates, the diff and the history of one provision, and who may do it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openvth.core.models import ChangeRecord
from openvth.permits import selectors, services
from openvth.permits.models import Application, Decision, ProvisionChange, ProvisionVersion

from .factories import ApplicationFactory, grant

D = date.fromisoformat


def amend(reference, effective, *changes, decided=None):
    return {
        "reference": reference,
        "kind": "amend",
        "decided_on": D(decided or effective),
        "effective_from": D(effective),
        "changes": [{"op": op, "number": number, "text": text} for op, number, text in changes],
    }


def permit_on(user, establishment, day):
    return {
        v.number: (v.text, v.source_decision.reference)
        for v in selectors.consolidated_permit(user, establishment, on=D(day))
    }


@pytest.fixture
def granted(owner, establishment):
    return services.record_decision(user=owner, establishment=establishment, **grant("1", "2", "10", "1.2", "1.10"))


def test_grant_is_in_force_from_its_effective_day_and_not_the_day_before(owner, establishment, granted):
    assert permit_on(owner, establishment, "2019-12-31") == {}
    on_day = selectors.consolidated_permit(owner, establishment, on=D("2020-01-01"))
    assert [v.number for v in on_day] == ["1", "1.2", "1.10", "2", "10"]
    assert {v.source_decision for v in on_day} == {granted}


def test_replace_add_and_revoke_provisions(owner, establishment, granted):
    services.record_decision(
        user=owner,
        establishment=establishment,
        **amend(
            "W-1",
            "2021-03-01",
            ("replace", "1", "Geluid ten hoogste 45 dB(A)"),
            ("revoke", "2", ""),
            ("add", "3", "Stof"),
        ),
    )
    assert permit_on(owner, establishment, "2021-02-28")["1"][1] == "V-2020-1"
    later = permit_on(owner, establishment, "2021-03-01")
    assert later["1"] == ("Geluid ten hoogste 45 dB(A)", "W-1")
    assert "2" not in later and later["3"] == ("Stof", "W-1")


def test_revoking_the_whole_permit(owner, establishment, granted):
    revoke = {
        "reference": "I-1",
        "kind": "revoke",
        "decided_on": D("2022-01-01"),
        "effective_from": D("2022-01-01"),
        "changes": [],
    }
    services.record_decision(user=owner, establishment=establishment, **revoke)
    assert len(permit_on(owner, establishment, "2021-12-31")) == 5
    assert permit_on(owner, establishment, "2022-01-01") == {}
    assert set(ProvisionVersion.objects.values_list("ended_by__reference", flat=True)) == {"I-1"}


def test_a_late_decision_lands_in_its_place_in_history(owner, establishment, granted):
    services.record_decision(
        user=owner, establishment=establishment, **amend("W-2", "2022-01-01", ("replace", "1", "derde"))
    )
    services.record_decision(
        user=owner,
        establishment=establishment,
        **amend("W-1", "2021-01-01", ("replace", "1", "tweede"), decided="2020-12-01"),
    )
    history = selectors.provision_history(owner, establishment, "1")
    assert [(v.source_decision.reference, v.valid_from, v.valid_until) for v in history] == [
        ("V-2020-1", D("2020-01-01"), D("2021-01-01")),
        ("W-1", D("2021-01-01"), D("2022-01-01")),
        ("W-2", D("2022-01-01"), None),
    ]


def test_same_effective_day_applies_by_decided_date(owner, establishment, granted):
    services.record_decision(
        user=owner,
        establishment=establishment,
        **amend("W-B", "2021-01-01", ("replace", "1", "later besloten"), decided="2020-12-20"),
    )
    services.record_decision(
        user=owner,
        establishment=establishment,
        **amend("W-A", "2021-01-01", ("replace", "1", "eerder besloten"), decided="2020-12-01"),
    )
    assert permit_on(owner, establishment, "2021-01-01")["1"] == ("later besloten", "W-B")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("replace", "7", "x"), "Besluit W-9, voorschrift 7: kan niet worden vervangen"),
        (("revoke", "7", ""), "Besluit W-9, voorschrift 7: kan niet worden ingetrokken"),
        (("add", "2", "x"), "Besluit W-9, voorschrift 2: kan niet worden toegevoegd"),
    ],
)
def test_an_impossible_change_is_refused_and_nothing_is_stored(owner, establishment, granted, change, message):
    before = (Decision.objects.count(), ProvisionChange.objects.count(), ProvisionVersion.objects.count())
    records = ChangeRecord.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.record_decision(user=owner, establishment=establishment, **amend("W-9", "2021-01-01", change))
    assert message in caught.value.message_dict["changes"][0]
    assert (Decision.objects.count(), ProvisionChange.objects.count(), ProvisionVersion.objects.count()) == before
    assert ChangeRecord.objects.count() == records


def test_a_late_decision_that_breaks_a_later_one_is_refused(owner, establishment, granted):
    services.record_decision(
        user=owner, establishment=establishment, **amend("W-2", "2022-01-01", ("replace", "2", "nieuw"))
    )
    with pytest.raises(ValidationError, match="Besluit W-2, voorschrift 2: kan niet worden vervangen"):
        services.record_decision(
            user=owner, establishment=establishment, **amend("W-1", "2021-01-01", ("revoke", "2", ""))
        )
    assert not Decision.objects.filter(reference="W-1").exists()


def test_a_reference_is_used_once_per_establishment(owner, establishment, granted):
    with pytest.raises(ValidationError, match="Besluit V-2020-1 bestaat al"):
        services.record_decision(user=owner, establishment=establishment, **grant("20"))


def test_every_version_keeps_its_source_decision_and_validity(owner, establishment, granted):
    services.record_decision(
        user=owner, establishment=establishment, **amend("W-1", "2021-01-01", ("replace", "1", "nieuw"))
    )
    old, new = selectors.provision_history(owner, establishment, "1")
    assert (old.source_decision.reference, old.valid_from, old.valid_until, old.ended_by.reference) == (
        "V-2020-1",
        D("2020-01-01"),
        D("2021-01-01"),
        "W-1",
    )
    assert (new.source_decision.reference, new.valid_until, new.ended_by) == ("W-1", None, None)


def test_diff_between_two_dates_names_the_decisions(owner, establishment, granted):
    services.record_decision(
        user=owner, establishment=establishment, **amend("W-1", "2021-01-01", ("replace", "1", "nieuw"))
    )
    services.record_decision(
        user=owner,
        establishment=establishment,
        **amend("W-2", "2021-06-01", ("revoke", "2", ""), ("add", "11", "Bodem")),
    )
    services.record_decision(
        user=owner, establishment=establishment, **amend("W-3", "2021-09-01", ("replace", "1", "nieuwer"))
    )
    diff = selectors.permit_diff(owner, establishment, start=D("2020-06-01"), end=D("2021-12-31"))
    assert [(i.number, i.old_text, i.new_text, [d.reference for d in i.decisions]) for i in diff.replaced] == [
        ("1", "Voorschrift 1: geluid ten hoogste 50 dB(A)", "nieuwer", ["W-1", "W-3"])
    ]
    assert [(i.number, i.new_text, [d.reference for d in i.decisions]) for i in diff.added] == [
        ("11", "Bodem", ["W-2"])
    ]
    assert [(i.number, i.new_text, [d.reference for d in i.decisions]) for i in diff.revoked] == [("2", None, ["W-2"])]
    unchanged = selectors.permit_diff(owner, establishment, start=D("2021-01-01"), end=D("2021-05-31"))
    assert (unchanged.added, unchanged.replaced, unchanged.revoked) == ([], [], [])


def test_a_decision_decides_its_application(owner, establishment, granted):
    application = ApplicationFactory(establishment=establishment, received_on=D("2024-01-10"))
    decision = services.record_decision(
        user=owner,
        establishment=establishment,
        application=application,
        **amend("W-5", "2024-03-01", ("add", "30", "Tank"), decided="2024-02-20"),
    )
    application.refresh_from_db()
    assert (application.status, application.decided_on, application.decision) == (
        Application.Status.DECIDED,
        D("2024-02-20"),
        decision,
    )


def test_a_decision_before_the_receipt_of_its_application_is_refused(owner, establishment, granted):
    application = ApplicationFactory(establishment=establishment, received_on=D("2024-01-10"))
    with pytest.raises(ValidationError, match="vóór de ontvangst van de aanvraag"):
        services.record_decision(
            user=owner,
            establishment=establishment,
            application=application,
            **amend("W-6", "2024-01-09", ("add", "31", "Tank")),
        )
    application.refresh_from_db()
    assert application.status == Application.Status.RECEIVED
    assert not Decision.objects.filter(reference="W-6").exists()


def test_the_outsider_may_not_record_a_decision(outsider, establishment):
    with pytest.raises(PermissionDenied):
        services.record_decision(user=outsider, establishment=establishment, **grant("1"))
    assert not Decision.objects.exists()


def test_the_outsider_sees_no_permit(owner, member, outsider, establishment, granted):
    assert len(permit_on(member, establishment, "2020-06-01")) == 5
    assert permit_on(outsider, establishment, "2020-06-01") == {}
    assert list(selectors.decisions(outsider)) == []
    assert selectors.provision_history(outsider, establishment, "1") == []
    assert list(selectors.decisions(member, establishment)) == [granted]


def test_the_decision_is_recorded_in_the_history(owner, establishment, granted):
    record = ChangeRecord.objects.get(object_id=granted.pk, content_type__model="decision")
    assert (record.user, record.action) == (owner, ChangeRecord.Action.CREATE)
