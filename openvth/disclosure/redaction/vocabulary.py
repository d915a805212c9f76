"""The words of Dutch enforcement documents as regular-expression pieces: letters, names, titles and roles, dates,
legal forms, streets. The detectors (`detectors`, `names`, `addresses`) compile their patterns from these."""

import re

U = "A-ZÀ-ÖØ-ÞĆČĐŁŃŚŠŹŽŻİŞĞ"
L = "a-zß-öø-ÿāăąćčďđēęěğīıłńňōőœřśşšţťūůűźżžșț"
WORD = rf"[{U}][{L}]+(?:'[{L}]+)?"
TUSSENVOEGSEL = (
    r"(?:[vV]an der|[vV]an den|[vV]an de|[vV]an 't|[vV]an|[dD]e|[dD]er|[dD]en|[tT]er|[tT]en|[iI]n 't|[iI]n het|'t|"
    r"[oO]p de|[oO]p ten|[uU]it de|[uU]it den|[dD]a|[dD]os|[dD]u|[eE]l|[aA]l|[lL]e|[lL]a|[dD]i|[vV]on|Oude|Op|"
    r"Ó|Ní|Nic|Uí|[vV]\.d\.|[vV]d)"
)
# a surname: "Jansen", "van der Linden", "Hoogland-van Vliet", "Tjon-A-Fong", "Bakker-Sahin"
# and an Iberian double surname: "Mendes de Oliveira", "Pereira da Silva", "García y López"; a Chinese-Surinamese
# one joined by "A" ("Tjong A Hung", "Lie-A-Ling"); an Irish one after a hyphen ("Smit-Ó Dálaigh")
SURNAME = (
    rf"(?:{TUSSENVOEGSEL} )?{WORD}(?:-(?:{TUSSENVOEGSEL} )?[{U}][{L}]*)*(?:[ -]A[ -]{WORD})?"
    rf"(?: (?:da|das|de|del|do|dos|y) {WORD})?"
)
# initials, also the abbreviated given names of more than one letter ("Chr.", "Ch.", "Kl.", "Joh.", "Wm.")
INITIALS = (
    rf"(?!(?:B\.V|N\.V|V\.O\.F|C\.V)\.)(?:(?:[{U}]|Th|Chr|Ch|Ph|Tj|IJ|Kl|Joh|Jac|Wm|Hub|Corn|Gerh|Wilh|Sj)\. ?)"
    r"{1,6}"
)
NICKNAME = rf"(?:\({WORD}(?:-{WORD})?\) )"
GIVEN = rf"{WORD}(?:-{WORD})?"
# after initials also "te": "H. te Winkel", "ing. R. te Velde" (elsewhere "te" opens a place: "te Epe")
FULL_NAME = rf"(?:{INITIALS} ?{NICKNAME}?(?:te )?{SURNAME}|{GIVEN} {NICKNAME}?(?:{GIVEN} ){{0,3}}{SURNAME})"
# a surname in capitals, as forms and police reports write it: "KOWALCZYK", "VAN DER VEEN", "JANSEN-DE BOER"; in a
# name position after a given name ("Mirosław KOWALCZYK") or before the given names after a comma ("VAN DER VEEN,
# Hilbrand Jacob")
CAPS_PARTICLE = r"(?:VAN DER|VAN DEN|VAN DE|VAN 'T|VAN|DE|DER|DEN|TER|TEN|OP DE|IN 'T)"
CAPS_SURNAME = rf"(?:{CAPS_PARTICLE} )?[{U}]{{2,}}(?:-(?:{CAPS_PARTICLE} )?[{U}]{{2,}})*(?![\w-])"
CAPS_NAME = rf"(?:{INITIALS} ?|{GIVEN} (?:{GIVEN} ){{0,2}}){CAPS_SURNAME}"
CAPS_SURNAME_FIRST = rf"{CAPS_SURNAME}, {GIVEN}(?: {GIVEN}){{0,3}}"  # only in a field: "OMWB, Eline …" is no name
TITLE = (
    r"(?:(?:[dD]e )?[hH]eer(?: en [mM]evrouw)?|[dD]e heren|[mM]evrouw|[mM]eneer|[mM]evr\.?|[mM]w\.?|[dD]hr\.?|[fF]am\.|"
    r"(?:[dD]hr\.?|[dD]e heer) en (?:[mM]w\.?|[mM]evr\.?|[mM]evrouw)|"
    r"(?:[dD]e )?[fF]amilie|[mM]r\.|Frau|Herr|Mrs\.?|Ms\.?|Mr(?= )|[dD]rs\.|[iI]r\.|[iI]ng\.|[dD]r\.|[pP]rof\.|[bB]c\.|"
    r"[bB]oa|[bB]oa's)"
)
TITLES = rf"(?:{TITLE} )+"
TITLE_PREFIXES = frozenset({"de", "he", "me", "mw", "mr", "dh", "fa", "dr", "ir", "in", "pr", "bc", "bo", "fr", "ms"})

