"""The DiWoo metadata of a publication, so that the national Woo index (open.overheid.nl) can harvest it: the
standard "Metadata voor Woo-publicaties" (https://standaarden.overheid.nl/diwoo/metadata/), with the publisher as a
TOOI organisation identifier, the Woo information category (TOOI list scw_woo_informatiecategorieen) and the kind
of document (ccw_plooi_documentsoorten). The values come from the TOOI lists in schemas/diwoo-metadata-lijsten.xsd;
the produced documents are validated against the schema itself (tests/test_diwoo.py).

Built from the public record (`public.publication_record`) only, so it holds nothing the public site does not.
"""

import functools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from openvth.register.models import Organisation

from . import policy

NAMESPACE = "https://standaarden.overheid.nl/diwoo/metadata/"
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
TOOI_ORGANISATION = "https://identifier.overheid.nl/tooi/id"
TOOI_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern"

# the register's code of an organisation → its TOOI identifier: CBS municipality code GM0014 → gemeente/gm0014,
# province PV20 → provincie/pv20, water board WS0155 → waterschap/ws0155, ministry MNRE1130 → ministerie/mnre1130,
# other government organisations OORG10103 → oorg/oorg10103; any other code (an omgevingsdienst's own) has none
TOOI_CODES = (
    (re.compile(r"gm\d{4}"), "gemeente"),
    (re.compile(r"pv\d{2}"), "provincie"),
    (re.compile(r"ws\d{4}"), "waterschap"),
    (re.compile(r"mnre\d{4}"), "ministerie"),
    (re.compile(r"oorg\d{4,6}"), "oorg"),
    (re.compile(r"so\d{4}"), "so"),  # a samenwerkingsorganisatie, such as an omgevingsdienst (so0721)
    (re.compile(r"zb\d{6}"), "zbo"),
)
# the TOOI lists of organisations the schema allows as a publisher, responsible body or author
# (diwoo:organisatielijst): an identifier outside them is left out, keeping the name
ORGANISATION_LISTS = (
    "collijst", "gemeentelijst", "ministerielijst", "provincielijst", "oorglijst", "solijst", "waterschapslijst",
    "zbolijst",
)  # fmt: skip
LISTS_XSD = Path(__file__).resolve().parent / "schemas" / "diwoo-metadata-lijsten.xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"

