"""The always-current permit: replay decisions into provision versions (docs/domain.md §2).

Decisions apply in order of effective date, then decided date, then arrival (`order`), whatever order they were
received in. A grant or amendment adds, replaces or revokes numbered provisions; a revocation decision ends every
provision in force. A version is in force from `valid_from` up to the day before `valid_until`.
"""

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

GRANT, AMEND, REVOKE = "grant", "amend", "revoke"
ADD, REPLACE, REVOKE_PROVISION = "add", "replace", "revoke"
KINDS = (GRANT, AMEND, REVOKE)
OPS = (ADD, REPLACE, REVOKE_PROVISION)
_OP_VERBS = {ADD: "toegevoegd", REPLACE: "vervangen", REVOKE_PROVISION: "ingetrokken"}
_PARTS = re.compile(r"(\d+)")


class ConsolidationError(ValueError):
    """An impossible decision; the message names the decision and, where there is one, the provision."""

    def __init__(self, reference: str, message: str, number: str | None = None):
        self.reference, self.number = reference, number
        subject = f"Besluit {reference}" + (f", voorschrift {number}" if number else "")
        super().__init__(f"{subject}: {message}")


@dataclass(frozen=True)
class Change:
    op: str
    number: str
    text: str = ""


@dataclass(frozen=True)
class Decision:
    key: Hashable  # what a version refers to: a database id, or an index before storing
    reference: str
    kind: str
    decided_on: date
    effective_from: date
    changes: Sequence[Change] = ()
    order: int = 0  # arrival: the database id


@dataclass
class Version:
    number: str
    text: str
    source: Hashable
    valid_from: date
    valid_until: date | None = None
    ended_by: Hashable | None = None

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


@dataclass
class _State:
    versions: list[Version] = field(default_factory=list)
    current: dict[str, Version] = field(default_factory=dict)


@lru_cache(maxsize=65_536)  # numbers repeat in every permit: sorting 2,000 of them is a hot path
def natural_key(number: str) -> tuple[tuple[int, int, str], ...]:
    """Provision numbers in reading order: 2 < 10, 1.2 < 1.10, 4 < 4a."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in _PARTS.split(number) if part)


def application_order(decision: Decision) -> tuple[date, date, int]:
    return (decision.effective_from, decision.decided_on, decision.order)


def check(decision: Decision) -> None:
    """What a decision must be regardless of the others: a known kind, known operations, numbers and texts."""
    ref = decision.reference
    if not ref.strip():
        raise ConsolidationError("(zonder kenmerk)", "een besluit heeft een kenmerk.")
    if decision.kind not in KINDS:
        raise ConsolidationError(ref, f"onbekende soort '{decision.kind}': kies grant, amend of revoke.")
    if decision.kind == REVOKE and decision.changes:
        raise ConsolidationError(ref, "een intrekking van de hele vergunning bevat geen wijzigingen van voorschriften.")
    if decision.kind != REVOKE and not decision.changes:
        raise ConsolidationError(ref, "een verlening of wijziging bevat ten minste één wijziging van een voorschrift.")
    for change in decision.changes:
        if not change.number.strip():
            raise ConsolidationError(ref, "elke wijziging noemt het nummer van het voorschrift.")
        if change.op not in OPS:
            raise ConsolidationError(
                ref, f"onbekende bewerking '{change.op}': kies add, replace of revoke.", change.number
            )
        if change.op != REVOKE_PROVISION and not change.text.strip():
            raise ConsolidationError(ref, "de tekst van het voorschrift ontbreekt.", change.number)


def replay(decisions: Iterable[Decision]) -> list[Version]:
    """Every provision version the decisions produce, in order of application; raises ConsolidationError."""
    state = _State()
    for decision in sorted(decisions, key=application_order):
        check(decision)
        _apply(state, decision)
    return state.versions


def _apply(state: _State, decision: Decision) -> None:
    day = decision.effective_from
    if decision.kind == REVOKE:
        if not state.current:
            raise ConsolidationError(decision.reference, f"op {day.isoformat()} is geen vergunning van kracht.")
        for version in state.current.values():
            _end(version, decision)
        state.current.clear()
        return
    for change in decision.changes:
        in_force = state.current.get(change.number)
        if change.op == ADD and in_force is not None:
            raise ConsolidationError(
                decision.reference,
                f"kan niet worden {_OP_VERBS[ADD]}: het is op {day.isoformat()} al van kracht.",
                change.number,
            )
        if change.op != ADD and in_force is None:
            raise ConsolidationError(
                decision.reference,
                f"kan niet worden {_OP_VERBS[change.op]}: het is op {day.isoformat()} niet van kracht.",
                change.number,
            )
        if in_force is not None:
            _end(in_force, decision)
            del state.current[change.number]
        if change.op != REVOKE_PROVISION:
            version = Version(change.number, change.text, decision.key, day)
            state.versions.append(version)
            state.current[change.number] = version


def _end(version: Version, decision: Decision) -> None:
    version.valid_until, version.ended_by = decision.effective_from, decision.key


def in_force(versions: Iterable[Version], day: date) -> list[Version]:
    """The consolidated permit on `day`, by provision number in reading order."""
    return sorted((v for v in versions if v.in_force_on(day)), key=lambda v: natural_key(v.number))
