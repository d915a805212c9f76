"""Addresses: each either a home (removed) or an establishment's (kept)."""

import re
from collections.abc import Iterable, Iterator

from openvth.rules.redaction_policy import Span

from .detectors import SENTENCE_BREAK
from .names import ENTERPRISE, occurrences, place, table_cells
from .vocabulary import LEGAL_FORM, MONTHS, STREET_NAME, STREET_SUFFIX, STREET_WORD, L, U

# a cue word that opens a line or sentence is no part of the street after it ("Particulier Lindelaan 4", "Locatie
# Havenweg 3"): the address starts after it, and the cue says whose it is
CUE_WORDS = (
    "Particulier|Particuliere|Bewoner|Bewoonster|Bewoners|Melder|Klager|Klaagster|Woning|Woonhuis|Woonadres|Huisadres|"
    "Buurman|Buurvrouw|Locatie|Inrichting|Vestiging|Bedrijf|Bedrijfspand|Bouwplaats|Adres"
)
ADDRESS = re.compile(
    rf"(?<![\w.])(?!(?:{CUE_WORDS}) )((?=[{U}'\d])(?:{STREET_WORD} ){{0,4}}[{U}][{L}]+(?:-[{U}][{L}]+)*(?: [NOZW]Z)?)"
    rf" (\d{{1,5}}(?:[- ]?(?:[A-Z]{{1,2}}\b|[IVX]{{1,4}}\b|bis\b|\d{{1,3}}\b)|[a-z]{{1,2}}\b)?"
    rf"(?: (?:rood|zwart|boven|beneden|huis|hs|bis)\b)?"
    # the next house of a pair: "de woningen Molenkade 3 en 5"
    rf"(?: en \d{{1,5}}[a-z]?\b(?![ \t]*(?:[A-Z]{{2}}\b|{MONTHS})))?)"
    rf"(?:,?\s(\d{{4}} ?[A-Z]{{2}}|(?:D|B|F|L|DE|BE)-\d{{4,5}})\b)?"
)
STREET_END = re.compile(rf"{STREET_SUFFIX}$", re.IGNORECASE)
HOME_CUE = re.compile(
    # whole words: "woonstraat" or "woonwijk" says nothing of whose address follows
    # a dwelling by its kind ("woonperceel", "woonboerderij", "de woningen"), a home that is a business address too
    # ("woon- en vestigingsadres")
    r"(?i)(?:\b(?:wonende|wonend|woonachtig|woont|wonen|woonde|woonden|verhuisd naar|huisadres|"
    r"woon(?:adres|perceel|boerderij|boot|ark|wagen|unit|gedeelte|-/werkadres|- en (?:vestigings|werk|bedrijfs)adres)?|"
    r"thuisadres|privéadres|priveadres|correspondentieadres|"
    r"(?:huur|koop|boven|beneden|hoek|tussen|eengezins)?woning(?:en)?|woonhuis|"
    r"(?:ons|mijn|onze|zijn|haar|hun|uw) (?:huis|woning|woonhuis|straat)|"
    r"(?:ik ben|wij zijn|we zijn) (?:de )?(?:eigenaar|"
    r"eigenaren|bewoner|bewoners|huurder|huurders) van|bewoner|bewoonster|eigenaar-bewoner|buren|bovenburen|onderburen|"
    r"benedenburen|achterburen|(?:boven|beneden|achter)?buur(?:man|vrouw)|adres melder|"
    r"adres klager|verblijf|aan huis|(?:post|woon)?adres (?:van (?:de )?)?(?:eigenaar|eigenaresse|eigenaren|bewoner)|"
    r"verblijfadres|verblijfsadres|adres van (?:de |het )?(?:melder|klager|klaagster|verdachte|getuige|aangever|"
    r"betrokkene))(?![\w-])[^.\n]{0,50}"
    # a person's role right before the address: "klager (Dorpsstraat 22, …)", "Verdachte: Kerkweg 3"
    # or a private person's ("Particulier Lindelaan 4", "sloop bij een particulier aan de …")
    r"|\b(?:melder|klager|klaagster|verdachte|aangever|getuige|betrokkene|bewoner|bewoonster|particulier|omwonende|"
    r"buurtbewoner|indiener|bezwaarmaker)[\s,:(]{1,3}"
    r"|\b(?:appartementen(?:complex|gebouw)|wooncomplex|flatgebouw|portiekflat)[ \t]"
    # a neighbour by the street she lives on, a writer's own address: "een omwonende aan de …", "Mijn adres is …"
    r"|\bomwonenden? (?:aan|op|in) (?:de |het )?|\b(?:mijn|ons|onze|zijn|haar|hun) adres(?: is)?:?[ \t]"
    r"|\bparticulier(?:e)? (?:woning|perceel|adres)?[^.\n]{0,12}"
    # a table row of a private person, the address in the next cell: "particulier J. Koopman | Lindenlaan 18"
    r"|\bparticulier(?:e)?:?[ \t][^|\n]{1,40}\|[ \t]*"
    # a person by where she lives: "die mevrouw van de Kade 12", "de familie op nummer …"; in English, "I live at"
    r"|\b(?:mevrouw|meneer|familie|mensen|man|vrouw) (?:van|op|aan) (?:de |het )?"
    r"|\b(?:I|we) live (?:at|on|in)[ \t]|\bmy (?:home|house|address)(?: is)?[ \t](?:at[ \t])?|\bhome address:?[ \t])$"
)
ESTABLISHMENT_CUE = re.compile(
    r"(?i)(?:gevestigd|vestiging|vestigingsadres|bezoekadres|inrichting|bedrijfsunit|bedrijfspand|bedrijfsadres|"
    r"projectadres|locatie|opslag|terrein|loods|bedrijf|het perceel van|bouwplaats|bouwlocatie|bouwterrein|"
    r"werklocatie|werkterrein|bouwproject|sloopproject|werkplaats|bedrijfshal|kantoorpand)[^.\n]{0,30}$"
)
PERSON_GAP = re.compile(r"[\s,:(]{1,3}")
HOME_CUE_AFTER = re.compile(
    # "eigendom van" a person, not of a company ("eigendom van Vastgoed Lochem Oost B.V.")
    rf"[^.\n]{{0,30}}(?:bewoond door|waar u woont|(?<=\d )woon(?:t|de|den|en)\b|(?<=\d[a-z] )woon(?:t|de|den|en)\b|"
    rf"eigendom van(?![^.\n]{{0,50}}{LEGAL_FORM})|waar hij woont|"
    r"waar zij woont|\((?:woonadres|privé|huisadres|woning|woonhuis|(?:bedrijfs|dienst)woning|particulier|"
    r"woon-/werkadres|woon- en werkadres|"
    r"eigen erf)\b|"
    r"\(uw woonadres\)|tevens (?:het |uw |zijn |haar |hun )?woonadres|(?:zowel )?bedrijfs- (?:als|en) woonadres|"
    r"[–—-] (?:woonadres|woning|huisadres)\b|"
    r"\) van (?:de |het |een )?(?:verdachte|melder|klager|klaagster|aangever|getuige|betrokkene|bewoner|bewoonster)|"
    # its owner or resident after it, a titled person ("- Wilgenstraat 2: dhr. A. Bakker") or a private one in the
    # next cell ("Meidoornlaan 3, Breukelen | particulier: M. Amrani")
    r"(?:(?<=\d)|(?<=\d[a-z]))[ \t]*[:–—][ \t]*(?:dhr\.|mevr\.|mw\.|de heer|mevrouw|fam\.|familie)[ \t]|"
    r"\|[ \t]*particulier(?:e)?\b"
    # its resident in the next sentence: "… in de tuin, Kerkpad 4. Bewoner dhr. Smit gewaarschuwd"
    r"|(?<=[\da-z])\.[ \t]+(?:De )?(?:Bewoner|Bewoonster|Bewoners)\b)"
)
# "U woont op dit adres." in the sentence after the address
LIVES_THERE_AFTER = re.compile(
    r"[^\n]{0,80}?\b(?:woont|wonen|woon) (?:op|aan|in) (?:dit|dat|het|hetzelfde) (?:adres|perceel)"
)
# a private person's own land: "op uw erf aan de …"; "uw perceel" only in a text that names no organisation
OWN_LAND_CUE = re.compile(r"(?i)\buw (?:erf|tuin|woning|huis|woonadres|woonboot|woonwagen)\b[^.\n]{0,20}$")
PLOT_CUE = re.compile(r"(?i)\buw (?:perceel|kavel)\b[^.\n]{0,20}$")
ORGANISATION_GAP = re.compile(r"[\s,:(]{1,3}|,? (?:gevestigd )?(?:aan|op|in) (?:de |het )?")
ATTENTION = re.compile(r"(?i)\bt\.a\.v\.")
HOME_STREET = re.compile(
    rf"(?i:\b(?:woont|wonen|woon|wonende|wonend|woonachtig|gezin|bewoners?|bewoonster|buurman|buurvrouw|buren|omwonenden?|melder|klager|"
    rf"klaagster|(?:haar|zijn|mijn|onze|ons|hun|uw) (?:woning|huis))\b)[^.\n]{{0,40}}?\b"
    # also a street by its street word alone, after its article: "omwonenden op de Vaart", "bewoners van de Brink"
    rf"(aan (?:de|het) |(?:aan|van|in|op|uit) (?:de |het )?)({STREET_NAME}|(?<=de |et )(?=[{U}][{L}]+(?![\w-]))"
    rf"(?i:{STREET_SUFFIX}))(?![\w-])"
)
# a house number without its street where a resident is said to live there: "de bovenburen op nummer 12",
# "een bewoner (chalet 8)"; not a case or article number
HOUSE_PREPOSITIONS = ("bij", "van", "op", "naast", "tegenover", "aan", "naar", "uit", "voor")
HOUSE_NUMBER = re.compile(
    r"(?<![\w-])(?:(?:huis)?nummer|chalet|bungalow|woonboot|woonwagen|ligplaats|standplaats|appartement|woning"
    # "nr." only as a house's, after a bracket or a preposition: "Gijs (nr. 43)", "de mevrouw van nr. 39"
    r"|(?:(?<=\()|" + "|".join(rf"(?<=\b{w} )" for w in HOUSE_PREPOSITIONS) + r")(?:nr|no)\.?)"
    r" (\d{1,4}(?:-?[A-Za-z]{1,2}|-bis)?)(?![\w-]|[.,]\d)"
)
# who lives in a house: a resident, a neighbour, or the writer's kin ("bij onze dochter Femke op nummer 11")
RESIDENT = re.compile(
    r"(?i)\b(?:woont|wonen|woonde|woonden|woon|bewoner|bewoonster|bewoners|buren|bovenburen|onderburen|benedenburen|"
    r"buurman|buurvrouw|buurtbewoner|buurtbewoners|(?:onze|mijn|zijn|haar|hun) (?:dochter|zoon|moeder|vader|ouders|"
    r"schoonmoeder|schoonvader|broer|zus|opa|oma))\b"
)
NOT_A_HOUSE = re.compile(
    r"(?i)\b(?:melding|zaak|klacht|dossier|kenmerk|factuur|registratie|artikel|bijlage|pagina|lid|punt|telefoon|"
    r"versie|besluit|vergunning|verbaal|monster|foto|meetpunt|put|tank|container|vak|hal|dock|bus|lijn|sub|onder|"
    r"bijlagen?)\s*(?:\(|[a-z]+ )?$"
)
POSTCODE = re.compile(r"\b\d{4} ?[A-Z]{2}\b")
POSTCODE_ALONE = re.compile(r"(?i:\bpostcode)[ \t]+(\d{4} ?[A-Z]{2})\b(?![ \t]*[,(]?[ \t]*(?:\d|[A-Z][a-z]+ \d))")
ADDRESS_FIELD = re.compile(
    r"(?m)^(?:Adres|Woonadres|Huisadres|Straat(?:naam)?(?: en huisnummer| \+ huisnummer)?)[^:\n]{0,20}:[ \t]*"
    r"([^\n,:]*?[^\W\d_] \d{1,5}(?:[- ]?[A-Za-z]{1,2}\b|-\d{1,3}\b)?)(?=[ \t]*(?:[,\n]|$))"
)
NOT_A_STREET = "Artikel|Bijlage|Pagina|Lid|Punt|Kamer|Team|Afdeling|Hal|Fase|Week|Dag|Nummer|Versie|Bus|Vak|Dock"
# a house by a name and its number, the street word left out ("Tuinen 3-A", "Kerkweide 7")
HOUSE = rf"(?!(?:{NOT_A_STREET})\b)[{U}][{L}]+(?: [{U}][{L}]+)? \d{{1,4}}(?:-?[A-Za-z]{{1,2}}\b)?"
PERSON_STREET = re.compile(
    # after a bracketed remark on the person ("Sjoukje Hiemstra (roepnaam Sjouk), Tuinen 3-A, Leeuwarden"), also a
    # street without a street word, with its number, before a place or the end of the line
    rf"(?:(?: \([^()\n]{{1,40}}\))?,[ \t]|[ \t]\()((?:{STREET_NAME})(?![\w-])(?! \d)"
    # not a measure ("dosering 0,5 l/ha")
    rf"|[a-zà-ÿ][a-zà-ÿ-]*{STREET_SUFFIX} [1-9]\d{{0,4}}[a-z]?\b(?![.,]\d)"
    rf"|{HOUSE}(?=[ \t]*(?:[,)\n]|$)))"
)

