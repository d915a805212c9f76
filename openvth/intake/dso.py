"""The DSO side of the intake: the client of the API "Verzoek afhandelen" and the reading of a STAM request.

What the format is based on
---------------------------
- Geonovum, DSO configuratiemanagement (ci/RWS/STAM): STAM (Standaard aanvragen en meldingen) with its information
  model IMAM, the XSD of the verzoekbericht and of the verzoeknotificatie, published by RWS through IPLO
  (https://iplo.nl/digitaal-stelsel/aansluiten/standaarden/stam-imam/). IMAM's object types: Verzoek, Bevoegd
  Gezag, Uitvoerende instantie, Initiatiefnemer, Gemachtigde, Project, Projectactiviteit, Projectlocatie,
  Specificatie.
- A public description of how a VTH system processes STAM 2.0-4.0 messages (OpenWave documentation, "Verwerking
  DSO STAM berichten"), which names the elements this module reads: `verzoeknummer`, `volgnummer`, `doel`
  (Initiëren, Conceptverzoek/Vooroverleg, Aanvullen, Intrekken), `type` ("Aanvraag vergunning", "Melding",
  "Informatie", ...), `naam`, `indiendatum`, `bevoegdGezag/oin`, `uitvoerendeInstantie/oin`, `initiatiefnemer`
  (`natuurlijkPersoon` / `nietNatuurlijkPersoon` with `vestiging`), `contactpersoon`,
  `projectlocaties/projectlocatie` (address with the BAG nummeraanduiding, a point in RD),
  `projectactiviteiten/projectactiviteit` (`activiteitNaam` and the DSO activity id),
  `specificaties/specificatie/gevraagdeBijlage/documenten/document/documentId`, and `verzoekbijlages/document`.
  Since STAM 4.0 the trigger message is called verzoeknotificatie and carries little more than the verzoeknummer.

Where this module guesses (the XSDs themselves were not available here)
------------------------------------------------------------------------
- The namespace: elements are matched on their local name in any namespace, so the real STAM namespace and our
  samples' `urn:openvth:stam-voorbeeld` both read.
- Element names inside the blocks: `activiteitId` for the DSO activity id; `kvkNummer`, `vestigingsnummer`,
  `statutaireNaam`/`handelsnaam`/`naam`, `rechtsvorm`; the applicant's contact details as `emailadres` and
  `telefoonnummer` anywhere in the initiatiefnemer block (its own), else in the request's `contactpersoon` (never
  those of the `gemachtigde`, who acts for the applicant); `bagNummeraanduidingId` (also
  `nummeraanduidingIdentificatie`), `straatnaam`, `huisnummer`, `huisletter`, `huisnummertoevoeging`, `postcode`,
  `plaatsnaam`/`woonplaatsnaam`; the point as `punt/x`+`punt/y` or a GML `pos` ("x y", RD New); `bestandsnaam`
  and `documentsoortDSO` of a document.
- The API paths of Verzoek afhandelen: `GET {base}/verzoeken/{verzoeknummer}` (STAM XML),
  `.../{verzoeknummer}/pdf` (the publishable request) and `.../{verzoeknummer}/bijlagen/{documentId}`, with the key
  in `X-Api-Key`. The real API is reached through the DSO's API gateway with PKIoverheid and a key per
  organisation; the paths are one setting away (`DsoClient.paths`).
- The verzoeknotificatie arrives as JSON at openvth's API (`verzoeknummer`, optional `volgnummer`, `oin`, `type`).

Validation: the XSD is not read by a schema validator (neither lxml nor xmlschema is installed). Without one every
request is checked against what the mapping needs (`REQUIRED` below); with `DSO_STAM_XSD` set, also that the root
element is declared in that XSD and lies in its target namespace.

A DTD or entity declaration is refused before parsing (no entity expansion, no external entities).
"""

import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.conf import settings

from .models import RequestType

TIMEOUT_SECONDS = 30
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024


class StamError(ValueError):
    """A STAM request that cannot be read: the Dutch reason for the intake queue."""


class DsoUnavailable(RuntimeError):
    """The DSO did not answer as it should (network, status): the fetch job tries again later."""


