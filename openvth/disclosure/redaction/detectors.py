"""The detectors that are one regular expression each: a table of (label, pattern, group, check), run by `spans`.
The few that are more than a pattern (phone numbers, health data) have a function of their own."""

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from openvth.rules.redaction_policy import MAILBOX_WORDS, Span, general_mailbox, is_bsn, side_code

from .vocabulary import (
    BIRTH_CUE,
    BIRTH_CUE_EN,
    BODY_TOKEN,
    DATE,
    FULL_NAME,
    INITIALS,
    LAW,
    LEGAL_FORM,
    ORG_TOKEN,
    PLACE_NAME,
    SURNAME,
    TITLES,
    WRITER_CODE,
    L,
    U,
)


@dataclass(frozen=True)
class Detector:
    """Every match of `pattern` (its `group`) is a span labelled `label`, or what `check(match, text)` says: another
    label, or None for no span."""

    label: str
    pattern: re.Pattern
    group: int = 0
    check: Callable[[re.Match, str], str | None] | None = None
    requires: re.Pattern | None = None  # a quick search without which the pattern cannot match: it is not run


def run(detectors: tuple[Detector, ...], text: str) -> Iterator[Span]:
    for detector in detectors:
        if detector.requires and not detector.requires.search(text):
            continue
        for match in detector.pattern.finditer(text):
            label = detector.check(match, text) if detector.check else detector.label
            if label and match.group(detector.group):
                yield Span(match.start(detector.group), match.end(detector.group), label)


# who an age describes
AGED = (
    r"(?:man|vrouw|jongen|meisje|bewoner|bewoonster|buurman|buurvrouw|eigenaar|bestuurder|verdachte|zoon|dochter|"
    r"melder|klager|klaagster|gast|werknemer|medewerker|medewerkster|chauffeur|fietser|voetganger|inwoner)\b"
)
CASE_WORDS = (
    r"zaaknummer|zaak|kenmerk|dossiernummer|klachtnummer|meldingnummer|meldingsnummer|registratienummer|klachtdossier|"
    r"klacht|beschikkingsnummer|factuurnummer|referentie|ons kenmerk|uw kenmerk|documentnummer|volgnummer|melding"
)
CASE_CUE = re.compile(rf"(?i)\b(?:{CASE_WORDS}|nummer|ref\.)[:.]?\s*$")
BSN_CUE = re.compile(r"(?i)\b(?:BSN|burgerservicenummer|sofinummer)\b[^\n\d]{0,20}$")
AUTHORITY_ACCOUNT = re.compile(  # an authority's account: held in an authority's name
    r"(?i)[^.\n]{0,12}?(?:\b(?:t\.n\.v\.|ten name van|van)\s+|\()(?:de |het )?(?:gemeente|provincie|waterschap|"
    r"wetterskip|hoogheemraadschap|omgevingsdienst|belastingdienst|cjib|rijksoverheid|ministerie|"
    r"staat der nederlanden|ilt|"
    r"inspectie|rijkswaterstaat|veiligheidsregio|rud|dcmr|od[a-z]{0,4}\b)"
)


AUTHORITY_BEFORE_ACCOUNT = re.compile(
    r"\b(?:via|aan|door|bij) (?:het |de )?(?:CJIB|Centraal Justitieel Incassobureau|gemeente|provincie|waterschap)\b"
    r"[^.\n]{0,60}\b(?:rekening(?:nummer)?|IBAN)[: \t]*$"
)


def mailbox_or_email(match: re.Match, text: str) -> str:
    # an address the text gives as an organisation's general one: "Algemeen: bwt@…", "meldpunt: …"
    if organisation_mailbox(match.group()) or GENERAL_BEFORE.search(text, max(0, match.start() - 60), match.start()):
        return "mailbox"
    return "email"


def organisation_mailbox(address: str) -> bool:
    return general_mailbox(address) or department_mailbox(address) or public_body_mailbox(address)


# the domains of public bodies: a municipality by its place, a province, an environmental service, a water board, a
# safety region, the national inspectorates and agencies
PROVINCES = (
    "groningen|fryslan|friesland|drenthe|overijssel|flevoland|gelderland|utrecht|noord-holland|zuid-holland|zeeland|"
    "brabant|noord-brabant|limburg"
)
PUBLIC_DOMAIN = re.compile(
    rf"(?:(?:od|rud|omgevingsdienst|gemeente|provincie|prv|waterschap|hh|ws|wetterskip|ggd|vr|veiligheidsregio)"
    rf"[a-z-]*|{PROVINCES}|ilent|ilt|rws|rijkswaterstaat|nvwa|rivm|dcmr|politie|rijksoverheid|staatsbosbeheer|minienw)"
)


def public_body_mailbox(address: str) -> bool:
    """A mailbox of a public body by its domain (municipalities by their place, see PUBLIC_DOMAIN) whose local part
    is one or more words of four letters or more that are no given name or surname of deduce's lists
    ("meldkamer@dcmr.nl", "natuurvergunningen@provincie-utrecht.nl"): a person's address there holds an initial or a
    name ("j.bakker@…", "jansen@…"), a short local part may be initials ("jdb@…")."""
    from .loading import lookups

    local, domain = address.lower().split("@", 1)
    labels = domain.split(".")
    if len(labels) < 2:
        return False
    structs = lookups()
    body = labels[-2]
    if not (PUBLIC_DOMAIN.fullmatch(body) or [body.capitalize()] in structs["placename"]):
        return False
    parts = [part for part in re.split(r"[-._]", local) if part]
    return bool(parts) and all(
        part in MAILBOX_WORDS
        or (
            len(part) >= 4
            and part.isalpha()
            and [part.capitalize()] not in structs["first_name"]
            and [part.capitalize()] not in structs["surname"]
        )
        for part in parts
    )


def department_mailbox(address: str) -> bool:
    """A department's mailbox beside the general ones (redaction_policy.general_mailbox): a mailbox word with other
    parts of three letters or more that name no one ("juristen-handhaving@…", "wvl-vergunningen@…"); not where a part
    is a single letter or a given name or surname of deduce's lists ("j.bakker-handhaving@…")."""
    from .loading import lookups

    parts = [part for part in re.split(r"[-._]", address.split("@", 1)[0].lower()) if part]
    if len(parts) < 2 or not any(part in MAILBOX_WORDS for part in parts):
        return False
    structs = lookups()
    return all(
        part in MAILBOX_WORDS
        or (
            len(part) >= 3
            and part.isalpha()
            and [part.capitalize()] not in structs["first_name"]
            and [part.capitalize()] not in structs["surname"]
        )
        for part in parts
    )


def bsn(match: re.Match, text: str) -> str | None:
    digits = match.group(1).replace(".", "").replace(" ", "")
    before = text[max(0, match.start() - 30) : match.start()]
    if is_bsn(digits) and (BSN_CUE.search(before) or not CASE_CUE.search(before)):
        return "bsn"
    return None


def registration(match: re.Match, text: str) -> str | None:
    return "vehicle" if side_code(match.group()) else None


def plate(match: re.Match, text: str) -> str | None:
    """A plate after a vehicle's word: digits and capitals, five of them at least (not "EUR 3")."""
    value = match.group(1)
    return plain_registration(match, text) if sum(c.isalnum() for c in value) >= 5 else None


def plain_registration(match: re.Match, text: str) -> str | None:
    value = match.group(1)
    return "vehicle" if re.search(r"\d", value) and re.search(r"[A-Z]", value) else None


def account(match: re.Match, text: str) -> str:
    # at the BNG Bank (the public sector's bank), held in an authority's name, or the account of an authority the
    # sentence pays through ("via het CJIB op rekening NL…")
    authority = (
        "BNGH" in match.group()
        or AUTHORITY_ACCOUNT.match(text, match.end())
        or AUTHORITY_BEFORE_ACCOUNT.search(text, max(0, match.start() - 80), match.start())
    )
    return "public_account" if authority else "iban"


