"""Woo redaction: find the personal data in a Dutch enforcement text and propose removal spans under the Woo policy
(openvth.rules.redaction_policy).

deduce finds names, phone numbers, e-mail addresses and BSNs; the patterns here add what it misses in enforcement
documents (titles and initials before names, signatures, the fields of a police report, Dutch phone formats, the
11-proof BSN, dates and places of birth, home addresses) and mark what the public needs (legal persons, public
bodies, KvK numbers, establishment addresses, provisions), so that the policy can decide overlaps. deduce is loaded
once per process: its lookup structures take seconds to load from its cache and over a minute to build (`warm`).
"""

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from openvth.rules.redaction_policy import Span, blacken, decide, eleven_proof, establishment_is_personal, ground

U = "A-ZÀ-ÖØ-ÞĆČĐŁŃŚŠŹŽŻİŞĞ"
L = "a-zß-öø-ÿāăąćčďđēęěğīıłńňōőœřśşšţťūůűźżžșț"
WORD = rf"[{U}][{L}]+(?:'[{L}]+)?"
TUSSENVOEGSEL = (
    r"(?:[vV]an der|[vV]an den|[vV]an de|[vV]an 't|[vV]an|[dD]e|[dD]er|[dD]en|[tT]er|[tT]en|[iI]n 't|[iI]n het|'t|"
    r"[oO]p de|[oO]p ten|[uU]it de|[uU]it den|[dD]a|[dD]os|[dD]u|[eE]l|[aA]l|[lL]e|[lL]a|[dD]i|[vV]on|Oude|Op)"
)
# a surname: "Jansen", "van der Linden", "Hoogland-van Vliet", "Tjon-A-Fong", "Bakker-Sahin"
SURNAME = rf"(?:{TUSSENVOEGSEL} )?{WORD}(?:-(?:{TUSSENVOEGSEL} )?[{U}][{L}]*)*"
INITIALS = rf"(?!(?:B\.V|N\.V|V\.O\.F|C\.V)\.)(?:(?:[{U}]|Th|Chr|Ph|Tj|IJ)\. ?){{1,6}}"
NICKNAME = rf"(?:\({WORD}(?:-{WORD})?\) )"
GIVEN = rf"{WORD}(?:-{WORD})?"
FULL_NAME = rf"(?:{INITIALS} ?{NICKNAME}?{SURNAME}|{GIVEN} {NICKNAME}?(?:{GIVEN} ){{0,3}}{SURNAME})"
TITLE = (
    r"(?:(?:[dD]e )?[hH]eer(?: en [mM]evrouw)?|[dD]e heren|[mM]evrouw|[mM]evr\.|[mM]w\.|[dD]hr\.|[fF]am\.|"
    r"(?:[dD]e )?[fF]amilie|[mM]r\.|[dD]rs\.|[iI]r\.|[iI]ng\.|[dD]r\.|[pP]rof\.|[bB]oa|[bB]oa's)"
)
TITLES = rf"(?:{TITLE} )+"
# words that precede a name in these documents: roles, fields and signature lines
ROLE = (
    r"(?:toezichthouders?|inspecteurs?|inspecteur van politie|verbalisanten?|brigadier|hoofdagent|agent|collega|"
    r"boswachter|directeur|bedrijfsleider|beheerder|locatiemanager|eigenaar|exploitant|ondernemer|vennoten|houder|"
    r"voorzitter|secretaris|burgemeester|bestuurders?|uitvoerder|chauffeur|schipper|operator|planner|leidinggevende|"
    r"projectleider|contactpersoon|gemachtigde|advocaat|jurist|medewerker|omwonende|buurvrouw|buurman|dochter|zoon|"
    r"getuige|melders?|klager|klaagster|aangever|verhoorde|verdachte|bewoner|bewoonster|behandelaar|"
    r"klachtbehandelaar|coördinator|teamleider|opsporingsambtenaar|[bB]ehandeld door|[oO]pgesteld door|"
    r"[oO]pgemaakt door|[vV]erhoord door|[oO]pgenomen door|[aA]anwezig|t\.a\.v\.|[gG]roet|[iI]k, verbalisant|"
    r"namens deze|namens dezen|namens hen)"
)
# words that precede a name only as a field label, with a colon: "Van: Bram de Ruiter <…>", "Aan: mevrouw …"
FIELD = r"(?:Van|Aan|Naam|Verzonden aan|Toezicht|Afschrift aan|Afschrift)"

