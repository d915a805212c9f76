"""`openvth generate` adds enforcement histories: deterministic, every step through the state machine with the rule
module's deadlines, signed under mandate, a work queue with content, stored exactly as generated."""

from collections import defaultdict
from datetime import timedelta
from functools import cache

import pytest
from django.urls import reverse

from openvth.enforcement.models import EnforcementCase, Letter, LhsoDecision
from openvth.permits.tests.test_synthetic import TODAY
from openvth.register.selectors import holds_mandate
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events
from openvth.rules import lhso
from openvth.synthetic.enforcement import BOETE_MAXIMUM, TABLE_COLUMNS, EnforcementGenerator, mandated_authorities
from openvth.synthetic.generator import SCALES
from openvth.synthetic.loader import load, stored_digest
from openvth.synthetic.organisations import organisation_specs
from openvth.synthetic.permits import PermitGenerator
from openvth.synthetic.skeleton import skeleton
from openvth.synthetic.supervision import SupervisionGenerator
from openvth.synthetic.tests.helpers import generate_offline, offline_catalogue

COLUMNS = {table: {name: i for i, name in enumerate(columns)} for table, columns in TABLE_COLUMNS.items()}


def offline_enforcement(seed: int, scale: str = "small"):
    """All rows of one scale without a database, in one batch: (supervision batch, enforcement batch)."""
    companies, establishments, _activities = generate_offline(seed, scale)
    permits = PermitGenerator(seed, dict.fromkeys(("decision", "provision_change", "provision_version",
                                                  "application", "suspension"), 1), today=TODAY)  # fmt: skip
    supervision = SupervisionGenerator(seed, {"inspection": 1, "finding": 1}, today=TODAY).batch(
        establishments, permits.batch(establishments).provision_version
    )
    ids = offline_catalogue().organisations
    signers = {ids[code]: 1000 + n for n, code in enumerate(sorted(mandated_authorities(skeleton(), SCALES[scale])))}
    names = {ids[spec[0]]: spec[1] for spec in organisation_specs(skeleton())}
    deciders = {service: user + 1000 for service, user in signers.items()}  # Awb 10:3(3): another lawyer
    generator = EnforcementGenerator(
        seed, dict.fromkeys(TABLE_COLUMNS, 1), today=TODAY, signers=signers, organisations=names,
        objection_signers=deciders,
    )  # fmt: skip
    return supervision, generator.batch(establishments, companies, supervision)


@cache
def region():
    """A whole region: enough cases for rates and for a work queue on one day."""
    return offline_enforcement(2, "region")


def rows_of(batch, table: str) -> list[dict]:
    return [dict(zip(TABLE_COLUMNS[table], row, strict=True)) for row in getattr(batch, table)]


def by_case(batch, table: str) -> dict[int, list[dict]]:
    found = defaultdict(list)
    for row in rows_of(batch, table):
        found[row["case_id"]].append(row)
    return found


def test_same_seed_same_histories_other_seed_other_histories():
    assert offline_enforcement(3)[1] == offline_enforcement(3)[1]
    assert offline_enforcement(3)[1].case_transition != offline_enforcement(4)[1].case_transition


def test_lhso_decisions_follow_the_default_table_and_deviate_only_with_reasons():
    _supervision, batch = region()
    decisions = rows_of(batch, "lhso_decision")
    behaviours = [d["behaviour"] for d in decisions]
    assert behaviours.count("A") + behaviours.count("B") > 0.9 * len(decisions)
    assert behaviours.count("C") > behaviours.count("D") > 0
    for decision in decisions:
        found = lhso.classify(decision["consequences"], decision["behaviour"], decision["aspects"],
                              decision["mitigating"])  # fmt: skip
        assert decision["cell"] == found.cell and decision["advised_interventions"] == list(found.interventions)
        deviates = set(decision["chosen_interventions"]) != set(decision["advised_interventions"])
        assert bool(decision["deviation_reason"]) == deviates
    assert 0 < sum(bool(d["deviation_reason"]) for d in decisions) < 0.1 * len(decisions)


def test_every_transition_is_allowed_by_the_state_machine_in_order():
    supervision, batch = region()
    cases = {row["id"]: row for row in rows_of(batch, "enforcement_case")}
    reinspections = {row[0] for row in supervision.inspection}
    for case_id, steps in by_case(batch, "case_transition").items():
        case = cases[case_id]
        first, *rest = steps
        assert first["event"] == ("bezwaar_ontvangen" if case["route"] == "bezwaar" else "openen")
        assert (first["from_state"], first["to_state"]) == ("", rules.INITIAL_STATE[case["route"]])
        state, day = first["to_state"], first["on"]
        for step in rest:
            assert step["from_state"] == state and step["on"] >= day
            assert events.transition(case["route"], state, step["event"], reason=step["note"]) == step["to_state"]
            assert step["reinspection_id"] is None or step["reinspection_id"] in reinspections
            state, day = step["to_state"], step["on"]
        assert day < TODAY and case["state"] == state
        assert (case["closed_on"] is not None) == (state == rules.CLOSED) == bool(case["close_reason"])
    routes = {row["route"] for row in cases.values()}
    assert routes == set(rules.ROUTES)


