"""Woo redaction: find the personal data in a Dutch enforcement text and propose removal spans under the Woo policy
(openvth.rules.redaction_policy).

deduce finds names, phone numbers, e-mail addresses and BSNs; the patterns here add what it misses in enforcement
documents (titles and initials before names, signatures, the fields of a police report, Dutch phone formats, the
11-proof BSN, dates and places of birth, home addresses) and mark what the public needs (legal persons, public
bodies, KvK numbers, establishment addresses, provisions), so that the policy can decide overlaps. deduce is loaded
once per process: its lookup structures take seconds to load from its cache and over a minute to build (`warm`).
"""

import functools
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from openvth.rules.redaction_policy import (
    PUBLIC_FUNCTIONS,
    Span,
    blacken,
    decide,
    establishment_is_personal,
    general_mailbox,
    ground,
    is_bsn,
    side_code,
)

logger = logging.getLogger(__name__)

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
    r"namens deze|namens dezen|namens hen|[gG]econtroleerd door|[uU]itgevoerd door|[bB]ezocht door|[aA]fgehandeld door|"
    r"[oO]ndertekend door|[vV]ergezeld door|[iI]n aanwezigheid van|[bB]etrokken toezichthouders|[mM]edewerker|"
    r"[iI]nspecteurs?|[bB]oa|[oO]rganisator|[wW]erkplaatschef|[vV]ennoot|[mM]aten|[oO]fficier van justitie)"
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
    rf":[ \t]*(?!anoniem)(?=(?:{TITLES})?[{U}])([^\n(,]+(?:\([^)\n]*\)[^\n(,]*)?)"
)

MONTHS = r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|\d{{1,2}} {MONTHS} (?:19|20)\d{{2}})"
BIRTH_DATE = re.compile(rf"(?i:geboren(?: op)?|geb\.|geboortedatum):?\s*({DATE})")
PLACE_NAME = rf"(?:'s-)?{WORD}(?:[- ](?:aan de |op |en )?{WORD})*(?: \([^)\n]{{1,3}}\))?"
BIRTH_PLACE = re.compile(
    rf"(?:(?i:geboren(?: op)?|geb\.|geboortedatum):?\s*{DATE} te ({PLACE_NAME})|Geboorteplaats:\s*({PLACE_NAME}))"
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_START = re.compile(r"(?<![\w+/-])(?:(?:\+31|0031)[ -]?(?:\(0\)[ -]?)?|\(0(?=\d{1,3}\))|0(?=\d))")
IBAN = re.compile(r"\b(?:NL\d{2} ?[A-Z]{4}(?: ?\d){10}|BE\d{2}(?: ?\d{4}){3}|DE\d{2}(?: ?\d{4}){4} ?\d{2})\b")
# an authority's account: at the BNG Bank (the public sector's bank) or held in an authority's name
AUTHORITY_ACCOUNT = re.compile(
    r"(?i)[^.\n]{0,12}?\b(?:t\.n\.v\.|ten name van|van)\s+(?:de |het )?(?:gemeente|provincie|waterschap|"
    r"hoogheemraadschap|omgevingsdienst|belastingdienst|cjib|rijksoverheid|ministerie|staat der nederlanden|ilt|"
    r"inspectie|rijkswaterstaat|veiligheidsregio|rud|dcmr|od[a-z]{0,4}\b)"
)
INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])(?:\+|00)(?!31)[1-9]\d{0,2}(?:[ -]?\(?\d{1,4}\)?){2,5}(?![\w-])")
KENTEKEN = re.compile(r"(?<![\w-])[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}(?![\w-])")
KENTEKEN_PLAIN = re.compile(r"(?i:kenteken)[s]?:?\s*([A-Z0-9]{6})\b")
CASE_CUE = re.compile(
    r"(?i)\b(?:zaaknummer|zaak|kenmerk|dossiernummer|klachtnummer|meldingnummer|meldingsnummer|registratienummer|"
    r"klachtdossier|klacht|beschikkingsnummer|factuurnummer|nummer|referentie|ref\.)[:.]?\s*$"
)
CASE_REFERENCE = re.compile(
    r"(?i:\b(?:zaaknummer|zaak|kenmerk|dossiernummer|klachtnummer|meldingnummer|meldingsnummer|registratienummer|"
    r"klachtdossier|klacht|beschikkingsnummer|factuurnummer|proces-verbaalnummer|referentie|nummer))[:.]?\s+"
    r"((?=[\w/.-]*\d)[A-Z0-9][\w/.-]*[A-Z0-9]|\d{4}(?: \d{4}){2})"
)
NINE_DIGITS = re.compile(r"(?<![\d.])(\d{9}|\d{4}\.\d{2}\.\d{3})(?![\d])")
BSN_CUE = re.compile(r"(?i)\bBSN\b[^\n\d]{0,20}$")
PERSONAL_NUMBER = re.compile(r"(?i)\b(?:ambtsnummer|boa-nummer|dienstnummer|stamnummer|personeelsnummer):?\s*(\d{3,8})")
KVK = re.compile(r"(?i)\b(?:KvK|vestigingsnummer)(?:-nummer)?:?\s*(\d{8}|\d{12})\b")

