"""The Woo redaction policy as data: which kinds of text are removed before publication and which are kept, each with
its source, and how overlapping findings are decided.

Sources: Woo art. 5.1(1)(e) (national identification numbers: never public), Woo art. 5.1(2)(e) (respect for private
life: weighed, and for the personal details of natural persons in enforcement documents the weighing falls to
removal), domain-rules §8 (what the public needs: legal persons, KvK numbers, establishment addresses, the violated
provisions and the sanction; a sole trader's establishment at a home address is personal).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Action(Enum):
    REMOVE = "remove"
    KEEP = "keep"


@dataclass(frozen=True)
class Rule:
    action: Action
    ground: str  # the Woo ground shown in place of a removed passage; empty for kept kinds
    source: str


PRIVACY = "5.1.2e"  # Woo art. 5.1(2)(e): eerbiediging van de persoonlijke levenssfeer
BSN_GROUND = "5.1.1e"  # Woo art. 5.1(1)(e): nationale identificatienummers, absolute ground

POLICY: dict[str, Rule] = {
    # natural persons, officials included (domain-rules §8: names, signatures are not what the public needs)
    "person": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e); domain-rules §8 names and signatures"),
    "phone": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e); domain-rules §8 phone numbers"),
    "email": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e); domain-rules §8 e-mail addresses"),
    "home_address": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e); domain-rules §8 home addresses"),
    "birth_date": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e): date of birth identifies a natural person"),
    "birth_place": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e): place of birth identifies a natural person"),
    "personal_number": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e): service and badge numbers of officials"),
    "bsn": Rule(Action.REMOVE, BSN_GROUND, "Woo 5.1(1)(e); domain-rules §8 BSN never public"),
    # what the public needs (domain-rules §8)
    "organisation": Rule(Action.KEEP, "", "domain-rules §8: legal persons and their names"),
    "kvk": Rule(Action.KEEP, "", "domain-rules §8: KvK numbers"),
    "establishment_address": Rule(Action.KEEP, "", "domain-rules §8: establishment addresses"),
    "place": Rule(Action.KEEP, "", "domain-rules §8 / issue 6: municipalities"),
    "date": Rule(Action.KEEP, "", "issue 6: dates other than dates of birth"),
    "amount": Rule(Action.KEEP, "", "domain-rules §8: the sanction"),
    "provision": Rule(Action.KEEP, "", "domain-rules §8: the violated provisions"),
    "substance": Rule(Action.KEEP, "", "issue 6: substances"),
}

# Findings the policy never lets a kept span override: a BSN, phone number or e-mail address stays removed even when
# it stands inside a company name or an establishment's context (Woo 5.1(1)(e) is absolute; the others name a person).
UNCONDITIONAL = frozenset({"bsn", "phone", "email"})


# Findings whose border is uncertain (a name detector reads on into the next capitalised words): a kept span cuts them.
CLIPPED = frozenset({"person"})


def removed(label: str) -> bool:
    return POLICY[label].action is Action.REMOVE


# the grounds of Woo art. 5.1 a reviewer can record for a removed passage (lid 1: absolute, lid 2: weighed)
WOO_GROUNDS = {
    "5.1.1c": "vertrouwelijk meegedeelde bedrijfs- en fabricagegegevens",
    "5.1.1d": "bijzondere persoonsgegevens",
    BSN_GROUND: "nationale identificatienummers",
    "5.1.2c": "opsporing en vervolging van strafbare feiten",
    "5.1.2d": "inspectie, controle en toezicht",
    PRIVACY: "eerbiediging van de persoonlijke levenssfeer",
    "5.1.2f": "concurrentiegevoelige bedrijfs- en fabricagegegevens",
    "5.1.2h": "beveiliging van personen en bedrijven",
}
ABSOLUTE_PREFIX = "5.1.1"


def ground(label: str) -> str:
    return POLICY[label].ground


def blacken(text: str, removals: Iterable[tuple[int, int, str]]) -> str:
    """The text with each removed passage (start, end, Woo ground) replaced by its ground, e.g. "[5.1.2e]"."""
    parts, position = [], 0
    for start, end, woo_ground in sorted(removals):
        parts += [text[position:start], f"[{woo_ground}]"]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def establishment_is_personal(*, sole_trader: bool, home_address: bool) -> bool:
    """A sole trader's establishment at a home address is personal data (domain-rules §8): its name and address are
    removed like a home address; any other establishment is public."""
    return sole_trader and home_address


def eleven_proof(digits: str) -> bool:
    """The BSN check digit rule ('elfproef', as the Rijksdienst voor Identiteitsgegevens publishes it): nine digits
    with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 a multiple of 11."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11 == 0


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    label: str


def decide(spans: list[Span], text: str) -> list[Span]:
    """The removal spans that survive the kept ones, merged where they overlap.

    - A kept span that wholly contains a removal protects it ("Jansen" in "Bakkerij Jansen B.V.", "Willem de
      Zwijger" in the establishment address "Willem de Zwijgerlaan 41"), except for the UNCONDITIONAL labels.
    - A name that runs into a kept span ("Kaya B.V. aan de Kraaivenstraat") is cut at the kept span's borders; what is
      left is a name only if it still holds a capitalised word.
    - Any other overlap is decided for removal: when in doubt, the privacy ground prevails (Woo 5.1(2)(e)).
    - Overlapping removals are merged; the merged span takes the label of its longest part.
    """
    keeps = sorted(s for s in spans if not removed(s.label))
    removals: list[Span] = []
    for span in spans:
        if not removed(span.label):
            continue
        if span.label in UNCONDITIONAL:
            removals.append(span)
        elif span.label in CLIPPED:
            removals += clip(span, keeps, text)
        elif not any(k.start <= span.start and span.end <= k.end for k in keeps):
            removals.append(span)
    merged: list[Span] = []
    for span in sorted(removals):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            longest = max((last, span), key=lambda s: s.end - s.start)
            merged[-1] = Span(last.start, max(last.end, span.end), longest.label)
        else:
            merged.append(span)
    return merged


def clip(span: Span, keeps: list[Span], text: str) -> list[Span]:
    pieces = [span]
    for keep in keeps:
        pieces = [
            part
            for piece in pieces
            for part in (
                (
                    Span(piece.start, min(piece.end, keep.start), piece.label),
                    Span(max(piece.start, keep.end), piece.end, piece.label),
                )
                if keep.start < piece.end and piece.start < keep.end
                else (piece,)
            )
            if part.start < part.end
        ]
    return [p for p in pieces if any(c.isupper() for c in text[p.start : p.end])]