ENTERPRISE_BRACKET = re.compile(r"(?i)[^()\n]*?\b(?:eenmanszaak|kvk|v\.?o\.?f\.?|maatschap|b\.?v\.?)")
HOUSE_END = r"(?![\w-]|[.,]\d)"
CUED_HOME = re.compile(
    r"(?i:\b(?:woont|wonen|woonde|wonende|woonachtig|woonadres(?: is)?:?|huisadres:?|thuisadres:?|"
    r"(?:mijn|ons|onze) adres(?: is)?:?|"
    r"priv[ée]adres:?|bewoner|bewoonster|(?:boven|beneden|achter)?buur(?:man|vrouw),?)"
    r"(?: (?:op|aan|in) (?:het perceel|het adres|de|het)| op| aan)?) "
    rf"({HOUSE}){HOUSE_END}"
    # or with its verb after it: "de heer Jansen, die aan de Kerkweide 7 woont"
    rf"|\b(?:aan|op) (?:de |het )?({HOUSE}) woon(?:t|de|den|en)\b"
)
POST_BOX_CELL = re.compile(r"[ \t]*(?i:postbus)\b")
# (the place after the number without a comma is no part of it: "Molenstraat 3 Veghel")
TABLE_HOME = re.compile(
    rf"[^(,]*?(?:,?[ \t]*\d{{4}} ?[A-Z]{{2}}\b|(?=[ \t]*[(,])|(?<=\d)(?= [{U}][{L}])|(?<=\d[a-z])(?= [{U}][{L}])|$)"
)
POSTCODE_FIELD = re.compile(r"(?m)^Postcode[^:\n]{0,20}:[ \t]*(\d{4} ?[A-Z]{2})\b")
# the owner of a natural-person enterprise lives at its address (docs/domain.md §8: then the address is personal)
# an enterprise's own words right before an address: "…, eenmanszaak, Lozerlaan 98", "(KvK 08165532), Keizerstraat 14"
ENTERPRISE_CUE = re.compile(r"(?i)(?:\beenmanszaak|\bKvK(?:-nummer)?:? ?\d{8})\)?[,;]?[ \t]*$")
OWNER_LIVES_THERE = re.compile(
    r"(?i)\b(?:woont|wonen) (?:op|in|aan) (?:het|dit|de|hetzelfde) (?:adres|locatie|erf|perceel)|"
    r"tevens (?:uw |zijn |haar |hun )?woonadres|"
    r"\b(?:gevestigd|gehuisvest) aan huis|\baan huis gevestigd"
)


