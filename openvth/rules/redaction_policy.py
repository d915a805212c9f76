"""The Woo redaction policy as data: which kinds of text are removed before publication and which are kept, each with
its source, and how overlapping findings are decided.

Sources: Woo art. 5.1(1)(d) (special personal data, health among them: never public), Woo art. 5.1(1)(e) (national
identification numbers: never public), Woo art. 5.1(2)(e) (respect for private life: weighed, and for the personal
details of natural persons in enforcement documents the weighing falls to removal), AVG art. 4(1) and 9 (personal and
health data), docs/domain.md §8 (what the public needs: legal persons, KvK numbers, establishment addresses, the
violated provisions and the sanction; civil servants are not named, bestuurders acting in office are; the owner of an
eenmanszaak and the partners of a V.O.F., maatschap or C.V. are natural persons: their names, also inside a trade
name, their KvK data and a business address that is their home are personal; a C.V. whose managing partner, beherend
vennoot, is a legal person is that legal person's enterprise and public, a C.V. of natural persons is personal like a
V.O.F.).
"""

import re
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
HEALTH_GROUND = "5.1.1d"  # Woo art. 5.1(1)(d): bijzondere persoonsgegevens (AVG art. 9: gezondheid), absolute ground

POLICY: dict[str, Rule] = {
    # natural persons, officials included (docs/domain.md §8: names, signatures are not what the public needs)
    "person": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e); docs/domain.md §8 names and signatures"),
    "phone": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e); docs/domain.md §8 phone numbers"),
    "email": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e); docs/domain.md §8 e-mail addresses"),
    "home_address": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e); docs/domain.md §8 home addresses"),
    "birth_date": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e): date of birth identifies a natural person"),
    "birth_place": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e): place of birth identifies a natural person"),
    "personal_number": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e): service and badge numbers of officials"),
    "bsn": Rule(Action.REMOVE, BSN_GROUND, "Woo 5.1(1)(e); docs/domain.md §8 BSN never public"),
    "health": Rule(Action.REMOVE, HEALTH_GROUND, "Woo 5.1(1)(d); AVG art. 9: data concerning a person's health"),
    "vehicle": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e): a registration leads to its keeper (RDW kentekenregister)"),
    "iban": Rule(Action.REMOVE, PRIVACY, "Woo 5.1(2)(e): a bank account other than an authority's"),
    "trade_name": Rule(Action.REMOVE, PRIVACY, "docs/domain.md §8: a natural person's name inside a trade name"),
    "personal_kvk": Rule(Action.REMOVE, PRIVACY, "docs/domain.md §8: the KvK data of a natural-person enterprise"),
    # what the public needs (docs/domain.md §8)
    "organisation": Rule(Action.KEEP, "", "docs/domain.md §8: legal persons and their names"),
    "kvk": Rule(Action.KEEP, "", "docs/domain.md §8: KvK numbers"),
    "establishment_address": Rule(Action.KEEP, "", "docs/domain.md §8: establishment addresses"),
    "place": Rule(Action.KEEP, "", "docs/domain.md §8 / issue 6: municipalities"),
    "date": Rule(Action.KEEP, "", "issue 6: dates other than dates of birth"),
    "amount": Rule(Action.KEEP, "", "docs/domain.md §8: the sanction"),
    "provision": Rule(Action.KEEP, "", "docs/domain.md §8: the violated provisions"),
    "substance": Rule(Action.KEEP, "", "issue 6: substances"),
    "bestuurder": Rule(Action.KEEP, "", "docs/domain.md §8: bestuurders acting in office are named"),
    "mailbox": Rule(Action.KEEP, "", "docs/domain.md §8: an organisation's general mailbox names no person"),
    "public_account": Rule(Action.KEEP, "", "issue 15: an authority's account for paying a sanction"),
    "case_reference": Rule(Action.KEEP, "", "issue 15: case and file references"),
}

