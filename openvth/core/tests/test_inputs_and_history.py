"""The shared plumbing of the services: an input checked whole collects every fault in one `errors` dict
(core.inputs), and a change of fields is saved and recorded in one way (core.history.update_recorded)."""

import datetime

import pytest

from openvth.accounts.models import User
from openvth.core.history import history_of, update_recorded
from openvth.core.inputs import check_lengths_into, parse_date_into, whole_number_into
from openvth.core.models import ChangeRecord
from openvth.register.models import Organisation
from openvth.register.tests.factories import OrganisationFactory


def test_a_field_too_long_keeps_the_message_it_already_had_and_adds_its_length():
    errors = {"email": ["Vul een geldig e-mailadres in."]}
    check_lengths_into(User, {"email": "x" * 255, "first_name": "Anna", "no_such_field": "y" * 999}, errors)
    assert errors == {"email": ["Vul een geldig e-mailadres in.", "Ten hoogste 254 tekens, niet 255."]}


@pytest.mark.parametrize(("given", "expected"), [("7", 7), (" 12 ", 12), (0, 0), (100, 100)])
def test_a_whole_number_within_its_bounds_is_read_from_a_number_or_text(given, expected):
    errors = {}
    assert whole_number_into(given, "hours", 0, 100, "Geef uren van 0 tot 100", errors) == expected
    assert errors == {}


@pytest.mark.parametrize(("given", "shown"), [("x", "x"), ("101", "101"), ("-1", "-1"), ("2,5", "2,5"), (None, "")])
def test_anything_else_is_one_message_naming_what_was_given(given, shown):
    errors = {"year": ["Kies een jaar."]}
    assert whole_number_into(given, "hours", 0, 100, "Geef uren van 0 tot 100", errors) is None
    assert errors == {"year": ["Kies een jaar."], "hours": [f"Geef uren van 0 tot 100, niet '{shown}'."]}


def test_a_date_checked_whole_is_read_or_its_refusal_collected():
    errors = {}
    assert parse_date_into("2024-03-31", "day", "De datum", errors) == datetime.date(2024, 3, 31)
    assert parse_date_into("31-3-2024", "other", "De andere datum", errors) is None
    assert parse_date_into("", "since", "Sinds", errors, required=False) is None
    assert list(errors) == ["other"]
    assert "JJJJ-MM-DD" in errors["other"][0]


@pytest.mark.django_db
def test_a_change_saves_only_its_fields_and_records_what_they_held_before():
    organisation = OrganisationFactory(name="Gemeente Oud", kvk_number="")
    organisation.kvk_number = "12345678"  # set on the instance, not part of the change: not saved
    update_recorded(organisation, {"name": "Gemeente Nieuw"}, user=None, note="hernoemd")
    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.name, stored.kvk_number) == ("Gemeente Nieuw", "")
    (record,) = history_of(stored)
    assert record.action == ChangeRecord.Action.UPDATE
    assert record.note == "hernoemd"
    assert record.changes["name"] == ["Gemeente Oud", "Gemeente Nieuw"]