def address_spans(
    text: str, keep: Iterable[str], remove: Iterable[str], persons: list[Span], organisations: list[Span]
) -> Iterator[Span]:
    """Addresses, each either a home (street, number and the postcode after it; the place is kept) or an
    establishment address. An address is a home when the context says so, when a home cue stands before or after it,
    when a person is named before it in the same block with no company between, or when the same street and number
    was a home elsewhere in the text; a company name right before it or an establishment cue makes it public. A
    street without a number is a home where a resident is said to live on it ("een buurman aan de Beatrixlaan"), a
    postcode alone where its field follows a home address."""
    homes = {literal.strip() for literal in remove}
    table_homes = list(table_home_spans(text))
    found = []
    for match in ADDRESS.finditer(text):
        street, number = match.group(1), match.group(2)
        if not (any(STREET_END.search(w) for w in re.split("[ -]", street)) or match.group(3)):
            continue
        address = f"{street} {number}"
        found.append((match, address))
        if any(address in k for k in keep) or street.startswith("Postbus"):
            continue
        if (
            any(address.endswith(h) or h.endswith(address) or h.split(",")[0].strip() == address for h in homes)
            or any(start <= match.start() < end for start, end in table_homes)
            or home_address(text, match, persons, organisations)
        ):
            homes.add(address)
    for match, address in found:
        label = "home_address" if address in homes else "establishment_address"
        yield Span(match.start(), match.end(), label)
    home_ends = [m.end() for m, a in found if a in homes]
    for end in home_ends:  # the postcode line under a home in an address block, past a remark in brackets
        postcode = POSTCODE_LINE.match(text, end)
        if postcode:
            yield Span(postcode.start(1), postcode.end(1), "home_address")
    home_streets = {m.group(1) for m, a in found if a in homes}
    found_starts = {m.start() for m, _ in found}
    for match in ADDRESS_FIELD.finditer(text):  # a form's own layout, in capitals too: "Straat en huisnummer: …"
        block_start = text.rfind("\n\n", 0, match.start()) + 1
        if (
            match.start(1) not in found_starts
            and any(block_start <= p.start < match.start() for p in persons)
            and not any(block_start <= o.start < match.start() for o in organisations)
        ):
            home_ends.append(match.end(1))
            yield Span(match.start(1), match.end(1), "home_address")
    # where a person is, right after the name: "M. Verhaegh, Sint Martinusstraat (…)", "henk de jong, kerkweg 9"
    for person in persons:
        match = PERSON_STREET.match(text, person.end)
        # in brackets only after a person's name and not an enterprise's ("Bakkerij Dijkhuizen (Trekwei 11,
        # eenmanszaak)")
        bracket = match and match.group().lstrip().startswith("(")
        if match and not (bracket and (person.label != "person" or ENTERPRISE_BRACKET.match(text, match.end()))):
            yield Span(match.start(1), match.end(1), "home_address")
    yield from (Span(start, end, "home_address") for start, end in table_homes)
    # a postcode on its own locates a home (a six-position postcode covers a few houses): "klager in postcode …"
    for match in POSTCODE_ALONE.finditer(text):
        if not ESTABLISHMENT_CUE.search(text, max(0, match.start() - 40), match.start()):
            yield Span(match.start(1), match.end(1), "home_address")
    streets = []
    for match in HOME_STREET.finditer(text):
        # "aan de Zandstraat" is a street, whatever place bears its name ("in Zandstraat")
        street = match.group(2)
        if not re.match(r"\s?\d", text[match.end() : match.end() + 2]) and (
            match.group(1).startswith("aan ") and match.group(1) != "aan " or not place(street)
        ):
            streets.append(match.end(2))
            home_streets.add(street)
            yield Span(match.start(2), match.end(2), "home_address")
    # the street of a home named again without a number ("Handhavingsverzoek hondenpension Kapelweg" by a resident of
    # the Kapelweg) still locates that home, not with its number or as an unnumbered plot ("ong."); the
    # establishment's own street is kept by the context
    for street in home_streets:
        for start, end in occurrences(text, street):
            if not NUMBER_AFTER.match(text, end):
                yield Span(start, end, "home_address")
    if RESIDENT.search(text):
        yield from house_number_spans(text)
    for match in CUED_HOME.finditer(text):
        group = 1 if match.group(1) else 2
        if match.start(group) not in found_starts:
            yield Span(match.start(group), match.end(group), "home_address")
    for match in POSTCODE_FIELD.finditer(text):
        if any(end <= match.start() < end + 60 for end in home_ends):
            yield Span(match.start(1), match.end(1), "home_address")
    # a postcode on its own just after a home's street: "in de Schoolstraat te Ommen (postcode 7731 CP)"
    for match in POSTCODE.finditer(text):
        if any(end <= match.start() < end + 40 and "\n" not in text[end : match.start()] for end in streets):
            yield Span(match.start(), match.end(), "home_address")