# The public offices whose holders act in public and are named (docs/domain.md §8): a name right before or after one of
# these words, in the singular, is kept. Configurable per call (`Context.public_functions`); civil servants, also
# those who sign "namens" a bestuurder, are no bestuurder. A "voorzitter" is one only as the chair of a public body's
# board the text names (the engine's names.CHAIR); the chair of a commission, foundation or association is none.
PUBLIC_FUNCTIONS = (
    "burgemeester",
    "loco-burgemeester",
    "locoburgemeester",
    "wethouder",
    "gedeputeerde",
    "commissaris van de Koning",
    "minister",
    "staatssecretaris",
    "dijkgraaf",
    "heemraad",
    "hoogheemraad",
)

# Findings the policy never lets a kept span override: a BSN, phone number or e-mail address stays removed even when
# it stands inside a company name or an establishment's context (Woo 5.1(1)(e) is absolute; the others name a person).
UNCONDITIONAL = frozenset(
    {"bsn", "phone", "email", "birth_place", "birth_date", "health", "vehicle", "iban", "trade_name", "personal_kvk"}
)


# Findings whose border is uncertain (a name detector reads on into the next capitalised words): a kept span cuts them.
CLIPPED = frozenset({"person"})
# Kept spans that protect a name only when they hold all of it: a place ("den IJssel" in "Ouderkerk aan den IJssel"),
# never cutting a name in two ("Essen" in "R.P. van Essen"): many Dutch surnames are places.
WHOLE_KEEPS = frozenset({"place"})


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
    """A sole trader's establishment at a home address is personal data (docs/domain.md §8): its name and address are
    removed like a home address; any other establishment is public."""
    return sole_trader and home_address


# Dutch vehicle registrations, side-codes 1-14 (RDW): L a letter, D a digit, in groups joined by hyphens
SIDE_CODES = (
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
)  # fmt: skip


def side_code(registration: str) -> int:
    """The RDW side-code (1-14) of a registration written with its hyphens, 0 when it has none."""
    shape = "".join("L" if c.isalpha() else "D" if c.isdigit() else c for c in registration.upper())
    return SIDE_CODES.index(shape) + 1 if shape in SIDE_CODES and registration.isascii() else 0


# The local parts of an organisation's general mailbox: no person's name, kept (docs/domain.md §8)
MAILBOX_WORDS = frozenset(
    """info informatie post postbus contact algemeen secretariaat receptie administratie handhaving toezicht
    vergunningen vergunning milieu meldingen melding meldpunt klachten klacht servicepunt servicedesk service
    klantcontact kcc frontoffice backoffice juridischezaken juridisch bezwaar bezwaren zienswijze zienswijzen woo
    publicaties communicatie pers persvoorlichting gemeente omgevingsdienst vth bouwen wonen omgevingsloket
    planning inspectie inspecties noreply no-reply helpdesk facturen debiteuren crediteuren boa boas
    toezichtenhandhaving omgeving kwaliteit qhse hse veiligheid milieuzaken inkoop verkoop sales logistiek
    planning operations kantoor office finance hr personeelszaken directie management bestuur
    bestuurssecretariaat wethouders burgemeester college griffie raad onderhoud techniek klantenservice
    support orders bestellingen facturatie boekhouding
    noord zuid oost west midden centrum regio district
    asbest bodem geluid lucht water afval bouw brandveiligheid energie externeveiligheid evenementen horeca drank
    vuurwerk stikstof mest natuur groen wegen vergunningverlening omgevingsvergunning handhavingszaken""".split()  # noqa: SIM905
)


def general_mailbox(address: str) -> bool:
    """Whether an e-mail address is an organisation's general mailbox ("handhaving@odrn.nl"), not a person's."""
    parts = [part for part in re.split(r"[-._]", address.split("@", 1)[0].lower()) if part]
    return bool(parts) and all(part in MAILBOX_WORDS for part in parts)


def is_bsn(digits: str) -> bool:
    """A BSN: nine digits that pass the 11-proof (most KvK numbers, case numbers and amounts fail it; an eight-digit
    KvK number is never one)."""
    return eleven_proof(digits) and digits != "000000000"


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


JOINERS = "-'’"  # inside a word between two letters or digits: "Kuipers-Veldman", "Öztürk's", "82-BRK-4"


EDGE = " \t\n,;:"  # nothing to hide at a removal's edges


