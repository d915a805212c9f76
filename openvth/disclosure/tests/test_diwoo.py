"""Every DiWoo document openvth publishes is valid against the official DiWoo metadata schema 0.9.8 (KOOP,
openvth/disclosure/schemas/diwoo-metadata.xsd with its TOOI value lists, diwoo-metadata-lijsten.xsd), validated by
xmlschema: the per-publication XML and each document in the Woo sitemap, for every kind of publication.

The schema imports the MDTO schema of the Nationaal Archief (for the alternative `mdto:MDTO` content of a
`diwoo:Document`) from a remote address. openvth never writes MDTO content, so the schema is built with remote
resources blocked and `validation="lax"`: the failed import is the one build error (a test keeps it so). Lax
validation does not check what it cannot resolve, so the tests also assert that every document holds the
`diwoo:DiWoo` block and nothing of the MDTO namespace: all that is validated is then validated in full."""

import xml.etree.ElementTree as ET

import pytest
import xmlschema
from django.test import Client
from django.urls import reverse

from openvth.disclosure import diwoo
from openvth.disclosure.models import Publication

from .factories import permit_release, publication

pytestmark = pytest.mark.django_db
XSD = diwoo.LISTS_XSD.parent / "diwoo-metadata.xsd"
NS = diwoo.NAMESPACE
MDTO = "https://www.nationaalarchief.nl/mdto"
SCHEMA = xmlschema.XMLSchema10(str(XSD), allow="local", validation="lax")

# TOOI list scw_woo_informatiecategorieen version 4: the 17 categories of Woo art. 3.3 and the one of art. 3.1
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
WOO_CATEGORIES = {
    KERN + code
    for code in (
        *("c_3baef532", "c_99a836c7", "c_3a248e3a", "c_89ee6784", "c_46a81018", "c_8c840238", "c_8fc2335c"),
        *("c_816e508d", "c_c6cd1213", "c_a870c43d", "c_fdaee95e", "c_759721e2", "c_40a05794", "c_aab6bfc7"),
        *("c_cf268088", "c_c76862ab", "c_db4862c3", "c_139c6280"),
    )
}
# the number of values per list in diwoo-metadata-lijsten.xsd 0.9.8 (counted in the published file)
LIST_SIZES = {
    "collijst": 3, "gemeentelijst": 605, "ministerielijst": 19, "provincielijst": 12, "oorglijst": 193,
    "solijst": 375, "waterschapslijst": 32, "zbolijst": 159, "taallijst": 27, "formatlijst": 19,
    "documentsoortlijst": 91, "soorthandelinglijst": 3, "themalijst": 92, "documentrelatielijst": 4,
    "informatiecategorielijst": 18, "redenverwijderingvervanginglijst": 2,
}  # fmt: skip


def errors(document: ET.Element) -> list[str]:
    return [error.reason or str(error) for error in SCHEMA.iter_errors(document)]


def _documents(establishment) -> list[ET.Element]:
    """The DiWoo documents of an inspection result, an enforcement decision and a released permit, alone and in
    the sitemap."""
    published = [
        publication(establishment),
        publication(establishment, kind=Publication.Kind.ENFORCEMENT_DECISION, compliant=False),
        permit_release(establishment),
    ]
    client = Client()
    urls = [reverse("disclosure:public_publication_diwoo", args=[p.pk]) for p in published]
    documents = [ET.fromstring(client.get(url).content) for url in urls]
    sitemap = ET.fromstring(client.get(reverse("disclosure:public_diwoo_sitemap")).content)
    documents += sitemap.findall(f"{{{diwoo.SITEMAP_NAMESPACE}}}url/{{{NS}}}Document")
    assert len(documents) == 6
    return documents


def test_the_schema_is_complete_but_for_the_mdto_import():
    assert [str(error.message) for error in SCHEMA.all_errors] == [f"unknown element '{{{MDTO}}}MDTO'"]
    sizes = {name: len(set(SCHEMA.types[name].enumeration)) for name in LIST_SIZES}
    assert sizes == LIST_SIZES  # and no value twice
    assert sizes == {name: len(SCHEMA.types[name].enumeration) for name in LIST_SIZES}