# words that precede a name in these documents (case-insensitive): roles, fields and signature lines
ROLE_WORDS = (
    "toezichthouders?",
    "inspecteurs?",
    "inspecteur van politie",
    "verbalisanten?",
    "brigadier",
    "hoofdagent",
    "agent",
    "collega",
    "boswachter",
    "directeur",
    "bedrijfsleider",
    "beheerder",
    "locatiemanager",
    "eigenaar",
    "eigenaren",
    "exploitant",
    "ondernemer",
    "vennoten",
    "vennoot",
    "maten",
    "houder",
    "voorzitter",
    "secretaris",
    "burgemeester",
    "bestuurders?",
    "uitvoerder",
    "chauffeur",
    "schipper",
    "operator",
    "planner",
    "leidinggevende",
    "projectleider",
    "contactpersoon",
    "gemachtigde",
    "advocaat",
    "jurist",
    "medewerker",
    "omwonende",
    "buurvrouw",
    "buurman",
    "dochter",
    "zoon",
    "getuige",
    "melders?",
    "klager",
    "klaagster",
    "aangever",
    "verhoorde",
    "verdachte",
    "bewoner",
    "bewoonster",
    "behandelaar",
    "klachtbehandelaar",
    "coördinator",
    "teamleider",
    "opsporingsambtenaar",
    "organisator",
    "werkplaatschef",
    # officials and those around a person, whom these documents name as often
    "ambtenaar",
    "behandelend ambtenaar",
    "casemanager",
    "handhaver",
    "adviseur",
    "vergunningverlener",
    "medewerkster",
    "wijkagent",
    "toezichthoudster",
    "inspectrice",
    "eigenaresse",
    "echtgeno(?:te|ot)",
    "partner",
    "huurder",
    "verhuurder",
    "pachter",
    "aannemer",
    "monteur",
    "vader",
    "moeder",
    "broer",
    "zus",
    # who was spoken to, drove or was heard
    *(f"{words} met" for words in ("spraken?", "gesproken", "in gesprek", "contact", "telefonisch contact")),
    *(f"{verb} door" for verb in ("bestuurd", "gebeld", "gereden")),
    "aangesproken",
    "officier van justitie",
    "boa",
    "aanwezig",
    "t\\.a\\.v\\.",
    "groet",
    "ik, verbalisant",
    "ik",  # "Ik, Marjolein ter Beek, boa …": the opening of a proces-verbaal
    "bleek te zijn",
    "genaamd",
    "betrokkene",
    "legitimeerde zich als",
    "zich legitimerend als",
    "namens deze",
    "namens dezen",
    "namens hen",
    "in aanwezigheid van",
    "betrokken toezichthouders",
    # "<verb> door": whoever checked, drew up, heard or signed
    *(
        f"{verb} door"
        for verb in [
            "behandeld",
            "opgesteld",
            "opgemaakt",
            "verhoord",
            "opgenomen",
            "gecontroleerd",
            "uitgevoerd",
            "bezocht",
            "afgehandeld",
            "ondertekend",
            "vergezeld",
            "geïnspecteerd",
            "beoordeeld",
            "gezien",
            "vastgesteld",
            "gemeld",
            "ingediend",
            "aangetroffen",
            "gesproken",
        ]
    ),
)
ROLE = "(?:" + "|".join(ROLE_WORDS) + ")"