# --- the client ---------------------------------------------------------------------------------------------------


class DsoClient:
    """The API Verzoek afhandelen of the DSO, at settings.DSO_BASE_URL (in tests and the demo: the simulator)."""

    paths = {
        "request": "/verzoeken/{verzoeknummer}",
        "pdf": "/verzoeken/{verzoeknummer}/pdf",
        "document": "/verzoeken/{verzoeknummer}/bijlagen/{document_id}",
    }

    def __init__(self, base_url: str | None = None, api_key: str | None = None):
        self.base_url = (base_url if base_url is not None else settings.DSO_BASE_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else settings.DSO_API_KEY
        if not self.base_url:
            raise DsoUnavailable("Er is geen adres van het DSO ingesteld (DSO_BASE_URL).")

    def _get(self, path: str) -> bytes:
        url = self.base_url + path
        headers = {"Accept": "*/*"}
        if self.api_key:
            headers["X-Api-Key"] = self.api_key
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 (the configured DSO address)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                content = response.read(MAX_DOCUMENT_BYTES + 1)
        except urllib.error.HTTPError as error:
            raise DsoUnavailable(f"Het DSO antwoordde {error.code} op {path}.") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise DsoUnavailable(f"Het DSO is niet bereikbaar: {error}.") from None
        if len(content) > MAX_DOCUMENT_BYTES:
            raise DsoUnavailable(f"Het document op {path} is groter dan {MAX_DOCUMENT_BYTES // 1024 // 1024} MB.")
        return content

    def request_xml(self, verzoeknummer: str) -> bytes:
        return self._get(self.paths["request"].format(verzoeknummer=verzoeknummer))

    def request_pdf(self, verzoeknummer: str) -> bytes:
        return self._get(self.paths["pdf"].format(verzoeknummer=verzoeknummer))

    def document(self, verzoeknummer: str, document_id: str) -> bytes:
        return self._get(self.paths["document"].format(verzoeknummer=verzoeknummer, document_id=document_id))


# --- what a request holds -----------------------------------------------------------------------------------------


@dataclass
class Party:
    """The initiatiefnemer: a company (KvK number, vestigingsnummer) or a natural person, with the e-mail address
    and telephone number to reach it by. A BSN is never kept. `natural_person` also holds for an enterprise of
    natural persons (eenmanszaak, V.O.F., maatschap, C.V.): its name is personal data too (docs/domain.md §8)."""

    name: str = ""
    kvk_number: str = ""
    vestigingsnummer: str = ""
    natural_person: bool = False
    company_name: str = ""  # the statutory name of a company (its establishment's trade name is `name`)
    legal_form: str = ""  # register.Company.LegalForm value, "" when the request does not tell
    email: str = ""
    phone: str = ""


@dataclass
class Location:
    bag_id: str = ""
    street: str = ""
    house_number: int | None = None
    house_letter: str = ""
    house_number_suffix: str = ""
    postcode: str = ""
    place: str = ""
    rd_x: float | None = None
    rd_y: float | None = None

    @property
    def has_address(self) -> bool:
        return bool(self.postcode and self.house_number)

    @property
    def suffix(self) -> str:
        return f"{self.house_letter}{self.house_number_suffix}"

    def describe(self) -> str:
        parts = []
        if self.street or self.house_number:
            parts.append(f"{self.street} {self.house_number or ''}{self.suffix}".strip())
        if self.postcode or self.place:
            parts.append(f"{self.postcode} {self.place}".strip())
        if self.bag_id:
            parts.append(f"BAG {self.bag_id}")
        if self.rd_x is not None:
            parts.append(f"RD {self.rd_x:.0f}, {self.rd_y:.0f}")
        return ", ".join(parts) or "geen locatie"


@dataclass
class Activity:
    dso_id: str
    name: str = ""


@dataclass
class Document:
    document_id: str
    name: str = ""
    document_type: str = ""


@dataclass
class ParsedRequest:
    verzoeknummer: str
    volgnummer: int
    purpose: str  # initiëren, conceptverzoek, aanvullen, intrekken (lower case, as read)
    type_text: str
    request_type: str  # RequestType value, "" when the type is not one the intake maps
    name: str
    submitted_on: date
    authority_oin: str
    service_oin: str = ""
    applicant: Party = field(default_factory=Party)
    locations: list[Location] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    def as_json(self) -> dict:
        data = asdict(self)
        data["submitted_on"] = self.submitted_on.isoformat()
        return data


# --- reading ------------------------------------------------------------------------------------------------------

# what the mapping cannot do without (the validation when no XSD validator is at hand)
REQUIRED = {
    "verzoeknummer": "het verzoeknummer",
    "type": "de soort verzoek (type)",
    "indiendatum": "de indieningsdatum",
    "bevoegdGezag/oin": "het OIN van het bevoegd gezag",
    "projectactiviteiten/projectactiviteit": "ten minste één projectactiviteit",
}
PURPOSES = {"initiëren", "initieren", "conceptverzoek", "vooroverleg", "aanvullen", "intrekken"}
PRELIMINARY_PURPOSES = {"conceptverzoek", "vooroverleg"}
# STAM `type` (lower case) -> the kind of request; the other types (maatwerkvoorschrift, gelijkwaardige maatregel)
# are decisions the permits do not hold yet: they go to the queue
TYPES = {
    "aanvraag vergunning": RequestType.APPLICATION,
    "aanvraag omgevingsvergunning": RequestType.APPLICATION,
    "melding": RequestType.NOTIFICATION,
    "informatie": RequestType.INFORMATION,
    "informatieplicht": RequestType.INFORMATION,
    "informatie ongewoon voorval": RequestType.INFORMATION,
    "vooroverleg": RequestType.PRELIMINARY,
    "conceptverzoek": RequestType.PRELIMINARY,
}
_FORBIDDEN = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_DIGITS = re.compile(r"\D")
# STAM `rechtsvorm` (lower case, as the Handelsregister words it) or the end of a company name -> the register's
# legal form (register.Company.LegalForm); the first that matches counts
LEGAL_FORMS = (
    ("besloten vennootschap", "bv"), ("naamloze vennootschap", "nv"), ("vennootschap onder firma", "vof"),
    ("commanditaire vennootschap", "cv"), ("eenmanszaak", "eenmanszaak"), ("maatschap", "maatschap"),
    ("coöperatie", "cooperatie"), ("cooperatie", "cooperatie"), ("stichting", "stichting"),
    ("vereniging", "vereniging"),
)  # fmt: skip
_NAME_FORMS = re.compile(r"\b(b\.?\s?v|n\.?\s?v|v\.?\s?o\.?\s?f|c\.?\s?v)\.?\s*$", re.IGNORECASE)
NATURAL_PERSON_FORMS = {"eenmanszaak", "vof", "maatschap", "cv"}  # as register.Company.NATURAL_PERSON_FORMS


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _find(element, path: str):
    """The first element on a path of local names ('a/b/c'), in any namespace; None if absent."""
    current = [element]
    for name in path.split("/"):
        current = [child for parent in current for child in _children(parent, name)]
        if not current:
            return None
    return current[0]


def _findall(element, path: str) -> list:
    *parents, last = path.split("/")
    current = [element]
    for name in parents:
        current = [child for parent in current for child in _children(parent, name)]
    return [child for parent in current for child in _children(parent, last)]


def _text(element, *paths: str) -> str:
    """The stripped text of the first of `paths` that is present and not empty."""
    if element is None:
        return ""
    for path in paths:
        found = _find(element, path)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return ""


def _descendant(element, *names: str):
    """The first descendant with one of these local names (blocks whose nesting differs between STAM versions)."""
    if element is None:
        return None
    for name in names:  # in the order asked: the more specific block first
        for node in element.iter():
            if _local(node.tag) == name and node is not element:
                return node
    return None


def _parse_date(text: str) -> date:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date() if "T" in text else date.fromisoformat(text)
    except ValueError:
        raise StamError(f"De indieningsdatum '{text}' is geen datum (JJJJ-MM-DD).") from None


def _descendant_text(element, *names: str) -> str:
    """The stripped text of the first descendant with one of these local names that has any."""
    if element is None:
        return ""
    for name in names:
        for node in element.iter():
            if node is not element and _local(node.tag) == name and (node.text or "").strip():
                return node.text.strip()
    return ""


def _legal_form(rechtsvorm: str, name: str) -> str:
    """The register's legal form from STAM's `rechtsvorm`, else from the end of the name ("B.V."); "" if unknown."""
    text = rechtsvorm.lower()
    for words, code in LEGAL_FORMS:
        if words in text:
            return code
    if match := _NAME_FORMS.search(name):
        return {"bv": "bv", "nv": "nv", "vof": "vof", "cv": "cv"}[re.sub(r"[^a-z]", "", match.group(1).lower())]
    return ""


def _contact(*blocks) -> tuple[str, str]:
    """The e-mail address and telephone number: each from the first block that has one."""
    email = next((found for b in blocks if (found := _descendant_text(b, "emailadres", "eMailadres", "email"))), "")
    phone = next((found for b in blocks if (found := _descendant_text(b, "telefoonnummer", "telefoon"))), "")
    return email, phone


def _applicant(root) -> Party:
    block = _find(root, "initiatiefnemer")
    if block is None:
        return Party()
    email, phone = _contact(block, _find(root, "contactpersoon"))
    company = _descendant(block, "nietNatuurlijkPersoon", "NietNatuurlijkPersoon")
    if company is not None:
        branch = _descendant(company, "vestiging")
        statutory = _text(company, "statutaireNaam", "handelsnaam", "naam")
        legal_form = _legal_form(_text(company, "rechtsvorm"), statutory)
        return Party(
            name=_text(branch, "handelsnaam", "naam") or statutory,
            kvk_number=_DIGITS.sub("", _text(company, "kvkNummer", "kvknummer")),
            vestigingsnummer=_DIGITS.sub("", _text(branch, "vestigingsnummer") or _text(company, "vestigingsnummer")),
            natural_person=legal_form in NATURAL_PERSON_FORMS,
            company_name=statutory,
            legal_form=legal_form,
            email=email,
            phone=phone,
        )
    person = _descendant(block, "natuurlijkPersoon", "NatuurlijkPersoon")
    if person is not None:
        name = " ".join(p for p in (_text(person, "voorletters"), _text(person, "voorvoegsel"),
                                    _text(person, "achternaam", "geslachtsnaam")) if p)  # fmt: skip
        return Party(name=name, natural_person=True, email=email, phone=phone)
    return Party()


def _number(text: str, label: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise StamError(f"De {label} van de projectlocatie ('{text}') is geen getal.") from None


def _location(block) -> Location:
    address = _descendant(block, "binnenlandsAdres", "adresAanduiding") or block
    house = _text(address, "huisnummer")
    location = Location(
        bag_id=_DIGITS.sub(
            "",
            _text(
                address,
                "bagNummeraanduidingId",
                "nummeraanduidingIdentificatie",
                "identificatieNummeraanduiding",
                "nummeraanduidingId",
            ),
        ),  # fmt: skip
        street=_text(address, "straatnaam", "openbareRuimteNaam"),
        house_number=int(house) if house.isdigit() else None,
        house_letter=_text(address, "huisletter"),
        house_number_suffix=_text(address, "huisnummertoevoeging"),
        postcode=_text(address, "postcode").replace(" ", "").upper(),
        place=_text(address, "plaatsnaam", "woonplaatsnaam", "woonplaats"),
    )
    if house and location.house_number is None:
        raise StamError(f"Het huisnummer van de projectlocatie ('{house}') is geen getal.")
    point = _descendant(block, "punt", "Point")
    if point is not None:
        x, y = _text(point, "x"), _text(point, "y")
        if not (x and y):
            pos = _text(point, "pos")
            x, _, y = pos.partition(" ")
        if x and y:
            location.rd_x, location.rd_y = _number(x, "x-coördinaat"), _number(y.strip(), "y-coördinaat")
    return location


def _documents(root) -> list[Document]:
    found: dict[str, Document] = {}
    for node in root.iter():
        if _local(node.tag) != "document":
            continue
        document_id = _text(node, "documentId", "documentid")
        if document_id and document_id not in found:
            found[document_id] = Document(
                document_id=document_id,
                name=_text(node, "bestandsnaam", "naam") or f"{document_id}.bin",
                document_type=_text(node, "documentsoortDSO", "documentsoort"),
            )
    return list(found.values())


def _check_xsd(root) -> None:
    path = getattr(settings, "DSO_STAM_XSD", "")
    if not path:
        return
    try:
        schema = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise StamError(f"Het ingestelde STAM-schema (DSO_STAM_XSD) is niet te lezen: {error}.") from None
    target = schema.get("targetNamespace", "")
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    declared = {e.get("name") for e in schema if _local(e.tag) == "element"}
    if namespace != target or _local(root.tag) not in declared:
        raise StamError(
            f"Het bericht past niet bij het STAM-schema: hoofdelement '{_local(root.tag)}' in namespace "
            f"'{namespace or 'geen'}' is daar niet gedeclareerd (verwacht namespace '{target}')."
        )


def parse(content: bytes) -> ParsedRequest:
    """A STAM verzoekbericht read into what the mapping needs; a StamError with the Dutch reason otherwise."""
    if not content or not content.strip():
        raise StamError("Het STAM-bericht is leeg.")
    if _FORBIDDEN.search(content[:4096]) or _FORBIDDEN.search(content):
        raise StamError("Het STAM-bericht bevat een DTD of entiteitdeclaratie; die worden niet verwerkt.")
    try:
        root = ET.fromstring(content)  # noqa: S314 (no DTD: refused above)
    except ET.ParseError as error:
        raise StamError(f"Het STAM-bericht is geen geldige XML: {error}.") from None
    _check_xsd(root)
    request = root if _local(root.tag) == "verzoek" else (_descendant(root, "verzoek") or root)
    missing = [label for path, label in REQUIRED.items() if not _present(request, path)]
    if missing:
        raise StamError(f"Het STAM-bericht mist {', '.join(missing)}.")
    purpose = (_text(request, "doel") or "initiëren").lower()
    if purpose not in PURPOSES:
        raise StamError(f"Onbekend doel '{purpose}' in het STAM-bericht.")
    type_text = _text(request, "type")
    request_type = RequestType.PRELIMINARY if purpose in PRELIMINARY_PURPOSES else TYPES.get(type_text.lower(), "")
    volgnummer = _text(request, "volgnummer") or "1"
    if not volgnummer.isdigit():
        raise StamError(f"Het volgnummer '{volgnummer}' is geen getal.")
    activities = [
        Activity(
            dso_id=_text(node, "activiteitId", "activiteitid", "identificatie", "id") or _text(node, "activiteitNaam"),
            name=_text(node, "activiteitNaam", "naam"),
        )
        for node in _findall(request, "projectactiviteiten/projectactiviteit")
    ]
    if any(not a.dso_id for a in activities):
        raise StamError("Een projectactiviteit heeft geen activiteit-id en geen naam.")
    return ParsedRequest(
        verzoeknummer=_text(request, "verzoeknummer"),
        volgnummer=int(volgnummer),
        purpose=purpose,
        type_text=type_text,
        request_type=str(request_type),
        name=_text(request, "naam", "projectnaam"),
        submitted_on=_parse_date(_text(request, "indiendatum")),
        authority_oin=_DIGITS.sub("", _text(request, "bevoegdGezag/oin")),
        service_oin=_DIGITS.sub("", _text(request, "uitvoerendeInstantie/oin")),
        applicant=_applicant(request),
        locations=[_location(node) for node in _findall(request, "projectlocaties/projectlocatie")],
        activities=activities,
        documents=_documents(request),
    )


_VERZOEKNUMMER = re.compile(rb"<(?:\w+:)?verzoeknummer>\s*([A-Za-z0-9._-]{1,50})\s*</")


def verzoeknummer_in(content: bytes) -> str:
    """The verzoeknummer of a request that cannot be parsed, if it can be seen in the text at all."""
    match = _VERZOEKNUMMER.search(content or b"")
    return match.group(1).decode() if match else ""


def _present(element, path: str) -> bool:
    found = _find(element, path)
    return found is not None and (len(found) > 0 or bool((found.text or "").strip()))
