"""The engine: every detector's spans, decided by the Woo policy (openvth.rules.redaction_policy)."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from openvth.rules.redaction_policy import (
    PUBLIC_FUNCTIONS,
    Span,
    blacken,
    decide,
    establishment_is_personal,
    ground,
)

from . import detectors, tagger
from .addresses import address_spans
from .loading import lookups, model
from .names import (
    LETTERS,
    bestuurder_spans,
    code_spans,
    completed_names,
    deduce_spans,
    inverted_names,
    legal_cv,
    legal_partners,
    name_spans,
    occurrences,
    owners_in_trade_names,
    propagate_names,
    remove_spans,
    table_rows,
    trade_name_spans,
)
from .vocabulary import DATE, INITIALS, LEGAL_FORM, TITLES, TUSSENVOEGSEL

# deduce's processors the engine does not run (it writes no text: the engine's spans are its output)
DEDUCE_DISABLED = {"redactor"}


@dataclass(frozen=True)
class Context:
    """What the system knows of a document (issue 15):

    - `keep`: texts kept verbatim wherever they occur: the register names of companies and establishments, the
      establishment's own address;
    - `remove`: texts removed wherever they occur: the names of the system's users (officials) and of complainants
      (with their surname alone and every other form a name detector finds), a home address, a personal KvK number;
    - `trade_names`: names of natural-person enterprises (eenmanszaak, V.O.F., maatschap, C.V.): the personal name in
      them is removed, the rest ("Garage", "Loonbedrijf") kept;
    - `public_functions`: the offices whose holders are named (PUBLIC_FUNCTIONS by default)."""

    keep: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    trade_names: tuple[str, ...] = ()
    public_functions: tuple[str, ...] = PUBLIC_FUNCTIONS

    @classmethod
    def for_establishment(
        cls, *, name: str, address: str, sole_trader: bool, home_address: bool, kvk: str = ""
    ) -> "Context":
        """The context of one establishment from the register; `sole_trader` is true for every natural-person
        enterprise (the company's `is_natural_person`), `home_address` when its address is the owner's home."""
        if not sole_trader:
            return cls(keep=tuple(t for t in (name, address) if t))
        personal_address = establishment_is_personal(sole_trader=sole_trader, home_address=home_address)
        return cls(
            keep=(address,) if address and not personal_address else (),
            remove=tuple(t for t in (address if personal_address else "", kvk) if t),
            trade_names=(name,) if name else (),
        )

    def adding(self, *, keep: Iterable[str] = (), remove: Iterable[str] = ()) -> "Context":
        keep, remove = tuple(keep), tuple(remove)
        if not keep and not remove:
            return self
        return replace(
            self,
            keep=(*self.keep, *(t for t in keep if t.strip())),
            remove=(*self.remove, *(t for t in remove if t.strip())),
        )


@dataclass(frozen=True)
class Redaction:
    text: str
    spans: list[Span]


# where a single word is a place and no surname: "te Epe", "in Wassenaar", "Oss, 25 september 2023", "1234 AB Oss",
# after a house number ("Rijnstraat 8, Maurik": the place after a home address is public)
PLACE_CUE = re.compile(
    r"(?:\b(?:te|in|uit|bij|nabij|gemeente|Gemeente)\s|\b\d{4} ?[A-Z]{2}\s+|\b\d{1,5}[a-zA-Z]?,[ \t])$"
)
PLACE_PAIR = re.compile(r"(?<![\w-])([A-Z][a-z]+)-([A-Z][a-z]+)(?![\w-])")
# a double surname may be made of two places ("mevrouw Ter Horst-Bloemendaal"): not after a title, particle, initial
# or capitalised word
NAME_BEFORE_PAIR = re.compile(rf"(?:{TITLES}|{TUSSENVOEGSEL} |{INITIALS} ?|[A-ZÀ-Þ][\w'-]* )$")
PLACE_DATE = re.compile(r",? \d{1,2} \w+ \d{4}")
# a place after a name and a comma, closing a field or a cell: "Saskia Bos, Woerden: …", "buurthuis De Kolk,
# Zaandam | …", "melkveebedrijf Haverkamp, Lemelerveld - …"
PLACE_AFTER_COMMA = re.compile(r"[ \t]*(?:[:|\n]|[-–—] |$)")


def place_after_name(text: str, start: int, word: str) -> bool:
    """Whether a one-word place stands after a capitalised word and a comma and is no surname of deduce's lists."""
    return bool(WORD_AND_COMMA.search(text, max(0, start - 40), start)) and [word] not in lookups()["surname"]


WORD_AND_COMMA = re.compile(r"[^\W\d_][\w'-]*, $")
PARTICLE_ONLY = re.compile(TUSSENVOEGSEL)


def place_spans(text: str, found: list) -> Iterator[Span]:
    """Place names of deduce's list: kept (docs/domain.md §8). Names of more than one word anywhere ("Ouderkerk aan den
    IJssel", "Den Haag"), a one-word place only where the text calls it a place (many are also surnames)."""
    places = lookups()["placename"]
    starts = places.children
    words = [token.text for token in found]
    index = 0
    while index < len(found):
        match = places.longest_matching_prefix(words, index) if words[index] in starts else None
        if match and words[index][:1].isupper():
            start, end = found[index].start_char, found[index + len(match) - 1].end_char
            several = len(match) > 1 and not PARTICLE_ONLY.fullmatch(match[0])
            if (
                several
                or PLACE_CUE.search(text, max(0, start - 12), start)
                or PLACE_DATE.match(text, end)
                or (PLACE_AFTER_COMMA.match(text, end) and place_after_name(text, start, words[index]))
            ):
                yield Span(start, end, "place")
            index += len(match)
        else:
            index += 1
    # two places joined by a hyphen: "Tiel-Waardenburg", "Sittard-Geleen" (a dike, a road, a merged municipality)
    for match in PLACE_PAIR.finditer(text):
        named = NAME_BEFORE_PAIR.search(text, max(0, match.start() - 30), match.start())
        if not named and [match.group(1)] in places and [match.group(2)] in places:
            yield Span(match.start(), match.end(), "place")


PERSONAL_FORM_CUE = re.compile(
    r"(?i)(?:eenmanszaak|V\.O\.F\.|\bVOF\b|vennootschap onder firma|maatschap|\bC\.V\.|commanditaire vennootschap|"
    r"\bzzp(?:'?er)?\b|zelfstandige zonder personeel|\bh\.o\.d\.n\.|handelend onder de naam|"
    # the text's own word for it: "de vennoten zijn natuurlijke personen: hun KvK-nummer (…) weglakken"
    r"(?<!geen )\bnatuurlijke perso(?:on|nen)\b)"
)


LEGAL_HOLDER = re.compile(
    rf"(?-i:(?!V\.O\.F\.|VOF|C\.V\.){LEGAL_FORM})[ \t]*[|,;(]?[ \t]*(?i:KvK(?:-nummer)?:?)?[ \t]*\Z"
)
CV_CUE = re.compile(r"(?i:\bC\.V\.|commanditaire vennootschap)")
# a partnership the text says is one of legal persons ("een vennootschap onder firma van twee rechtspersonen", "alle
# vennoten zijn rechtspersonen"): their enterprise, public (docs/domain.md §8)
OF_LEGAL_PERSONS = re.compile(
    r"(?i)\b(?:van|tussen) (?:twee|drie|vier|\d) rechtspersonen\b"
    r"|\bvennoten zijn (?:beide |allen |alle )?rechtspersonen\b"
)


def personal_kvk_spans(text: str, public: list[Span], trade_names: list[Span]) -> Iterator[Span]:
    """A KvK number in the same sentence as the words of a natural-person enterprise is personal (docs/domain.md §8).
    A C.V.'s only where it is one of natural persons: a personal name in its trade name and no legal person as its
    managing partner ("Raffinaderij Botlek C.V." is a legal person's enterprise)."""
    for span in public:
        if span.label == "kvk":
            sentence_start = max(text.rfind(".\n", 0, span.start), text.rfind("\n\n", 0, span.start), 0)
            window = max(sentence_start, span.start - 120)
            cue = PERSONAL_FORM_CUE.search(text, window, span.start)
            if cue and (OF_LEGAL_PERSONS.search(text) or legal_partners(text, cue.end())):
                continue
            # a legal person named right before the number after the cue is its holder: "Timmerfabriek H. Bosman |
            # eenmanszaak | … ;Timmerfabriek Bosman B.V. | KvK 94022871"
            if cue and LEGAL_HOLDER.search(text, cue.end(), span.start):
                continue
            if cue and CV_CUE.fullmatch(cue.group()):
                natural = not legal_cv(text) and any(window <= t.start < span.start for t in trade_names)
                if not natural:
                    continue
            if cue:
                yield Span(span.start, span.end, "personal_kvk")


KVK_HEADER = re.compile(r"(?i)kvk(?:-nummer|-nr\.?| nummer)?")
KVK_CELL = re.compile(r"\d{8}")
NATURAL_ROW = re.compile(rf"{PERSONAL_FORM_CUE.pattern}|(?i:\beigenaar\b|\bh\.o\.d\.n\.|\baan huis\b|\bvennoten\b)")


# a column of persons' birth dates or of vehicles' plates ("| Date of birth |", "| Truck | Trailer |")
BIRTH_HEADER = re.compile(r"(?i)(?:geboortedatum|geb\.? ?datum|date of birth|born)")
VEHICLE_HEADER = re.compile(r"(?i)(?:kenteken|voertuig|trekker|oplegger|aanhanger|truck|trailer|vehicle|registration)")
PLATE = re.compile(r"(?<![\w-])(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}(?:[- ][A-Z0-9]{1,5}){1,2}(?![\w-])")
DATE_CELL = re.compile(DATE)


def table_kvk_spans(text: str) -> Iterator[Span]:
    """A KvK number in a table's KvK column on the row of a natural-person enterprise (its row says "eenmanszaak",
    "V.O.F.", "eigenaar …", "aan huis"): personal (docs/domain.md §8). So is a date in a column of birth dates and a
    plate in a column of vehicles."""
    for header, cells, line in table_rows(text):
        for (start, end), name in zip(cells, header, strict=False):
            name = name.strip()
            kvk = KVK_HEADER.fullmatch(name) and KVK_CELL.fullmatch(text, start, end)
            if kvk and NATURAL_ROW.search(line.group()):
                yield Span(start, end, "personal_kvk")
            elif BIRTH_HEADER.fullmatch(name) and DATE_CELL.fullmatch(text, start, end):
                yield Span(start, end, "birth_date")
            elif VEHICLE_HEADER.fullmatch(name):
                for plate in PLATE.finditer(text, start, end):
                    if sum(c.isalnum() for c in plate.group()) >= 5:
                        yield Span(plate.start(), plate.end(), "vehicle")


# "B. Yıldız", "H. de Wit", or a person by the form of address before the name ("de heer Gerrit ter Beek")
FULL_PERSON = re.compile(
    rf"(?<![\w.]){INITIALS} ?(?:{TUSSENVOEGSEL} )?[A-ZÀ-Þ]|(?:de heer|mevrouw|dhr\.|mevr\.|mw\.) [A-ZÀ-Þ]"
)
KVK_AFTER_NAME = re.compile(r",?[ \t]*\(?(?i:KvK)(?:-nummer)?:?[ \t]*")
QUOTED_NAME = re.compile(r"[\"“]([^\"”\n]{2,60})[\"”]")


def kvk_after_person(text: str, public: list[Span], persons: list[Span]) -> Iterator[Span]:
    """A KvK number right after a natural person's name with initials (not a given name as in "Nagelstudio Kim") is
    that person's enterprise's (docs/domain.md §8: personal): "op naam van Koeltechniek H. Çelik, KvK 69014276"; so
    is one right after a trade name in quotes that holds a person's name ("de handelsnaam "Carrosserie Kaya" (KvK
    …)", where "Kaya" names the owner)."""
    quoted = [m for m in QUOTED_NAME.finditer(text)] if '"' in text or "“" in text else []
    for span in public:
        if span.label != "kvk":
            continue
        if any(
            p.end <= span.start
            and KVK_AFTER_NAME.fullmatch(text, p.end, span.start)
            and FULL_PERSON.search(text, p.start, p.end)
            for p in persons
        ) or any(
            q.end() <= span.start
            and KVK_AFTER_NAME.fullmatch(text, q.end(), span.start)
            and any(q.start(1) <= p.start and p.end <= q.end(1) for p in persons)
            for q in quoted
        ):
            yield Span(span.start, span.end, "personal_kvk")


# the seat of a legal person after its name, closing the line: "Vervoerder: Transport Petrov EOOD, Sofia"
SEAT_AFTER = re.compile(r",[ \t]+([A-ZÀ-Þ][a-zà-ÿ]+(?:[ -][A-ZÀ-Þ][a-zà-ÿ]+)?)[ \t]*(?=\n|$)")


def seat_spans(text: str, organisations: list[Span]) -> Iterator[Span]:
    """The place after a legal person's name and a comma at the end of a line: its seat, public; not a given name and
    a surname ("… B.V., Jan Smit": a contact person)."""
    for organisation in organisations:
        match = SEAT_AFTER.match(text, organisation.end)
        if match and text[organisation.end - 1] in ".ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            words = match.group(1).replace("-", " ").split()
            if len(words) > 1 and [words[0]] in lookups()["first_name"]:
                continue
            yield Span(match.start(1), match.end(1), "place")


def public_spans(text: str, context: Context, tokens: list) -> Iterator[Span]:
    patterns = list(detectors.public_pattern_spans(text))
    yield from patterns
    yield from seat_spans(text, [s for s in patterns if s.label == "organisation"])
    yield from bestuurder_spans(text, context.public_functions)
    yield from place_spans(text, tokens)
    for literal in context.keep:
        for start, end in occurrences(text, literal):
            yield Span(start, end, "establishment_address")
        street = STREET_OF.match(literal)  # the establishment's street also without its number: "langs de Lage Dijk"
        if street:
            for start, end in occurrences(text, street.group(1)):
                if not OTHER_NUMBER.match(text, end):  # not a neighbour's house on it ("bewoner Zijtwende 11")
                    yield Span(start, end, "establishment_address")
    for literal in context.trade_names:  # what is no name in it stays: the personal part is removed unconditionally
        for start, end in occurrences(text, literal):
            yield Span(start, end, "organisation")


OTHER_NUMBER = re.compile(r"[ \t]+\d")
STREET_OF = re.compile(rf"((?:{TUSSENVOEGSEL} )?[A-ZÀ-Þ][\w'.-]*(?: [\w'.-]+){{0,4}}) \d{{1,5}}\w{{0,3}}$")
ACCOUNTS = frozenset({"iban", "public_account"})


def personal_mailboxes(text: str, public: list[Span], trade_names: list[Span]) -> Iterator[Span]:
    """A general mailbox of a natural-person enterprise of the register whose address holds the personal part of its
    trade name ("info@…vandamkok.nl" of "Van Dam & Kok V.O.F."): it names the partners, so it is personal
    (docs/domain.md §8)."""
    pieces = {re.sub(r"[\W\d_]", "", text[s.start : s.end]).lower() for s in trade_names}
    pieces = {piece for piece in pieces if len(piece) >= 3}
    if not pieces:
        return
    for span in public:
        if span.label == "mailbox" and any(piece in text[span.start : span.end].lower() for piece in pieces):
            yield Span(span.start, span.end, "email")


def organisation_named(text: str, email: Span, organisations: list[Span]) -> Span:
    """An e-mail address whose local part is two or more words of a legal person the text names, run together
    ("dorpsbelangdeheide@…" of "Vereniging Dorpsbelang De Heide"): its mailbox, whatever its provider; a person's
    address holds a name or initials (a natural-person enterprise's is personal_mailboxes')."""
    local = "".join(LETTERS.findall(text[email.start : email.end].split("@", 1)[0])).lower()
    for organisation in organisations:
        words = [w.lower() for w in LETTERS.findall(text[organisation.start : organisation.end])]
        for first in range(len(words)):
            joined = words[first]
            for word in words[first + 1 :]:
                joined += word
                if joined == local:
                    return Span(email.start, email.end, "mailbox")
                if not local.startswith(joined):
                    break
    return email


def find(
    text: str, context: Context | None = None, *, keep: Iterable[str] = (), remove: Iterable[str] = ()
) -> list[Span]:
    """The removal spans for `text` under the Woo policy, in the original text's offsets. `keep` and `remove` add
    to the context what the system knows (see Context): register names to keep, users' and complainants' names to
    remove."""
    context = (context or Context()).adding(keep=keep, remove=remove)
    document = model().deidentify(text, disabled=DEDUCE_DISABLED)  # deduce's names, and its tokens for places
    public = list(public_spans(text, context, list(document.get_tokens())))
    trade_names = list(trade_name_spans(text, context.trade_names))
    found = [
        *deduce_spans(text, document),
        *detectors.personal_spans(text),
        *name_spans(text),
        *remove_spans(text, context.remove),
        *trade_names,
        *personal_kvk_spans(text, public, trade_names),
        *table_kvk_spans(text),
        *tagger.spans(text, public),
    ]
    organisations = [s for s in public if s.label == "organisation"]
    # an address named after a legal person of the text is its mailbox, at any provider
    legal = [o for o in organisations if not any(o.start <= t.start < o.end for t in trade_names)]
    found = [organisation_named(text, s, legal) if s.label == "email" else s for s in found]
    # an account number is no phone number or BSN; a general mailbox is no personal e-mail address
    accounts = [s for s in found if s.label in ACCOUNTS]
    mailboxes = [s for s in found if s.label == "mailbox"]
    references = [s for s in public if s.label == "case_reference"]
    companies = [s for s in public if s.label == "kvk"]  # no phone number: "ondernemingsnr. 0456.221.908"
    found = [
        s
        for s in found
        if not (s.label not in ACCOUNTS and any(a.start <= s.start < a.end for a in accounts))
        and not (s.label == "email" and any(m.start <= s.start < m.end for m in mailboxes))
        and not (s.label == "bsn" and any(r.start <= s.start < r.end for r in references))
        and not (s.label == "phone" and any(k.start <= s.start < k.end for k in companies))
    ]
    public += [s for s in found if s.label in ("mailbox", "public_account")]
    # a service or badge number is no case reference ("BOA-nummer 4410273": "nummer" is a case cue too)
    numbers = [s for s in found if s.label == "personal_number"]
    if numbers:
        public = [
            s
            for s in public
            if not (s.label == "case_reference" and any(n.start < s.end and s.start < n.end for n in numbers))
        ]
    persons = [s for s in decide([*found, *public], text) if s.label in ("person", "trade_name")]
    owners = owners_in_trade_names(text, context.trade_names, persons)
    if owners:
        found += owners
        persons = [s for s in decide([*found, *public], text) if s.label in ("person", "trade_name")]
    registered = [(a, b) for literal in context.trade_names for a, b in occurrences(text, literal)]
    owners_named = [s for s in persons if s.label == "trade_name" and any(a <= s.start < b for a, b in registered)]
    found += personal_mailboxes(text, public, owners_named)
    found += address_spans(text, context.keep, context.remove, persons, organisations)
    mentions = list(propagate_names(text, persons))  # every other mention of a found name
    found += mentions
    found += inverted_names(text, [*persons, *mentions])
    found += code_spans(text, persons)
    found += kvk_after_person(text, public, [*persons, *mentions])
    found += detectors.health_spans(text, [p for p in persons if p.label == "person"])  # health of a named person
    decided = decide([*found, *public], text)
    completing = list(completed_names(text, decided))
    return decide([*found, *public, *completing], text) if completing else decided


def redact(
    text: str, context: Context | None = None, *, keep: Iterable[str] = (), remove: Iterable[str] = ()
) -> Redaction:
    """The text with every removal span replaced by its Woo ground, e.g. "[5.1.2e]"."""
    spans = find(text, context, keep=keep, remove=remove)
    return Redaction(blacken(text, ((span.start, span.end, ground(span.label)) for span in spans)), spans)