ORG_TOKEN = rf"(?:[{U}0-9'][\w'&.-]*|&|en|van|de|der|den|het|'t|voor|op|aan)"
BODY_TOKEN = rf"(?:[{U}][\w'&-]*(?![\w'&-]*\.(?![ \t]*(?:\n|$)))|en|van|de|&)"  # "Mr." is no body's name
LEGAL_FORM = (
    r"(?:B\.V\.|N\.V\.|V\.O\.F\.|VOF|C\.V\.|U\.A\.|W\.A\.|B\.A\.|B\.V\b|N\.V\b|U\.A\b|GmbH|Ltd\.?|S\.A\.|"
    r"Sp\. z o\.o\.|BVBA|S\.r\.l\.)"
)
# a business named after its kind ("supermarkt Albert Heijn"): an organisation even without a legal form
BUSINESS = re.compile(
    rf"\b(?:supermarkt|winkel|filiaal|fabriek|restaurant|café|hotel|tankstation|firma)"
    rf" ([{U}][\w'&-]*(?: [{U}][\w'&-]*){{0,3}})"
)
NATURAL_FORM = r"(?:V\.O\.F\.|VOF|C\.V\.)"
ORGANISATION = re.compile(
    rf"[{U}0-9'][\w'&.-]*(?: {ORG_TOKEN}){{0,7}} {LEGAL_FORM}"
    rf"|(?:[sS]tichting|[vV]ereniging|Coöperatie|Coöperatieve|Woonstichting|Woningstichting|Voetbalvereniging|"
    rf"Maatschap)"
    rf"(?: (?:{ORG_TOKEN})){{1,5}}"
    rf"|(?i:gemeente|omgevingsdienst|regionale uitvoeringsdienst|RUD|veiligheidsregio|provincie|"
    rf"gedeputeerde staten van|hoogheemraadschap(?: van)?|waterschap|politie(?: eenheid)?|eenheid|inspectie|"
    rf"milieupolitie|basisteam|wetterskip)(?: {BODY_TOKEN}){{1,6}}"
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
    r"hoek|boekel|burgwal|voorburgwal|factorij|pad|weide|einde|tangent|kanaal|wijk|kamp|gaarde|hoeve|tuin|stoven|"
    r"eiland|laantje|straatje)"
)
STREET_WORD = rf"(?:[{U}][{L}]*\.?|{TUSSENVOEGSEL}|[A-Z]\.)"
ADDRESS = re.compile(
    rf"(?<![\w.])((?=[{U}'\d])(?:{STREET_WORD} ){{0,4}}[{U}][{L}]+(?:-[{U}][{L}]+)*(?: [NOZW]Z)?)"
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
        return replace(
            self,
            keep=(*self.keep, *(t for t in keep if t.strip())),
            remove=(*self.remove, *(t for t in remove if t.strip())),
        )


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


# deduce's processors that this module replaces or that mark what the Woo keeps (places, dates, ages, institutions)
DEDUCE_DISABLED = {"locations", "institutions", "dates", "ages", "identifier", "urls", "redactor"}
# the lookup structures the remaining processors (names, BSN, phone, e-mail) and `place` read: 3 MB of deduce's 77 MB
# (the street and healthcare-institution tries are 56 MB and serve only the disabled processors)
LOOKUP_STRUCTS = (
    "first_name",
    "surname",
    "interfix_surname",
    "prefix",
    "interfix",
    "initial",
    "whitelist",
    "common_word",
    "stop_word",
    "medical_term",
    "hospital_abbr",
    "eponymous_disease",
    "placename",
)


def cache_dir() -> Path:
    """Where `warm` stores the engine's own cache (deduce's `cache_path` option): beside deduce's lookup lists, in a
    folder named after deduce's version and with no `src` folder of its own, so deduce never compares file times in
    the process's local time zone (its own cache, 77 MB, takes 8-9 s to unpickle and is held stale whenever a list's
    mtime is later than the naive local time it was saved at, e.g. after a copy of the venv or across time zones)."""
    deduce = import_deduce()
    return Path(deduce.__file__).parent / "data" / f"openvth-{deduce.__version__}"


def deduce_config() -> dict:
    deduce = import_deduce()
    config = json.loads((Path(deduce.__file__).parent / "base_config.json").read_text(encoding="utf-8"))
    config["annotators"] = {
        name: annotator
        for name, annotator in config["annotators"].items()
        if name not in DEDUCE_DISABLED and annotator.get("group") not in DEDUCE_DISABLED
    }
    return config


def save_lookup_structs() -> Path:
    """The engine's lookup structures taken from deduce's full set (its cache, or a build of a minute or more) and
    saved in `cache_dir()`; returns the file's path."""
    deduce = import_deduce()
    from deduce.lookup_structs import cache_lookup_structs
    from docdeid.ds import DsCollection

    full = deduce.Deduce().lookup_structs
    subset = DsCollection()
    for name in LOOKUP_STRUCTS:
        subset[name] = full[name]
    cache_lookup_structs(lookup_structs=subset, cache_path=cache_dir(), deduce_version=deduce.__version__)
    return cache_dir() / "cache" / "lookup_structs.pickle"


@functools.cache
def model():  # noqa: ANN201
    """The process's one deduce instance with only the processors the engine uses, its lookup structures loaded from
    the engine's cache in well under a second (see `warm`); without that cache they are made once and saved. The
    cache folder carries deduce's version, so a file that is there is valid."""
    deduce = import_deduce()
    if not (cache_dir() / "cache" / "lookup_structs.pickle").exists():
        try:
            save_lookup_structs()
        except OSError as exc:  # a read-only installation: work from deduce's own lookup structures
            logger.warning("deduce-cache niet te schrijven (%s): `openvth woo warm` als eigenaar van de venv", exc)
            return deduce.Deduce(load_base_config=False, config=deduce_config())
    return deduce.Deduce(load_base_config=False, config=deduce_config(), cache_path=cache_dir())


def warm() -> str:
    """Save the engine's lookup structures (`cache_dir()`), for `make install` through `openvth woo warm`; returns the
    cache file's path."""
    model.cache_clear()
    path = save_lookup_structs()
    model()
    return str(path)


DEDUCE_LABELS = {
    "persoon": "person",
    "patient": "person",
    "telefoonnummer": "phone",
    "emailadres": "email",
    "bsn": "bsn",
}


def deduce_spans(text: str, document) -> Iterator[Span]:  # noqa: ANN001  (a docdeid Document)
    for annotation in document.annotations:
        label = DEDUCE_LABELS.get(annotation.tag)
        if label != "person":
            if label:
                yield Span(annotation.start_char, annotation.end_char, label)
            continue
        # deduce merges names across a sentence end ("Ria Hoekstra. Hoekstra"): one span per sentence
        start = annotation.start_char
        for piece in re.split(rf"(?<=[{L}]{{2}})\.\s+", annotation.text):
            offset = text.index(piece, start)
            if plausible_name(piece) and not place(piece):
                yield Span(offset, offset + len(piece), label)
            start = offset + len(piece)


def phone_spans(text: str) -> Iterator[Span]:
    """Phone numbers in any common layout: Dutch ones with nine digits after the 0 (or +31, 0031, "+31 (0)"), with
    spaces, hyphens and an area code in brackets between them; foreign ones after + or 00 and a country code."""
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
    for match in INTERNATIONAL_PHONE.finditer(text):
        if 8 <= sum(c.isdigit() for c in match.group()) <= 15:
            yield Span(match.start(), match.end(), "phone")


def pattern_spans(text: str) -> Iterator[Span]:
    for match in EMAIL.finditer(text):
        yield Span(match.start(), match.end(), "mailbox" if general_mailbox(match.group()) else "email")
    yield from phone_spans(text)
    for match in NINE_DIGITS.finditer(text):
        digits = match.group(1).replace(".", "")
        if is_bsn(digits) and not CASE_CUE.search(text[max(0, match.start() - 30) : match.start()]):
            yield Span(match.start(1), match.end(1), "bsn")
    for match in PERSONAL_NUMBER.finditer(text):
        yield Span(match.start(1), match.end(1), "personal_number")
    for match in BIRTH_DATE.finditer(text):
        yield Span(match.start(1), match.end(1), "birth_date")
    for match in BIRTH_PLACE.finditer(text):
        group = 1 if match.group(1) else 2
        yield Span(match.start(group), match.end(group), "birth_place")
    for match in KENTEKEN.finditer(text):
        if side_code(match.group()):
            yield Span(match.start(), match.end(), "vehicle")
    for match in KENTEKEN_PLAIN.finditer(text):
        if re.search(r"\d", match.group(1)) and re.search(r"[A-Z]", match.group(1)):
            yield Span(match.start(1), match.end(1), "vehicle")
    for match in IBAN.finditer(text):
        authority = "BNGH" in match.group() or AUTHORITY_ACCOUNT.match(text, match.end())
        yield Span(match.start(), match.end(), "public_account" if authority else "iban")
    yield from health_spans(text)


HEALTH_TERM = re.compile(
    r"(?i)(?<![\w-])(?:astma(?:-aanvallen|-aanval|aanvallen|tisch)?|COPD|hart(?:infarct|aanval|patiënt|klachten|"
    r"ziekte|falen|operatie)|long(?:klachten|problemen|ziekte|aandoening|kanker|emfyseem)|kanker|chemo(?:therapie)?|"
    r"diabetes|diabeet|epilepsie|depressie[fs]?|depressief|burn-?out|psychische (?:klachten|problemen)|psychose|PTSS|"
    r"autisme|dementie|dement|ADHD|zwanger(?:schap)?|rolstoel(?:gebonden)?|gehandicapt|verstandelijk beperkt|"
    r"invalide|verslaafd|verslaving|(?:slaap)?medicatie|medicijnen|slaappillen|ziekenhuisopname|"
    r"opgenomen in het ziekenhuis|\w+operatie|eczeem|allergie|allergisch|migraine|huiduitslag|hoofdpijn(?:klachten)?|"
    r"benauwdheidsklachten|luchtwegklachten|(?:ernstig|chronisch|terminaal) ziek|hartpatiënte)(?![\w-])"
)
# who the health data is about: one person, not "omwonenden" in general (Woo 5.1(1)(d) protects a person's data)
HEALTH_SUBJECT = re.compile(
    r"(?i)\b(?:hij|zij|ze|haar|zijn|hem|mijn|ik|u|uw|melder|klager|klaagster|bewoner|bewoonster|bewoners|buurman|"
    r"buurvrouw|dochter|zoon|kleinzoon|kleindochter|vrouw|man|vriend|vriendin|moeder|vader|kind|verdachte|getuige|"
    r"medewerker|heer|mevrouw|eigenaar|ondernemer|vennoot)\b"
)


def health_spans(text: str) -> Iterator[Span]:
    for match in HEALTH_TERM.finditer(text):
        sentence_start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        sentence_end = min(
            (i for i in (text.find(".", match.end()), text.find("\n", match.end())) if i >= 0), default=len(text)
        )
        if HEALTH_SUBJECT.search(text, sentence_start, sentence_end):
            yield Span(match.start(), match.end(), "health")


@functools.lru_cache(maxsize=8192)
def place(text: str) -> bool:
    """Whether a would-be name is only a place ("van Eindhoven" in "burgemeester en wethouders van Eindhoven")."""
    places = model().lookup_structs["placename"]
    stripped = re.sub(rf"^(?:{TUSSENVOEGSEL}|te|in) ", "", text)
    return tokens(text) in places or (stripped != text and tokens(stripped) in places)


def tokens(text: str) -> list[str]:
    return [token.text for token in model().tokenizers["default"].tokenize(text)]


# where a single word is a place and no surname: "te Epe", "in Wassenaar", "Oss, 25 september 2023", "1234 AB Oss"
PLACE_CUE = re.compile(r"(?:\b(?:te|in|uit|bij|nabij|gemeente|Gemeente)\s|\b\d{4} ?[A-Z]{2}\s+)$")
PLACE_DATE = re.compile(r",? \d{1,2} \w+ \d{4}")


def place_spans(text: str, found: list) -> Iterator[Span]:
    """Place names of deduce's list: kept (domain-rules §8). Names of more than one word anywhere ("Ouderkerk aan den
    IJssel", "Den Haag"), a one-word place only where the text calls it a place (many are also surnames)."""
    places = model().lookup_structs["placename"]
    words = [token.text for token in found]
    index = 0
    while index < len(found):
        match = places.longest_matching_prefix(words, index) if words[index][:1].isupper() else None
        if match:
            start, end = found[index].start_char, found[index + len(match) - 1].end_char
            several = len(match) > 1 and not re.fullmatch(TUSSENVOEGSEL, match[0])
            if (
                several
                or PLACE_CUE.search(text, max(0, start - 12), start)
                or re.match(r",? \d{1,2} \w+ \d{4}", text[end:])
            ):
                yield Span(start, end, "place")
            index += len(match)
        else:
            index += 1


def plausible_name(text: str) -> bool:
    # a word after a hyphen or a particle is part of a surname ("Timmerman-ter Haar"), whatever else it may mean
    first_words = re.findall(rf"[{U}][{L}]+", re.sub(rf"(?:-|\b{TUSSENVOEGSEL} )[{U}][{L}]+", "", text))
    return bool(re.search(rf"[{U}][{L}]+", text)) and not any(w in NOT_A_NAME for w in first_words)


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


def bestuurder_spans(text: str, functions: tuple[str, ...]) -> Iterator[Span]:
    """The name of a bestuurder acting in office, right after the office ("De wethouder van milieu, Karin …", "de
    burgemeester,\nmr. A.M. Roelofs") or right before it ("A. Pietersen, wethouder"): kept (domain-rules §8).
    Not after "namens": whoever signs on a bestuurder's behalf is a civil servant."""
    if not functions:
        return
    after, before = bestuurder_patterns(functions)
    for match in (*after.finditer(text), *before.finditer(text)):
        if plausible_name(match.group(1)) and "\n" not in match.group(1):
            yield Span(match.start(1), match.end(1), "bestuurder")


@functools.lru_cache(maxsize=16)
def bestuurder_patterns(functions: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    office = "(?:" + "|".join(re.escape(f) for f in sorted(functions, key=len, reverse=True)) + ")"
    after = re.compile(
        rf"(?i:(?<!namens )(?<!namens de )\b{office})(?![\w-])(?: (?:van|voor) [\w' -]{{2,40}}?| voornoemd)?,?"
        rf"[ \t]*\n?\s*(?:(?:de heer|mevrouw) )?((?:{TITLES})?{FULL_NAME})"
    )
    before = re.compile(rf"((?:{TITLES})?{FULL_NAME}),? \(?(?i:{office})(?![\w-])")
    return after, before


def public_spans(text: str, context: Context, tokens: list) -> Iterator[Span]:
    for match in PROVISION.finditer(text):
        yield Span(match.start(), match.end(), "provision")
    for match in ORGANISATION.finditer(text):
        yield Span(match.start(), match.end(), "organisation")
    for match in BUSINESS.finditer(text):
        yield Span(match.start(1), match.end(1), "organisation")
    for match in PLACE_AFTER_POSTCODE.finditer(text):
        yield Span(match.start(1), match.end(1), "place")
    for match in KVK.finditer(text):
        yield Span(match.start(1), match.end(1), "kvk")
    for match in CASE_REFERENCE.finditer(text):
        yield Span(match.start(1), match.end(1), "case_reference")
    yield from bestuurder_spans(text, context.public_functions)
    yield from place_spans(text, tokens)
    for literal in context.keep:
        for start, end in occurrences(text, literal):
            yield Span(start, end, "establishment_address")
    for literal in context.trade_names:  # what is no name in it stays: the personal part is removed unconditionally
        for start, end in occurrences(text, literal):
            yield Span(start, end, "organisation")


def occurrences(text: str, literal: str) -> list[tuple[int, int]]:
    """Where `literal` stands in `text` as whole words."""
    pattern = rf"(?<!\w){re.escape(literal.strip())}(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


# a natural-person enterprise in the text: "… V.O.F.", "… C.V.", "Maatschap …", "…, een eenmanszaak", "h.o.d.n. …"
ENTERPRISE = re.compile(
    rf"[{U}0-9'][\w'&.-]*(?: {ORG_TOKEN}){{0,6}} {NATURAL_FORM}"
    rf"|Maatschap(?: {ORG_TOKEN}){{1,5}}"
    rf"|[{U}][\w'&.-]*(?: {ORG_TOKEN}){{0,4}}(?=,? (?:een|de|mijn|zijn) eenmanszaak)"
    rf"|(?<=h\.o\.d\.n\. )[{U}][\w'&.-]*(?: {ORG_TOKEN}){{0,4}}"
)
NAME_PIECE = re.compile(rf"(?:{INITIALS} ?)?(?:{TUSSENVOEGSEL} )?{WORD}(?:-(?:{TUSSENVOEGSEL} )?{WORD})*(?![\w.])")
PERSONAL_FORM_CUE = re.compile(
    r"(?i)(?:eenmanszaak|V\.O\.F\.|\bVOF\b|vennootschap onder firma|maatschap|\bC\.V\.|commanditaire vennootschap)"
)


def trade_name_spans(text: str, context: Context) -> Iterator[Span]:
    """The personal name inside the trade name of a natural-person enterprise (domain-rules §8): "Van Dijk" in
    "Loonbedrijf Gebr. Van Dijk V.O.F.", "Öztürk" in "Autorecycling Öztürk"; what is no name stays."""
    names = [(m.start(), m.group()) for m in ENTERPRISE.finditer(text)]
    names += [(start, text[start:end]) for literal in context.trade_names for start, end in occurrences(text, literal)]
    for offset, name in names:
        for start, end in personal_pieces(name):
            yield Span(offset + start, offset + end, "trade_name")


def personal_pieces(name: str) -> list[tuple[int, int]]:
    """The parts of a trade name that name a person: initials, a first name, a surname of deduce's lists that is no
    ordinary word, a surname particle before a word that is no ordinary word; not a place of more than one word."""
    lookups = model().lookup_structs
    pieces: list[tuple[int, int]] = []
    first_name_before, after_phrase = False, -1
    for match in NAME_PIECE.finditer(name):
        piece = match.group()
        words = re.findall(rf"{WORD}", re.sub(rf"^{INITIALS} ?", "", piece))
        bare = [w for w in words if not re.fullmatch(TUSSENVOEGSEL, w)]
        particle = bool(re.match(rf"(?:{INITIALS} ?)?{TUSSENVOEGSEL} ", piece))
        ordinary = [w.lower() in lookups["whitelist"] or w.lower() in lookups["common_word"] for w in bare]
        following = name[match.start() :].split()
        multiword_place = any(following[:n] in lookups["placename"] for n in (2, 3, 4) if len(following) >= n)
        # "De Gouden Leeuw", "'t Vennetje": a particle before ordinary words or a diminutive is no surname
        phrase = particle and bool(re.match(rf" {WORD}", name[match.end() :]))
        personal = not multiword_place and (
            bool(re.match(INITIALS, piece))
            or (
                particle
                and bare
                and not phrase
                and not bare[-1].endswith("je")
                and ([bare[-1]] in lookups["surname"] or not ordinary[-1])
            )
            or (particle and first_name_before)
            or any([w] in lookups["surname"] and w.lower() not in lookups["whitelist"] for w in bare)
            or (bool(bare) and [bare[0]] in lookups["first_name"] and not ordinary[0] and len(bare) > 1)
        )
        first_name_before = bool(bare) and [bare[-1]] in lookups["first_name"] and not ordinary[-1]
        if phrase and not personal:
            after_phrase = match.end() + 1
        if (personal or first_name_before) and match.start() != after_phrase:
            pieces.append((match.start(), match.end()))
    return pieces


def remove_spans(text: str, context: Context) -> Iterator[Span]:
    """The texts the context names as personal, wherever they occur; a name also by its surname alone."""
    for literal in context.remove:
        literal = literal.strip()
        if EMAIL.fullmatch(literal):
            label = "email"
        elif re.fullmatch(r"\d{8}", literal):
            label = "personal_kvk"
        elif re.search(r"\d", literal):
            label = "home_address" if re.search(r"[^\W\d_]", literal) else "phone"
        else:
            label = "person"
        texts = [literal]
        if label == "person":
            surname = re.search(rf"(?:{TUSSENVOEGSEL} )?{WORD}(?:-(?:{TUSSENVOEGSEL} )?{WORD})*$", literal)
            if surname:
                texts += [surname.group(), surname.group()[0].upper() + surname.group()[1:]]
        for piece in texts:
            for start, end in occurrences(text, piece):
                yield Span(start, end, label)


def address_spans(text: str, context: Context, persons: list[Span], organisations: list[Span]) -> Iterator[Span]:
    """Addresses, each either a home (street, number and the postcode after it; the place is kept) or an
    establishment address. An address is a home when the context says so, when a home cue stands before or after it,
    when a person is named before it in the same block with no company between, or when the same street and number
    was a home elsewhere in the text; a company name right before it or an establishment cue makes it public. A
    street without a number is a home where a resident is said to live on it ("een buurman aan de Beatrixlaan"), a
    postcode alone where its field follows a home address."""
    homes = {literal.strip() for literal in context.remove}
    found = []
    for match in ADDRESS.finditer(text):
        street, number = match.group(1), match.group(2)
        if not (
            any(re.search(rf"{STREET_SUFFIX}$", w, re.IGNORECASE) for w in re.split("[ -]", street)) or match.group(3)
        ):
            continue
        address = f"{street} {number}"
        found.append((match, address))
        if any(address in k for k in context.keep) or street.startswith("Postbus"):
            continue
        if any(address.endswith(h) or h.endswith(address) for h in homes) or home_address(
            text, match, persons, organisations
        ):
            homes.add(address)
    for match, address in found:
        label = "home_address" if address in homes else "establishment_address"
        yield Span(match.start(), match.end(), label)
    for match in HOME_STREET.finditer(text):
        if not re.match(r"\s?\d", text[match.end() : match.end() + 2]) and not place(match.group(1)):
            yield Span(match.start(1), match.end(1), "home_address")
    for match in POSTCODE_FIELD.finditer(text):
        if any(m.end() <= match.start() < m.end() + 60 and a in homes for m, a in found):
            yield Span(match.start(1), match.end(1), "home_address")


STREET_NAME = (
    rf"(?:(?=[{U}])(?:{STREET_WORD} ){{0,3}}[{U}][{L}]*{STREET_SUFFIX}|(?:Laan|Weg|Plein|Kade|Hof) van(?: [{U}][\w'-]+)"
    rf"{{1,3}})"
)
HOME_STREET = re.compile(
    rf"(?i:\b(?:woont|wonen|wonende|woonachtig|bewoner|bewoonster|buurman|buurvrouw|buren|omwonende|melder|klager|"
    rf"klaagster)\b)[^.\n]{{0,40}}?\b(?:aan|van|in|op|uit) (?:de |het )?({STREET_NAME})(?![\w-])"
)
POSTCODE_FIELD = re.compile(r"(?m)^Postcode[^:\n]{0,20}:[ \t]*(\d{4} ?[A-Z]{2})\b")


# the owner of a natural-person enterprise lives at its address (domain-rules §8: then the address is personal)
OWNER_LIVES_THERE = re.compile(
    r"(?i)\b(?:woont|wonen) (?:op|in|aan) (?:het|dit|de|hetzelfde) (?:adres|locatie|erf|perceel)|tevens woonadres"
)


def home_address(text: str, match: re.Match, persons: list[Span], organisations: list[Span]) -> bool:
    before = text[max(0, match.start() - 80) : match.start()]
    if HOME_CUE_AFTER.match(text, match.end()) or HOME_CUE.search(before):
        return True
    block_start = text.rfind("\n\n", 0, match.start()) + 1
    if re.search(r"(?i)\bt\.a\.v\.", text[block_start : match.start()]) and any(
        block_start <= o.start < match.start() for o in organisations
    ):
        return False  # a letter to a company for the attention of a person: the company's address
    enterprise = next((m for m in ENTERPRISE.finditer(text, block_start, match.start())), None)
    if enterprise and ORGANISATION_GAP.fullmatch(text[enterprise.end() : match.start()]):
        return bool(OWNER_LIVES_THERE.search(text))
    if any(p.end <= match.start() and PERSON_GAP.fullmatch(text[p.end : match.start()]) for p in persons):
        return True
    if any(o.end <= match.start() and ORGANISATION_GAP.fullmatch(text[o.end : match.start()]) for o in organisations):
        return False
    if ESTABLISHMENT_CUE.search(before):
        return False
    return any(block_start <= p.end <= match.start() for p in persons) and not any(
        block_start <= o.start < match.start() for o in organisations
    )


def propagate_names(text: str, persons: list[Span]) -> Iterator[Span]:
    """Every other mention of a removed person's names ("de heer Yilmaz" after "Mehmet Yilmaz", the surname in a
    sole trader's trade name), with the particle in front only where the name had one ("mevrouw Van der Sande"), so
    that "klacht van Ria" keeps its "van"; a company name that contains it is protected by the policy."""
    names: dict[str, bool] = {}
    for p in persons:
        for match in re.finditer(rf"({TUSSENVOEGSEL} )?([{U}][{L}]{{2,}}(?:-[{U}][{L}]+)*)", text[p.start : p.end]):
            word = match.group(2)
            if word not in NOT_A_NAME and not re.fullmatch(TITLE, word, re.IGNORECASE) and not place(word):
                names[word] = names.get(word, False) or bool(match.group(1))
    for name, particle in names.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            before = PARTICLE_BEFORE if particle else TITLE_BEFORE
            lead = before.search(text, max(0, match.start() - 60), match.start())
            yield Span(lead.start() if lead else match.start(), match.end(), "person")


PARTICLE_BEFORE = re.compile(rf"(?<![\w-])(?:(?:{TITLES})?{TUSSENVOEGSEL} |{TITLES})$")
TITLE_BEFORE = re.compile(rf"(?<![\w-]){TITLES}$")


def personal_kvk_spans(text: str, public: list[Span]) -> Iterator[Span]:
    """A KvK number in the same sentence as the words of a natural-person enterprise is personal (domain-rules §8)."""
    for span in public:
        if span.label == "kvk":
            sentence_start = max(text.rfind(".\n", 0, span.start), text.rfind("\n\n", 0, span.start), 0)
            if PERSONAL_FORM_CUE.search(text, max(sentence_start, span.start - 120), span.start):
                yield Span(span.start, span.end, "personal_kvk")


def find(
    text: str, context: Context | None = None, *, keep: Iterable[str] = (), remove: Iterable[str] = ()
) -> list[Span]:
    """The removal spans for `text` under the Woo policy, in the original text's offsets. `keep` and `remove` add
    to the context what the system knows (see Context): register names to keep, users' and complainants' names to
    remove."""
    context = (context or Context()).adding(keep=keep, remove=remove)
    document = model().deidentify(text, disabled=DEDUCE_DISABLED)  # deduce's names, and its tokens for places
    public = list(public_spans(text, context, list(document.get_tokens())))
    found = [*deduce_spans(text, document), *pattern_spans(text), *name_spans(text), *remove_spans(text, context)]
    found += trade_name_spans(text, context)
    found += personal_kvk_spans(text, public)
    # an account number is no phone number or BSN; a general mailbox is no personal e-mail address
    accounts = [s for s in found if s.label in ("iban", "public_account")]
    mailboxes = [s for s in found if s.label == "mailbox"]
    found = [
        s
        for s in found
        if not (s.label not in ("iban", "public_account") and any(a.start <= s.start < a.end for a in accounts))
        and not (s.label == "email" and any(m.start <= s.start < m.end for m in mailboxes))
    ]
    public += [s for s in found if s.label in ("mailbox", "public_account")]
    references = [s for s in public if s.label == "case_reference"]
    found = [s for s in found if not (s.label == "bsn" and any(r.start <= s.start < r.end for r in references))]
    organisations = [s for s in public if s.label == "organisation"]
    persons = [s for s in decide([*found, *public], text) if s.label in ("person", "trade_name")]
    found += address_spans(text, context, persons, organisations)
    found += propagate_names(text, persons)
    return decide([*found, *public], text)


def redact(
    text: str, context: Context | None = None, *, keep: Iterable[str] = (), remove: Iterable[str] = ()
) -> Redaction:
    """The text with every removal span replaced by its Woo ground, e.g. "[5.1.2e]"."""
    spans = find(text, context, keep=keep, remove=remove)
    return Redaction(blacken(text, ((span.start, span.end, ground(span.label)) for span in spans)), spans)