DATE_AT = re.compile(DATE)
# the number of an official or a farm: a digit in its first four places, letter codes before it ("NH-214",
# "WL-T-0211")
OFFICIAL_NUMBER = r"(?=(?:[A-Z]{1,3}-){0,2}\d|[A-Z]{0,3}\d)(?:[A-Z]{1,3}-|\d{2}-(?=\d{4})){0,2}[A-Z0-9]{3,10}\b"
# the documents a person holds, by kind: of identity, of a driver or skipper, of a qualification or licence ("zijn
# persoonscertificaat (nummer FG-C-104417)", "spuitlicentie 17-445832", "vaarbewijs/rijnpatent RP-0047791", "uw
# certificaat"; a company's certificate is no person's)
PERSONAL_DOCUMENT = (
    r"(?:rijbewijs|paspoort|identiteitsbewijs|identiteitskaart|ID-kaart|ID-bewijs|verblijfsdocument|"
    r"verblijfsvergunning|vreemdelingendocument|legitimatiebewijs|vaarbewijs|rijnpatent|patent|ADR-certificaat|"
    r"ADR-vakbekwaamheidsbewijs|chauffeurskaart|bestuurderskaart|tachograafkaart|vakbekwaamheidsbewijs|"
    r"persoonscertificaat|persoonsregistratie|diploma|vakdiploma|[a-z]*licentie|(?<=uw )certificaat|"
    r"(?<=zijn )certificaat|"
    r"(?<=haar )certificaat|(?<=mijn )certificaat)"
)
# the number of an identity document in any layout (after PERSONAL_DOCUMENT)
DOCUMENT_NUMBER = (
    r"((?=[A-Z]{0,4}\d)(?=\w*[0-9])[A-Z0-9]{6,12}|[A-Z]{1,3} ?\d+(?:/\d+)+|\d{3,}(?:/\d+){2}|[A-Z]{1,3} \d{6,9}|"
    r"(?=[A-Z0-9-]*\d)[A-Z]{1,4}(?:-[A-Z0-9]{1,8}){1,3}|\d{2,4}-\d{4,8})\b"
)
BORN = re.compile("born|of birth|Born|Date of")
PERSONAL = (
    # from the start of its run of address characters only (not again at each of its characters)
    Detector("email", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), check=mailbox_or_email),
    Detector("bsn", re.compile(r"(?<![\d.])(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3} \d{3} \d{3}(?! ?\d))(?![\d])"), 1, bsn),
    # with its cue ("BOA-nummer 4410273"): the number of an official or of a farm (UBN, the unique number of a
    # livestock holding, which leads to its keeper), wherever a case reference would read it as the case's number
    Detector(
        "personal_number",
        re.compile(
            # also by the official's own word and in lists: "handhavernummer 40277", "dienstnummers NH-214 en NH-238"
            # abbreviated too: "P-nr 7741823", "personeelsnr. N-30417"
            r"(?i)\b(?:ambtsnummer|boa-nummer|boa-?nr\.?|boa|p-nr\.?|pers\.?nr\.?|(?:personeels|dienst|stam)nr\.?|"
            r"(?:dienst|stam|personeels|pas|legitimatie|ambts|boa|"
            r"handhavers?|toezichthouders?|verbalisanten?|inspecteurs?)nummers?|rijbewijsnummer|paspoortnummer|"
            # an inspectorate's number of its inspector: "(ILT-nummer ILT-3318)"
            r"(?:ILT|NVWA)-nummer|"
            r"UBN(?:-nummer)?|uniek bedrijfsnummer)"
            rf"(?::| is| was)?\s*{OFFICIAL_NUMBER}(?:(?:, | en ){OFFICIAL_NUMBER})*"
        ),
    ),
    # a boa's registration number by its own letters, whatever cue or none stands before it: "(nr. BOA 08-7733)",
    # "boa-registratienummer BOA-22-11850"
    Detector("personal_number", re.compile(r"(?<![\w-])BOA[- ]\d{2}-\d{3,6}(?![\w-])")),
    # an officer's registration number after the officer: "Ik, verbalisant, B. Smit, hoofdagent van politie,
    # registratienummer ABC 123 456, verklaar", "boa Jan Smit, registratienummer 114482", "(boa, registratienummer …)"
    Detector(
        "personal_number",
        re.compile(
            r"(?i:verbalisant|opsporingsambtenaar|hoofdagent|agent|brigadier|toezichthouder|[\w-]*boa)\b[^\n.]{0,80}?"
            r"\bregistratienummer:?[ \t]+((?-i:[A-Z]{2,4}[ -]?\d{3}[ -]?\d{3}|\d{5,8}))\b"
        ),
        1,
        requires=re.compile("registratienummer"),
    ),
    # the number of a person's own certificate or diploma (a company's certificate is public): "DTA-certificaat
    # DTA-0812-4471", "F-gassencertificaat categorie I, nummer STEK-F-30917", "VCA-diploma 2207719"
    Detector(
        "personal_number",
        re.compile(
            r"(?i:persoonscert(?:ificaat|\.)|DTA-certificaat|F-gassen(?:persoons)?certificaat|VCA-(?:diploma|certificaat)|"
            r"vakbekwaamheidsbewijs|[\w-]*diploma)(?: F-gassen)?(?: categorie [\w]+)?,?(?: (?i:nr\.?|nummer))?"
            r"(?: is)?:?[ \t]+"
            r"((?=[A-Z0-9-]*\d)[A-Z]{1,5}(?:-[A-Z0-9]{1,8}){1,3}|\d{5,10})(?![\w-])"
        ),
        1,
        requires=re.compile("(?i)cert|diploma|vakbekwaamheid"),
    ),
    # an extension, an official's direct line (docs/domain.md §8): "op toestel 3318 (R. Pranger)", "(tst. 212)"
    Detector(
        "phone",
        re.compile(r"(?i:\b(?:toestel(?:nummer)?|tst\.|ext\.|extension))[ \t]*(\d{2,5})\b(?![.,]\d)"),
        1,
        requires=re.compile("(?i)toestel|tst\\.|ext"),
    ),
    # a Belgian national number (rijksregisternummer), a national identification number like the BSN
    Detector("bsn", re.compile(r"(?<![\d.])\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}(?![\d])")),
    # the number of an identity document, whatever its layout: "rijbewijs nummer 5209847163", "paspoort NXR8L42K7",
    # "identiteitsbewijs EK4921375", "ID-kaart nr. IR7731PQ2"
    Detector(
        "personal_number",
        re.compile(
            rf"(?i)\b{PERSONAL_DOCUMENT}(?:/{PERSONAL_DOCUMENT})?"
            r"(?:nummer|-nummer| ?nummer| nr\.?|, nummer| \((?:nummer|nr\.?))?(?::| is| was| met nummer)?\s*"
            rf"{DOCUMENT_NUMBER}"
        ),
        1,
    ),
    # in English: "driving licence no. 1403817DJ", "ID card ABK 402771", "driving licence 01233/19/2901"
    Detector(
        "personal_number",
        re.compile(
            r"(?i:driving licen[cs]e|driver'?s licen[cs]e|ID card|identity card|passport|residence permit)"
            rf"(?: no\.?| number)?:?\s*{DOCUMENT_NUMBER}"
        ),
        1,
        requires=re.compile("licen[cs]e|ID card|identity card|passport|residence permit"),
    ),
    # a user's handle on a platform: "een account \"piet_k_88\""
    Detector(
        "personal_number",
        re.compile(
            r"(?i:\b(?:account|gebruikersnaam|accountnaam|profielnaam|profiel|alias|username)):?[ \t]+"
            r"[\"“'‘]([\w.-]*[_\d][\w.-]*)[\"”'’]"
        ),
        1,
        requires=re.compile("ccount|ebruikersnaam|rofiel|lias|sername|ACCOUNT"),
    ),
    # a remark or whose it is may stand between a field and its value: "Geboortedatum (optioneel): 30/11/1957",
    # "Geboortedatum eigenaar: 30-06-1958"
    Detector(
        "birth_date",
        re.compile(rf"{BIRTH_CUE}(?: \([^()\n]{{1,30}}\)|(?: [{L}]+){{1,2}}(?=[ \t]*:))?[ \t]*:?\s*\(?({DATE})"),
        1,
    ),
    Detector(
        "birth_date",
        re.compile(
            r"(?i:geboortejaar|geboren in|(?<![\w.])geb\.|\(geboren)(?: \([^()\n]{1,30}\))?:?\s*((?:19|20)\d{2})\b"
            r"(?![-/.]\d)"
        ),
        1,
    ),
    # the place after "te" or a comma: "12 mei 1988 te Wrocław", "Geb.: 22-02-2001, Nijkerk"
    Detector(
        "birth_place",
        # in capitals too: "GEB. 08-12-1987 TE GORINCHEM"
        re.compile(
            rf"{BIRTH_CUE}[ \t]*:?\s*{DATE}(?: (?:te|in)|,| TE) ({PLACE_NAME}(?: \([{U}][{L}]+\))?|"
            r"(?<=TE )[A-Z]{2,}(?:-[A-Z]{2,})*)"
        ),
        1,
    ),
    # in English: "born 14 March 1981 in Dej", "date of birth: 03.09.1984" (after a comma other data follows)
    Detector("birth_date", re.compile(rf"{BIRTH_CUE_EN}[ \t]*:?\s*({DATE})"), 1, requires=BORN),
    Detector("birth_place", re.compile(rf"{BIRTH_CUE_EN}[ \t]*:?\s*{DATE} in ({PLACE_NAME})"), 1, requires=BORN),
    # an age that describes a person: "een 74-jarige man"
    Detector("birth_date", re.compile(rf"(?<![\w-])\d{{1,3}}-jarige(?= {AGED})"), requires=re.compile("-jarige")),
    # with its country: "Geboorteplaats: Gent (België)"
    Detector("birth_place", re.compile(rf"Geboorteplaats[ \t]*:\s*({PLACE_NAME}(?: \([{U}][{L}]+\))?)"), 1),
    Detector(
        "vehicle", re.compile(r"(?<![\w-])[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}(?![\w-])"), check=registration
    ),
    Detector("vehicle", re.compile(r"(?i:kenteken)(?:s|nummer)?:?\s*([A-Z0-9]{6})\b"), 1, check=plain_registration),
    Detector(
        "vehicle",
        re.compile(r"(?i:kenteken)(?:s|nummer)?:?[ \t]+([A-Z0-9]{1,4}(?:[- ][A-Z0-9]{1,5}){1,2})(?![\w-])"),
        1,
        check=plain_registration,
        requires=re.compile("enteken|ENTEKEN"),
    ),
    # a vehicle's own plate after its word, in Dutch or English: "trekker BOR-KH 700", "your truck with registration
    # CJ 27 TCL", "the van TM 44 GCM", "tanker trucks BOR-AT 518"
    Detector(
        "vehicle",
        re.compile(
            r"(?i:\b(?:trekker|vrachtwagen|bestelbus|bestelauto|truck|trucks|lorry|vehicle|registration|"
            r"(?<=the )van|(?<=your )van))(?: (?:no\.|number|nr\.))?:?[ \t]+"
            r"([A-Z0-9]{1,4}(?:[- ][A-Z0-9]{1,5}){1,2})(?![\w-])"
        ),
        1,
        check=plate,
        requires=re.compile(
            "trekker|vrachtwagen|bestel|truck|lorry|vehicle|registration|the van|your van|Truck|Vehicle"
        ),
    ),
    # a trailer's own plate after its word: "tankoplegger SM 09 TRA", "aanhanger WV-12-KL"
    Detector(
        "vehicle",
        re.compile(
            r"(?i:[a-z]*oplegger|aanhanger|aanhangwagen|trailer)(?: \(\w+\))?:?[ \t]+"
            r"([A-Z0-9]{1,4}(?:[- ][A-Z0-9]{1,5}){1,2})(?![\w-])"
        ),
        1,
        check=plain_registration,
        requires=re.compile("(?i)oplegger|aanhang|trailer"),
    ),
    Detector(
        "iban",
        re.compile(r"\b(?:NL\d{2} ?[A-Z]{4}(?: ?\d){10}|BE\d{2}(?: ?\d{4}){3}|DE\d{2}(?: ?\d{4}){4} ?\d{2})\b"),
        check=account,
    ),
)

