"""Generated rows: deterministic for a seed, valid for every format rule, realistic shares."""

from collections import Counter

from openvth.register.models import Activity, Company, Establishment
from openvth.rules import formats
from openvth.synthetic.bulk import RowDigest
from openvth.synthetic.generator import ACTIVITY_COLUMNS, COMPANY_COLUMNS, ESTABLISHMENT_COLUMNS
from openvth.synthetic.skeleton import skeleton

from .helpers import generate_offline, offline_catalogue

E = {name: index for index, name in enumerate(ESTABLISHMENT_COLUMNS)}


def digest(tables) -> str:
    result = RowDigest()
    for name, rows in zip(("company", "establishment", "activity"), tables, strict=True):
        result.update(name, rows)
    return result.hexdigest()


def test_same_seed_gives_the_same_rows():
    assert digest(generate_offline(7)) == digest(generate_offline(7))


def test_another_seed_gives_other_rows():
    assert digest(generate_offline(7)) != digest(generate_offline(8))


def test_columns_are_the_models_columns():
    for model, columns in (
        (Company, COMPANY_COLUMNS),
        (Establishment, ESTABLISHMENT_COLUMNS),
        (Activity, ACTIVITY_COLUMNS),
    ):
        assert set(columns) == {f.attname for f in model._meta.concrete_fields}


def test_every_value_passes_the_format_rules():
    companies, establishments, _ = generate_offline(3)
    municipality_of_id = {offline_catalogue().organisations[m.code]: m for m in skeleton().municipalities}
    for company in companies:
        assert formats.kvk_number(company[2]) == company[2]
        assert formats.normalised_name(company[3]) == company[4]
    for row in establishments:
        municipality = municipality_of_id[row[E["municipality_id"]]]
        assert formats.kvk_vestigingsnummer(row[E["kvk_vestigingsnummer"]]) == row[E["kvk_vestigingsnummer"]]
        bag = formats.bag_nummeraanduiding_id(row[E["bag_nummeraanduiding_id"]])
        assert bag[:4] == municipality.code[2:]
        assert formats.postcode(row[E["postcode"]]) == row[E["postcode"]]
        assert formats.house_number(row[E["house_number"]]) == row[E["house_number"]]
        assert formats.normalised_name(row[E["name"]]) == row[E["normalised_name"]]
        formats.rd_point(row[E["rd_x"]], row[E["rd_y"]])
        x_min, y_min, x_max, y_max = municipality.box
        assert x_min <= row[E["rd_x"]] <= x_max and y_min <= row[E["rd_y"]] <= y_max
        assert row[E["place"]] in municipality.places


def test_shares_of_ied_and_brzo_establishments():
    _, establishments, _ = generate_offline(5, scale="region")
    total = len(establishments)
    ied = sum(row[E["ied"]] for row in establishments)
    tiers = Counter(row[E["brzo_tier"]] for row in establishments)
    brzo = tiers["lower"] + tiers["upper"]
    assert 0.01 <= ied / total <= 0.02
    assert 0.001 <= brzo / total <= 0.002
    assert 0.3 <= tiers["upper"] / brzo <= 0.5


def test_ied_and_brzo_establishments_have_the_province_as_competent_authority():
    catalogue = offline_catalogue()
    _, establishments, activities = generate_offline(5)
    heavy = [row for row in establishments if row[E["ied"]] or row[E["brzo_tier"]]]
    assert heavy
    assert {row[E["competent_authority_id"]] for row in heavy} == {catalogue.organisations["PV25"]}
    ied_type_ids = {pk for pk, category in catalogue.activity_types.values() if category}
    ied_ids = {row[E["id"]] for row in establishments if row[E["ied"]]}
    with_ied_activity = {a[1] for a in activities if a[2] in ied_type_ids}
    assert ied_ids <= with_ied_activity


def test_some_companies_have_several_establishments_and_some_work_from_home():
    _, establishments, _ = generate_offline(5, scale="region")
    per_company = Counter(row[E["company_id"]] for row in establishments)
    several = sum(1 for n in per_company.values() if n > 1) / len(per_company)
    assert 0.01 <= several <= 0.06
    assert 0 < sum(row[E["is_home_address"]] for row in establishments) < len(establishments) * 0.2