NAME_AFTER_TITLE = re.compile(rf"{TITLES}(?:{FULL_NAME}|{SURNAME})")
NAME_WITH_INITIALS = re.compile(rf"(?<![\w.])(?:{TITLES})?{INITIALS} ?{NICKNAME}?{SURNAME}")
NAME_AFTER_ROLE = re.compile(rf"(?:(?i:\b{ROLE})[,:]?|\b{FIELD}:) (?:{TITLES})?({FULL_NAME})")
# a line that is only a name, with an optional role after a comma: the signature under a letter or a decision
SIGNATURE_LINE = re.compile(rf"(?m)^(?:{TITLES})?{FULL_NAME}(?=,[^\n]*$|$)")
PERSON_FIELD = re.compile(
    r"(?m)^(?:Achternaam|Voornamen|Voornaam|Naam verdachte|Naam|Getuige|Verhoorde|Melder|Klager|Aangever)"
    r":[ \t]*(?!anoniem)([^\n(,]+)"
)

MONTHS = r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|\d{{1,2}} {MONTHS} (?:19|20)\d{{2}})"
BIRTH_DATE = re.compile(rf"(?i:geboren(?: op)?|geb\.|geboortedatum):?\s*({DATE})")
PLACE_NAME = rf"(?:'s-)?{WORD}(?:[- ](?:aan de |op |en )?{WORD})*(?: \([^)\n]{{1,3}}\))?"
BIRTH_PLACE = re.compile(
    rf"(?:(?i:geboren(?: op)?|geb\.|geboortedatum):?\s*{DATE} te ({PLACE_NAME})|Geboorteplaats:\s*({PLACE_NAME}))"
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_START = re.compile(r"(?<![\w+(/-])(?:(?:\+31|0031)[ -]?(?:\(0\)[ -]?)?|\(0(?=\d{1,3}\))|0(?=\d))")
IBAN = re.compile(r"\bNL\d{2} ?[A-Z]{4}(?: ?\d){10}\b")
NINE_DIGITS = re.compile(r"(?<![\d.])(\d{9}|\d{4}\.\d{2}\.\d{3})(?![\d])")
BSN_CUE = re.compile(r"(?i)\bBSN\b[^\n\d]{0,20}$")
PERSONAL_NUMBER = re.compile(r"(?i)\b(?:ambtsnummer|boa-nummer|dienstnummer|stamnummer|personeelsnummer):?\s*(\d{3,8})")
KVK = re.compile(r"(?i)\b(?:KvK|vestigingsnummer)(?:-nummer)?:?\s*(\d{8}|\d{12})\b")

ORG_TOKEN = rf"(?:[{U}0-9'][\w'&.-]*|&|en|van|de|der|den|het|'t|voor)"
BODY_TOKEN = rf"(?:[{U}][\w'&-]*(?![\w'&-]*\.)|en|van|de|&)"
LEGAL_FORM = r"(?:B\.V\.|N\.V\.|V\.O\.F\.|VOF|C\.V\.|B\.V\b|N\.V\b)"
ORGANISATION = re.compile(
    rf"[{U}0-9'][\w'&.-]*(?: {ORG_TOKEN}){{0,7}} {LEGAL_FORM}"
    rf"|(?:Stichting|Vereniging|Coöperatie|Woonstichting|Woningstichting|Voetbalvereniging|Maatschap)"
    rf"(?: (?:{ORG_TOKEN})){{1,5}}"
    rf"|(?i:gemeente|omgevingsdienst|regionale uitvoeringsdienst|RUD|veiligheidsregio|provincie|"
    rf"gedeputeerde staten van|hoogheemraadschap(?: van)?|waterschap|politie(?: eenheid)?|eenheid|inspectie|"
    rf"milieupolitie|basisteam)(?: {BODY_TOKEN}){{1,6}}"
)

LAW = (
    r"(?:Bal|Bbl|Bkl|Awb|Wm|Wabo|Omgevingswet|Waterwet|Gemeentewet|Opiumwet|[{U}][\w-]*(?:wet|besluit|verordening)"
    r"|(?:Besluit|Wet|Regeling|EU)(?: [\w'-]+){1,6})"
).replace("{U}", U)
PROVISION = re.compile(
    rf"\b(?:[aA]rtikel|[aA]rt\.|[vV]oorschrift)\s\d[\w.:]*(?: (?:en|jo\.|in samenhang met) (?:artikel )?\d[\w.:]*)*"
    rf"(?: (?:van (?:de |het )?)?{LAW}\b)?|\b(?:PGS|NPR|SC-)\s?\d+"
)
STREET_SUFFIX = (
    r"(?:straat|straatweg|weg|laan|plein|kade|dijk|dyk|gracht|singel|dreef|pad|markt|haven|hof|park|steeg|baan|wal|"
    r"boulevard|veste|poort|plantsoen|ring|erf|dam|rijt|oord|brink|zijde|buurt|voort|daal|akker|veld|horst|donk|"
    r"hoek|boekel|burgwal|voorburgwal|factorij|pad)"
)
STREET_WORD = rf"(?:[{U}][{L}]*\.?|{TUSSENVOEGSEL}|[A-Z]\.)"
ADDRESS = re.compile(
    rf"(?<![\w.])((?:{STREET_WORD} ){{0,4}}[{U}][{L}]+)"
    rf" (\d{{1,5}}(?:[- ]?(?:[A-Z]{{1,2}}\b|[IVX]{{1,4}}\b|bis\b|\d{{1,3}}\b))?)"
    rf"(?:,?\s(\d{{4}} ?[A-Z]{{2}})\b)?"
)
PLACE_AFTER_POSTCODE = re.compile(rf"\b\d{{4}} ?[A-Z]{{2}}[ \t]+({PLACE_NAME})")
HOME_CUE = re.compile(
    r"(?i)(?:wonende|woonachtig|woont|woon(?:adres)?|huisadres|thuisadres|woning|bewoner|bewoonster|"
    r"eigenaar-bewoner|buren|adres melder|verblijf)[^.\n]{0,40}$"
)
ESTABLISHMENT_CUE = re.compile(
    r"(?i)(?:gevestigd|vestiging|vestigingsadres|inrichting|bedrijfsunit|bedrijfspand|projectadres|locatie|"
    r"opslag|terrein|loods|bedrijf|het perceel van)[^.\n]{0,30}$"
)
PERSON_GAP = re.compile(r"[\s,:(]{1,3}")
HOME_CUE_AFTER = re.compile(r"[^.\n]{0,30}(?:bewoond door|waar u woont|eigendom van|waar hij woont|waar zij woont)")
ORGANISATION_GAP = re.compile(r"[\s,:(]{1,3}|,? (?:gevestigd )?(?:aan|op|in) (?:de |het )?")

# capitalised words of these documents that are no name (headings, fields, bodies, laws)
NOT_A_NAME_WORDS = (
    "Omgevingsdienst Gemeente Provincie Inspectie Politie Stichting Bakkerij Besluit Bal Awb Wet Voor Met Namens Het "
    "Een Bij Tijdens Dit Deze Op Na Bezwaar Geachte Hoogachtend Datum Onderwerp Betreft Adres "
    "Telefoon Tel Bedrijf Locatie Inrichting Kenmerk Zaaknummer Bijlage Afschrift Aanwezig Melder Klacht Omschrijving "
    "Verdachte Getuige Feit Overtreding Geboren Opvolging Afhandeling Behandelaar Toezichthouder Inspecteur Contact "
    "RUD Veiligheidsregio Hoogheemraadschap Gedeputeerde Staten Minister College Burgemeester Secretaris "
    "Directie Team Afdeling Eenheid Basisteam Landelijke Verbalisant Verbalisanten Proces Verbaal Rapport Verslag "
    "Controle Notitie Reactie Actie Analyse Vervolg Ik Wij Hij Zij U Uw Er Dat Zie Om Ook Zijn Haar Bbl Bkl PGS NPR "
    "Omgevingswet Waterwet Gemeentewet Opiumwet Activiteitenbesluit Bouwbesluit Vuurwerkbesluit"
)
NOT_A_NAME = frozenset(NOT_A_NAME_WORDS.split())


@dataclass(frozen=True)
class Context:
    """What the caller knows of the document's subject: texts that are public (an establishment's name and address
    from the register) and texts that are personal (a sole trader's establishment at a home address)."""

    keep: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    @classmethod
    def for_establishment(cls, *, name: str, address: str, sole_trader: bool, home_address: bool) -> "Context":
        texts = tuple(t for t in (name, address) if t)
        if establishment_is_personal(sole_trader=sole_trader, home_address=home_address):
            return cls(remove=(address,) if address else ())
        return cls(keep=texts)


@dataclass(frozen=True)
class Redaction:
    text: str
    spans: list[Span]


def import_deduce():  # noqa: ANN201  (deduce has no type information)
    """Import deduce without the logging.basicConfig(stdout, DEBUG) it runs at import, which would print every
    library's debug messages into a command's output."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce

    root.handlers[:] = handlers
    root.setLevel(level)
    return deduce


@functools.cache
def model():  # noqa: ANN201
    """The process's one deduce instance; its lookup structures come from deduce's cache (see `warm`)."""
    return import_deduce().Deduce()


def warm() -> str:
    """Build deduce's lookup structures into its cache (a pickle in site-packages: deduce/data/lookup/cache) unless a
    valid one is there; returns the cache file's path. For `make install`, through `openvth woo warm`: deduce holds the
    cache stale when a lookup file's local mtime is later than the cache's local save time, and Django's settings set
    the process's time zone, so a cache saved outside Django (UTC) just after install looks stale inside it."""
    deduce = import_deduce()
    model()
    return str(deduce.deduce._LOOKUP_LIST_PATH / "cache" / "lookup_structs.pickle")


# deduce's processors that this module replaces or that mark what the Woo keeps (places, dates, ages, institutions)
DEDUCE_DISABLED = {"locations", "institutions", "dates", "ages", "identifier", "urls", "redactor"}
DEDUCE_LABELS = {
    "persoon": "person",
    "patient": "person",
    "telefoonnummer": "phone",
    "emailadres": "email",
    "bsn": "bsn",
}


def deduce_spans(text: str) -> Iterator[Span]:
    document = model().deidentify(text, disabled=DEDUCE_DISABLED)
    for annotation in document.annotations:
        label = DEDUCE_LABELS.get(annotation.tag)
        if label and (label != "person" or (plausible_name(annotation.text) and not place(annotation.text))):
            yield Span(annotation.start_char, annotation.end_char, label)


def phone_spans(text: str) -> Iterator[Span]:
    """Dutch phone numbers in any common layout: nine digits after the 0 (or +31, 0031, "+31 (0)"), with spaces,
    hyphens and an area code in brackets between them."""
    for match in PHONE_START.finditer(text):
        digits, end, gap, position = 0, match.end(), 0, match.end()
        while position < len(text) and digits < 9:
            char = text[position]
            if char.isdigit():
                digits, gap, end = digits + 1, 0, position + 1
            elif char in " -()" and gap < 3:
                gap += 1
            else:
                break
            position += 1
        if digits == 9 and not re.match(r"[-/.]?\d", text[end : end + 2]):
            yield Span(match.start(), end, "phone")


def pattern_spans(text: str) -> Iterator[Span]:
    for match in EMAIL.finditer(text):
        yield Span(match.start(), match.end(), "email")
    yield from phone_spans(text)
    for match in NINE_DIGITS.finditer(text):
        digits = match.group(1).replace(".", "")
        if eleven_proof(digits) or BSN_CUE.search(text[: match.start()]):
            yield Span(match.start(1), match.end(1), "bsn")
    for match in PERSONAL_NUMBER.finditer(text):
        yield Span(match.start(1), match.end(1), "personal_number")
    for match in BIRTH_DATE.finditer(text):
        yield Span(match.start(1), match.end(1), "birth_date")
    for match in BIRTH_PLACE.finditer(text):
        group = 1 if match.group(1) else 2
        yield Span(match.start(group), match.end(group), "birth_place")


def place(text: str) -> bool:
    """Whether a would-be name is only a place ("van Eindhoven" in "burgemeester en wethouders van Eindhoven")."""
    words = re.sub(rf"^(?:{TUSSENVOEGSEL}|te|in) ", "", text).split()
    return bool(words) and words in model().lookup_structs["placename"]


def plausible_name(text: str) -> bool:
    words = [w for w in re.findall(rf"[{U}][{L}]+", text)]
    return bool(words) and not any(w in NOT_A_NAME for w in words)


def name_spans(text: str) -> Iterator[Span]:
    for pattern in (NAME_AFTER_TITLE, NAME_WITH_INITIALS, SIGNATURE_LINE):
        for match in pattern.finditer(text):
            if plausible_name(match.group()):
                yield Span(match.start(), match.end(), "person")
    for match in NAME_AFTER_ROLE.finditer(text):
        if plausible_name(match.group(1)):
            yield Span(match.start(1), match.end(1), "person")
    for match in PERSON_FIELD.finditer(text):
        value = match.group(1).rstrip()
        yield Span(match.start(1), match.start(1) + len(value), "person")


def public_spans(text: str, context: Context) -> Iterator[Span]:
    for match in PROVISION.finditer(text):
        yield Span(match.start(), match.end(), "provision")
    for match in ORGANISATION.finditer(text):
        yield Span(match.start(), match.end(), "organisation")
    for match in PLACE_AFTER_POSTCODE.finditer(text):
        yield Span(match.start(1), match.end(1), "place")
    for match in KVK.finditer(text):
        yield Span(match.start(1), match.end(1), "kvk")
    for literal in context.keep:
        for match in re.finditer(re.escape(literal), text):
            yield Span(match.start(), match.end(), "establishment_address")


def address_spans(text: str, context: Context, persons: list[Span], organisations: list[Span]) -> Iterator[Span]:
    """Addresses, each either a home (street, number and the postcode after it; the place is kept) or an
    establishment address. An address is a home when the context says so, when a home cue stands before or after it,
    when a person is named before it in the same block with no company between, or when the same street and number
    was a home elsewhere in the text; a company name right before it or an establishment cue makes it public."""
    homes = {literal.strip() for literal in context.remove}
    found = []
    for match in ADDRESS.finditer(text):
        street, number = match.group(1), match.group(2)
        if not (any(re.search(rf"{STREET_SUFFIX}$", w, re.IGNORECASE) for w in street.split()) or match.group(3)):
            continue
        address = f"{street} {number}"
        found.append((match, address))
        if any(address in k for k in context.keep):
            continue
        if any(address.endswith(h) or h.endswith(address) for h in homes) or home_address(
            text, match, persons, organisations
        ):
            homes.add(address)
    for match, address in found:
        label = "home_address" if address in homes else "establishment_address"
        yield Span(match.start(), match.end(), label)


def home_address(text: str, match: re.Match, persons: list[Span], organisations: list[Span]) -> bool:
    before = text[max(0, match.start() - 80) : match.start()]
    if HOME_CUE_AFTER.match(text, match.end()) or HOME_CUE.search(before):
        return True
    if any(p.end <= match.start() and PERSON_GAP.fullmatch(text[p.end : match.start()]) for p in persons):
        return True
    if any(o.end <= match.start() and ORGANISATION_GAP.fullmatch(text[o.end : match.start()]) for o in organisations):
        return False
    if ESTABLISHMENT_CUE.search(before):
        return False
    block_start = text.rfind("\n\n", 0, match.start()) + 1
    return any(block_start <= p.end <= match.start() for p in persons) and not any(
        block_start <= o.start < match.start() for o in organisations
    )


def propagate_names(text: str, persons: list[Span]) -> Iterator[Span]:
    """Every other mention of a removed person's names ("de heer Yilmaz" after "Mehmet Yilmaz", the surname in a
    sole trader's trade name); a company name that contains it is protected by the policy."""
    names = {
        word
        for p in persons
        for word in re.findall(rf"[{U}][{L}]{{2,}}(?:-[{U}][{L}]+)*", text[p.start : p.end])
        if word not in NOT_A_NAME and not re.fullmatch(TITLE, word, re.IGNORECASE) and not place(word)
    }
    for name in names:
        for match in re.finditer(rf"(?:(?:{TITLES})?{TUSSENVOEGSEL} )?(?<![\w-]){re.escape(name)}(?![\w-])", text):
            yield Span(match.start(), match.end(), "person")


def find(text: str, context: Context = Context()) -> list[Span]:
    """The removal spans for `text` under the Woo policy, in the original text's offsets."""
    public = list(public_spans(text, context))
    ibans = [(m.start(), m.end()) for m in IBAN.finditer(text)]
    found = [
        span
        for span in (*deduce_spans(text), *pattern_spans(text), *name_spans(text))
        if not any(s <= span.start < e for s, e in ibans)  # an account number is no phone number or BSN
    ]
    for literal in context.remove:
        found += [Span(m.start(), m.end(), "home_address") for m in re.finditer(re.escape(literal), text)]
    organisations = [s for s in public if s.label == "organisation"]
    persons = [s for s in decide([*found, *public], text) if s.label == "person"]
    found += address_spans(text, context, persons, organisations)
    found += propagate_names(text, persons)
    return decide([*found, *public], text)


def redact(text: str, context: Context = Context()) -> Redaction:
    """The text with every removal span replaced by its Woo ground, e.g. "[5.1.2e]"."""
    spans = find(text, context)
    return Redaction(blacken(text, ((span.start, span.end, ground(span.label)) for span in spans)), spans)