POSTCODE_LINE = re.compile(r"(?:[ \t]*\([^()\n]{1,60}\))?[ \t]*\n[ \t]*(\d{4} ?[A-Z]{2})\b")
NUMBER_AFTER = re.compile(r"[ \t]*(?:nr\.?[ \t]*)?\d|[ \t]+(?:ong\.|ongenummerd)")  # "Lochemseweg ong.": a plot


def table_home_spans(text: str) -> Iterator[tuple[int, int]]:
    """A table's address cell beside a person's (names.table_cells): the home without the place after it
    ("Kastelenplein 103, 5653 LN Eindhoven", "Waterlinieweg (Lunetten)"); a place alone ("Houten") stays."""
    for kind, start, end in table_cells(text):
        if kind == "address":
            cell = TABLE_HOME.match(text, start, end)
            # a post-office box is no one's home ("Vereniging … | Postbus 118, Zeewolde")
            if cell and POST_BOX_CELL.match(cell.group()):
                continue
            if cell and (any(c.isdigit() for c in cell.group()) or STREET_END.search(cell.group())):
                yield start, cell.end()


def house_number_spans(text: str) -> Iterator[Span]:
    """A house number where a resident is said to live, in its sentence or (after "nr." and a preposition or bracket,
    which is a house's) near it in its paragraph: "… op de stoep bij nr. 58. Ik heb foto's. Mijn moeder woont
    ernaast"."""
    for match in HOUSE_NUMBER.finditer(text):
        if NOT_A_HOUSE.search(text, max(0, match.start() - 20), match.start()):
            continue
        if match.group()[:2] in ("nr", "no"):
            paragraph_start = text.rfind("\n\n", 0, match.start()) + 1
            paragraph_end = text.find("\n\n", match.end())
            start = max(paragraph_start, match.start() - 300)
            end = min(paragraph_end if paragraph_end >= 0 else len(text), match.end() + 300)
            if RESIDENT.search(text, start, end):
                yield Span(match.start(), match.end(), "home_address")
            continue
        breaks = [b.end() for b in SENTENCE_BREAK.finditer(text, max(0, match.start() - 300), match.start())]
        sentence_start = breaks[-1] if breaks else max(0, match.start() - 300)
        after = SENTENCE_BREAK.search(text, match.end())
        if RESIDENT.search(text, sentence_start, after.start() if after else len(text)):
            yield Span(match.start(), match.end(), "home_address")


