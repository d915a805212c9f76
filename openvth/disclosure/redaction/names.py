"""Names of natural persons: deduce's, the patterns of these documents (titles, initials, roles, signatures, fields
of a police report), bestuurders (kept), the personal part of a natural-person enterprise's trade name, and every
other mention of a name once found."""

import functools
import re
from collections.abc import Iterable, Iterator

from openvth.rules.redaction_policy import MAILBOX_WORDS, Span

from .loading import lookups, tokenizer
from .vocabulary import (
    AFTER_NAME_VERB,
    AFTER_NAME_VERBS,
    CAPS_NAME,
    CAPS_PARTICLE,
    CAPS_SURNAME,
    CAPS_SURNAME_FIRST,
    FIELD,
    FIELD_WORDS,
    FULL_NAME,
    GIVEN,
    INITIALS,
    LEGAL_FORM,
    NATURAL_FORM,
    NICKNAME,
    NOT_A_NAME,
    OPENING_WORDS,
    ORG_TOKEN,
    ROLE,
    ROLE_PREFIXES,
    SURNAME,
    TITLE,
    TITLE_PREFIXES,
    TITLES,
    TUSSENVOEGSEL,
    WORD,
    WRITER_CODE,
    L,
    U,
    prefixes,
)

# the name patterns whose whole match is a name; the one after a title runs only where a word can start a title
NAME_AFTER_TITLE = re.compile(rf"{TITLES}(?:{FULL_NAME}|{SURNAME})")
# with the initials of a second person before it: "G. en H. Veldhuis"
NAME_WITH_INITIALS = re.compile(
    rf"(?<![\w.])(?:{TITLES})?(?:{INITIALS} ?(?:en|&) )?{INITIALS} ?{NICKNAME}?(?:te )?{SURNAME}"
)
# a line that is only a name, with an optional role after a comma: the signature under a letter or a decision
SIGNATURE_LINE = re.compile(rf"(?m)^(?:{TITLES})?{FULL_NAME}(?=,[^\n]*$|$)")
# the cues of a name, each run only at the words that can start it (see vocabulary.prefixes): a name after a role or
# a field ("toezichthouder Jan Smit", "Van: …"), before a role ("Piet de Groot (bedrijfsleider)", "K. Smit,
# inspecteur") or before a verb ("Fleur Kaya belde")
NAME_AFTER_ROLE = re.compile(rf"(?:(?i:{ROLE})[,:]?|{FIELD}:) (?:{TITLES})?({CAPS_NAME}|{FULL_NAME})")
ROLE_AT = re.compile(rf"(?i:{ROLE})(?![\w-])")
NAME_BEFORE_ROLE = re.compile(rf"(?<![\w.])((?:{TITLES})?{FULL_NAME}),? \(?$")
VERB_AT = re.compile(rf"{AFTER_NAME_VERB}\b")
NAME_BEFORE_VERB = re.compile(rf"(?<![\w.])((?:{TITLES})?{FULL_NAME}) $")
WORD_START = re.compile(r"\b\w\w?")
AFTER_ROLE_PREFIXES = ROLE_PREFIXES | prefixes(FIELD_WORDS)
VERB_PREFIXES = prefixes(AFTER_NAME_VERBS)
PERSON_FIELD = re.compile(
    r"(?m)^(?i:Achternaam|Voornamen|Voornaam|Naam verdachte|Naam|Getuige|Verhoorde|Melder|Klager|Aangever|Verdachte|"
    r"Betrokkene|Overtreder)"
    rf"[ \t]*:[ \t]*(?!anoniem)(?=(?:{TITLES})?(?:{TUSSENVOEGSEL} )?[{U}])"
    rf"((?:{CAPS_SURNAME_FIRST}|{CAPS_NAME})(?=[,\n]|$)|[^\n(,<]+(?:\([^)\n]*\)[^\n(,<]*)?)"
)


def word_starts(text: str, starts: frozenset[str]) -> list[int]:
    """Where a word begins whose first letter or two (in lower case) are among `starts`."""
    return [start for start, two, one in words_of(text) if two in starts or one in starts]


@functools.lru_cache(maxsize=4)
def words_of(text: str) -> tuple[tuple[int, str, str], ...]:
    """Each word's start with its first two letters and its first letter, in lower case (once per text)."""
    return tuple((m.start(), (w := m.group().lower()), w[:1]) for m in WORD_START.finditer(text))


# a role by the last part of a compound ("ploegleider", "vestigingsmanager", "veiligheidskundige", "Werknemer"):
# whatever the first part, a word for a person's job
ROLE_ENDINGS = (
    *("leider", "leidster", "manager", "beheerder", "coördinator", "opzichter", "functionaris", "verantwoordelijke"),
    *("kundige", "specialist", "adviseur", "inspecteur", "toezichthouder", "chef", "monteur", "uitvoerder"),
    *("handhaver", "medewerker", "medewerkster", "ambtenaar", "assistent", "controleur", "keurmeester", "nemer"),
    *("neemster", "machinist", "stuurman"),
)
LETTERS = re.compile(r"[^\W\d_]+")


def compound_roles(text: str) -> Iterator[tuple[int, int]]:
    """Where a word for a role stands (see ROLE_ENDINGS), as (start, end): each word's ending tested once, not a
    case-insensitive pattern of every ending at every word."""
    for match in LETTERS.finditer(text):
        end = match.end()
        if match.group().lower().endswith(ROLE_ENDINGS) and not (end < len(text) and WORD_OR_JOIN.match(text[end])):
            yield match.start(), end


WORD_OR_JOIN = re.compile(r"[\w-]")
NAME_AFTER_COMPOUND = re.compile(rf"[,:]? (?:{TITLES})?({CAPS_NAME}|{FULL_NAME})")
# after a role as a field also the surname first in capitals, as a crew list writes it ("Stuurman: SALVADOR, Nilton
# Lopes"; "Toezichthouder ODT, Erik Nijboer" names an organisation and its official)
SURNAME_FIRST_AFTER_FIELD = re.compile(rf":[ \t]*({CAPS_SURNAME_FIRST})")


def cue_names(text: str) -> Iterator[re.Match]:
    """The matches whose group 1 is a name after a role or field, before a role or before a verb."""
    for start in word_starts(text, AFTER_ROLE_PREFIXES):
        match = NAME_AFTER_ROLE.match(text, start)
        if match:
            yield match
    for role_start, role_end in compound_roles(text):
        match = SURNAME_FIRST_AFTER_FIELD.match(text, role_end) or NAME_AFTER_COMPOUND.match(text, role_end)
        if match:
            yield match
        line_start = text.rfind("\n", 0, role_start) + 1
        match = NAME_BEFORE_ROLE.search(text, line_start, role_start)
        if match:
            yield match
    for cue, starts, before in ((ROLE_AT, ROLE_PREFIXES, NAME_BEFORE_ROLE), (VERB_AT, VERB_PREFIXES, NAME_BEFORE_VERB)):
        for start in word_starts(text, starts):
            if cue.match(text, start):
                line_start = text.rfind("\n", 0, start) + 1
                match = before.search(text, line_start, start)
                if match:
                    yield match


OPENING = re.compile(OPENING_WORDS)


ROLE_OPENING = re.compile(rf"(?i:{ROLE}),? (?=[{U}])")


def trimmed(span: Span, text: str) -> Span:
    """A person span without the words that open its sentence ("Volgens Aleksandra Wiśniewska") or the role word
    before the name ("Vennoten Kees", "Toezichthouder Jan Smit")."""
    opening = OPENING.match(text, span.start, span.end) or ROLE_OPENING.match(text, span.start, span.end)
    if opening and opening.end() < span.end and text[opening.end()].isupper():
        return Span(opening.end(), span.end, span.label)
    return span


DEDUCE_LABELS = {"persoon": "person", "patient": "person"}
SENTENCE_END = re.compile(rf"(?<=[{L}]{{2}})\.\s+")