def prefixes(alternatives) -> frozenset[str]:  # noqa: ANN001  (an iterable of regular-expression pieces)
    """The first two letters (one, where only one is literal) each alternative starts with, in lower case: a word
    whose start is not among them cannot start a match, so the anchored patterns run at the few words that can."""
    found = set()
    for alternative in alternatives:
        literal = re.match(r"[^\\()\[\]?*+.|{}]+", alternative)
        start = literal.group().lower() if literal else ""
        if not start:
            raise ValueError(f"no literal start: {alternative}")
        found.add(start[:2] if len(start) >= 2 and not alternative[len(start[:2]) :].startswith("?") else start[:1])
    return frozenset(found)


ROLE_PREFIXES = prefixes(ROLE_WORDS)
# verbs after a name: "Jan Smit verklaarde …", "Fleur Kaya belde"
AFTER_NAME_VERBS = [
    "verklaarde",
    "vertelde",
    "zei",
    "zegt",
    "belde",
    "meldde",
    "woont",
    "wonen",
    "bevestigde",
    "erkende",
    "ontkende",
] + ["gaf aan", "liet weten", "heeft verklaard", "was aanwezig", "is eigenaar"]
AFTER_NAME_VERB = "(?:" + "|".join(AFTER_NAME_VERBS) + ")"
# capitalised words that open a sentence before a name and are no part of it: "Volgens Aleksandra Wiśniewska …"
OPENING_WORDS = (
    r"(?:Volgens|Namens|Aldus|Daarna|Toen|Later|Verder|Tevens|Vervolgens|Hierbij|Hierop|Ook|Maar|En|Of|Omdat|"
    r"Zoals|Sinds|Tijdens|Na|Voor|Met|Zonder|Door|Bij|Uit|Aan|Over|Tegen|Naast|Vanaf|Tot|Ondanks|Dat|Dit|Deze|"
    r"Daarbij|Daarop|Hij|Zij|Wij|Ik|Eerder|Gisteren|Vandaag|Inmiddels|Nadat|Wanneer|Als|Indien|Melder|Klager|"
    r"Verdachte|Getuige|Betrokkene|Toezichthouder|Inspecteur|Bestuurder|Eigenaar|Contactpersoon|Wethouder|"
    r"Burgemeester|Gedeputeerde|Minister|Staatssecretaris|Dijkgraaf|Heemraad) "
)
# words that precede a name only as a field label, with a colon: "Van: Bram de Ruiter <…>", "Aan: mevrouw …"
FIELD_WORDS = (
    "Van",
    "Aan",
    "Naam",
    "Verzonden aan",
    "Toezicht",
    "Afschrift aan",
    "Afschrift",
    "Cc",
    "CC",
    "Ondertekening",
)
FIELD = "(?:" + "|".join(FIELD_WORDS) + ")"

# the writer's initials closing a reference, in mixed case ("Ons kenmerk: 26.0144/SdH"): no part of the reference
# (names.code_spans removes them)
WRITER_CODE = r"[A-Z](?:v|d|vd|vdr|t)[A-Z]{1,2}"

MONTHS = r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
# the letters to foreign parties are in English: "born 14 March 1981"
MONTHS_EN = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DATE = (
    rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|\d{{1,2}} (?:{MONTHS}|{MONTHS_EN}) (?:19|20)\d{{2}}"
    r"|(?:19|20)\d{2}-[01]?\d-[0-3]?\d)"  # and ISO 8601: "1987-03-14"
)
PLACE_NAME = rf"(?:'s-)?{WORD}(?:[- ](?:aan de |op |en )?{WORD})*(?: \([^)\n]{{1,3}}\))?"
BIRTH_CUE = r"(?i:geboren(?: op)?|geb\.|geboortedatum(?: is| was)?)"
BIRTH_CUE_EN = r"(?i:born(?: on)?|date of birth)"  # in the letters to foreign parties