@pytest.mark.parametrize("code", ["GM0014", "PV20", "SO0721", "OD-ODRN", "GM9999"])  # in TOOI, and not
def test_every_published_diwoo_document_is_valid_against_the_schema(establishment, code):
    establishment.competent_authority.code = code
    establishment.competent_authority.save()
    for document in _documents(establishment):
        assert errors(document) == []
        assert [child.tag for child in document] == [f"{{{NS}}}DiWoo"]  # no MDTO content, which lax cannot check
        assert not [e for e in document.iter() if e.tag.startswith(f"{{{MDTO}}}")]


def test_a_publisher_unknown_to_tooi_is_named_without_a_resource(establishment):
    authority = establishment.competent_authority
    url = reverse("disclosure:public_publication_diwoo", args=[publication(establishment).pk])

    def publisher(code: str) -> ET.Element:
        authority.code = code
        authority.save()
        return ET.fromstring(Client().get(url).content).find(f"{{{NS}}}DiWoo/{{{NS}}}publisher")

    unknown = publisher("GM9999")  # the pattern of a municipality's code, but no such municipality
    assert unknown.text == authority.name and "resource" not in unknown.attrib
    assert publisher("GM0014").get("resource") == "https://identifier.overheid.nl/tooi/id/gemeente/gm0014"


def test_the_documents_carry_what_the_schema_requires(establishment):
    for document in _documents(establishment)[:3]:
        block = document.find(f"{{{NS}}}DiWoo")
        for required in (
            "publisher",
            "titelcollectie/{ns}officieleTitel",
            "documenthandelingen/{ns}documenthandeling",
            "classificatiecollectie/{ns}informatiecategorieen/{ns}informatiecategorie",
        ):
            assert block.find(f"{{{NS}}}" + required.format(ns=f"{{{NS}}}")) is not None, required


def test_a_released_permit_is_a_vergunning_in_force_since_its_first_decision(establishment):
    permit = _documents(establishment)[2].find(f"{{{NS}}}DiWoo")
    kind = permit.find(f".//{{{NS}}}documentsoort")
    assert (kind.text, kind.get("resource")) == ("vergunning", KERN + "c_002fc258")
    assert permit.find(f"{{{NS}}}geldigheid/{{{NS}}}begindatum").text == "2021-03-01T00:00:00"
    assert permit.find(f"{{{NS}}}creatiedatum").text == "2021-02-15"


def test_the_information_categories_are_the_woo_categories_of_the_tooi_list():
    assert set(SCHEMA.types["informatiecategorielijst"].enumeration) == WOO_CATEGORIES
    used = {f"{diwoo.TOOI_KERN}/{code}" for code, _label in diwoo.CATEGORIES.values()}
    assert used <= WOO_CATEGORIES and set(diwoo.CATEGORIES) == set(Publication.Kind.values)
    kinds = {f"{diwoo.TOOI_KERN}/{code}" for code, _label in diwoo.DOCUMENT_KINDS.values()}
    assert kinds <= set(SCHEMA.types["documentsoortlijst"].enumeration)


def _valid_document(establishment) -> ET.Element:
    (document, *_) = _documents(establishment)
    assert errors(document) == []
    return document


def test_the_validator_rejects_a_document_without_a_publisher(establishment):
    document = _valid_document(establishment)
    block = document.find(f"{{{NS}}}DiWoo")
    block.remove(block.find(f"{{{NS}}}publisher"))
    assert any("publisher" in error for error in errors(document))


def test_the_validator_rejects_unknown_elements_bad_dates_and_values_outside_the_lists(establishment):
    document = _valid_document(establishment)
    block = document.find(f"{{{NS}}}DiWoo")
    ET.SubElement(block, f"{{{NS}}}onderwerp").text = "x"
    assert any("onderwerp" in error for error in errors(document))
    block.remove(block.find(f"{{{NS}}}onderwerp"))
    block.find(f"{{{NS}}}creatiedatum").text = "18-11-2026"
    assert any("18-11-2026" in error for error in errors(document))
    block.find(f"{{{NS}}}creatiedatum").text = "2026-11-18"
    block.find(f".//{{{NS}}}informatiecategorie").set("resource", KERN + "c_00000000")
    assert any("c_00000000" in error for error in errors(document))
