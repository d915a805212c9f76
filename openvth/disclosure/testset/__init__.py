"""The annotated Woo redaction test set: Dutch inspection reports, warnings, orders, complaint records and police
report extracts, each with the personal items that must be removed and the public items that must be kept.

Each JSONL line holds the text and its items as literal strings with a label; every word-bounded occurrence of a
literal is an item, except where it lies inside an item of the other kind ("Jansen" inside the public "Bakkerij
Jansen B.V.") or inside a longer item of its own kind. Every fourth text (ids ending in a multiple of 4) is the
holdout part: written with the rest, before the engine, and never looked at while tuning it.

Beside them: `fresh_dev_*.jsonl`, sets written by someone else after the engine that were held out once (their
figure then is in docs/benchmarks.md) and are development data since (all their texts, whatever their ids; kind
FRESH_DEV); and `heldout_*.jsonl`, the fresh test part, never opened by whoever tunes the engine (kind FRESH).

A case's `context` holds what the system knows: `establishment` (its register name, address, KvK number and whether
it is a natural-person enterprise at a home address), `keep` (register names kept verbatim) and `remove` (names of
the system's users and of complainants, removed wherever they occur).
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ("inspections", "warnings", "orders", "complaints", "police_reports")
FRESH = "fresh"  # the kind of every case of a heldout_*.jsonl file
FRESH_DEV = "fresh_dev"  # the kind of every case of a fresh_dev_*.jsonl file: a former fresh test part, development now


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    text: str
    personal: tuple[Item, ...]
    public: tuple[Item, ...]
    context: dict = field(default_factory=dict)

    @property
    def holdout(self) -> bool:
        if self.kind == FRESH:
            return True
        if self.kind == FRESH_DEV:
            return False
        return int(self.id.rsplit("-", 1)[1]) % 4 == 0

    def openvth_spans(self) -> list[tuple[int, int]]:
        """The spans openvth's engine removes, given what the case says the system knows."""
        return [(span.start, span.end) for span in self.openvth_find()]

    def openvth_find(self) -> list:
        from openvth.disclosure.redaction import Context, find  # deduce loads only when a case is redacted

        establishment = self.context.get("establishment")
        context = (
            Context.for_establishment(
                name=establishment["name"],
                address=establishment["address"],
                sole_trader=establishment["sole_trader"],
                home_address=establishment["home_address"],
                kvk=establishment.get("kvk", ""),
            )
            if establishment
            else Context()
        )
        return find(self.text, context, keep=self.context.get("keep", ()), remove=self.context.get("remove", ()))


@dataclass(frozen=True)
class Score:
    """How a redaction of one case fares: personal items whose letters and digits are all covered, public items of
    which none is."""

    removed: tuple[Item, ...]
    missed: tuple[Item, ...]
    kept: tuple[Item, ...]
    lost: tuple[Item, ...]


def occurrences(text: str, literal: str) -> list[tuple[int, int]]:
    pattern = rf"(?<!\w){re.escape(literal)}(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def resolve(text: str, own: list[list[str]], other: list[list[str]], case_id: str) -> tuple[Item, ...]:
    other_spans = [span for _, literal in other for span in occurrences(text, literal)]
    found: list[Item] = []
    for label, literal in own:
        spans = occurrences(text, literal)
        if not spans:
            raise ValueError(f"{case_id}: '{literal}' komt niet in de tekst voor")
        for start, end in spans:
            if not any(s <= start and end <= e for s, e in other_spans):
                found.append(Item(start, end, label, literal))
    return tuple(
        item
        for item in found
        if not any(o is not item and o.start <= item.start and item.end <= o.end and o.text != item.text for o in found)
    )


def load() -> list[Case]:
    """The set's development and test part (ids ending in a multiple of 4)."""
    return [case for kind in KINDS for case in load_file(HERE / f"{kind}.jsonl", kind)]


def load_file(path: Path, kind: str) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        personal = resolve(text, row["personal"], row["public"], row["id"])
        public = resolve(text, row["public"], row["personal"], row["id"])
        cases.append(Case(row["id"], kind, text, personal, public, row.get("context", {})))
    return cases


def load_fresh() -> list[Case]:
    """The fresh test part: every `heldout_*.jsonl` beside the set, written after the engine and never looked at by
    whoever tunes it (all its texts are test part, whatever their ids; `Case.kind` is "fresh")."""
    return [case for path in sorted(HERE.glob("heldout_*.jsonl")) for case in load_file(path, FRESH)]


def load_fresh_dev() -> list[Case]:
    """The former fresh test parts, development data now: every `fresh_dev_*.jsonl` beside the set (`Case.kind` is
    "fresh_dev", none of its texts is test part)."""
    return [case for path in sorted(HERE.glob("fresh_dev_*.jsonl")) for case in load_file(path, FRESH_DEV)]


def score(case: Case, spans: list[tuple[int, int]]) -> Score:
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))

    def visible(item: Item) -> set[int]:
        return {i for i in range(item.start, item.end) if case.text[i].isalnum()}

    removed = tuple(item for item in case.personal if visible(item) <= covered)
    kept = tuple(item for item in case.public if not visible(item) & covered)
    return Score(
        removed=removed,
        missed=tuple(item for item in case.personal if item not in removed),
        kept=kept,
        lost=tuple(item for item in case.public if item not in kept),
    )