PROVISION = re.compile(
    rf"\b(?:[aA]rtikel|[aA]rt\.|[vV]oorschrift)\s\d[\w.:]*(?: (?:en|jo\.|in samenhang met) (?:artikel )?\d[\w.:]*)*"
    # its member after it: "artikel 51, tweede lid, Wetboek van Strafrecht"
    rf"(?:,? (?:[a-z]+ lid|lid \d+|onder [a-z]\b),?)*"
    rf"(?: (?:van (?:de |het )?)?{LAW}\b)?|\b(?:PGS|NPR|SC-)\s?\d+"
    # a code or a policy document by its own name: "Wetboek van Strafrecht", "Handhavingsstrategie Drenthe 2023"
    rf"|\b(?:Wetboek van [{U}][{L}]+|Burgerlijk Wetboek)\b"
    rf"|\b[{U}][{L}]*(?:strategie|beleidsregels?|beleidsregel)(?: [{U}][\w-]+){{0,2}}(?: (?:19|20)\d\d)?\b"
)
# a legal person by its legal form, a foundation or association, a public body
LEGAL_PERSON = re.compile(rf"[{U}0-9'][\w'&.-]*(?: {ORG_TOKEN}){{0,7}} {LEGAL_FORM}")
ASSOCIATION = re.compile(
    # the predicate "Koninklijke" is given to organisations only ("Koninklijke Horeca Nederland")
    # a residents' council or platform by its word ("Dorpsraad De Mortel", "Wijkraad Galecop", "Platform Storm")
    rf"(?:[sS]tichting|[vV]ereniging|[{U}][{L}]+(?:vereniging|stichting)|Coöperatie|Coöperatieve|"
    rf"Maatschap|Koninklijke|(?:Dorps|Wijk|Buurt|Bewoners)raad|Bewonerscommissie|Platform|Actiecomité|Comité)"
    rf"(?: (?:{ORG_TOKEN})){{1,5}}"
)
PUBLIC_BODY = re.compile(
    r"(?i:gemeente|omgevingsdienst|regionale uitvoeringsdienst|RUD|veiligheidsregio|provincie|rijkswaterstaat|"
    r"gedeputeerde staten van|hoogheemraadschap(?: van)?|waterschap|politie(?: eenheid)?|eenheid|inspectie|"
    rf"milieupolitie|basisteam|wetterskip|GGD|arrondissementsparket|parket|brandweer|rechtbank|gerechtshof|Kreis|"
    rf"Landkreis)(?: {BODY_TOKEN}){{1,6}}"
)
# a minister's office and a ministry by their portfolio: "de Minister van Landbouw, Visserij, Voedselzekerheid en
# Natuur", "het Ministerie van Infrastructuur en Waterstaat" (an office, no person's name)
MINISTER = re.compile(
    rf"\b(?:[mM]inister|[sS]taatssecretaris|[mM]inisterie) (?:van|voor) [{U}][\w-]*(?:(?:,| en) [{U}][\w-]*){{0,5}}"
)
# a public body by the kind of body its name ends in, also with a shared part left out: "Veiligheids- en
# Gezondheidsregio Gelderland-Midden", "Staatstoezicht op de Mijnen", "Kansspelautoriteit"
BODY_NOUN = re.compile(
    rf"(?:[{U}][{L}]+- en )?[{U}][{L}]*(?:regio|toezicht|autoriteit|inspectie|schap)"
    rf"(?: (?:op|van|voor) (?:de |het )?[{U}][\w-]*| [{U}][{L}]+(?:-[{U}][{L}]+)*){{1,3}}"
    # a national body by its adjective: "Nederlandse Arbeidsinspectie", "Nationale Politie"
    rf"|\b(?:Nederlandse|Nationale) [{U}][{L}]*(?:regio|toezicht|autoriteit|inspectie|politie)\b"
)
# a date of the case in English or with its weekday ("Sent: Monday, 2 June 2025"): a date, not a first name "June"
WRITTEN_DATE = re.compile(
    r"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? )?\d{1,2} (?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December) (?:19|20)\d{2}\b"
)
# a neighbourhood by its cue: "de wijk Tuindorp 't Lansink", "buurtschap De Hoeve", "de woonwijk Kerk en Zanen"
NEIGHBOURHOOD = re.compile(
    rf"\b(?:wijk|woonwijk|buurt|buurtschap|stadsdeel|dorpskern|kern) "
    rf"([{U}][\w-]*(?: (?:'t|de|het|van|aan|op|den|der|en)(?= [{U}'])| [{U}][\w-]*)*)"
)
# the state's bodies of prosecution and enforcement by their own names, which hold no word of a kind of body
NATIONAL_BODY = re.compile(
    r"\b(?:Openbaar Ministerie|Functioneel Parket|Landelijk Parket|Parket-Generaal|Koninklijke Marechaussee|Douane|"
    r"Belastingdienst|Staatsbosbeheer|Rijkswaterstaat|Nederlandse Voedsel- en Warenautoriteit)\b"
)
ORGANISATIONS = (LEGAL_PERSON, ASSOCIATION, PUBLIC_BODY, MINISTER)
# the rivers, canals and lakes these documents name, after a preposition ("in de Oude Maas", "langs de Lek"): places,
# no persons (many are surnames too: "de heer Maas" stays a person)
WATERS = re.compile(
    r"\b(?:in|op|aan|langs|over|naar|uit|bij|onder|nabij|richting) (?:de|het) "
    r"((?:Oude|Nieuwe|Afgedamde|Bergsche) Maas|Maas|Waal|Nederrijn|Neder-Rijn|Rijn|Lek|Gelderse IJssel|IJssel|"
    r"Hollandsch Diep|Haringvliet|Noordzeekanaal|Amsterdam-Rijnkanaal|Twentekanaal|Markermeer|IJsselmeer|Waddenzee|"
    r"Westerschelde|Oosterschelde|Boven-Merwede|Beneden-Merwede|Merwede|Dordtsche Kil|Spui|Zuid-Willemsvaart|"
    r"Julianakanaal|Maas-Waalkanaal|Hartelkanaal|Calandkanaal|Eems|Dollard|Vecht|Amstel|Zaan|Dommel|Roer|Berkel|"
    r"Dinkel|Regge|Linge|Hollandse IJssel|Gouwe|Rotte|Schie)(?![\w-])"
)
PUBLIC = (
    Detector("provision", PROVISION),
    Detector("organisation", LEGAL_PERSON, requires=re.compile(LEGAL_FORM)),
    Detector("organisation", ASSOCIATION),
    Detector("organisation", PUBLIC_BODY),
    Detector("organisation", MINISTER, requires=re.compile("(?i)minist|staatssecretaris")),
    Detector("organisation", NATIONAL_BODY),
    # a regulation by its own name, without an article ("de Omgevingsverordening Limburg 2021", "de
    # Waterschapsverordening Limburg"): no person's name
    Detector(
        "provision",
        # a water board's "Keur" alone too: "artikel 3.5 van de Keur Waterschap Rivierenland 2026"
        re.compile(
            rf"\b(?:[{U}][{L}]*(?:verordening|reglement|keur)|Keur)(?: [{U}][\w-]*){{1,3}}(?: (?:19|20)\d\d)?\b"
        ),
        requires=re.compile("verordening|reglement|[kK]eur"),
    ),
    # a business named after its kind ("supermarkt Albert Heijn"): an organisation even without a legal form
    Detector(
        "organisation",
        re.compile(
            rf"\b(?:supermarkt|winkel|filiaal|fabriek|restaurant|café|hotel|tankstation|firma)"
            rf" ([{U}][\w'&-]*(?: [{U}][\w'&-]*){{0,3}})"
        ),
        1,
    ),
    # and by its kind and a name with an article and two words or more, which no person bears: "Café De Blauwe
    # Kater", "Camping 't Wilde Veld" ("Café De Vries" may be its owner's name)
    Detector(
        "organisation",
        re.compile(
            r"\b(?:Supermarkt|Winkel|Fabriek|Restaurant|Café|Eetcafé|Hotel|Tankstation|Snackbar|Cafetaria|Lunchroom|"
            r"Camping|Minicamping|Recreatiepark|Manege|Kwekerij|Zalencentrum|Partycentrum|Bar|Discotheek|Hostel|Pension)"
            rf" (?:De|Het|'t|Den) [{U}][\w'&-]*(?: [{U}][\w'&-]*){{1,3}}"
        ),
        requires=re.compile(r" (?:De|Het|'t|Den) "),
    ),
    Detector("place", re.compile(rf"\b\d{{4}} ?[A-Z]{{2}}[ \t]+({PLACE_NAME})"), 1),
    # a German or Belgian postcode opening an address line: "47533 Kleve, Deutschland", "D-41334 Nettetal"
    Detector("place", re.compile(rf"(?m)^[ \t]*(?:[DB]-)?\d{{4,5}}[ \t]+({PLACE_NAME})(?=[ \t]*(?:,|$))"), 1),
    Detector("organisation", BODY_NOUN, requires=re.compile("regio|toezicht|autoriteit|inspectie|schap")),
    Detector("date", WRITTEN_DATE, requires=re.compile("(?:uary|ch|il|May|ne|ly|ust|ber) (?:19|20)")),
    Detector("date", DATE_AT),  # a date of the case is no part of a name or an address
    Detector("place", NEIGHBOURHOOD, 1, requires=re.compile("wijk|buurt|stadsdeel|kern")),
    # "'s-Graveland", "'s-Hertogenbosch": the old genitive is the mark of a place name
    Detector("place", re.compile(rf"(?<![\w'])'s-[{U}][{L}]+(?:[- ][{U}][{L}]+)?"), requires=re.compile("'s-")),
    Detector("place", WATERS, 1),
    Detector("kvk", re.compile(r"(?i)\b(?:KvK|vestigingsnummer)(?:-nummer)?:?\s*\(?(\d{8}|\d{12})\b"), 1),  # "KvK (…)"
    # a Belgian company's number in the Kruispuntbank van Ondernemingen: "ondernemingsnr. 0456.221.908"
    Detector(
        "kvk",
        re.compile(
            r"(?i)\b(?:ondernemingsn(?:umme)?r\.?|KBO(?:-nummer)?|BTW-nr\.? BE)[: ]*(?:BE ?)?(\d{4}\.\d{3}\.\d{3})\b"
        ),
        1,
    ),
    Detector(
        "case_reference",
        re.compile(
            rf"(?i:\b(?:{CASE_WORDS}|proces-verbaalnummer|nummer))[:.]?\s+"
            rf"((?=[\w/.-]*\d)[A-Z0-9][\w/.-]*?[A-Z0-9](?=[./-]*(?:[^\w/.-]|$)|/{WRITER_CODE}[./-]*(?:[^\w/.-]|$))"
            r"|\d{4}(?: \d{4}){2})"
        ),
        1,
    ),
)