# persons named after an address as the ones who live there: "Kastanjelaan 31 …\nOpdrachtgever: de heer S. Kok en
# mevrouw R. Kok (eigenaren en bewoners)", "Object: Dorpsweg 8 …\nAanvrager: mevrouw M. Smit, zelfde adres"
RESIDENTS_AFTER = re.compile(
    r"(?i)\b(?:(?:eigenaar|eigenaren|eigenaresse)(?:-| en )bewoners?|(?:hetzelfde|zelfde) adres|aldaar woonachtig|"
    r"woonachtig aldaar|woont (?:hier|daar|aldaar))\b"
)


def residents_after(text: str, match: re.Match, persons: list[Span]) -> bool:
    block_end = text.find("\n\n", match.end())
    end = min(match.end() + 250, len(text) if block_end < 0 else block_end)
    cue = RESIDENTS_AFTER.search(text, match.end(), end)
    return bool(cue) and any(match.end() <= p.start < cue.start() for p in persons)


def home_address(text: str, match: re.Match, persons: list[Span], organisations: list[Span]) -> bool:
    before = text[max(0, match.start() - 80) : match.start()]
    if HOME_CUE_AFTER.match(text, match.end()) or HOME_CUE.search(before) or OWN_LAND_CUE.search(before):
        return True
    if residents_after(text, match, persons):
        return True
    if LIVES_THERE_AFTER.match(text, match.end()) or (PLOT_CUE.search(before) and not organisations):
        return True
    block_start = text.rfind("\n\n", 0, match.start()) + 1
    if ATTENTION.search(text, block_start, match.start()) and any(
        block_start <= o.start < match.start() for o in organisations
    ):
        return False  # a letter to a company for the attention of a person: the company's address
    if ENTERPRISE_CUE.search(text, max(0, match.start() - 40), match.start()):
        return bool(OWNER_LIVES_THERE.search(text))  # "(eenmanszaak, KvK 08165532), Keizerstraat 14": its business
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
