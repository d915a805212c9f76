"""Each data-quality rule on a handful of records with a known answer: which fail, counted per owner and nationally."""

from datetime import date

import pytest

from openvth.monitoring import quality
from openvth.register.tests.factories import EstablishmentFactory
from openvth.supervision.models import Inspection
from openvth.supervision.tests.factories import FindingFactory, InspectionFactory

from .factories import case, deadline

TODAY = date(2025, 6, 30)


def failing(code: str, owner=None) -> tuple[int, int]:
    counted = quality.counts(quality.BY_CODE[code], today=TODAY)
    return counted[owner.pk if owner else None]


@pytest.mark.parametrize(
    ("code", "bad"),
    [
        ("vestiging-kvk", {"kvk_vestigingsnummer": ""}),
        ("vestiging-bag", {"bag_nummeraanduiding_id": ""}),
        ("vestiging-coordinaten", {"rd_x": None}),
        ("vestiging-kvk-formaat", {"kvk_vestigingsnummer": "12345"}),
        ("vestiging-bag-formaat", {"bag_nummeraanduiding_id": "0363010000000001"}),  # object type 01, not 20
        ("vestiging-postcode", {"postcode": "1234 SS"}),
        ("vestiging-postcode", {"postcode": "0123 AB"}),
        ("vestiging-rd-bereik", {"rd_y": 700_000.0}),
    ],
)
def test_establishment_rules(service, other_service, code, bad):
    EstablishmentFactory(owner=service)
    EstablishmentFactory(owner=service, **bad)
    EstablishmentFactory(owner=other_service, **bad)
    assert failing(code, service) == (2, 1)
    assert failing(code, other_service) == (1, 1)
    assert failing(code) == (3, 2)


def test_an_empty_number_is_incomplete_not_invalid(service):
    EstablishmentFactory(owner=service, kvk_vestigingsnummer="", bag_nummeraanduiding_id="")
    assert failing("vestiging-kvk-formaat", service) == (1, 0)
    assert failing("vestiging-bag-formaat", service) == (1, 0)


@pytest.mark.parametrize(
    ("performed_on", "sent_on", "late"),
    [
        (date(2025, 1, 31), date(2025, 3, 31), False),  # 31 January + 2 months: 31 March
        (date(2024, 12, 31), date(2025, 2, 28), False),  # 31 Dec + 2 months: 28 February
        (date(2024, 12, 31), date(2025, 3, 1), True),
        (date(2025, 1, 15), date(2025, 3, 15), False),
        (date(2025, 1, 15), date(2025, 3, 16), True),
        (date(2025, 4, 30), None, False),  # due 30 June: today, not past
        (date(2025, 4, 29), None, True),  # due 29 June, not sent by the 30th
    ],
)
def test_ied_report_sent_within_two_months(service, performed_on, sent_on, late):
    ied = EstablishmentFactory(owner=service, ied=True)
    InspectionFactory(establishment=ied, performed_on=performed_on, report_sent_on=sent_on)
    assert failing("inspectie-rapport-verzonden", service) == (1, int(late))


def test_ied_report_rules_skip_other_visits(service):
    ied, plain = EstablishmentFactory(owner=service, ied=True), EstablishmentFactory(owner=service)
    InspectionFactory(establishment=plain, performed_on=date(2024, 1, 1))
    InspectionFactory(establishment=ied, performed_on=date(2024, 1, 1), kind=Inspection.Kind.ADMINISTRATIVE)
    InspectionFactory(establishment=ied, performed_on=date(2024, 1, 1), report_published_on=date(2024, 5, 2))
    assert failing("inspectie-rapport-verzonden", service) == (3, 1)
    assert failing("inspectie-rapport-openbaar", service) == (3, 1)  # public 2 May: one day past 1 May


def test_enforcement_terms(establishment):
    open_case = case(establishment)
    deadline(open_case, due_on=date(2025, 5, 1), done_on=date(2025, 5, 1))
    deadline(open_case, due_on=date(2025, 5, 1), done_on=date(2025, 5, 2))  # late
    deadline(open_case, due_on=date(2025, 6, 29))  # open past its day
    deadline(open_case, due_on=date(2025, 6, 30))  # due today
    deadline(open_case, due_on=date(2025, 6, 1), passive=True)  # runs out without anyone acting
    assert failing("handhaving-termijn", establishment.owner) == (5, 2)


def test_closed_inspection_without_a_visit_date(establishment):
    InspectionFactory(establishment=establishment)
    InspectionFactory(establishment=establishment, performed_on=None)
    InspectionFactory(establishment=establishment, performed_on=None, status=Inspection.Status.PLANNED)
    assert failing("inspectie-zonder-datum", establishment.owner) == (3, 1)


def test_finding_without_provision(establishment):
    inspection = InspectionFactory(establishment=establishment)
    FindingFactory(inspection=inspection)  # a general rule
    FindingFactory(inspection=inspection, general_rule="", provision_number="3", provision_text="Geluid 50 dB(A).")
    FindingFactory(inspection=inspection, general_rule="", provision_number="3", provision_text="")
    assert failing("bevinding-zonder-voorschrift", establishment.owner) == (3, 1)


def test_case_without_finding(establishment):
    finding = FindingFactory(inspection=InspectionFactory(establishment=establishment))
    parent = case(establishment, findings=[finding])
    case(establishment)
    case(establishment, parent=parent)  # an objection case
    assert failing("zaak-zonder-bevinding", establishment.owner) == (3, 1)


def test_every_rule_has_a_test():
    tested = {
        "vestiging-kvk", "vestiging-bag", "vestiging-coordinaten", "vestiging-kvk-formaat", "vestiging-bag-formaat",
        "vestiging-postcode", "vestiging-rd-bereik", "inspectie-rapport-verzonden", "inspectie-rapport-openbaar",
        "handhaving-termijn", "inspectie-zonder-datum", "bevinding-zonder-voorschrift", "zaak-zonder-bevinding",
    }  # fmt: skip
    assert set(quality.BY_CODE) == tested