PHONE_SEPARATORS = " -–—‑().\u00a0"  # hyphens and dashes ("013 – 536 22 81")
# after the 0 an area code or 6, never another 0 ("00" opens an international number; "0012876543" is a reference)
PHONE_START = re.compile(r"(?<![\w+/-])(?:\(?(?:\+31|0031)\)?[ -]?(?:\(0\)[ -]?)?|\(0(?=[1-9]\d{0,2}\))|0(?=[1-9]))")
INTERNATIONAL_PHONE = re.compile(r"(?<![\w+/])(?:\+|00)(?!31)[1-9]\d{0,2}(?:[ -]?\(?\d{1,4}\)?){2,5}(?![\w-])")


# nor a Belgian company's number, its KvK number ("Ondernemingsnummer (KBO) 0458.331.920", "Company number 0412…")
CASE_BEFORE = re.compile(
    rf"(?i)\b(?:{CASE_WORDS}|ondernemingsnummer|\(?KBO\)?|company number)[:.]?\s*$"
)  # not plain "nummer": "bereikbaar op nummer 06…"
# an organisation's general number, which names no person (docs/domain.md §8): "0314-84 89 10 (algemeen)", "algemeen
# nummer 024-…"
# also a line of a service ("(klachtenlijn, 24/7)", "(meldkamer RUD)") and a body's general number by its name
# ("(ODIJ algemeen)")
GENERAL_AFTER = re.compile(
    r"[ \t]*(?:\(|,[ \t]*|[ \t])(?:is (?:het )?|[A-Z]{2,6} )?"
    r"(?:algemeen|algemene|receptie|centrale|servicedesk|klantcontactcentrum|"
    # a number where the caller asks for a person is a switchboard: "(033 245 98 00, vraag naar Sandhya)"
    r"hoofdnummer|klachtenlijn|meldkamer|meldpunt|24/7|vraag naar|vragen naar)\b"
)
# a landline beside a general mailbox ("info@odgroningen.nl, 050 – 316 44 44", "088 – 102 13 00 of info@odnhn.nl")
# or as the channel to reach an organisation ("schriftelijk of telefonisch via 058 – …"): the organisation's number
MAILBOX_GAP = re.compile(r"(?:[ \t,;()|–—·•-]|\bof\b|\ben\b|\be-?mail\b:?|\btel(?:efoon)?\b\.?:?)*")
EMAIL_NEAR = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# ("Vragen? Bel 058 – …"; not "bereikbaar via": a person is too)
CHANNEL_BEFORE = re.compile(
    r"(?i:\b(?:telefonisch via|\(via|telefonisch op|melden via|ons [^.\n]{0,20}bereiken (?:via|op)))[ \t]*$"
    r"|\b(?:Bel|bel (?:ons|dan|gerust))(?: op)?[ \t]*$"
)
# a landline on the line of a post-office box: a letterhead's or a footer's ("Postbus 2213, 8203 AE Lelystad | T …")
POST_BOX = re.compile(r"\bPostbus\b")
MOBILE = re.compile(r"\(?(?:\+31|0031)\)?[ -]?(?:\(0\)[ -]?)?6|06")
# but a person's: after a name ("Contact: Rita Pietersz, 088 …"), a direct line ("(rechtstreeks nummer …)"), on the
# line of a natural-person enterprise's partners or owner ("Contact vennoten: info@…, 075 …")
NAME_BEFORE_NUMBER = re.compile(
    rf"(?<![\w.])(?:{FULL_NAME}[,(]?|{INITIALS} ?{SURNAME} \()[ \t]*(?:(?:tel(?:efoon)?\.?|op|via):?[ \t]*)?$"
)
DIRECT_AFTER = re.compile(r"(?i)[ \t]*[(,]?[ \t]*(?:rechtstreeks|direct|doorkies|mobiel|privé|prive|thuis)\b")
# or under a signature: a name with initials or a title alone on one of the two lines above ("M. Aydın\nInspecteur
# …\nGemeente … | T …")
SIGNED_ABOVE = re.compile(
    rf"(?m)^[ \t]*(?:(?:{TITLES})?{INITIALS} ?{SURNAME}|{TITLES}{FULL_NAME})[ \t]*\n(?:[^\n]*\n)?\Z"
)
# a landline right after a public body's name, in a signature or a sentence ("toezichthouder | Omgevingsdienst
# Achterhoek | 0314 - …", "doorverwezen naar het gemeentehuis, 0592 - …"): the body's number
PUBLIC_BODY_BEFORE = re.compile(
    r"\b(?:Omgevingsdienst|Regionale Uitvoeringsdienst|RUD|Provincie|Gemeente|gemeentehuis|Waterschap|"
    r"Hoogheemraadschap|Wetterskip|Veiligheidsregio|GGD|Rijkswaterstaat|NVWA|ILT|Politie|DCMR)"
    r"(?: [\w'-]+){0,3}(?:[ \t]*\|[ \t]*[^|\n]*\d[^|\n]*)?[ \t]*[|,(][ \t]*(?:T\.?:?[ \t]*|tel(?:efoon)?\.?:?[ \t]*)?$"
)
# a switchboard's number is made to be remembered: its last group round ("… 80 00", "… 8000"; not "045-5768200"),
# its last pairs or triples repeated ("… 88 88", "… 46 46", "369 369", "… 61 11")
ROUND_GROUP = re.compile(r"(?<!\d)\d{0,2}00\Z")
REPEATED_DIGITS = re.compile(r"(\d\d)\1\Z|(\d{3})\2\Z|(\d)\3\3\Z")
MOBILE_BEFORE = re.compile(rf"(?<![\w/-])(?:{MOBILE.pattern})[ -]?\d")
NAMED_ABOVE = re.compile(rf"(?:(?:{TITLES})?{INITIALS} ?{SURNAME}|{TITLES}{FULL_NAME})[ \t]*\n(?:[^\n]*\n)?\Z")
PERSONAL_LINE = re.compile(r"(?i)\b(?:vennoo?t(?:en)?|eigenaar|eigenaresse|eenmanszaak|maatschap|v\.o\.f\.|vof)\b")