ORG_TOKEN = rf"(?:[{U}0-9'][\w'&.-]*|&|en|van|de|der|den|het|'t|voor|op|aan)"
# "Mr." is no body's name: a short word before a full stop is an abbreviation where no line ends after it; a longer
# one ends a sentence ("… van de Omgevingsdienst IJmond. Hij …")
BODY_TOKEN = rf"(?:[{U}][\w'&-]{{4,}}|[{U}][\w'&-]{{0,3}}(?![\w'&-]*\.(?![ \t]*(?:\n|$)))|en|van|de|&)"
LEGAL_FORM = (
    r"(?:B\.V\.|N\.V\.|V\.O\.F\.|VOF|C\.V\.|U\.A\.|W\.A\.|B\.A\.|B\.V\b|N\.V\b|U\.A\b|BV(?![\w-])|NV(?![\w-])|GmbH|Ltd\.?|S\.A\.|"
    r"Sp\. z o\.o\.|BVBA|S\.r\.l\.|"
    # the legal forms of other countries of a carrier or supplier: "Transport Petrov EOOD", "Logistica SRL"
    r"SRL(?![\w-])|S\.R\.L\.|EOOD(?![\w-])|OOD(?![\w-])|Kft\.|s\.r\.o\.|d\.o\.o\.|UAB(?![\w-])|SIA(?![\w-])|"
    r"A/S(?![\w-])|AG(?![\w-])|SAS(?![\w-])|LLC(?![\w-])|Inc\.)"
)
NATURAL_FORM = r"(?:V\.O\.F\.|V\.o\.f\.|VOF|Vof|vof|C\.V\.)"
LAW = (
    rf"(?:Bal|Bbl|Bkl|Awb|Wm|Wabo|Omgevingswet|Waterwet|Gemeentewet|Opiumwet|[{U}][\w-]*(?:wet|besluit|verordening)"
    r"|(?:Besluit|Wet|Regeling|EU)(?: [\w'-]+){1,6})"
)

STREET_SUFFIX = (
    r"(?:straat|straatweg|weg|laan|plein|kade|dijk|dyk|gracht|singel|dreef|pad|markt|haven|hof|park|steeg|baan|wal|"
    r"boulevard|veste|poort|plantsoen|ring|erf|dam|rijt|oord|brink|zijde|buurt|voort|daal|akker|veld|horst|donk|"
    r"hoek|boekel|burgwal|voorburgwal|factorij|weide|einde|tangent|kanaal|wijk|kamp|gaarde|hoeve|tuin|stoven|"
    r"eiland|laantje|straatje|wetering|vaart)"
)
STREET_WORD = rf"(?:[{U}][{L}]*\.?|{TUSSENVOEGSEL}|[A-Z]\.)"
STREET_NAME = (
    rf"(?:(?=[{U}])(?:{STREET_WORD} ){{0,3}}[{U}][{L}]*{STREET_SUFFIX}(?:-(?:Oost|West|Noord|Zuid))?"
    rf"|(?:Laan|Weg|Plein|Kade|Hof) van(?: [{U}][\w'-]+){{1,3}})"
)

# capitalised words of these documents that are no name (headings, fields, bodies, laws)
NOT_A_NAME = frozenset(
    """Omgevingsdienst Gemeente Provincie Inspectie Politie Stichting Bakkerij Besluit Bal Awb Wet Voor Met Namens
    Het Een Bij Tijdens Dit Deze Op Na Bezwaar Geachte Hoogachtend Datum Onderwerp Betreft Adres Telefoon Tel Bedrijf
    Locatie Inrichting Kenmerk Zaaknummer Bijlage Afschrift Aanwezig Melder Klacht Omschrijving Verdachte Getuige Feit
    Overtreding Geboren Opvolging Afhandeling Behandelaar Toezichthouder Inspecteur Contact RUD Veiligheidsregio
    Hoogheemraadschap Gedeputeerde Staten Minister College Burgemeester Secretaris Directie Team Afdeling Eenheid
    Basisteam Landelijke Verbalisant Verbalisanten Proces Verbaal Rapport Verslag Controle Notitie Reactie Actie
    Analyse Vervolg Ik Wij Hij Zij U Uw Er Dat Zie Om Ook Zijn Haar Bbl Bkl PGS NPR Omgevingswet Waterwet Gemeentewet
    Opiumwet Activiteitenbesluit Bouwbesluit Vuurwerkbesluit Rijkswaterstaat Inleiding Aanleiding Achtergrond
    Samenvatting Bevinding Bevindingen Beoordeling Overwegingen Toelichting Conclusie Conclusies Maatregelen Advies
    Resultaten""".split()  # noqa: SIM905
)