# Woo information categories (TOOI kern concepts): an inspection result is actively disclosed under the general
# duty of Woo art. 3.1, an enforcement decision (last onder dwangsom, bestuursdwang) is a beschikking (art. 3.3(2)(p)).
# So is a permit (an omgevingsvergunning is a beschikking, Awb 1:3(2)): the TOOI list scw_woo_informatiecategorieen
# (diwoo-metadata-lijsten.xsd 0.9.8) holds the 17 categories of art. 3.3 and the one of art. 3.1, none for permits.
CATEGORIES = {
    "inspection_result": ("c_816e508d", "inspanningsverplichting art 3.1 Woo"),
    "enforcement_decision": ("c_46a81018", "beschikkingen"),
    "permit": ("c_46a81018", "beschikkingen"),
}
# the kind of document (TOOI list ccw_plooi_documentsoorten): an inspection report, a beschikking tot handhaving and,
# for a released permit, "vergunning"
DOCUMENT_KINDS = {
    "inspection_result": ("c_4efe1293", "inspectierapport"),
    "enforcement_decision": ("c_1c7656ac", "beschikking tot handhaving"),
    "permit": ("c_002fc258", "vergunning"),
}
VASTSTELLING = ("c_641ecd76", "vaststelling")  # TOOI documenthandeling: the document was adopted
LANGUAGE = ("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
PDF = ("http://publications.europa.eu/resource/authority/file-type/PDF", "pdf")


@functools.cache
def tooi_list(name: str) -> frozenset[str]:
    """The values of a TOOI value list of the DiWoo schema: `name` is its simpleType in the lists file."""
    root = ET.parse(LISTS_XSD).getroot()
    (found,) = (node for node in root.iter(f"{XS}simpleType") if node.get("name") == name)
    return frozenset(value.get("value") for value in found.iter(f"{XS}enumeration"))


def tooi_identifier(organisation: Organisation) -> str | None:
    """The TOOI identifier of an organisation by its register code, when TOOI knows it (else None: no resource)."""
    code = (organisation.code or "").strip().lower()
    for pattern, kind in TOOI_CODES:
        if pattern.fullmatch(code):
            identifier = f"{TOOI_ORGANISATION}/{kind}/{code}"
            return identifier if any(identifier in tooi_list(name) for name in ORGANISATION_LISTS) else None
    return None


def _organisation(organisation: Organisation) -> dict:
    return {"name": organisation.name, "tooi": tooi_identifier(organisation)}


def metadata(publication) -> dict:
    """The DiWoo fields of a published publication (the model, with its owner and establishment loaded).

    The publisher and the responsible body is the competent authority (the bestuursorgaan: a municipality or
    province, with a TOOI identifier); the omgevingsdienst that drew the document up under mandate is the author."""
    category, label = CATEGORIES[publication.kind]
    kind, kind_label = DOCUMENT_KINDS[publication.kind]
    authority = publication.establishment.competent_authority
    in_force_from = None
    if publication.kind == "permit":  # a released permit is in force since its first decision took effect
        decisions = publication.permit_decisions.order_by("effective_from")
        in_force_from = decisions.values_list("effective_from", flat=True).first()
    return {
        "id": publication.pk,
        "identifier": f"openvth-publicatie-{publication.pk}",
        "publisher": _organisation(authority),
        "verantwoordelijke": _organisation(authority),
        "opsteller": _organisation(publication.owner),
        "officiele_titel": policy.scrub(publication.title, publication.establishment),
        "informatiecategorie": {"uri": f"{TOOI_KERN}/{category}", "label": label},
        "documentsoort": {"uri": f"{TOOI_KERN}/{kind}", "label": kind_label},
        "creatiedatum": publication.decided_on,
        "geldig_vanaf": in_force_from,
        "vastgesteld_op": publication.decided_on,
        "openbaar_gemaakt_op": publication.published_at,
        "format": PDF[1],
        "language": LANGUAGE[1],
    }


def _with_resource(parent: ET.Element, tag: str, text: str, resource: str | None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", {"resource": resource} if resource else {})
    element.text = text
    return element


def document_element(meta: dict) -> ET.Element:
    """One `diwoo:Document` with its `diwoo:DiWoo` block."""
    document = ET.Element(f"{{{NAMESPACE}}}Document")
    diwoo = ET.SubElement(document, f"{{{NAMESPACE}}}DiWoo")
    identifiers = ET.SubElement(diwoo, f"{{{NAMESPACE}}}identifiers")
    ET.SubElement(identifiers, f"{{{NAMESPACE}}}identifier").text = meta["identifier"]
    for role in ("publisher", "verantwoordelijke", "opsteller"):
        _with_resource(diwoo, role, meta[role]["name"], meta[role]["tooi"])
    titles = ET.SubElement(diwoo, f"{{{NAMESPACE}}}titelcollectie")
    ET.SubElement(titles, f"{{{NAMESPACE}}}officieleTitel").text = meta["officiele_titel"]
    classification = ET.SubElement(diwoo, f"{{{NAMESPACE}}}classificatiecollectie")
    categories = ET.SubElement(classification, f"{{{NAMESPACE}}}informatiecategorieen")
    category = meta["informatiecategorie"]
    _with_resource(categories, "informatiecategorie", category["label"], category["uri"])
    kinds = ET.SubElement(classification, f"{{{NAMESPACE}}}documentsoorten")
    _with_resource(kinds, "documentsoort", meta["documentsoort"]["label"], meta["documentsoort"]["uri"])
    ET.SubElement(diwoo, f"{{{NAMESPACE}}}creatiedatum").text = meta["creatiedatum"].isoformat()
    if meta.get("geldig_vanaf"):
        validity = ET.SubElement(diwoo, f"{{{NAMESPACE}}}geldigheid")
        ET.SubElement(validity, f"{{{NAMESPACE}}}begindatum").text = f"{meta['geldig_vanaf'].isoformat()}T00:00:00"
    _with_resource(diwoo, "language", *reversed(LANGUAGE))
    _with_resource(diwoo, "format", *reversed(PDF))
    actions = ET.SubElement(diwoo, f"{{{NAMESPACE}}}documenthandelingen")
    action = ET.SubElement(actions, f"{{{NAMESPACE}}}documenthandeling")
    _with_resource(action, "soortHandeling", VASTSTELLING[1], f"{TOOI_KERN}/{VASTSTELLING[0]}")
    ET.SubElement(action, f"{{{NAMESPACE}}}atTime").text = f"{meta['vastgesteld_op'].isoformat()}T00:00:00"
    return document


def _serialise(root: ET.Element) -> bytes:
    ET.register_namespace("diwoo", NAMESPACE)
    ET.register_namespace("", SITEMAP_NAMESPACE)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def document_xml(meta: dict) -> bytes:
    return _serialise(document_element(meta))


def sitemap_xml(documents) -> bytes:
    """A sitemap of published documents, (PDF address, metadata) each: `loc` the PDF, `lastmod` the moment of
    publication and the DiWoo block, the form in which the Woo index harvests."""
    urlset = ET.Element(f"{{{SITEMAP_NAMESPACE}}}urlset")
    for location, meta in documents:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NAMESPACE}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NAMESPACE}}}loc").text = location
        ET.SubElement(url, f"{{{SITEMAP_NAMESPACE}}}lastmod").text = meta["openbaar_gemaakt_op"].isoformat()
        url.append(document_element(meta))
    return _serialise(urlset)