def general_number(text: str, start: int, end: int) -> bool:
    """Whether a phone number is an organisation's (see MAILBOX_GAP, CHANNEL_BEFORE, POST_BOX, ROUND_GROUP); never a
    mobile number."""
    if MOBILE.match(text, start) or DIRECT_AFTER.match(text, end):
        return False
    if CHANNEL_BEFORE.search(text, max(0, start - 45), start):
        return True
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    named = NAME_BEFORE_NUMBER.search(text, max(line_start, start - 60), start)
    if named:  # not the words of a public body read as a name ("…, Omgevingsdienst Noord-Holland Noord, 088 …")
        body = PUBLIC_BODY_BEFORE.search(text, max(line_start, start - 60), start)
        named = not (body and body.start() <= named.start())
    if named or PERSONAL_LINE.search(text, line_start, line_end):
        return False
    emails = list(EMAIL_NEAR.finditer(text, max(line_start, start - 80), min(line_end, end + 80)))
    for match in emails:  # beside a person's own address: "bereikbaar via j.jansen@… of 053-…"
        gap = (match.end(), start) if match.end() <= start else (end, match.start())
        if gap[0] <= gap[1] and not organisation_mailbox(match.group()) and MAILBOX_GAP.fullmatch(text, *gap):
            return False
    # one on the line of a post-office box is a switchboard's (a letterhead's or a footer's), and so is a memorable
    # landline where no person is named right before it or on the line above (but beside a mobile number in a
    # signature, "M 06-… | T 010-… 8000", the mobile is the person's and the landline the switchboard)
    if POST_BOX.search(text, line_start, line_end):
        return True
    if (ROUND_GROUP.search(text, start, end) or REPEATED_DIGITS.search(re.sub(r"\D", "", text[start:end]))) and (
        MOBILE_BEFORE.search(text, line_start, start)
        or not NAMED_ABOVE.search(text, max(0, line_start - 120), line_start)
    ):
        return True
    if SIGNED_ABOVE.search(text, max(0, line_start - 120), line_start):
        return False
    if PUBLIC_BODY_BEFORE.search(text, max(line_start, start - 60), start):
        return True
    for match in emails:
        gap = (match.end(), start) if match.end() <= start else (end, match.start())
        if gap[0] <= gap[1] and organisation_mailbox(match.group()) and MAILBOX_GAP.fullmatch(text, *gap):
            return True
    return False


# an organisation's general number by the word before it: its reception or switchboard, or a room or service staffed
# day and night ("Buiten kantoortijd: controlekamer 010 - …", "meldkamer 088 - …")
GENERAL_BEFORE = re.compile(
    r"(?i)\b(?:algeme(?:en|ne) (?:telefoon)?nummer|algemeen|receptie|centrale|servicedesk|klantcontactcentrum|KCC|"
    r"controlekamer|meldkamer|wachtdienst|storingsdienst|storingsnummer|piket|piketdienst|piketnummer|"
    r"calamiteitennummer|[\w-]*meldpunt|klachtennummer|[\w-]*lijn|secretariaat|secretaresse|portier|portiersloge|"
    r"fax(?:nummer)?|control room|switchboard|reception|main number)"
    # what it is of ("algemene nummer van het bedrijf", "Algemeen nummer OFGV:"), "via het meldpunt (…"
    r"(?: (?:van de|van het|voor) [\w -]{2,40}| [A-Z][\w-]{1,15})?(?: at| op| via)?[:.,]?[ \t]*\(?"
    r"(?:tel(?:efoon)?\.?:?[ \t]*)?$"
)


def phone_spans(text: str) -> Iterator[Span]:
    """Phone numbers in any common layout: Dutch ones with nine digits after the 0 (or +31, 0031, "+31 (0)"), with
    spaces, hyphens and an area code in brackets between them; foreign ones after + or 00 and a country code. Not
    a number right after a case word ("melding 0012876543", "kenmerk 0301234567"), nor a date and a time ("[01-03-2026
    22:14]" of a chat)."""
    for match in (*PHONE_START.finditer(text), *INTERNATIONAL_PHONE.finditer(text)):
        if CASE_BEFORE.search(text, max(0, match.start() - 30), match.start()) or DATE_AT.match(text, match.start()):
            continue
        if GENERAL_BEFORE.search(text, max(0, match.start() - 60), match.start()):
            continue
        if match.re is INTERNATIONAL_PHONE:
            if 8 <= sum(c.isdigit() for c in match.group()) <= 15 and not GENERAL_AFTER.match(text, match.end()):
                yield Span(match.start(), match.end(), "phone")
            continue
        digits, end, gap, position = 0, match.end(), 0, match.end()
        while position < len(text) and digits < 9:
            char = text[position]
            if char.isdigit():
                digits, gap, end = digits + 1, 0, position + 1
            elif char in PHONE_SEPARATORS and gap < 3:
                gap += 1
            else:
                break
            position += 1
        if (
            digits == 9
            and not re.match(r"[-/.]?\d", text[end : end + 2])
            and not GENERAL_AFTER.match(text, end)
            and not general_number(text, match.start(), end)
        ):
            yield Span(match.start(), end, "phone")