def test_deadlines_are_those_of_the_rule_module():
    supervision, batch = region()
    sanctions = defaultdict(list)
    for sanction in rows_of(batch, "sanction"):
        sanctions[sanction["case_id"], sanction["imposed_on"]].append(sanction)
    visit_day = {row[0]: row[6] for row in supervision.inspection}
    inspection_of = {row[0]: row[1] for row in supervision.finding}
    case_findings = defaultdict(list)
    for row in rows_of(batch, "enforcementcase_findings"):
        case_findings[row["enforcementcase_id"]].append(row["finding_id"])
    deadlines = by_case(batch, "deadline")
    objections = {row["case_id"]: row for row in rows_of(batch, "objection")}
    for case_id, steps in by_case(batch, "case_transition").items():
        expected = []
        if case_id in objections:  # Awb 7:10: the decision term from the end of the objection term
            objection = objections[case_id]
            decide = rules.objection_decision_deadline(objection["term_end"], objection["received_on"], committee=False)
            expected.append((decide.code, "bezwaar_ontvangen", objection["received_on"], decide.due, decide.source,
                             decide.statutory, decide.extended_by_days, decide.passive))  # fmt: skip
        for step in steps:
            term = None
            if step["event"] == "voornemen_verzenden":
                term = rules.DEFAULT_POLICY.view_term
            for sanction in sanctions[case_id, step["on"]]:
                if sanction["term_amount"] and step["event"] in ("waarschuwen", f"{sanction['kind']}_opleggen"):
                    term = (sanction["term_amount"], rules.Unit(sanction["term_unit"]))
                    assert sanction["term_end"] == rules.calendar_end(step["on"], *term)
            violation_on = min(visit_day[inspection_of[f]] for f in case_findings[case_id])
            params = rules.DeadlineParams(term=term, violation_on=violation_on, boete_maximum=BOETE_MAXIMUM)
            expected += [
                (d.code, step["event"], step["on"], d.due, d.source, d.statutory, d.extended_by_days, d.passive)
                for d in rules.deadlines(step["event"], step["on"], params)
            ]
        stored = [(d["code"], d["event"], d["started_on"], d["due_on"], d["source"], d["statutory"],
                   d["extended_by_days"], d["passive"]) for d in deadlines[case_id]]  # fmt: skip
        assert all(d["name"] == rules.DEADLINE_LABELS[d["code"]] for d in deadlines[case_id])
        assert stored == expected


def test_forfeited_dwangsom_never_exceeds_its_maximum():
    _supervision, batch = region()
    orders = [s for s in rows_of(batch, "sanction") if s["kind"] == "last_onder_dwangsom"]
    forfeited = [s for s in orders if s["forfeited_amount"] is not None]
    assert forfeited and len(forfeited) < len(orders)
    assert all(0 < s["forfeited_amount"] <= s["maximum"] and s["forfeited_on"] > s["term_end"] for s in forfeited)
    letters = rows_of(batch, "letter")
    assert {"invorderingsbeschikking", "last_onder_dwangsom", "bestuurlijke_boete"} <= {x["kind"] for x in letters}
    assert rows_of(batch, "objection")


def test_open_cases_have_deadlines_due_in_the_coming_week_and_overdue():
    _supervision, batch = region()
    open_cases = {row["id"] for row in rows_of(batch, "enforcement_case") if row["closed_on"] is None}
    running = [d for d in rows_of(batch, "deadline") if d["case_id"] in open_cases and d["done_on"] is None]
    assert any(d["due_on"] < TODAY and not d["passive"] for d in running)
    assert any(TODAY <= d["due_on"] <= TODAY + timedelta(days=6) for d in running)
    closed = [row for row in rows_of(batch, "enforcement_case") if row["closed_on"] is not None]
    assert len(closed) > len(open_cases)


@pytest.fixture
def small(db):
    return load("small", 5, today=TODAY, digest=True)


def test_stored_histories_are_the_generated_ones(small):
    assert stored_digest() == small.digest
    assert small.enforcement_cases == EnforcementCase.objects.count() > 0
    assert LhsoDecision.objects.exists() and not Letter.objects.filter(pdf__isnull=False).exists()


def test_every_decision_is_signed_under_a_valid_mandate(small):
    letters = Letter.objects.select_related("case__competent_authority", "signed_by")
    assert letters
    for letter in letters:
        authority = letter.case.competent_authority
        assert holds_mandate(
            letter.signed_by, authority=authority, decision_type=letter.mandate_type, on=letter.decided_on
        )
        assert letter.signed_by.username.startswith("synthetisch-") and not letter.signed_by.has_usable_password()


def test_a_generated_case_and_its_letter_render(small, client):
    letter = Letter.objects.select_related("case", "signed_by").order_by("pk").first()
    client.force_login(letter.signed_by)
    page = client.get(reverse("enforcement:case", args=[letter.case_id]))
    assert page.status_code == 200 and letter.case.reference in page.content.decode()
    pdf = client.get(reverse("enforcement:letter_pdf", args=[letter.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    letter.refresh_from_db()
    assert letter.pdf is None  # rendered from its text, not stored
