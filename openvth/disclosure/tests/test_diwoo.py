"""Every DiWoo document openvth publishes is valid against the official DiWoo metadata schema 0.9.8 (KOOP,
openvth/disclosure/schemas/diwoo-metadata.xsd): the per-publication XML and each document in the Woo sitemap.

No XSD engine is installed (lxml and xmlschema are absent), so `Schema` below validates against the schema file
itself for the constructs it uses: xs:sequence, xs:all and xs:choice with minOccurs/maxOccurs, simpleContent with its
attributes, and the built-in types xs:string, xs:date, xs:dateTime and xs:anyURI. Values from TOOI lists are checked
where the list is copied below (the lists file itself is not in the repository)."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from openvth.disclosure import diwoo
from openvth.disclosure.models import Publication

from .factories import publication

pytestmark = pytest.mark.django_db
XSD = Path(diwoo.__file__).resolve().parent / "schemas" / "diwoo-metadata.xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"
NS = diwoo.NAMESPACE
UNBOUNDED = 10**9

# TOOI list scw_woo_informatiecategorieen version 4 (diwoo-metadata-lijsten.xsd 0.9.8, simpleType
# informatiecategorielijst), the values of the 17 categories of Woo art. 3.3 and of art. 3.1
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
LISTS = {
    "diwoo:informatiecategorielijst": {
        KERN + code
        for code in (
            *("c_3baef532", "c_99a836c7", "c_3a248e3a", "c_89ee6784", "c_46a81018", "c_8c840238", "c_8fc2335c"),
            *("c_816e508d", "c_c6cd1213", "c_a870c43d", "c_fdaee95e", "c_759721e2", "c_40a05794", "c_aab6bfc7"),
            *("c_cf268088", "c_c76862ab", "c_db4862c3", "c_139c6280"),
        )
    }
}
BUILTIN = {
    "xs:string": None,
    "xs:anyURI": re.compile(r"\S+"),
    "xs:date": re.compile(r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?"),
    "xs:dateTime": re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?"),
}


def _occurs(particle: ET.Element) -> tuple[int, int]:
    maximum = particle.get("maxOccurs", "1")
    return int(particle.get("minOccurs", "1")), UNBOUNDED if maximum == "unbounded" else int(maximum)


class Schema:
    def __init__(self, path: Path):
        root = ET.parse(path).getroot()
        self.namespace = root.get("targetNamespace")
        self.types = {node.get("name"): node for node in root if node.tag in (f"{XS}complexType", f"{XS}simpleType")}
        self.elements = {node.get("name"): node.get("type") for node in root.findall(f"{XS}element")}

    def validate(self, element: ET.Element) -> list[str]:
        name = self._local(element)
        if name not in self.elements:
            return [f"{element.tag}: not a global element of the schema"]
        return self._check(element, self.elements[name], name)

    def _local(self, element: ET.Element) -> str | None:
        prefix = f"{{{self.namespace}}}"
        return element.tag[len(prefix) :] if element.tag.startswith(prefix) else None

    def _check(self, element: ET.Element, type_name: str, path: str) -> list[str]:
        if type_name in BUILTIN:
            return self._simple(element, type_name, path)
        node = self.types[type_name.split(":", 1)[1]]
        if node.tag == f"{XS}simpleType":
            return self._simple(element, "xs:string", path)
        content = node.find(f"{XS}simpleContent")
        if content is not None:
            return self._simple_content(element, content, path)
        errors = [f"{path}: attribute {a} not allowed" for a in element.attrib]
        if (element.text or "").strip():
            errors.append(f"{path}: text not allowed")
        model = next(child for child in node if child.tag in (f"{XS}sequence", f"{XS}all", f"{XS}choice"))
        children = list(element)
        errors += [
            f"{path}: {child.tag} is outside the DiWoo namespace" for child in children if not self._local(child)
        ]
        if model.tag == f"{XS}all":
            declared = {d.get("name"): d for d in model.findall(f"{XS}element")}
            for child in children:
                if self._local(child) not in declared:
                    errors.append(f"{path}: unexpected element {self._local(child)}")
            for name, declaration in declared.items():
                count = sum(self._local(child) == name for child in children)
                minimum, maximum = _occurs(declaration)
                if not minimum <= count <= maximum:
                    errors.append(f"{path}: {name} occurs {count} times, allowed {minimum}..{maximum}")
            matched = [(child, declared[self._local(child)]) for child in children if self._local(child) in declared]
        else:
            position, matched = self._sequence(model, children, 0, path, errors)
            errors += [f"{path}: unexpected element {self._local(child)}" for child in children[position:]]
        for child, declaration in matched:
            errors += self._check(child, declaration.get("type"), f"{path}/{declaration.get('name')}")
        return errors

    def _sequence(self, model, children, position, path, errors):
        """Match `children` from `position` greedily against a sequence or choice of element particles."""
        matched = []
        particles = list(model.iter(f"{XS}element")) if model.tag == f"{XS}choice" else list(model)
        if model.tag == f"{XS}choice":
            present = [
                p
                for p in particles
                if p.get("name") and position < len(children) and self._local(children[position]) == p.get("name")
            ]
            if not present:
                if _occurs(model)[0]:
                    errors.append(f"{path}: one of {[p.get('name') or p.get('ref') for p in particles]} required")
                return position, matched
            particles = present
        for particle in particles:
            if particle.tag in (f"{XS}sequence", f"{XS}choice"):
                position, inner = self._sequence(particle, children, position, path, errors)
                matched += inner
                continue
            minimum, maximum = _occurs(particle)
            count = 0
            while (
                position < len(children) and count < maximum and self._local(children[position]) == particle.get("name")
            ):
                matched.append((children[position], particle))
                position += 1
                count += 1
            if count < minimum:
                errors.append(f"{path}: {particle.get('name')} required {minimum} times, found {count}")
        return position, matched

    def _simple(self, element: ET.Element, type_name: str, path: str) -> list[str]:
        errors = [f"{path}: child element not allowed" for _ in element]
        errors += [f"{path}: attribute {a} not allowed" for a in element.attrib]
        pattern = BUILTIN[type_name]
        if pattern and not pattern.fullmatch((element.text or "").strip()):
            errors.append(f"{path}: {element.text!r} is not a valid {type_name}")
        return errors

    def _simple_content(self, element: ET.Element, content: ET.Element, path: str) -> list[str]:
        errors = [f"{path}: child element not allowed" for _ in element]
        attributes = {a.get("name"): a for a in content.iter(f"{XS}attribute")}
        for name, value in element.attrib.items():
            if name not in attributes:
                errors.append(f"{path}: attribute {name} not allowed")
                continue
            restriction = attributes[name].find(f"{XS}simpleType/{XS}restriction")
            allowed = LISTS.get(restriction.get("base")) if restriction is not None else None
            if allowed is not None and value not in allowed:
                errors.append(f"{path}: {value} is not in {restriction.get('base')}")
        return errors


SCHEMA = Schema(XSD)


def _documents(establishment) -> list[ET.Element]:
    """The DiWoo documents of an inspection result and an enforcement decision, alone and in the sitemap."""
    published = [
        publication(establishment),
        publication(establishment, kind=Publication.Kind.ENFORCEMENT_DECISION, compliant=False),
    ]
    client = Client()
    urls = [reverse("disclosure:public_publication_diwoo", args=[p.pk]) for p in published]
    documents = [ET.fromstring(client.get(url).content) for url in urls]
    sitemap = ET.fromstring(client.get(reverse("disclosure:public_diwoo_sitemap")).content)
    documents += sitemap.findall(f"{{{diwoo.SITEMAP_NAMESPACE}}}url/{{{NS}}}Document")
    assert len(documents) == 4
    return documents


@pytest.mark.parametrize("code", ["GM0014", "PV20", "OD-ODRN"])  # with a TOOI identifier and without one
def test_every_published_diwoo_document_is_valid_against_the_schema(establishment, code):
    establishment.competent_authority.code = code
    establishment.competent_authority.save()
    for document in _documents(establishment):
        assert SCHEMA.validate(document) == []


def test_the_documents_carry_what_the_schema_requires(establishment):
    (document, *_) = _documents(establishment)
    block = document.find(f"{{{NS}}}DiWoo")
    for required in (
        "publisher",
        "titelcollectie/{ns}officieleTitel",
        "documenthandelingen/{ns}documenthandeling",
        "classificatiecollectie/{ns}informatiecategorieen/{ns}informatiecategorie",
    ):
        assert block.find(f"{{{NS}}}" + required.format(ns=f"{{{NS}}}")) is not None, required


def _valid_document(establishment) -> ET.Element:
    (document, *_) = _documents(establishment)
    assert SCHEMA.validate(document) == []
    return document


def test_the_validator_rejects_a_document_without_a_publisher(establishment):
    document = _valid_document(establishment)
    block = document.find(f"{{{NS}}}DiWoo")
    block.remove(block.find(f"{{{NS}}}publisher"))
    assert SCHEMA.validate(document) == ["Document/DiWoo: publisher occurs 0 times, allowed 1..1"]


def test_the_validator_rejects_unknown_elements_bad_dates_and_categories_outside_the_list(establishment):
    document = _valid_document(establishment)
    block = document.find(f"{{{NS}}}DiWoo")
    ET.SubElement(block, f"{{{NS}}}onderwerp").text = "x"
    block.find(f"{{{NS}}}creatiedatum").text = "18-11-2026"
    block.find(f".//{{{NS}}}informatiecategorie").set("resource", KERN + "c_00000000")
    errors = SCHEMA.validate(document)
    assert "Document/DiWoo: unexpected element onderwerp" in errors
    assert "Document/DiWoo/creatiedatum: '18-11-2026' is not a valid xs:date" in errors
    assert any("c_00000000 is not in diwoo:informatiecategorielijst" in error for error in errors)