def deduce_spans(text: str, document) -> Iterator[Span]:  # noqa: ANN001  (a docdeid Document)
    for annotation in document.annotations:
        if DEDUCE_LABELS.get(annotation.tag) != "person":
            continue
        # deduce merges names across a sentence end ("Ria Hoekstra. Hoekstra"): one span per sentence
        start = annotation.start_char
        for piece in SENTENCE_END.split(annotation.text):
            offset = text.index(piece, start)
            if plausible_name(piece) and not place(piece):
                yield trimmed(Span(offset, offset + len(piece), "person"), text)
            start = offset + len(piece)


CAPITALISED = re.compile(rf"[{U}][{L}]+")
# a particle joins only after a word or a hyphen: "De" opening a would-be name joins nothing
AFTER_JOIN = re.compile(rf"(?:-(?:{TUSSENVOEGSEL} )?|(?<=[\w.] ){TUSSENVOEGSEL} )[{U}][{L}]+")


# the last word of a street named after a person ("Paul Krugerstraat", "Jan Steenplein"), which no surname ends in
STREET_LAST = re.compile(r"[a-zà-ÿ](?:straat|straatweg|plein|gracht|singel|dreef|plantsoen|boulevard|steeg)$")
CAPS_NAME_WHOLE = re.compile(rf"(?:{TITLES})?{CAPS_NAME}")
CAPS_PART = re.compile(rf"[{U}]{{2,}}")


def plausible_name(text: str) -> bool:
    # a word after a hyphen or a particle is part of a surname ("Timmerman-ter Haar"), whatever else it may mean;
    # not after a capitalised article that opens it ("De Minister van …" is no name); a surname in capitals after
    # initials or a given name ("P.J. VERSCHUREN", "Mirosław KOWALCZYK") where no part is a word of NOT_A_NAME
    if not CAPITALISED.search(text):
        return bool(CAPS_NAME_WHOLE.fullmatch(text)) and not any(
            w.capitalize() in NOT_A_NAME or w in NOT_A_NAME for w in CAPS_PART.findall(text)
        )
    # nor a department by its task before an organisation's abbreviation ("Handhaving FUMO", "Meldingen OMWB")
    first_words = CAPITALISED.findall(AFTER_JOIN.sub("", text))
    if first_words and first_words[0].lower() in MAILBOX_WORDS and text.startswith(first_words[0]):
        return False
    return not any(w in NOT_A_NAME for w in first_words) and not STREET_LAST.search(text)


# a line of capitalised words alone is a signature only with initials or a title, or with a word the lists know as a
# given name or surname: a letterhead or a department line ("Openbaar Ministerie", "District Rijnmond-Zuid",
# "Functioneel Parket, Milieu") is made of words that are neither
SIGNATURE_CUE = re.compile(rf"(?:{TITLES})|(?<![\w.]){INITIALS}")
SIGNATURE_WORD = re.compile(rf"[{U}][{L}]+")


def signature_name(name: str) -> bool:
    if SIGNATURE_CUE.match(name):
        return True
    structs = lookups()
    return any(surname_word(word, structs) or [word] in structs["first_name"] for word in SIGNATURE_WORD.findall(name))


# the name a person goes by, in quotes after its cue: "een medewerker die zich voorstelde als \"Memo\"", "bijnaam
# 'Sjonnie'" (the quotes found first: they are rarer than the cue's words)
QUOTED = re.compile(rf"[\"“'‘]([{U}][\w'-]+(?: [{U}][\w'-]+)?)[\"”'’]")
ALIAS_BEFORE = re.compile(
    r"(?i:zich voorstelde als|stelde zich voor als|noemde zich|noemt zich|bijnaam|roepnaam|alias|bekend als)[ \t]+$"
)


def name_spans(text: str) -> Iterator[Span]:
    titled = (NAME_AFTER_TITLE.match(text, start) for start in word_starts(text, TITLE_PREFIXES))
    signatures = (m for m in SIGNATURE_LINE.finditer(text) if signature_name(m.group()))
    for match in (*(m for m in titled if m), *NAME_WITH_INITIALS.finditer(text), *signatures):
        span = trimmed(Span(match.start(), match.end(), "person"), text)
        if plausible_name(text[span.start : span.end]):
            yield span
    for match in cue_names(text):
        span = trimmed(Span(match.start(1), match.end(1), "person"), text)
        if plausible_name(text[span.start : span.end]):
            yield span
    for match in PERSON_FIELD.finditer(text):
        value = match.group(1).rstrip()
        yield Span(match.start(1), match.start(1) + len(value), "person")
    for match in QUOTED.finditer(text):
        if ALIAS_BEFORE.search(text, max(0, match.start() - 30), match.start()):
            yield Span(match.start(1), match.end(1), "person")
    yield from caps_names(text)
    yield from informal_names(text)
    yield from kin_names(text)
    yield from table_names(text)


# a surname in capitals anywhere, as police reports write it, where the lists know it: after initials ("J. SMIT"
# under a proces-verbaal) or before a given name after a comma ("DE JONGH, Arjan (agent)")
CAPS_AFTER_INITIALS = re.compile(rf"(?<![\w.])(?:{TITLES})?{INITIALS} ?({CAPS_SURNAME})")
# with the rest of the given names, an initial or the particle after them: "ROSARIA, Jurmaine E.", "MEER, Thijs van
# der"; before a date of birth or a home any given names ("SIREGAR, Agus Hendrawan, geb. …": a record of a person)
CAPS_BEFORE_GIVEN = re.compile(
    rf"(?<![\w-])({CAPS_SURNAME}), ({GIVEN})((?: {GIVEN}){{0,3}}(?: [{U}]\.)*"
    rf"(?: (?:van der|van den|van de|van|de|der|den|ter|ten)(?=[ \t]*(?:\n|$|,)))?)(?![\w-])"
)
RECORD_AFTER = re.compile(r"(?i),?\s+(?:geb\.|geboren|wonende|woonachtig)")
CAPS_PIECE = re.compile(rf"(?:{CAPS_PARTICLE} )?([{U}]{{2,}})")
HAS_UPPER_RUN = re.compile(rf"[{U}]{{2}}")


def caps_names(text: str) -> Iterator[Span]:
    if not HAS_UPPER_RUN.search(text):
        return
    structs = lookups()
    for match in CAPS_AFTER_INITIALS.finditer(text):
        if known_caps_surname(match.group(1), structs, particle_enough=False):
            yield Span(match.start(), match.end(), "person")
    for match in CAPS_BEFORE_GIVEN.finditer(text):
        given = match.group(2)
        if RECORD_AFTER.match(text, match.end()) or (
            name_word(given, "first_name", structs)
            and not ordinary_word(given.lower(), structs)
            and known_caps_surname(match.group(1), structs, particle_enough=True)
        ):
            yield Span(match.start(), match.end(), "person")


KIN_NAME = re.compile(
    r"(?i:\b(mijn|zijn|haar|onze|hun|uw|de|het) (?:broer|zus|zuster|vrouw|man|echtgeno(?:ot|te)|partner|vriend|"
    r"vriendin|moeder|vader|zoon|dochter|schoon(?:vader|moeder|zoon|dochter)|neef|nicht|oom|tante|opa|oma|klein(?:zoon|dochter)|"
    r"medewerker|medewerkster|collega|werknemer|knecht|chauffeur|operator|huurder|buurman|buurvrouw)),? "
    rf"([{U}][{L}]{{2,}})(?![\w-]| [{U}]| (?:{TUSSENVOEGSEL}) [{U}])"
)


def kin_names(text: str) -> Iterator[Span]:
    structs = None
    for match in KIN_NAME.finditer(text):
        word = match.group(2)
        if word in NOT_A_NAME or place(word):
            continue
        structs = structs or lookups()
        if ordinary_word(word.lower(), structs):
            continue
        if match.group(1).lower() in ("de", "het") and not name_word(word, "first_name", structs):
            continue
        yield Span(match.start(2), match.end(2), "person")