# a condition with the adjective before it: "chronische longziekte", "ernstige astma", "allergisch astma"
HEALTH_ADJECTIVE = (
    r"(?:(?:chronische?|ernstige?|zware?|ongeneeslijke?|terminale?|erfelijke?|progressieve?|acute?|allergische?|"
    r"lichte?|aangeboren|psychische|bronchiale|hevige?|ernstig|astmatische?|epileptische?|gebroken|verminderde) )*"
)
# a condition by category, as Dutch compounds: a part of the body ("long", "hart", "huid", "knie"), optionally a part
# of that part ("vlies", "ritme", "klep"), and a kind of condition or treatment ("kanker", "infectie", "fibrose",
# "stoornissen", "transplantatie"): "longvlieskanker", "hartritmestoornissen", "huidinfectie", "niertransplantatie"
BODY_PART = (
    r"(?:long|hart|huid|nier|lever|darm|maag|hersen|borst|prostaat|bot|bloed|keel|oog|oor|rug|knie|heup|schouder|"
    r"spier|zenuw|baarmoeder|alvleesklier|schildklier|blaas|slokdarm|luchtweg|gewricht|pees|enkel|pols|nek|hoofd|"
    r"buik|kaak|wervel|galblaas|beenmerg|lymfeklier|eierstok|gehoor|zicht|slaap|angst|paniek|eet|stemmings|persoonlijkheids|nagel|"
    r"voet|hand|teen|vinger|arm|been|elleboog)"
)
SIDE = r"(?:linker|rechter)?"  # "linkerarm", "rechterknie"
BODY_SUBPART = r"(?:vlies|ritme|klep|spier|vaat|vat|weg|wand|zenuw|kanaal|holte|merg)?"
CONDITION = (
    r"(?:kanker|tumor|tumoren|ontsteking|infectie|fibrose|stoornis(?:sen)?|aandoening(?:en)?|ziekte|falen|"
    r"transplantatie|operatie|klachten|problemen|infarct|letsel|kloppingen|embolie|trombose|insufficiëntie|pijn|"
    r"beschadiging|verlamming|uitval|pijnklachten|schade|fractuur|breuk|blessure|bloeding|schudding|afwijking(?:en)?|"
    r"functie)"  # "een verminderde longfunctie"
)
HEALTH_TERM = re.compile(
    rf"(?i)(?<![\w-]){HEALTH_ADJECTIVE}(?:{BODY_PART}{BODY_SUBPART}s?{CONDITION}|"
    # a compound by its last part: "longkanker", "kinderastma", "pollenallergie", "slaapapneu", "alcoholverslaving"
    # (also a syndrome: "Q-koortsvermoeidheidssyndroom")
    r"(?:\w-)?[a-z]*(?:kanker|tumor|transplantatie|allergie|apneu|syndroom|pneumonie|hypersensitiviteit|verslaving|"
    r"migraine(?:-?aanval(?:len)?|[a-z]*)|ziekte(?<=[a-z]{3}ziekte)|koorts|amputatie|"
    r"astma(?:-aanvallen|-aanval|aanvallen|tisch)?)|COPD|"
    r"epileptische? aanval(?:len)?|epilept[a-z]*|rolstoel[a-z]*|ziekenhuis[a-z]*|zuurstof|"
    r"ademhalingsklachten|slecht (?:hoort|ziet|horend|ziend)|operatie aan (?:mijn|zijn|haar|de|het) [a-z]+|"
    r"(?:long-?)?covid(?:-19)?|(?:non-)?hodgkin|tinnitus|hyperacusis|bronchiëctasie(?:ën)?|beademd|brandwond(?:en)?|rookinhalatie|insuline[a-z]*|wervel|"
    r"(?:(?:ernstig|chronisch|terminaal) )?zieke (?:partner|man|vrouw|echtgeno(?:ot|te)|moeder|vader|zoon|dochter|"
    r"kind)|geopereerd(?: \([^()\n]{1,30}\))?|(?:(?<=zijn )|(?<=haar )|(?<=mijn )|(?<=door ))(?-i:MS)|"
    r"hart(?:infarct|aanval|patiënt|ziekte|falen)|"
    r"long(?:ziekte|aandoening|kanker|emfyseem)|"
    r"chemo(?:therapie|kuur|kuren|behandeling)?|bestraling(?:en)?|radiotherapie|immunotherapie|"
    r"manisch-depressie(?:f|ve)?|"
    r"diabetes|diabeet|epilepsie[a-z]*|depressie[fs]?|depressief|burn-?out|psychische (?:klachten|problemen)|"
    r"psychose|PTSS|"
    r"autisme|dementie|dement|ADHD|zwanger(?:schap)?|rolstoel(?:gebonden)?|gehandicapt|verstandelijk beperkt|"
    r"invalide|verslaafd|[a-z]*medicatie|complicaties|medicijnen|slaappillen|ziekenhuisopname|"
    r"opgenomen in het ziekenhuis|eczeem|allergie|allergisch|migraine|huiduitslag|"
    r"benauwdheidsklachten|luchtwegklachten|(?:ernstig|chronisch|terminaal) ziek|hartpatiënte|"
    r"arbeidsongeschikt|(?:in|onder) behandeling (?:is |was |zijn |staat )?(?:bij|van) (?:een |de |het )?"
    r"(?:psycholoog|psychiater|longarts|cardioloog|oncoloog|neuroloog|dermatoloog|specialist|huisarts|ziekenhuis|"
    r"GGZ|fysiotherapeut|revalidatiecentrum)|"
    r"hartpatiënt|longpatiënt|kankerpatiënt|gezondheidsklachten|slapeloosheid|slechthorend|slechtziend|doof|blind|"
    r"lichamelijke beperking|verstandelijke beperking|handicap|rolstoelgebruiker|mantelzorg|"
    r"GGZ|psychiatrische (?:patiënt|aandoening|opname)|hyperventilatie|paniekaanvallen|"
    r"beroerte|CVA|parkinson|alzheimer|reuma|artrose|hernia|COVID-19|corona(?:besmetting)?|"
    r"longontsteking|bronchitis|hooikoorts|overspannen|zwangere|in verwachting|inhalator|puffer|rollator|scootmobiel|"
    r"dialyse|insuline|zuurstofapparaat|ziekenhuis|huisarts|medicijngebruik|leukemie|lymfoom|mesothelioom|"
    r"asbestose|sarcoïdose|multiple sclerose|hoge bloeddruk|hypertensie|kortademig(?:heid)?|benauwdheid|"
    r"schizofrenie|bipolair|bipolaire stoornis|"
    # a state, a wound or its care by its own word: "werd duizelig", "is autistisch", "32 weken zwanger", "een
    # snijwond, gehecht bij de huisartsenpost", "een gebroken pols in het gips", "irritatie aan ogen en keel"
    r"fibromyalgie|whiplash|artritis|psoriasis|endometriose|osteoporose|glaucoom|ademnood|benauwd|"
    r"(?:gedeeltelijke |volledige )?arbeidsongeschiktheid|(?:slechte|zwakke|broze) gezondheid|gezondheidsproblemen|"
    r"slecht (?:slaapt|sliep|slapen)|slaapproblemen|kliniek|ontslagen uit (?:het|de|een) (?:ziekenhuis|kliniek)|"
    r"aanvallen (?:krijgt|kreeg|krijgen|heeft|had)|"
    # a joint replaced: "een nieuwe heup", "zijn kunstknie"
    rf"(?:nieuwe {SIDE}|kunst)(?:heup|knie|schouder)|"
    r"autistisch|duizelig(?:heid)?|\w-koorts|pacemaker|gehoorapparaat|prothese|stoma|katheter|misselijk(?:heid)?|onwel|overgeven|ademhalings(?:klachten|problemen)|"
    r"depressieve (?:klachten|gevoelens|stemming)|(?:snij|schaaf|bijt|steek)?wond(?:en)?|gehecht|huisartsenpost|"
    r"(?:\d{1,2}|een|twee|drie|vier|vijf|zes|zeven|acht|negen) (?:weken|maanden) zwanger|in het gips|"
    rf"gebroken {SIDE}{BODY_PART}(?:en|s)?|(?:irritatie|prikkeling) (?:aan|van) (?:de |het |zijn |haar |mijn |hun )?"
    rf"(?:ogen|keel|neus|luchtwegen|{SIDE}{BODY_PART}[a-z]*)|"
    # an illness, a care giver or place, a treatment or aid by its own word: "door zijn ziekte", "naar de spoedeisende
    # hulp", "uit het revalidatiecentrum", "opgenomen in een GGZ-instelling", "heeft mij medicatie voorgeschreven"
    r"ziek|ziekte(?: van (?-i:[A-Z][a-z]+))?|oververmoeid(?:heid)?|vermoeidheid|borstvoeding|zwangerschaps[a-z]+|"
    r"(?:POH-)?GGZ(?:-[a-z]+)?|(?:bij|naar) de dokter|fysiotherap[a-z]*|(?-i:SEH)|cardioloog|longarts|psychiater|"
    r"psycholoog|oncoloog|neuroloog|bedrijfsarts|"
    r"spoedeisende hulp|ambulance|revalidatie(?:centrum|kliniek)?|"
    r"(?-i:(?:[A-Z][\w-]* )*(?:[zZ]iekenhuis|[A-Z]\w*kliniek))|"
    r"voorgeschreven|puffers|rook naar alcohol|blaastest|ademanalyse|(?:auto-|verkeers)ongeluk|"
    rf"last (?:heeft |had |hebben )?van (?:zijn|haar|mijn|hun|de) (?:longen|hart|luchtwegen|{SIDE}{BODY_PART}[a-z]*)|"
    r"(?:in|onder) behandeling|"
    rf"klachten aan (?:de|het|zijn|haar|mijn) (?:longen|luchtwegen|{SIDE}{BODY_PART}[a-z]*)|"
    # an injury by the part of a person's body and what befell it: "haar pols heeft gebroken", "zijn knie gekneusd"
    rf"(?:zijn|haar|mijn|z'n|hun) {SIDE}{BODY_PART}(?:en|s)? (?:(?:heeft|had|hebben|is|was|zijn|waren) )?(?:gebroken|"
    r"gekneusd|verstuikt|ontwricht|uit de kom|geblesseerd|verbrand|beschadigd|verlamd|gescheurd)|"
    # an admission or a seizure by its verb: "één nacht opgenomen ter observatie", "door de lichtflitsen een aanval
    # kreeg"
    r"(?:opgenomen ter observatie|ter observatie opgenomen)|een (?:epileptische |astma-?)?aanval (?:kreeg|krijgt|had|"
    r"heeft gehad|gekregen))(?![\w-])"
)
# a place of care after its word: "de spoedeisende hulp van VieCuri", "in revalidatie is bij Sint Maartenskliniek"
CARE_WORD = re.compile(r"(?i)ziekenhuis|kliniek|revalidatie|spoedeisende hulp|GGZ|behandeling|arts|loog|iater")
PLACE_OF_CARE = r" (?:de |het |een )?[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}"
CARE_PLACE = re.compile(rf"(?: (?:is|was|te zijn))? (?:bij|van|naar){PLACE_OF_CARE}")
# after any term, where the person is treated: "… in behandeling is bij Novadic-Kentron", "te zijn doorverwezen
# naar het Erasmus MC"
TREATED_AT = re.compile(
    rf"(?: (?:is|was|te zijn|werd))?(?: doorverwezen naar| (?:in|onder) behandeling(?: is| was| te zijn)? bij)"
    rf"{PLACE_OF_CARE}"
)
OPERATION = re.compile(r"(?i)(?<![\w-])[\w-]+operatie(?![\w-])")  # "knieoperatie", "heup-operatie"
# the words of the phrase a condition stands in, before it ("door een hartinfarct", "na de behandeling tegen
# leukemie", "het herstel na zijn knieoperatie", "door de schimmel astma") and after it ("kanker (mesothelioom)",
# "een hartinfarct in 2024", "een infectie aan beide handen", "een transplantatie ondergaan"): the health data is the
# whole phrase, not its one noun
DETERMINER = r"(?:een|de|het|zijn|z'n|haar|hun|mijn|onze|ons|uw)"
MONTHS_OR_YEAR = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|(?:19|20)\d\d)"
)
HEALTH_VERB = (
    r"(?:heeft|had|hebben|is|was|gebruikt|gebruikte|lijdt aan|leed aan|kampt met|kampte met|herstelt|herstelde|kreeg|"
    r"krijgt|gaf aan|last heeft|last had|onder behandeling (?:te zijn|is|was)|(?:is |werd )?opgenomen|verblijft|"
    r"verbleef|heb|ben|werd|(?:is |werd |wordt )?behandeld|suffers? from|suffered from)"
)
HEALTH_BEFORE = re.compile(
    # the person and the time it is about ("haar man sinds januari"), the verb ("heeft al", "herstelt van")
    rf"(?i)(?<![\w-])(?:(?:mijn|haar|zijn|onze|hun) (?:man|vrouw|zoon|dochter|moeder|vader|partner|kind) )?"
    rf"(?:(?:in|sinds) {MONTHS_OR_YEAR} )?(?:(?:zij|hij|ze|ik|wij|we|you|he|she) (?={HEALTH_VERB}))?"
    rf"(?:{HEALTH_VERB} (?:al |nog |ook |net |inmiddels |zelf |er |allebei |beide |allebei al |veel |vaak |steeds )?)?"
    rf"(?:(?:in|sinds) {MONTHS_OR_YEAR} )?"
    rf"(?:(?:door|doordat|vanwege|wegens) (?:de|het|die|dat|deze|dit) [a-zë]+ )?(?:(?:weer )?thuis )?"
    rf"(?:(?:na|door|tegen|met|wegens|vanwege|in verband met|i\.v\.m\.|ivm|sinds|aan|voor|van|in|uit|naar|bij) )?"
    rf"(?:{DETERMINER} )?"
    rf"(?:(?:herstel|behandeling|revalidatie|opname|operatie|gevolgen|nasleep|diagnose) "
    rf"(?:na|van|tegen|voor|aan|met|bij) (?:{DETERMINER} )?)?$"
)
HEALTH_AFTER = re.compile(
    rf"(?: \([^()\n]{{1,40}}\))?(?: (?:in|sinds) {MONTHS_OR_YEAR})?"
    r"(?: aan (?:beide|zijn|haar|de|het|een|allebei) [a-z]+)?"
    # what a pregnancy is of, what a treatment is for: "zwanger is van een tweeling", "in het ziekenhuis voor zijn
    # nieren"
    r"(?: (?:is|was))?(?: van (?:een|hun|haar|zijn|ons|onze|het) (?:eerste |tweede |derde |vierde )?(?:kind|kindje|"
    r"tweeling|drieling|baby)\b)?"
    rf"(?: (?:voor|aan) (?:zijn|haar|mijn|z'n|hun|de|het) (?:longen|ogen|luchtwegen|{SIDE}{BODY_PART}[a-z]*))?"
    r"(?: (?:heeft |had |hebben )?(?:ondergaan|gekregen|opgelopen|gehad))?(?: te (?:hebben gehad|hebben|zijn))?"
    r"(?: (?:geeft|gaf|gebruikt|gebruiken|gebruikte|heeft|had|was|is|werd|wordt|raakte))?(?: \([^()\n]{1,40}\))?"
    # a relative clause on the condition: "epilepsie die door flikkerend licht kan worden uitgelokt"
    r"(?: (?:die|waarbij|waardoor) [a-zà-ÿ ]{1,60}(?=[.,;\n]|$))?"
    # what an allergy is to, a recovery still going on: "allergie voor houtstof", "nog herstellende is"
    r"(?:(?:(?<=allergie)|(?<=allergisch)) (?:voor|tegen) [a-zà-ÿ-]+)?(?: (?:nog |weer )?herstellende(?: is| was)?)?"
)
HEALTH_JOIN = re.compile(r"(?:,| en| of|, en)(?: (?:een|de|het|zijn|haar|mijn))? ")
# what may stand between two health terms of one passage: a few words in lower case ("astma en moest in april twee
# keer naar de spoedeisende hulp"), no punctuation that ends a clause, no capital (no name or organisation)
HEALTH_GAP = re.compile(r"[^.;:\n()\[\]A-ZÀ-Þ]{0,45}")
# who the health data is about: one person, not "omwonenden" in general (Woo 5.1(1)(d) protects a person's data)
HEALTH_SUBJECT = re.compile(
    # also the first person by its verb alone: "Heb ook migraine sinds …"
    r"(?i)\b(?:hij|zij|ze|haar|zijn|hem|mijn|ik|heb|ben|u|uw|wij|we|ons|onze|you|your|he|she|his|him|melder|klager|klaagster|bewoner|bewoonster|"
    r"hijzelf|zijzelf|operators?|chauffeur|bezwaarmaker|indiener|indienster|inspreker|betrokkene|aanvrager|omwonende|collega|mw|mevr|dhr|"
    r"bewoners|buurman|buurvrouw|dochter|dochtertje|zoon|zoontje|kleinzoon|kleindochter|vrouw|man|vriend|vriendin|"
    r"moeder|vader|kind|baby|verdachte|getuige|medewerker|medewerkster|werknemer|huurder|huurster|heer|mevrouw|"
    r"eigenaar|eigenaresse|ondernemer|vennoot|echtgeno(?:ot|te)|partner|opdrachtgever|patiënt|cliënte?|client)\b"
)


