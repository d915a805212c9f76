"""The `inspectors` of a new inspection (API): a username that does not exist and one of another organisation are
refused with the same words, so the field tells no one which usernames exist, nor their names (issue 14)."""

import pytest

from openvth.accounts.tests.factories import UserFactory
from openvth.supervision.models import Inspection
from openvth.supervision.services.inspections import NOT_A_COLLEAGUE
from openvth.testing.api import client_for, problem

from .factories import checklist

INSPECTIONS = "/api/v1/inspections"


@pytest.fixture
def create(member, establishment):
    checklist(name="Algemeen (test)")

    def post(*usernames):
        data = {"establishment": establishment.pk, "kind": "routine", "inspectors": list(usernames)}
        return client_for(member).post(INSPECTIONS, data, format="json")

    return post


def refusal(response) -> list[dict]:
    return problem(response, 400)["invalid-params"]


def test_unknown_and_foreign_usernames_get_the_same_answer(create, outsider, other_service):
    UserFactory(username="oud-collega", organisation=other_service, is_active=False)
    answers = {name: refusal(create(name)) for name in ("bestaat-niet", outsider.username, "oud-collega")}
    assert answers == {
        name: [{"name": "inspectors", "code": "invalid", "reason": NOT_A_COLLEAGUE.format(value=name)}]
        for name in answers
    }
    assert outsider.last_name not in str(answers) and outsider.first_name not in str(answers)
    assert not Inspection.objects.exists()


def test_a_colleague_is_accepted(create, member):
    assert create(member.username).status_code == 201
    assert list(Inspection.objects.get().inspectors.all()) == [member]