def known_caps_surname(surname: str, structs, *, particle_enough: bool) -> bool:  # noqa: ANN001
    """Whether a surname in capitals is one: a part of it a surname of deduce's lists and no ordinary word, or (where
    a given name follows) a particle before it ("DE JONGH")."""
    if particle_enough and surname != CAPS_PIECE.match(surname).group(1):
        return True
    return any(
        surname_word(piece.capitalize(), structs) and not ordinary_word(piece.lower(), structs)
        for piece in CAPS_PIECE.findall(surname)
    )


# informal notes and e-mail: a name in lower case ("gebeld door mw. van den heuvel", "22:14 – henk de jong, …",
# "schreef jan-willem sikkema <…>"), the display name before an e-mail address, a paraph under a note
LOWER_WORD = re.compile(r"(?<![\w@.'-])[a-zà-ÿ][a-zà-ÿ']*(?:-[a-zà-ÿ]+)*(?![\w@'-])")
LOWER_PARTICLES = ("van der", "van den", "van de", "van 't", "van", "de", "der", "den", "ter", "ten", "in 't", "op de")
HONORIFIC_BEFORE = re.compile(r"(?i)(?:\bmw\.?|\bmevr\.?|\bmevrouw|\bdhr\.?|\bde heer|\bmeneer|\bfam\.|\bfamilie) $")
EMAIL_AFTER = re.compile(r" ?<([\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
PARAPH = re.compile(
    r"(?m)(?:^(?:Paraaf|Initialen|Noteerde|Genoteerd(?: door)?|Notulist|Opgetekend door|Gez\.)[ \t]*:?[ \t]*"
    r"|(?<=\S)[ \t]+[–—-][ \t]+(?=[A-Za-z]*[a-z][A-Za-z]*[A-Z]|[A-Z][a-z]*[A-Z]))([A-Za-z]{2,5})[ \t]*$"
)


def informal_names(text: str) -> Iterator[Span]:
    for match in PARAPH.finditer(text):
        if code(match.group(1)):  # a word in capitals after a dash is a heading's ("… boete – EVOA")
            yield Span(match.start(1), match.end(1), "person")
    words = [(m.start(), m.end(), m.group()) for m in LOWER_WORD.finditer(text)]
    if not words:
        return
    structs = lookups()
    index = 0
    while index < len(words):
        found = lower_name(text, words, index, structs)
        if found:
            yield Span(words[index][0], words[found - 1][1], "person")
            index = found
        else:
            index += 1
    for match in EMAIL_AFTER.finditer(text):
        start = display_name_start(text, match.start(), structs)
        if start is not None:
            yield Span(start, match.start(), "person")


def name_word(word: str, table: str, structs) -> bool:  # noqa: ANN001  (a docdeid DsCollection)
    parts = word.split("-")
    return all([part.capitalize()] in structs[table] for part in parts)


def ordinary_word(word: str, structs) -> bool:  # noqa: ANN001
    return word in structs["whitelist"] or word in structs["common_word"]


def surname_word(word: str, structs) -> bool:  # noqa: ANN001
    return name_word(word, "surname", structs) or word.capitalize() in structs["interfix_surname"]


NUMBER_BEFORE = re.compile(r"\d[ \t]+$")


def lower_name(text: str, words: list, index: int, structs) -> int | None:  # noqa: ANN001
    """The index after a name in lower case that starts at words[index]: a first name of deduce's lists (no common
    word) with a surname after it, or a surname after an honorific; None where none starts there."""
    start, end, word = words[index]
    honorific = HONORIFIC_BEFORE.search(text, max(0, start - 12), start)
    # a word after a number is its unit ("300 ton balen"), no given name
    given = (
        not honorific
        and not NUMBER_BEFORE.search(text, max(0, start - 12), start)
        and name_word(word, "first_name", structs)
        and not ordinary_word(word, structs)
    )
    following = index + 1 if given else index
    if not (given or honorific):
        return None
    for particle in (*LOWER_PARTICLES, ""):
        n = len(particle.split()) if particle else 0
        if following + n >= len(words):
            continue
        candidate = words[following : following + n + 1]
        gaps = [text[a[1] : b[0]] for a, b in zip([words[following - 1], *candidate], candidate, strict=False)]
        if given and gaps[0] != " " or any(g != " " for g in gaps[1:]):
            continue
        if " ".join(w for _, _, w in candidate[:-1]) != particle:
            continue
        # after an honorific and a particle any word is a surname ("dhr. van der wal")
        if (honorific and particle) or (
            surname_word(candidate[-1][2], structs) and (particle or not ordinary_word(candidate[-1][2], structs))
        ):
            return following + n + 1
    return None


def display_name_start(text: str, end: int, structs) -> int | None:  # noqa: ANN001
    """Where the display name before a person's e-mail address begins ("schreef jan-willem sikkema <…>"): the name
    words right before it, back to the first word that is none; None for no name."""
    from openvth.rules.redaction_policy import general_mailbox

    address = EMAIL_AFTER.match(text, end).group(1)
    if general_mailbox(address):
        return None
    line_start = text.rfind("\n", 0, end) + 1
    start, named = None, False
    for word in reversed(list(re.finditer(r"[\w'-]+", text[line_start:end]))):
        if text[line_start + word.end() : end if start is None else start].strip(" "):
            break  # a comma, colon or bracket between: the name has ended
        value = word.group()
        particle = value.lower() in {"van", "de", "der", "den", "ter", "ten"}
        capitalised = value[:1].isupper() and value not in NOT_A_NAME
        if not (particle or capitalised or name_word(value, "first_name", structs) or surname_word(value, structs)):
            break
        start, named = line_start + word.start(), named or not particle
    return start if named else None


def bestuurder_spans(text: str, functions: tuple[str, ...]) -> Iterator[Span]:
    """The name of a bestuurder acting in office, right after the office ("De wethouder van milieu, Karin …", "de
    burgemeester,\nmr. A.M. Roelofs") or right before it ("A. Pietersen, wethouder"): kept (docs/domain.md §8).
    Not after "namens" and a line break: whoever signs on a bestuurder's behalf is a civil servant. The chair of a
    public body's board is its bestuurder too (see CHAIR)."""
    if not functions:
        return
    lowered = text.lower()
    if not any(function.lower() in lowered for function in (*functions, *CHAIR)):
        return
    matches = office_matches(text, functions)
    if "voorzitter" in lowered:
        matches += [m for m in office_matches(text, CHAIR) if chairs_a_board(text, m.start())]
    office = bestuurder_patterns(functions)[2]
    surnames = set()
    for match in matches:
        name = in_column(text, match)
        if name and plausible_name(name[2]) and "\n" not in name[2] and not own_role(text, match, office):
            yield Span(name[0], name[1], "bestuurder")
            surname = TRAILING_SURNAME.search(name[2])
            if surname and "-" in surname.group() or (surname and len(surname.group()) >= 5):
                surnames.add(surname.group())
    # the same bestuurder by surname alone elsewhere ("4. Rondvraag\nKos-Bekker vraagt …"), not in another's name
    for surname in surnames:
        for start, end in occurrences(text, surname):
            if not NAME_BEFORE_SURNAME.search(text, max(0, start - 40), start):
                yield Span(start, end, "bestuurder")


def office_matches(text: str, functions: tuple[str, ...]) -> list[re.Match]:
    """The matches of an office of `functions` whose group 1 is its holder's name (see bestuurder_patterns)."""
    after, before, office, alone, above, behalf = bestuurder_patterns(functions)
    matches = [*after.finditer(text), *alone.finditer(text), *above.finditer(text), *behalf.finditer(text)]
    for found in office.finditer(text):  # a name before an office stands on the office's line
        line_start = text.rfind("\n", 0, found.start()) + 1
        matches += before.finditer(text, line_start, found.end())
    return matches


# the chair of the board of a public body is its bestuurder ("Het dagelijks bestuur van de Omgevingsdienst …,
# voorzitter Hubert …", "Gedeputeerde Staten van Zeeland,\nde voorzitter,"); the chair of a commission, an association
# or a foundation is no bestuurder under the Woo (docs/domain.md §8) and is removed like any person
CHAIR = ("voorzitter",)
BOARD = re.compile(
    r"(?i)\b(?:dagelijks bestuur|algemeen bestuur|Gedeputeerde Staten|college van burgemeester en wethouders|"
    r"college van dijkgraaf en heemraden|Provinciale Staten|gemeenteraad|verenigde vergadering)\b"
)
BOARD_AFTER = re.compile(r"(?i) van (?:het |de )?(?:dagelijks|algemeen) bestuur\b(?: van [^,\n]{2,60})?")
NOT_A_BOARD = re.compile(r"(?i)commissie|\b(?:stichting|vereniging|VvE|coöperatie)\b")


def chairs_a_board(text: str, office_start: int) -> bool:
    """Whether "voorzitter" at `office_start` is the chair of a public body's board its paragraph names before it, with
    no commission or association between."""
    # the board named right after the office: "de voorzitter van het dagelijks bestuur van de omgevingsdienst, …"
    after = BOARD_AFTER.match(text, office_start + len("voorzitter"))
    if after:
        return not NOT_A_BOARD.search(after.group())
    block_start = text.rfind("\n\n", 0, office_start)
    # a signature after a blank line: "Gedeputeerde Staten …,\n\nmr. A. Bos, voorzitter"
    if office_start - block_start < 80:
        block_start = text.rfind("\n\n", 0, max(0, block_start))
    block_start = max(block_start + 1, office_start - 200)
    boards = list(BOARD.finditer(text, block_start, office_start))
    return bool(boards) and not NOT_A_BOARD.search(text, boards[-1].start(), office_start)


ROLE_AFTER = re.compile(rf",[ \t]*[{L}]")
COLUMN_GAP = re.compile(r"\S(?: {3,}|\t)\S")
COLUMN_NAME = re.compile(rf"(?:{TITLES})?{FULL_NAME}")


def in_column(text: str, match: re.Match) -> tuple[int, int, str] | None:
    """The name a match of an office gives, as (start, end, name): group 1, but where the office stands in a column
    of a signature block ("de secretaris,      de burgemeester,\ndrs. E.M. Schoemaker   Jan-Willem Terpelle") the
    name below it in the same column, or None where there is none."""
    start, end = match.start(1), match.end(1)
    if "\n" not in text[match.start() : start]:
        return start, end, match.group(1)
    office_line = text.rfind("\n", 0, match.start()) + 1
    office_end = text.find("\n", match.start())
    if not COLUMN_GAP.search(text, office_line, office_end):
        return start, end, match.group(1)
    column = match.start() - office_line
    name_line = text.rfind("\n", 0, start) + 1
    if abs(start - name_line - column) <= 3:
        return start, end, match.group(1)
    line_end = text.find("\n", name_line)
    line_end = len(text) if line_end < 0 else line_end
    for position in range(name_line + max(0, column - 3), min(line_end, name_line + column + 4)):
        if position == name_line or text[position - 1] == " ":
            found = COLUMN_NAME.match(text, position, line_end)
            if found:
                return found.start(), found.end(), found.group()
    # columns that do not line up by character (a proportional font): the name in the same column by its place in
    # the row, where both lines have as many columns
    office_cells = column_starts(text, office_line, office_end)
    name_cells = column_starts(text, name_line, line_end)
    if len(office_cells) == len(name_cells) > 1:
        index = max(i for i, cell in enumerate(office_cells) if cell <= match.start())
        found = COLUMN_NAME.match(text, name_cells[index], line_end)
        if found:
            return found.start(), found.end(), found.group()
    return None


def column_starts(text: str, start: int, end: int) -> list[int]:
    """Where the columns of a line of a signature block begin: its first character that is no space, and every one
    after a gap (COLUMN_GAP)."""
    first = len(text[start:end]) - len(text[start:end].lstrip())
    return [start + first, *(m.end() - 1 for m in COLUMN_GAP.finditer(text, start, end))]


NAME_BEFORE_SURNAME = re.compile(rf"(?:{INITIALS} ?|[{U}][{L}]+ )$")


def own_role(text: str, match: re.Match, office: re.Pattern) -> bool:
    """Whether a name on the line after an office has a role of its own after it ("wethouder\nK. Smit, secretaris"):
    then it is the next signatory, not the holder of the office above it."""
    if "\n" not in text[match.start() : match.start(1)]:
        return False
    line_end = text.find("\n", match.end(1))
    rest = text[match.end(1) : line_end if line_end >= 0 else len(text)]
    return bool(ROLE_AFTER.match(rest)) and not office.search(rest)


@functools.lru_cache(maxsize=16)
def bestuurder_patterns(functions: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    office = "(?:" + "|".join(re.escape(f) for f in sorted(functions, key=len, reverse=True)) + ")"
    after = re.compile(
        rf"(?i:(?<!namens )(?<!namens de )\b{office})(?![\w-])"
        # after a portfolio a comma or a line break before the name ("De Minister van Klimaat en Groene Groei,\n…")
        # or its portfolio alone before a line break ("de gedeputeerde Milieu,\n…"), or the next column of a signature
        # block before it ("de voorzitter,      de secretaris,\n…": in_column finds the name under each)
        # (not past "namens deze": whoever signs there on the office's behalf is a civil servant)
        rf"(?:(?: (?:van|voor) (?:(?!namens )[\w' ,-]){{2,80}}?| voornoemd)(?:,[ \t]*\n?|[ \t]*\n)\s*"
        # not the next column's name on the same line ("A. Bos, burgemeester      R. Kok, secretaris": R. Kok is no
        # burgemeester)
        rf"| [{U}][\w-]*(?: en [{U}][\w-]*)?,?[ \t]*\n\s*|,?(?: {{3,}}|\t)[^\n]*\n\s*|,?(?:[ \t]*\n\s*|[ \t]{{0,2}}))"
        rf"(?:(?:de heer|mevrouw) )?((?:{TITLES})?{FULL_NAME})"
    )
    # also with a dash or a board membership between: "Jan Kos – wethouder gemeente Epe", "Eva Bos (lid, gedeputeerde
    # Utrecht)"
    before = re.compile(
        rf"((?:{TITLES})?{FULL_NAME})(?:,? \(?| [–-] )(?:(?i:lid|voorzitter|vicevoorzitter),? )?(?i:{office})(?![\w-])"
    )
    # the surname alone right after the office ("Wethouder Kampstra zegt toe"), and a signature: the name on its own
    # line above the office ("Met vriendelijke groet,\nKarin Hoekstra\nwethouder Milieu")
    alone = re.compile(rf"(?i:(?<!namens )(?<!namens de )\b{office}) ({SURNAME})(?![\w-]| [{U}])")
    # on behalf of a bestuurder named right after the office, in one line: the bestuurder ("ondertekend namens
    # wethouder Mirjam Kos"; "namens de burgemeester,\nJ. Smit" names who signs for him)
    behalf = re.compile(rf"(?i:\bnamens (?:de )?{office}) ((?:{TITLES})?{FULL_NAME})")
    above = re.compile(rf"(?m)^((?:{TITLES})?{FULL_NAME})[ \t]*\n[ \t]*(?i:{office})(?![\w-])")
    return after, before, re.compile(rf"(?i:{office})(?![\w-])"), alone, above, behalf


@functools.lru_cache(maxsize=8192)
def place(text: str) -> bool:
    """Whether a would-be name is only a place ("van Eindhoven" in "burgemeester en wethouders van Eindhoven")."""
    places = lookups()["placename"]
    stripped = LEADING_PARTICLE.sub("", text)
    return tokens(text) in places or (stripped != text and tokens(stripped) in places)


LEADING_PARTICLE = re.compile(rf"^(?:{TUSSENVOEGSEL}|te|in) ")


def tokens(text: str) -> list[str]:
    return [token.text for token in tokenizer().tokenize(text)]


# a natural-person enterprise in the text: "… V.O.F.", "… C.V.", "Maatschap …", "…, een eenmanszaak", "h.o.d.n. …"
ENTERPRISE = re.compile(
    rf"[{U}0-9'][\w'&.-]*(?: {ORG_TOKEN}){{0,6}} {NATURAL_FORM}"
    rf"|Maatschap(?: {ORG_TOKEN}){{1,5}}"
    rf"|[{U}][\w'&.-]*(?: {ORG_TOKEN}){{0,4}}(?=,? (?:een|de|mijn|zijn|haar|uw) eenmanszaak| \((?:eenmanszaak|vof)\))"
    rf"|(?:(?<=h\.o\.d\.n\. )|(?<=handelend onder de naam )|(?<=eenmanszaak )|(?<=vennootschap onder firma ))"
    rf"[{U}][\w'&.-]*(?: {ORG_TOKEN}){{0,4}}"
)
NAME_PIECE = re.compile(rf"(?:{INITIALS} ?)?(?:{TUSSENVOEGSEL} )?{WORD}(?:-(?:{TUSSENVOEGSEL} )?{WORD})*(?![\w.])")
PIECE_WORD = re.compile(WORD)
LEADING_INITIALS = re.compile(rf"^{INITIALS} ?")
PARTICLE_START = re.compile(rf"(?:{INITIALS} ?)?{TUSSENVOEGSEL} ")
PARTICLE_ONLY = re.compile(TUSSENVOEGSEL)
INITIALS_START = re.compile(INITIALS)
WORD_AFTER = re.compile(rf" {WORD}")
ARTICLE_START = re.compile(r"(?:De|Den|Het|'t) ")


def enterprise_names(text: str, trade_names: Iterable[str]) -> list[tuple[int, str]]:
    names = [(m.start(), m.group()) for m in ENTERPRISE.finditer(text)]
    return names + [(start, text[start:end]) for literal in trade_names for start, end in occurrences(text, literal)]


# a C.V. whose managing partner is a legal person is that legal person's enterprise, public (docs/domain.md §8)
LEGAL_MANAGING_PARTNER = re.compile(
    rf"(?i:beherend(?:e)? vennoot|beherende vennoten)\b[^.\n]{{0,80}}?(?:{LEGAL_FORM}|\b[sS]tichting\b)"
    # or before it: "waarvan Hoge Veld Beheer B.V. de beherend vennoot is"
    rf"|{LEGAL_FORM},? (?:is )?(?:de |als )?(?i:beherend(?:e)? vennoot)"
)


def legal_cv(text: str) -> bool:
    return "C.V." in text and bool(LEGAL_MANAGING_PARTNER.search(text))


# the partners named right after a partnership: "… V.O.F. (vennoten: Kiezel Maas B.V. en Grindbank Zuid B.V.)"
PARTNERS_AFTER = re.compile(
    # also in the next cell of a row, after the partnership's kind: "…V.O.F.;vof (vennoten: X B.V. en Y B.V.)"
    r"(?:[ \t]*[;|][ \t]*(?i:vof|v\.o\.f\.|cv|c\.v\.|maatschap))?"
    r"[ \t]*[(,][ \t]*(?:vennoten|de vennoten|maten|beherend(?:e)? vennoten?)[: ]+([^()\n]{3,160})"
)
LEGAL_PARTNER = re.compile(rf"[{U}0-9'][\w'&.-]*(?: {ORG_TOKEN}){{0,7}} {LEGAL_FORM}|,? (?:en|&) |, ")
# (a title as a word of its own: not the "heer" of "De Vaart Beheer B.V.")
PARTNER_PERSON = re.compile(rf"(?<![\w.])(?:{TITLES}|{INITIALS} ?(?:{TUSSENVOEGSEL} )?[{U}])")
PARTNER_START = re.compile(rf"(?:^|, | en | & )([{U}][{L}]+)")


def legal_partners(text: str, end: int) -> bool:
    """Whether the partners named right after a partnership's name are legal persons only (a combination of
    companies, docs/domain.md §8: then it is their enterprise, public): every partner with a legal form, none with
    initials or a title."""
    match = PARTNERS_AFTER.match(text, end)
    if not match:
        return False
    partners = match.group(1).split(")")[0]
    rest = LEGAL_PARTNER.sub("", partners)
    if partners == rest or rest.strip(" ,.&;") or PARTNER_PERSON.search(partners):
        return False
    structs = lookups()  # a given name opening a partner ("Piet van Dam en Dam Beheer B.V.") is a natural person's
    return not any(
        name_word(word, "first_name", structs) and not ordinary_word(word.lower(), structs)
        for word in PARTNER_START.findall(partners)
    )


def trade_name_spans(text: str, trade_names: Iterable[str]) -> Iterator[Span]:
    """The personal name inside the trade name of a natural-person enterprise (docs/domain.md §8): "Van Dijk" in
    "Loonbedrijf Gebr. Van Dijk V.O.F.", "Öztürk" in "Autorecycling Öztürk"; what is no name stays. Not in a C.V.
    whose managing partner is a legal person: a legal person's enterprise."""
    skip_cv = legal_cv(text)
    for offset, name in enterprise_names(text, trade_names):
        if (skip_cv and name.endswith("C.V.")) or legal_partners(text, offset + len(name)):
            continue
        for start, end in personal_pieces(name):
            yield Span(offset + start, offset + end, "trade_name")


@functools.lru_cache(maxsize=4096)
def personal_pieces(name: str) -> tuple[tuple[int, int], ...]:
    """The parts of a trade name that name a person: initials, a first name, a surname of deduce's lists that is no
    ordinary word, a surname particle before a word that is no ordinary word; not a place of more than one word."""
    structs = lookups()
    whitelist, common, surnames, first_names = (
        structs["whitelist"],
        structs["common_word"],
        structs["surname"],
        structs["first_name"],
    )
    interfix_surnames = structs["interfix_surname"]  # "Jong" of "de Jong", "Wildt" of "de Wildt"
    pieces: list[tuple[int, int]] = []
    first_name_before, after_phrase = False, -1
    for match in NAME_PIECE.finditer(name):
        piece = match.group()
        words = PIECE_WORD.findall(LEADING_INITIALS.sub("", piece))
        bare = [w for w in words if not PARTICLE_ONLY.fullmatch(w)]
        particle = bool(PARTICLE_START.match(piece))
        ordinary = [w.lower() in whitelist or w.lower() in common for w in bare]
        following = name[match.start() :].split()
        multiword_place = any(following[:n] in structs["placename"] for n in (2, 3, 4) if len(following) >= n)
        # "De Gouden Leeuw", "'t Vennetje": a particle before ordinary words or a diminutive is no surname; a
        # capitalised article before one word only where that word is a surname ("De Jong", not "De Zevensprong")
        phrase = particle and bool(WORD_AFTER.match(name[match.end() :]))
        article = bool(ARTICLE_START.match(piece))
        personal = not multiword_place and (
            bool(INITIALS_START.match(piece))
            or (
                particle
                and bare
                and not phrase
                and not bare[-1].endswith("je")
                and ([bare[-1]] in surnames or bare[-1] in interfix_surnames or not (ordinary[-1] or article))
            )
            or (particle and first_name_before)
            or any([w] in surnames and w.lower() not in whitelist for w in bare)
            or (bool(bare) and [bare[0]] in first_names and not ordinary[0] and len(bare) > 1)
        )
        first_name_before = bool(bare) and [bare[-1]] in first_names and not ordinary[-1]
        if phrase and not personal:
            after_phrase = match.end() + 1
        if (personal or first_name_before) and match.start() != after_phrase:
            pieces.append((match.start(), match.end()))
    # two partners' initials before one surname: "Melkveebedrijf H. en G. Dijkstra"
    for match in JOINED_INITIALS.finditer(name):
        if any(start == match.end() for start, _ in pieces):
            pieces.append((match.start(), match.end()))
    return tuple(sorted(pieces))


JOINED_INITIALS = re.compile(rf"(?<![\w.]){INITIALS} ?(?:en|&) (?={INITIALS})")


def enterprise_ranges(text: str, trade_names: Iterable[str]) -> list[tuple[int, int]]:
    return [(offset, offset + len(name)) for offset, name in enterprise_names(text, trade_names)]


def name_words(text: str, persons: Iterable[Span]) -> set[str]:
    return {m.group(2) for p in persons for m in NAME_WORD.finditer(text, p.start, p.end)} - NOT_A_NAME


OWNER_WORD = re.compile(rf"[{U}][{L}]+(?:-[{U}][{L}]+)*")


def owners_in_trade_names(text: str, trade_names: Iterable[str], persons: list[Span]) -> list[Span]:
    """A name of a person the text names outside its enterprise names, inside a natural-person enterprise's name:
    personal ("Ayşe Yıldırım" and "Bakkerij Yıldırım"), also where no list knows the name (docs/domain.md §8). (An
    ordinary word there that names none of them stays personal: whose name "Groen" is the text may not say.)"""
    # not a partnership of legal persons only ("… V.O.F. (vennoten X Holding B.V. en Y B.V.)"): public
    ranges = [(a, b) for a, b in enterprise_ranges(text, trade_names) if not legal_partners(text, b)]
    if not ranges:
        return []
    outside = [p for p in persons if p.label == "person" and not any(a < p.end and p.start < b for a, b in ranges)]
    words = name_words(text, outside)
    return [
        Span(m.start(), m.end(), "trade_name")
        for a, b in ranges
        for m in OWNER_WORD.finditer(text, a, b)
        if m.group() in words
    ]


def occurrences(text: str, literal: str) -> list[tuple[int, int]]:
    """Where `literal` stands in `text` as whole words."""
    literal = literal.strip()
    return standing_alone(text, literal) if literal else []


def standing_alone(text: str, literal: str, joiners: str = "") -> list[tuple[int, int]]:
    r"""Where `literal` stands in `text` with no word character (nor one of `joiners`) right before or after it, left
    to right without overlap: what `(?<![\w…])literal(?![\w…])` finds, without compiling a pattern for each name (the
    regular-expression cache holds too few of them for a batch of documents)."""

    def joined(position: int) -> bool:
        char = text[position]
        return char.isalnum() or char == "_" or char in joiners

    found, end_of_text = [], len(text)
    start = text.find(literal)
    while start >= 0:
        end = start + len(literal)
        if not (start and joined(start - 1)) and not (end < end_of_text and joined(end)):
            found.append((start, end))
            start = text.find(literal, end)
        else:
            start = text.find(literal, start + 1)
    return found


TRAILING_SURNAME = re.compile(rf"(?:{TUSSENVOEGSEL} )?{WORD}(?:-(?:{TUSSENVOEGSEL} )?{WORD})*$")
EMAIL_LITERAL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def literal_label(literal: str) -> str:
    if EMAIL_LITERAL.fullmatch(literal):
        return "email"
    if re.fullmatch(r"\d{8}", literal):
        return "personal_kvk"
    if re.search(r"\d", literal):
        return "home_address" if re.search(r"[^\W\d_]", literal) else "phone"
    return "person"


PLACE_AFTER_HOME = re.compile(r"(?:\d{4} ?[A-Z]{2}|\d[\w-]*)(,?[ \t]+[A-Z'][^\d,\n]*)$")


def remove_spans(text: str, remove: Iterable[str]) -> Iterator[Span]:
    """The texts the context names as personal, wherever they occur; a name also by its surname alone."""
    for literal in remove:
        literal = literal.strip()
        label = literal_label(literal)
        texts = [literal]
        if label == "person":
            surname = TRAILING_SURNAME.search(literal)
            if surname:
                texts += [surname.group(), surname.group()[0].upper() + surname.group()[1:]]
            texts += login_names(literal)
        for piece in texts:
            for start, end in occurrences(text, piece):
                if label == "home_address":  # the place after a home is public (docs/domain.md §8)
                    place_after = PLACE_AFTER_HOME.search(text, start, end)
                    end = place_after.start(1) if place_after else end
                yield Span(start, end, label)


def login_names(name: str) -> list[str]:
    """A system user's login names of the usual form: the initial and the surname run together in lower case
    ("ikwakernaak" of "Ingrid Kwakernaak", "mtendam" of "Marieke ten Dam"), in an export's or a log's footer."""
    words = LETTERS.findall(name)
    if len(words) < 2 or not words[0][:1].isupper():
        return []
    login = (words[0][0] + "".join(words[1:])).lower()
    return [login] if len(login) >= 5 else []


# a name word of three letters or more, or a double name of shorter parts ("Al-Khatib", "El-Idrissi")
NAME_WORD = re.compile(rf"({TUSSENVOEGSEL} )?([{U}][{L}]+(?:-[{U}][{L}]+)+|[{U}][{L}]{{2,}})")
TITLE_WORD = re.compile(TITLE, re.IGNORECASE)
PARTICLE_BEFORE = re.compile(rf"(?<![\w-])(?:(?:{TITLES})?{TUSSENVOEGSEL} |{TITLES})$")
TITLE_BEFORE = re.compile(rf"(?<![\w-]){TITLES}$")
INITIALS_OR_GIVEN = re.compile(rf"(?:{TITLES})?(?:{INITIALS} ?|[{U}][{L}]+ (?=(?:{TUSSENVOEGSEL} )?[{U}]))")


# a preposition or an abbreviation in capitals before a place ("van Boxtel" of "wethouders van Boxtel", "APV Boxtel")
PLACE_BEFORE = re.compile(r"(?:\b(?:te|in|uit|bij|nabij|van|gemeente|Gemeente)|(?<![\w-])[A-Z]{2,})[ \t]$")
# a title, initials or a given name before a surname, with its particle, or the particle alone as a surname opens
NAMED_BEFORE = re.compile(
    rf"(?:(?:{TITLES}|{INITIALS} ?|(?<![\w-])[{U}][{L}]+ )(?:{TUSSENVOEGSEL} )?"
    r"|(?<![\w-])(?:Van der|Van den|Van de|Van|De|Ter|Ten|Den|Der) )$"
)
CAPS_WORD = re.compile(rf"(?<![\w-])({CAPS_PARTICLE} )?([{U}]{{3,}}(?:-[{U}]{{2,}})*)(?![\w-])")


def propagate_names(text: str, persons: list[Span]) -> Iterator[Span]:
    """Every other mention of a removed person's names ("de heer Yilmaz" after "Mehmet Yilmaz", the surname in a
    sole trader's trade name), with the particle in front only where the name had one ("mevrouw Van der Sande"), so
    that "klacht van Ria" keeps its "van"; a company name that contains it is protected by the policy."""
    names: dict[str, bool] = {}
    places: set[str] = set()
    for p in persons:
        # a place name is a surname where initials or a given name stand before it ("R. Hazelaar"), not alone; and so
        # it is elsewhere, but where a place's cue stands before it ("APV Boxtel", "wethouders van Boxtel")
        named = INITIALS_OR_GIVEN.match(text, p.start, p.end)
        for match in NAME_WORD.finditer(text, p.start, p.end):
            word = match.group(2)
            if word in NOT_A_NAME or TITLE_WORD.fullmatch(word):
                continue
            is_place = place(word)
            if (named and match.start() >= named.end()) or not is_place:
                names[word] = names.get(word, False) or bool(match.group(1))
                if is_place:
                    places.add(word)
        # a surname in capitals is written in the text's own case elsewhere ("Kowalski" of "KOWALSKI, Piotr", "De
        # Vries" of "DE VRIES, Klaas") or again in capitals, as a police report goes on ("KOWALSKI verklaarde …")
        for match in CAPS_WORD.finditer(text, p.start, p.end):
            word = "-".join(part.capitalize() for part in match.group(2).split("-"))
            given_after = text.startswith(", ", match.end()) and match.end() < p.end  # "VRIES, Klaas": no place
            if word not in NOT_A_NAME and match.group(2) not in NOT_A_NAME and (given_after or not place(word)):
                names[word] = names.get(word, False) or bool(match.group(1))
                names.setdefault(match.group(2), False)
    for name, particle in names.items():
        for start, end in standing_alone(text, name, "-"):
            if (
                name in places
                and PLACE_BEFORE.search(text, max(0, start - 12), start)
                and not NAMED_BEFORE.search(text, max(0, start - 40), start)
            ):
                continue
            before = PARTICLE_BEFORE if particle else TITLE_BEFORE
            lead = before.search(text, max(0, start - 60), start)
            yield Span(lead.start() if lead else start, end, "person")


# what is left beside a found name: a degree after it ("L. Sánchez Romero MSc"), a particle between two found parts
# ("Jan" and "Boer" of "Tuincentrum Jan de Boer"), a given name joined to it by "en" ("Peter en Ingrid Verkerk")
POSTNOMINAL = re.compile(
    r"(?:,? (?:MSc|MA|BSc|BA|LLM|LL\.M\.|MBA|PhD|MPA|MPH|RA|RE|AA|RC|EMIA|CPI|MCM|MSc\.))+(?![\w.])"
)
PARTICLE_GAP = re.compile(rf" {TUSSENVOEGSEL} ")
GIVEN_AND = re.compile(rf"(?<![\w-])({WORD}) (?:en|&) $")
# the initial of a surname after a given name ("driver Andrzej K."), the son of a family business ("Van der Meer &
# Zoon C.V."): part of the name
INITIAL_AFTER = re.compile(rf" [{U}]\.(?!\w)")
FAMILY_AFTER = re.compile(r" (?:&|en) (?:Zn|Zoon|Zonen|Dochter|Dochters)\b\.?")
NAME_LABELS = frozenset({"person", "trade_name"})


def completed_names(text: str, spans: list[Span]) -> Iterator[Span]:
    """The removal spans that complete a name found in parts (see above), over the decided spans."""
    names = [s for s in spans if s.label in NAME_LABELS]
    structs = None
    for index, span in enumerate(names):
        degree = POSTNOMINAL.match(text, span.end)
        if degree and span.label == "person":
            yield Span(span.start, degree.end(), "person")
        initial = INITIAL_AFTER.match(text, span.end)
        if initial and span.label == "person" and " " not in text[span.start : span.end]:
            yield Span(span.start, initial.end(), "person")
        family = FAMILY_AFTER.match(text, span.end)
        if family and span.label == "trade_name":
            yield Span(span.start, family.end(), "trade_name")
        following = names[index + 1] if index + 1 < len(names) else None
        if following and PARTICLE_GAP.fullmatch(text, span.end, following.start):
            yield Span(span.start, following.end, following.label)
        given = GIVEN_AND.search(text, max(0, span.start - 40), span.start)
        if given and span.label == "person":
            structs = structs or lookups()
            word = given.group(1)
            if name_word(word, "first_name", structs) and not ordinary_word(word.lower(), structs):
                yield Span(given.start(), span.end, "person")


# a person by the letters of their name, as notes and minutes write an official ("SV", "KvdW", "JdB"): capitals,
# with the small letters of a particle between them; an institution's abbreviation of that form is none
CODE = r"[A-Z](?:(?:v|d|vd|vdr|t)?[A-Z]){1,3}"
CODE_WORD = re.compile(rf"(?<![\w@.&-]){CODE}(?![\w@&-])")
NOT_A_CODE = frozenset(
    "KvK VvE PvA PvE MvT MvA RvS RvC RvT RvB RvA OvJ OvD CvB CvdK CdK BvB HvJ GS BW OM OD".split()  # noqa: SIM905
)
# a list of codes, each with its role in brackets or not: "RvdB (voorzitter), JdV, MK"
CODE_ITEM = rf"{CODE}(?:[ \t]*\([^()\n]{{1,30}}\))?"
CODE_LIST = rf"{CODE_ITEM}(?:[ \t]*(?:/|,|&| en )[ \t]*{CODE_ITEM})*"
BRACKETED = re.compile(r"\([^()\n]*\)")
CODE_END = r"(?=[ \t]*(?:[,;:)(\n]|$|[ \t][–—-][ \t]))"
# who wrote, signed, chaired or was there: "Paraaf toezichthouder: WB", "opgesteld 04-08-2025 – GP / SW", "Verslag:
# JPR", "behandelaar: KvdL", "Voorzitter: MK; notulen: SV"; after a bare "door" or "ploeg" only a list with a code
# in mixed case ("geteld door MvW en JB", "ploeg JdB/ST"): "door ILT" names an inspectorate
CODE_FIELD = re.compile(
    r"(?i:\b(?:paraaf|paraven|initialen|verslag|notulen|notulist|opgesteld|opgemaakt|behandelaar|voorzitter|auteur|"
    r"secretaris|aanwezig|aanw\.|afwezig)(?:[ \t]+[\w.-]+){0,2}?[ \t]*(?:[:–—-]|door))"
    rf"[ \t]*({CODE_LIST}){CODE_END}"
)
CODE_IN_REFERENCE = re.compile(
    rf"(?i:kenmerk|referentie|ref\.)[:.]?[ \t]+[\w/.-]*\d[\w.-]*/({WRITER_CODE})(?![\w@&/-])"
)
CODE_AFTER_WORD = re.compile(rf"(?i:\b(?:door|ploeg|nakijken|checken|via))[ \t]+({CODE_LIST}){CODE_END}")
# a code before a role in brackets ("GdH (toezicht FUMO)") or the text's last line alone (a paraph under a note)
# ("aan de ILT (inspecteur T. Verschuren)" names an organisation: no person's code stands after an article)
CODE_BEFORE_ROLE = re.compile(rf"(?<![\w@.&/-])(?<!\bde )(?<!\bhet )({CODE})[ \t]+\((?i:toezicht\w*|{ROLE})\b")
CODE_LAST_LINE = re.compile(rf"\n[ \t]*({CODE_LIST})[ \t]*\s*$")
# a code beside a found name: "SV – Sanne Veldkamp" opening a line, "Koen Maasdijk, MK" closing one
CODE_BEFORE_NAME = re.compile(rf"[ \t]*(?:[–—-][ \t]*)?({CODE})[ \t]*[–—:=-][ \t]*")
CODE_AFTER_NAME = re.compile(rf"(?:,[ \t]*|[ \t]*\()({CODE})\)?[ \t]*(?:$|\n|[,;])")
# each part of a double name gives its capital: "Vaessen-Houben" makes "VH", "Willem-Jan" "WJ"
NAME_INITIAL = re.compile(rf"\(.*?\)|({TUSSENVOEGSEL}(?= ))|([{U}])[\w']*")


def initials(name: str) -> set[str]:
    """The codes a name's letters make: "Bart van der Heijden" makes "BvdH" and "BH", "H. (Henk) Bakhuis" "HB"."""
    letters = [(m.group(1), m.group(2)) for m in NAME_INITIAL.finditer(name) if m.group(1) or m.group(2)]
    if sum(1 for _, capital in letters if capital) < 2:
        return set()
    full = "".join(
        "".join(w[0].lower() for w in particle.split()) if particle else capital for particle, capital in letters
    )
    return {full, "".join(capital for _, capital in letters if capital)}


def code(value: str) -> bool:
    return value not in NOT_A_CODE and value not in NOT_A_NAME and not (value.isupper() and len(value) > 3)


def code_spans(text: str, persons: list[Span]) -> Iterator[Span]:
    """The persons a text names by a code of capitals (see CODE): where a field or cue says whose it is, beside a
    found name, or made of the letters of a found name; then every other mention of the same code."""
    candidates = {m.group() for m in CODE_WORD.finditer(text)}
    names = [p for p in persons if p.label == "person"]
    # four capitals are an abbreviation ("NVWA") unless they are a found name's initials ("JPMH" of "J.P.M. Hendriks")
    own = {i for p in names for i in initials(text[p.start : p.end]) if len(i) == 4} if candidates else set()
    candidates = {c for c in candidates if code(c) or (c in own and c not in NOT_A_NAME)}
    if not candidates:
        return
    codes = set()
    for match in CODE_FIELD.finditer(text):
        codes.update(re.findall(CODE, BRACKETED.sub("", match.group(1))))
    codes.update(m.group(1) for m in CODE_IN_REFERENCE.finditer(text))
    for match in CODE_AFTER_WORD.finditer(text):
        listed = re.findall(CODE, BRACKETED.sub("", match.group(1)))
        if any(not c.isupper() for c in listed):
            codes.update(listed)
    codes.update(m.group(1) for m in CODE_BEFORE_ROLE.finditer(text))
    last = CODE_LAST_LINE.search(text)
    if last:
        codes.update(re.findall(CODE, BRACKETED.sub("", last.group(1))))
    after_names = list(CODE_AFTER_NAME.finditer(text)) if names else []
    for person in names:
        name = text[person.start : person.end]
        codes.update(initials(name) & candidates)
        # beside the name, a code of its capitals in another order ("Koen Maasdijk, MK"), not an organisation's
        # abbreviation ("S.L. Visser, ODR"); the name's span may hold it
        line_start = text.rfind("\n", 0, person.start) + 1
        before = CODE_BEFORE_NAME.fullmatch(text, line_start, person.start)
        beside = [before] if before else []
        beside += [m for m in after_names if person.start < m.start() <= person.end]
        if beside:
            capitals = {c for m in NAME_INITIAL.finditer(name) if (c := m.group(2))}
            codes.update(m.group(1) for m in beside if {c for c in m.group(1) if c.isupper()} <= capitals)
    codes &= candidates
    for match in CODE_WORD.finditer(text):
        if match.group() in codes:
            yield Span(match.start(), match.end(), "person")


# a table of persons ("Datum | Melder | Adres melder | …"): the cells under a header that names a person's role are
# names, the cells under its address header their homes
TABLE_LINE = re.compile(r"(?m)^[^\n]*(?:\|[^\n|]*){2,}$|^[^\n]*(?:\t[^\n\t]*){2,}$")
# an exported file's rows: values between semicolons, three at least ("klachtnr;datum;melder;adres melder")
CSV_LINE = re.compile(r"(?m)^[^\n;]*(?:;[^\n;]*){2,}$")
PERSON_HEADER = re.compile(
    r"(?i)(?:naam )?(?:melder|klager|klaagster|naam|bewoner|bewoonster|indiener|betrokkene|bestuurder|verdachte|"
    r"aangever|getuige|contactpersoon|overtreder|huurder|eigenaar|chauffeur|"
    # a pair of roles ("Eigenaar/bewoner"), in English ("Driver")
    r"(?:eigenaar|bewoner|huurder)/(?:eigenaar|bewoner|huurder)|driver|owner|resident|complainant|suspect|witness)"
)
ADDRESS_HEADER = re.compile(
    r"(?i)(?:(?:woon|huis)?adres(?: (?:melder|klager|bewoner|indiener|betrokkene))?|woonplaats/straat|"
    r"straat(?:/woonplaats| en huisnummer)?)"
)
TABLE_LEGAL_PERSON = re.compile(rf" {LEGAL_FORM}")
TABLE_NOT_A_NAME = re.compile(r"[\d()]|(?:\S+\s+){5}")  # a cell of more than a name: its parts are the detectors'
EMPTY_CELL = re.compile(r"(?i)(?:anoniem|onbekend|n\.?v\.?t\.?|geen|nee|ja|[–—-]*|\?*)")


def table_rows(text: str) -> Iterator[tuple[list[str], list[tuple[int, int]], re.Match]]:
    """The data rows of the tables of a text ("a | b | c" or tab-separated lines after a header line): each as its
    table's header cells, its own cells (start, end, without the spaces around the value) and its line."""
    csv = ";" in text and "|" not in text and "\t" not in text
    if "|" not in text and "\t" not in text and not csv:
        return
    header: list[str] = []
    previous_end = -2
    for line in (CSV_LINE if csv else TABLE_LINE).finditer(text):
        separator = ";" if csv else "|" if line.group().count("|") >= 2 else "\t"
        cells, position = [], line.start()
        for value in line.group().split(separator):
            start = position + len(value) - len(value.lstrip())
            cells.append((start, max(start, position + len(value.rstrip()))))
            position += len(value) + 1
        if line.start() != previous_end + 1:
            header = [text[a:b] for a, b in cells]  # a table starts after a line that is none
        else:
            yield header, cells, line
        previous_end = line.end()


def table_cells(text: str) -> Iterator[tuple[str, int, int]]:
    """The cells of the tables of a text under a person's header ("person") or an address header ("address") of a
    table that has a person's header, each as (kind, start, end)."""
    for header, cells, _ in table_rows(text):
        if not any(PERSON_HEADER.fullmatch(h) for h in header):
            continue
        row = list(zip(cells, header, strict=False))
        # a legal person in the person's column ("| Kalverhouderij Hazelbach B.V. | Voorsterweg 14, Twello |"): its
        # row is no person's, its address the establishment's
        if any(PERSON_HEADER.fullmatch(n) and TABLE_LEGAL_PERSON.search(text, a, b) for (a, b), n in row):
            continue
        for (start, end), name in row:
            if start >= end or EMPTY_CELL.fullmatch(text, start, end) or not re.search(rf"[{L}{U}]", text[start:end]):
                continue
            if PERSON_HEADER.fullmatch(name):
                yield "person", start, end
            elif ADDRESS_HEADER.fullmatch(name):
                yield "address", start, end


def table_names(text: str) -> Iterator[Span]:
    for kind, start, end in table_cells(text):
        if kind == "person" and not TABLE_NOT_A_NAME.search(text, start, end):
            yield Span(start, end, "person")


# a name written surname first, as an e-mail header writes it ("Van: Visser, mr. J.K. (Jan) van der <…>", "Aan: Brink,
# Anna ten (RWS) <…>", "Bakker, P."): the whole of it, with its given names or initials and the particle at its end
INVERTED_NAME = re.compile(
    rf"(?<![\w-])({WORD}(?:-{WORD})*), (?:{TITLES})?(?:{INITIALS}|{GIVEN}(?:[ -]{GIVEN}){{0,2}})"
    rf"(?: ?\([^()\n]{{1,30}}\))?(?: {TUSSENVOEGSEL})?(?=[ \t]*(?:<|\(|\n|$|,))"
)
# where a surname-first name stands: opening a line or a field ("Van: …", "Verdachte: …")
LINE_OR_FIELD = re.compile(r"(?:^|\n|:)[ \t]*$")
GIVEN_WORD = re.compile(WORD)


def inverted_names(text: str, persons: list[Span]) -> Iterator[Span]:
    """A found name's surname-first form (see INVERTED_NAME), where the surname is a found person's."""
    if ", " not in text:
        return
    for match in INVERTED_NAME.finditer(text):
        if not LINE_OR_FIELD.search(text, max(0, match.start() - 20), match.start()):
            continue
        if not any(p.start <= match.start(1) < p.end for p in persons):
            continue
        given = text[match.end(1) + 2 : match.end()]
        if not INITIALS_START.match(given):  # a given name of the list, not a place ("Kok, Zwolle")
            first_names = lookups()["first_name"]
            if not any([word] in first_names for word in GIVEN_WORD.findall(given)):
                continue
        yield Span(match.start(), match.end(), "person")
