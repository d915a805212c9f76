"""The DiWoo metadata of a publication, so that the national Woo index (open.overheid.nl) can harvest it: the
standard "Metadata voor Woo-publicaties" (https://standaarden.overheid.nl/diwoo/metadata/), with the publisher as a
TOOI organisation identifier and the Woo information category (TOOI list scw_woo_informatiecategorieen).

Built from the public record (`public.publication_record`) only, so it holds nothing the public site does not.
"""

import re
import xml.etree.ElementTree as ET

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
)

# Woo information categories (TOOI kern concepts): an inspection result is actively disclosed under the general
# duty of Woo art. 3.1, an enforcement decision (last onder dwangsom, bestuursdwang) is a beschikking (art. 3.3(2)(p))
CATEGORIES = {
    "inspection_result": ("c_816e508d", "inspanningsverplichting art 3.1 Woo"),
    "enforcement_decision": ("c_46a81018", "beschikkingen"),
}
VASTSTELLING = ("c_641ecd76", "vaststelling")  # TOOI documenthandeling: the document was adopted
LANGUAGE = ("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
PDF = ("http://publications.europa.eu/resource/authority/file-type/PDF", "pdf")


def tooi_identifier(organisation: Organisation) -> str | None:
    code = (organisation.code or "").strip().lower()
    for pattern, kind in TOOI_CODES:
        if pattern.fullmatch(code):
            return f"{TOOI_ORGANISATION}/{kind}/{code}"
    return None


def _organisation(organisation: Organisation) -> dict:
    return {"name": organisation.name, "tooi": tooi_identifier(organisation)}


def metadata(publication) -> dict:
    """The DiWoo fields of a published publication (the model, with its owner and establishment loaded).

    The publisher and the responsible body is the competent authority (the bestuursorgaan: a municipality or
    province, with a TOOI identifier); the omgevingsdienst that drew the document up under mandate is the author."""
    category, label = CATEGORIES[publication.kind]
    authority = publication.establishment.competent_authority
    return {
        "id": publication.pk,
        "identifier": f"openvth-publicatie-{publication.pk}",
        "publisher": _organisation(authority),
        "verantwoordelijke": _organisation(authority),
        "opsteller": _organisation(publication.owner),
        "officiele_titel": policy.scrub(publication.title, publication.establishment),
        "informatiecategorie": {"uri": f"{TOOI_KERN}/{category}", "label": label},
        "creatiedatum": publication.decided_on,
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
    ET.SubElement(diwoo, f"{{{NAMESPACE}}}creatiedatum").text = meta["creatiedatum"].isoformat()
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