def word_char(text: str, index: int) -> bool:
    char = text[index]
    if char.isalnum():
        return True
    return char in JOINERS and 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum()


def inside_word(text: str, position: int) -> bool:
    """Whether a span border at `position` would cut a word in two."""
    return 0 < position < len(text) and word_char(text, position - 1) and word_char(text, position)


def to_word_bounds(span: Span, text: str) -> Span:
    """The span widened to whole words: a removal never starts or ends inside a word (issue 15); widening, not
    narrowing, so that no letter of what was found stays visible."""
    start, end = span.start, span.end
    if (
        start < end
        and text[start] not in EDGE
        and text[end - 1] not in EDGE
        and not inside_word(text, start)
        and not inside_word(text, end)
    ):
        return span
    while inside_word(text, start):
        start -= 1
    while inside_word(text, end):
        end += 1
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return Span(start, end, span.label)


def decide(spans: list[Span], text: str) -> list[Span]:
    """The removal spans that survive the kept ones, on word bounds and merged where they overlap.

    - A kept span that wholly contains a removal protects it ("Jansen" in "Bakkerij Jansen B.V.", "Willem de
      Zwijger" in the establishment address "Willem de Zwijgerlaan 41"), except for the UNCONDITIONAL labels.
    - A name that runs into a kept span ("Kaya B.V. aan de Kraaivenstraat") is cut at the kept span's borders; what is
      left is a name only if it still holds a capitalised word. A place cuts no name (WHOLE_KEEPS).
    - Any other overlap is decided for removal: when in doubt, the privacy ground prevails (Woo 5.1(2)(e)).
    - Overlapping removals are merged; the merged span takes the label of its longest part.
    - Every removal is widened to whole words, before and after it is cut by the kept spans.
    """
    spans = [to_word_bounds(s, text) if removed(s.label) else s for s in spans]
    keeps = sorted(s for s in spans if not removed(s.label))
    removals: list[Span] = []
    for span in spans:
        if not removed(span.label):
            continue
        if span.label in UNCONDITIONAL:
            removals.append(span)
        elif span.label in CLIPPED:
            pieces = clip(span, [k for k in keeps if k.label not in WHOLE_KEEPS], text)
            whole = [k for k in keeps if k.label in WHOLE_KEEPS]
            removals += [p for p in pieces if clip(p, whole, text)]  # a piece whose capitals are all a place is none
        elif not any(k.start <= span.start and span.end <= k.end for k in keeps):
            removals.append(span)
    merged: list[Span] = []
    for span in sorted(to_word_bounds(s, text) for s in removals):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            longest = max((last, span), key=lambda s: s.end - s.start)
            merged[-1] = Span(last.start, max(last.end, span.end), longest.label)
        else:
            merged.append(span)
    return merged


def clip(span: Span, keeps: list[Span], text: str) -> list[Span]:
    """The parts of a name outside the kept spans; a name no kept span touches stays whole (also one in lower case,
    "henk de jong" of a note)."""
    overlapping = [k for k in keeps if k.start < span.end and span.start < k.end]
    if not overlapping:
        return [span]
    pieces = [span]
    for keep in overlapping:
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
    pieces = [trailing_particle_off(p, text) for p in pieces]
    return [p for p in pieces if NAME_LEFT.search(text, p.start, p.end)]


TRAILING_PARTICLE = re.compile(r"[ \t]+(?:van|voor|de|der|den|het|ter|ten|bij|namens)[ \t]*$")


def trailing_particle_off(span: Span, text: str) -> Span:
    """A name cut by a kept span without the word that joined it to the kept one ("mr. P.J. Hoekstra van" of
    "… van Hoekstra Juristen B.V.")."""
    particle = TRAILING_PARTICLE.search(text, span.start, span.end)
    return Span(span.start, particle.start(), span.label) if particle else span


# what is left of a name cut by a kept span is a name only if it holds a capitalised word that is no lone article or
# particle ("De" of "De Staatssecretaris van …" is none)
NAME_LEFT = re.compile(r"(?!(?:De|Het|Van|Den|Der|Ter|Ten|Te|En|Op|In)\b)[A-ZÀ-ÖØ-ÞĆČŁŚŠŽİŞ]\w*")