# the end of a sentence or line; not the full stop of "mevr.", "dhr.", "geb.", an initial or an abbreviation of
# letters with full stops ("i.v.m.", "o.a.")
NOT_BEFORE_BREAK = "mevr dhr mw Mevr Dhr Mw drs ing dr mr geb nr ca tel Dr Drs Ing Ir Mr Hr hr".split()  # noqa: SIM905
# the full stop first, what may not stand before it after it (a lookbehind tried at every character is slow)
SENTENCE_BREAK = re.compile(
    r"\n|\.(?=\s)(?<![\s.][A-Z]\.)(?<!\.[a-z]\.)" + "".join(rf"(?<!\b{word}\.)" for word in NOT_BEFORE_BREAK)
)


@functools.lru_cache(maxsize=4)
def sentence_breaks(text: str) -> tuple[tuple[int, int], ...]:
    """Where the sentences and lines of a text end, once per text."""
    return tuple((m.start(), m.end()) for m in SENTENCE_BREAK.finditer(text))


@functools.lru_cache(maxsize=4)
def health_terms(text: str) -> tuple[re.Match, ...]:
    """The health terms of a text in order, once per text (the engine asks for its health data twice: alone, and
    with the persons it found)."""
    terms = [*HEALTH_TERM.finditer(text), *(OPERATION.finditer(text) if "operatie" in text.lower() else ())]
    return tuple(sorted(terms, key=lambda m: m.start()))


def health_spans(text: str, persons: Iterable[Span] = ()) -> Iterator[Span]:
    """A person's health data (Woo 5.1(1)(d)): a condition, treatment or aid in a sentence about a person (by a word
    for one, or a name among `persons`), with the phrase it stands in; terms joined by "en", a comma or a few words
    in lower case are one passage ("hoofdpijn en hartkloppingen", "door mijn huisarts doorverwezen naar de POH-GGZ
    vanwege oververmoeidheid")."""
    terms = health_terms(text)
    if not terms:
        return
    persons = list(persons)
    breaks = sentence_breaks(text)
    ends = [end for _, end in breaks]
    found: list[list[int]] = []
    for match in terms:
        before_count = bisect.bisect_right(ends, match.start())
        sentence_start = ends[before_count - 1] if before_count else 0
        after_index = bisect.bisect_left([start for start, _ in breaks], match.end())
        sentence_end = breaks[after_index][0] if after_index < len(breaks) else len(text)
        if not HEALTH_SUBJECT.search(text, sentence_start, sentence_end) and not any(
            p.start < sentence_end and sentence_start < p.end for p in persons
        ):
            continue
        before = HEALTH_BEFORE.search(text, max(sentence_start, match.start() - 70), match.start())
        start = before.start() if before else match.start()
        end = HEALTH_AFTER.match(text, match.end()).end()
        care = TREATED_AT.match(text, end) or (CARE_WORD.search(match.group()) and CARE_PLACE.match(text, end))
        end = care.end() if care else end
        if found and (
            start <= found[-1][1]
            or HEALTH_JOIN.fullmatch(text, found[-1][1], start)
            or (HEALTH_GAP.fullmatch(text, found[-1][1], start) and found[-1][1] >= sentence_start)
        ):
            found[-1][1] = max(found[-1][1], end)
        else:
            found.append([start, end])
    for start, end in found:
        yield Span(*clause(text, start, end), "health")


