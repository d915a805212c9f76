"""`openvth generate` gives permit histories: deterministic, consistent with the services' replay, with a queue."""

from datetime import date

import pytest

from openvth.permits import selectors, services
from openvth.permits.models import Application, Decision, ProvisionVersion
from openvth.register.models import Establishment
from openvth.synthetic.generator import _E
from openvth.synthetic.loader import load, stored_digest
from openvth.synthetic.permits import _FIELDS, CHAPTERS, FIGURES, MANDATED_TYPES, MANDATES_FROM, PermitGenerator
from openvth.synthetic.tests.helpers import generate_offline

TODAY = date(2025, 6, 2)


def offline_permits(seed: int, signers: dict[int, int] | None = None):
    _companies, establishments, _activities = generate_offline(seed)
    first = dict.fromkeys(("decision", "provision_change", "provision_version", "application", "suspension"), 1)
    return establishments, PermitGenerator(seed, first, today=TODAY, signers=signers).batch(establishments)


def test_same_seed_same_permits_other_seed_other_permits():
    assert offline_permits(3)[1] == offline_permits(3)[1]
    assert offline_permits(3)[1].decision != offline_permits(4)[1].decision


def test_every_decision_is_signed_by_the_permit_officer_of_the_supervising_service_within_the_mandate():
    establishments, _permits = offline_permits(3)
    services_ = sorted({row[_E["supervising_service_id"]] for row in establishments})
    signers = {service: 9000 + n for n, service in enumerate(services_)}
    establishments, permits = offline_permits(3, signers)
    service_of = {row[_E["id"]]: row[_E["supervising_service_id"]] for row in establishments}
    assert permits.decision
    for _id, _owner, establishment, _ref, _kind, decided_on, _effective, signer in permits.decision:
        assert signer == signers[service_of[establishment]] and decided_on >= MANDATES_FROM
    # the signer's mandates are those every permit decision needs
    assert set(MANDATED_TYPES) == set(services.PERMIT_MANDATE_TYPES)


def test_without_signers_the_decisions_are_unsigned_as_imported_ones():
    assert {row[-1] for row in offline_permits(3)[1].decision} == {None}


def test_every_ied_and_brzo_establishment_has_a_permit_and_some_others_too():
    establishments, permits = offline_permits(3)
    with_permit = {row[2] for row in permits.decision}
    heavy = {row[_E["id"]] for row in establishments if row[_E["ied"]] or row[_E["brzo_tier"]]}
    assert heavy <= with_permit and with_permit - heavy
    per_establishment = [sum(1 for v in permits.provision_version if v[1] == e) for e in heavy]
    assert min(per_establishment) >= 40


@pytest.fixture
def small(db):
    return load("small", 5, today=TODAY, digest=True)


def test_stored_rows_are_the_generated_rows(small):
    assert stored_digest() == small.digest
    assert small.decisions == Decision.objects.count() > 0


def test_stored_versions_equal_a_replay_by_the_services(small):
    establishment = Establishment.objects.filter(permit_decisions__isnull=False).order_by("pk").first()

    def rows():
        found = ProvisionVersion.objects.filter(establishment=establishment).order_by("number", "valid_from")
        return list(
            found.values_list("number", "text", "source_decision_id", "valid_from", "valid_until", "ended_by_id")
        )

    generated = rows()
    services.rebuild_versions(establishment)
    assert rows() == generated and generated


def test_the_work_queue_has_content(small, member):
    # a superuser reads everything: the queue holds the generated applications whose term runs out or ran out
    member.is_superuser = True
    queue = selectors.applications_due(member, today=TODAY, within_days=30)
    assert queue and all(a.status in (Application.Status.RECEIVED, Application.Status.SUSPENDED) for a, _ in queue)
    assert selectors.lead_times(member)


def test_every_provision_template_has_plausible_figures():
    for chapter, templates in CHAPTERS.items():
        for template in templates:
            low = template.format(**{name: FIGURES[name][0] for name in _FIELDS[template]})
            high = template.format(**{name: FIGURES[name][1] for name in _FIELDS[template]})
            assert "{" not in low + high, (chapter, template)
    assert all(1 <= low <= high for low, high in FIGURES.values())


def test_loaded_decisions_are_signed_by_a_permit_officer_holding_the_mandate(small):
    from openvth.permits.models import Decision
    from openvth.permits.services import MANDATE_TYPES
    from openvth.register.selectors import holds_mandate

    decisions = list(Decision.objects.select_related("signed_by", "establishment__competent_authority")[:300])
    assert decisions and all(d.signed_by is not None for d in decisions)
    for decision in decisions:
        assert decision.signed_by.role == "permit_officer"
        assert holds_mandate(
            decision.signed_by,
            authority=decision.establishment.competent_authority,
            decision_type=MANDATE_TYPES[decision.kind],
            on=decision.decided_on,
        ), decision.reference
