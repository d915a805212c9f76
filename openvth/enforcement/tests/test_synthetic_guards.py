"""The synthetic enforcement histories obey the law: every generated case of the `region` scale replayed step by
step through the legal guards of its events (openvth.rules.enforcement_events), with the facts taken from the
generated rows as the services take them from the database, finds no refusal."""

from collections import defaultdict

from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events
from openvth.rules import enforcement_guards as guards
from openvth.synthetic.supervision import FINDING_COLUMNS, INSPECTION_COLUMNS

from .test_synthetic import TODAY, region, rows_of

_I = {name: i for i, name in enumerate(INSPECTION_COLUMNS)}
_F = {name: i for i, name in enumerate(FINDING_COLUMNS)}


def _closed_on(inspection: tuple):
    closed_at = inspection[_I["closed_at"]]
    return closed_at.date() if inspection[_I["status"]] == "closed" and closed_at is not None else None


class Replay:
    """The generated rows, indexed the way the services read the database."""

    def __init__(self, supervision, batch):
        self.inspections = {row[0]: row for row in supervision.inspection}
        self.finding_inspection = {row[0]: row[_F["inspection_id"]] for row in supervision.finding}
        self.with_findings = set(self.finding_inspection.values())
        self.cases = {row["id"]: row for row in rows_of(batch, "enforcement_case")}
        self.findings = defaultdict(set)
        self.cases_of_finding = defaultdict(set)
        for row in rows_of(batch, "enforcementcase_findings"):
            self.findings[row["enforcementcase_id"]].add(row["finding_id"])
            self.cases_of_finding[row["finding_id"]].add(row["enforcementcase_id"])
        self.sanctions = defaultdict(list)
        for row in rows_of(batch, "sanction"):
            self.sanctions[row["case_id"]].append(row)
        self.deadlines = defaultdict(list)
        for row in rows_of(batch, "deadline"):
            self.deadlines[row["case_id"]].append(row)
        self.steps = defaultdict(list)
        for row in rows_of(batch, "case_transition"):
            self.steps[row["case_id"]].append(row)
        self.consultations = defaultdict(list)
        for row in rows_of(batch, "lhso_decision"):
            consultation = guards.Consultation(
                row["consultation_indicated"],
                row["consultation_partner"],
                row["consultation_held_on"],
                row["consultation_outcome"],
            )
            self.consultations[row["finding_id"]].append(consultation)
        self.objections = {row["case_id"]: row for row in rows_of(batch, "objection")}
        self.letters = {row["id"]: row for row in rows_of(batch, "letter")}

    def violation_on(self, case_id):
        return min(self.inspections[self.finding_inspection[f]][_I["performed_on"]] for f in self.findings[case_id])

    def same_facts(self, case_id, on, *, before_case_step: bool):
        """The sanctions on the case's findings that exist when a step on `on` is taken (not the step's own)."""
        related = {c for f in self.findings[case_id] for c in self.cases_of_finding[f]}
        found = []
        for other in related:
            for s in self.sanctions[other]:
                if s["imposed_on"] < on or (s["imposed_on"] == on and other != case_id and not before_case_step):
                    found.append(guards.OtherSanction(s["kind"], s["imposed_on"], other))
        return tuple(found)

    def open_deadlines(self, case_id, step):
        found = {}
        for d in sorted(self.deadlines[case_id], key=lambda d: d["due_on"]):
            started_here = d["event"] == step["event"] and d["started_on"] == step["on"]
            running = d["done_on"] is None or d["done_on"] >= step["on"]
            if d["started_on"] <= step["on"] and running and not started_here:
                found[d["code"]] = d["due_on"]
        return found

    def term_end(self, case_id, codes, on):
        terms = [d for d in self.deadlines[case_id] if d["code"] in codes and d["started_on"] <= on]
        return max(terms, key=lambda d: (d["started_on"], d["id"]))["due_on"] if terms else None

    def evidence(self, case, inspection_id):
        if inspection_id is None:
            return None
        row = self.inspections[inspection_id]
        return guards.Evidence(
            inspection_id,
            row[_I["performed_on"]],
            _closed_on(row),
            row[_I["establishment_id"]] == case["establishment_id"],
            inspection_id in self.with_findings,
        )

    def facts(self, case, step, previous_on):
        case_id, on, spec = case["id"], step["on"], events.spec(step["event"])
        created = [s for s in self.sanctions[case_id] if s["imposed_on"] == on and s["kind"] == "bestuurlijke_boete"]
        dwangsom = [s for s in self.sanctions[case_id] if s["kind"] == "last_onder_dwangsom"]
        violation = rules.DEFAULT_POLICY.violations.get(case["violation_type"])
        objection = self.objections.get(case_id)
        open_deadlines = self.open_deadlines(case_id, step)
        return guards.StepFacts(
            route=case["route"],
            state=step["from_state"],
            event=step["event"],
            on=on,
            today=TODAY,
            violation_on=self.violation_on(case_id),
            previous_on=previous_on,
            term_end=self.term_end(case_id, spec.follows_term, on),
            evidence=self.evidence(case, step["inspection_id"]),
            open_deadlines=open_deadlines,
            forfeited_on=dwangsom[-1]["forfeited_on"] if dwangsom else None,
            boete_maximum=case["boete_maximum"],
            reported_on=case["reported_on"],
            amount=created[0]["amount"] if created else None,
            policy_amount=violation.boete_amount if violation else None,
            policy_maximum=violation.boete_maximum if violation else None,
            also_crime=case["also_crime"],
            om_submitted_on=case["om_submitted_on"],
            om_answer=case["om_answer"],
            same_facts=self.same_facts(case_id, on, before_case_step=False),
            consultations=tuple(c for f in self.findings[case_id] for c in self.consultations[f]),
            objection_in_time=objection["in_time"] if objection else True,
            objection_excusable=objection["excusable"] if objection else False,
            outcome=objection["outcome"] if objection else "",
            decision_due=open_deadlines.get("beslistermijn_bezwaar"),
        )


def test_every_generated_case_of_the_region_passes_every_guard():
    supervision, batch = region()
    replay = Replay(supervision, batch)
    violations, checked, proven = [], 0, 0
    for case_id, case in replay.cases.items():
        first, *rest = replay.steps[case_id]
        if first["on"] < replay.violation_on(case_id):
            violations.append((case["reference"], "openen", "vóór de overtreding"))
        opened = guards.opening_refusal(case["route"], replay.same_facts(case_id, first["on"], before_case_step=True))
        if case["route"] != "bezwaar" and opened is not None:
            violations.append((case["reference"], "openen", opened.reason))
        previous_on = first["on"]
        for step in rest:
            facts = replay.facts(case, step, previous_on)
            violations += [(case["reference"], step["event"], r.reason) for r in events.refusals(facts)]
            if step["event"] == "beslissen":  # Awb 10:3(3): not who took the contested decision
                contested = replay.letters[replay.objections[case_id]["letter_id"]]
                if step["by_id"] == contested["signed_by_id"]:
                    violations.append((case["reference"], "beslissen", "art. 10:3 lid 3 Awb"))
            proven += facts.evidence is not None
            checked += 1
            previous_on = step["on"]
    assert violations == []
    assert checked > 1000 and proven > 10  # the replay judged real histories, forfeitures and voornemens with proof
    kinds = {s["kind"] for rows in replay.sanctions.values() for s in rows}
    assert {"last_onder_dwangsom", "bestuurlijke_boete", "bestuurlijke_strafbeschikking", "proces_verbaal"} <= kinds
    assert any(s["forfeited_on"] for rows in replay.sanctions.values() for s in rows)