# the clause a health passage stands in: back to a comma, colon, bracket, the sentence's start or a word that opens a
# clause ("dat hij diabetes heeft", "omdat ze zwanger is"), on to a comma or the sentence's end ("astma heeft en sinds
# het weekend benauwd is"), not into a clause of its own or the cause after "van", "voor" or "door" ("gevoelig voor
# fijnstof": what a person suffers from is public); not across a capital (a name, an organisation, a hospital: public
# or a detector's own), a digit or an article of law
CLAUSE_OPENING = re.compile(
    r"(?:^|[,;:(\n\"“]|\.\s|"
    # "dat" or "die" after a preposition is no conjunction ("op dat moment", "sinds die eerste dumping")
    r"(?<!\bop )(?<!\btot )(?<!\bsinds )(?<!\bvan )(?<!\bmet )(?<!\bdoor )(?<!\bna )(?<!\bin )(?<!\bbij )"
    r"(?<!\bvoor )(?<!\baan )(?<!\bom )(?<!\buit )\b(?:dat|omdat|doordat|die|want|wanneer|als|nu|terwijl|aangezien)\s|"
    r"\bsinds\s(?=(?:hij|zij|ze|ik|wij|we|u|jij)\s))[ \t]*"
    r"(?=[^,;:(\n\"“]*$)"
)
CLAUSE_WORDS = re.compile(r"[^A-ZÀ-Þ\d,;:()\n\"“”€]{0,60}")
# where a name stands in the clause before the passage, the words after it ("collega Marek Wójcik werd ter plaatse
# nagekeken door de ambulance"), not past a word that joins another clause or a cause ("ruikt … van thinner en heeft
# daardoor hoofdpijn")
CLAUSE_TAIL = re.compile(
    r"(?<=[A-ZÀ-Þ][a-zà-ÿ])[a-zà-ÿ'-]*\s((?:(?!(?:en|of|van|voor|door|maar)\s)[a-zà-ÿ][a-zà-ÿ'-]*\s){1,6})$"
)
# the cause after "van", "voor" or "door" stays, not a "van" that ends the clause ("wordt er misselijk van."); nor a
# name after "en" ("… op de camping is en Rik het beheer doet")
CLAUSE_END = re.compile(
    r"[^A-ZÀ-Þ\d,;:()\n\"“”€.!?]{0,60}?(?=[,;:)\n.!?\"”]|$|\s(?:dat|omdat|die|want|doordat)\b"
    r"|\s(?:van|voor|door)\s+\w|\s(?:en|of|maar)\s+[A-ZÀ-Þ])"
)
CAUSE_VAN = re.compile(r"\bvan [a-zà-ÿ-]+ $")
LAW_WORD = re.compile(r"(?i)\b(?:artikel|art\.|lid|wet)\b")


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    openings = list(CLAUSE_OPENING.finditer(text, max(line_start, start - 60), start))
    # the nearest; or the line's start where it is near ("Mijn vrouw Dinie is … behandeld voor …" opening a line)
    opened = openings[-1].end() if openings else line_start if start - line_start <= 60 else None
    if opened is not None and not LAW_WORD.search(text, opened, start):
        # not back over a substance or cause after "van" ("bij een overslag van tolueen onwel werd": it is public)
        if CLAUSE_WORDS.fullmatch(text, opened, start) and not CAUSE_VAN.search(text, opened, start):
            start = opened
        else:
            tail = CLAUSE_TAIL.search(text, opened, start)
            start = tail.start(1) if tail else start
    closing = CLAUSE_END.match(text, end)
    if closing and not LAW_WORD.search(closing.group()):
        end = closing.end()
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end


# the line of the boas or verbalisants of a report, and a number on it: "BOA's: R.V. Lamrani (nr. 1149027)", "Boa: K.
# Tan, boa domein II, nr 3310744": their service numbers
# also as a cell of a line ("Dienst: za 08-11 | BOA's: 0917-482 (K. Mensink)"), and a number before the bracketed
# official ("VERBALISANTEN: 4412 (HOOFDAGENT J. VAN WIJK)")
OFFICIALS = r"(?:boa'?s|boa|verbalisanten|verbalisant|opsporingsambtenaren)[ \t]*:[^\n]*"
OFFICIALS_LINE = re.compile(rf"(?im)^{OFFICIALS}")
OFFICIALS_CELL = re.compile(rf"(?i)\|[ \t]*{OFFICIALS}")
SERVICE_NUMBER = re.compile(r"(?i)\bnr\.?[ \t]*(\d{5,8})\b|(?<![\w-])(\d{3,8}|\d{2,4}-\d{2,4})(?= \([^()\n]*[A-ZÀ-Þ])")
# a code paired with a person in a log line ("[OPR-17 / E. Brouwer]"): the person's call sign, wherever it recurs
CALL_SIGN = re.compile(r"(?<![\w-])([A-Z]{1,4}-\d{1,4})[ \t]*/[ \t]*(?=[A-ZÀ-Þ][\w.-]* [A-ZÀ-Þ])")
# a user's login after the word for its user, a dot, underscore or backslash in it ("operator: d.vanderhoeven",
# "gereset door r.amghar", "gebruiker nvwa\\aschutte"): the person's, wherever it recurs
LOGIN = re.compile(r"(?<![\w.@\\-])[a-z]{1,12}(?:[._\\][a-z]{1,12})*[._\\][a-z]{4,20}(?![\w.@\\-])")
LOGIN_HINT = re.compile(r"[a-z][._\\][a-z]{4}")
LOGIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz._\\")
LOGIN_CUE = re.compile(r"\b(?:[oO]perator|[gG]ebruiker|[uU]ser|door|ingelogd als|[lL]ogin|[mM]edewerker):?[ \t]+\Z")


def service_number_spans(text: str) -> Iterator[Span]:
    for line in (*OFFICIALS_LINE.finditer(text), *(OFFICIALS_CELL.finditer(text) if "|" in text else ())):
        for match in SERVICE_NUMBER.finditer(text, line.start(), line.end()):
            group = 1 if match.group(1) else 2
            yield Span(match.start(group), match.end(group), "personal_number")
    codes = {m.group(1) for m in CALL_SIGN.finditer(text)} if "/" in text else set()
    for hint in LOGIN_HINT.finditer(text):
        start = hint.start()
        while start and text[start - 1] in LOGIN_CHARS:
            start -= 1
        login = LOGIN.match(text, start)
        if login and LOGIN_CUE.search(text, max(0, start - 25), start):
            codes.add(login.group())
    for code in codes:
        for match in re.finditer(rf"(?<![\w.\\-]){re.escape(code)}(?![\w\\-])", text):
            yield Span(match.start(), match.end(), "personal_number")


# a number with a letter code before its digits ("WL-T-0211"): its series
SERIES = re.compile(r"(?<![\w-])((?:[A-Z]{1,3}-){1,2})\d{2,8}(?![\w/-])")


def series_spans(text: str, numbers: list[Span]) -> Iterator[Span]:
    """The other numbers of a series one of which is a person's ("legitimatienummer WL-T-0211" and the next
    official's "(WL-T-0214)"): the same letter code, other digits."""
    codes = {m.group(1) for n in numbers for m in SERIES.finditer(text, n.start, n.end)}
    for match in SERIES.finditer(text) if codes else ():
        if match.group(1) in codes:
            yield Span(match.start(), match.end(), "personal_number")


def personal_spans(text: str) -> Iterator[Span]:
    found = list(run(PERSONAL, text))
    yield from found
    yield from series_spans(text, [s for s in found if s.label == "personal_number"])
    yield from service_number_spans(text)
    yield from phone_spans(text)
    yield from health_spans(text)


# a person of an organisation read into its name: "mr. E.J.P. van Oosterom van Van Oosterom Advocaten B.V."
PERSON_OF = re.compile(rf"(?:(?:{TITLES})?{INITIALS} ?{SURNAME}|{TITLES}{FULL_NAME}) van (?=[{U}])")
# the same with its title before the organisation's span: "ir. Jochem Beentjes van Beentjes & Kalverda B.V."
TITLED_PERSON_OF = re.compile(rf"{FULL_NAME} van (?=[{U}])")
TITLE_BEFORE = re.compile(rf"(?<![\w-]){TITLES}$")


# the display name before an organisation's mailbox, with a mailbox word in it, names a department, no person: "Aan:
# Meldingen OMWB <meldingen@omwb.nl>", "Cc: Team Asbest ODRA <asbest@odra.nl>"
DISPLAY_NAME = re.compile(rf"([{U}][\w&'-]*(?: [\w&'-]+){{0,4}}) <([\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")


def department_names(text: str) -> Iterator[Span]:
    if "@" not in text:
        return
    for match in DISPLAY_NAME.finditer(text):
        if organisation_mailbox(match.group(2)) and any(
            word.lower() in MAILBOX_WORDS for word in match.group(1).split()
        ):
            yield Span(match.start(1), match.end(1), "organisation")


# a body's name does not run on into a person after "en" ("de Omgevingsdienst IJmond en Sem Vos van de gemeente")
BODY_AND = re.compile(rf" en ([{U}][{L}]+)(?= [{U}])")  # a given name and a surname
BODY_TAIL = re.compile(r"(?: (?:en|van|de|het|&))+$")


def body_without_person(text: str, span: Span) -> Span:
    from .loading import lookups

    for match in BODY_AND.finditer(text, span.start, span.end):
        if [match.group(1)] in lookups()["first_name"] and not BODY_WORD.match(match.group(1)):
            end = match.start()
            tail = BODY_TAIL.search(text, span.start, end)
            return Span(span.start, tail.start() if tail else end, span.label)
    return span


BODY_WORD = re.compile(
    r"(?:Gemeente|Provincie|Omgevingsdienst|Veiligheidsregio|Waterschap|Politie|Brandweer|GGD|Rijkswaterstaat)"
)


def public_pattern_spans(text: str) -> Iterator[Span]:
    yield from department_names(text)
    for span in run(PUBLIC, text):
        if span.label == "organisation" and " en " in text[span.start : span.end]:
            span = body_without_person(text, span)
        person = None
        if span.label == "organisation":
            person = PERSON_OF.match(text, span.start)
            if not person and TITLE_BEFORE.search(text, max(0, span.start - 20), span.start):
                person = TITLED_PERSON_OF.match(text, span.start)
        if person and person.end() < span.end:
            span = Span(person.end(), span.end, span.label)
        yield span
