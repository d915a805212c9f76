"""The organisation map follows the Dutch situation of 1-1-2023 (docs/domain.md §1)."""

from collections import Counter

from openvth.rules import formats
from openvth.synthetic import names
from openvth.synthetic.generator import SCALES, municipalities_of
from openvth.synthetic.skeleton import skeleton


def test_342_municipalities_with_unique_codes_and_names():
    municipalities = skeleton().municipalities
    assert len(municipalities) == 342
    assert len({m.code for m in municipalities}) == 342
    assert len({m.name for m in municipalities}) == 342
    assert all(formats.cbs_municipality_code(m.code) == m.code for m in municipalities)


def test_every_place_name_belongs_to_one_municipality():
    places = Counter(place for m in skeleton().municipalities for place in m.places)
    assert places.most_common(1)[0][1] == 1


def test_twelve_provinces_29_services_six_of_them_brzo():
    assert [code for code, *_ in names.PROVINCES] == [f"PV{n}" for n in range(20, 32)]
    assert len(names.SERVICES) == 29
    brzo = {name for _code, name, _prov, is_brzo, _n in names.SERVICES if is_brzo}
    assert len(brzo) == 6
    assert any("Noordzeekanaalgebied" in n for n in brzo) and any("DCMR" in n for n in brzo)
    assert set(names.BRZO_SERVICE_OF_PROVINCE.values()) == {code for code, _n, _p, b, _c in names.SERVICES if b}


def test_every_municipality_has_a_service_in_its_own_province():
    province_of_service = {code: province for code, _name, province, _b, _n in names.SERVICES}
    for municipality in skeleton().municipalities:
        assert province_of_service[municipality.service] == municipality.province


def test_municipality_areas_lie_inside_the_rd_bounds():
    for m in skeleton().municipalities:
        formats.rd_point(m.box[0], m.box[1])
        formats.rd_point(m.box[2], m.box[3])


def test_scales_choose_their_municipalities():
    assert len(municipalities_of(skeleton(), SCALES["small"])) == 8
    region = municipalities_of(skeleton(), SCALES["region"])
    assert len(region) > 8 and {m.service for m in region} == {"OD-ODRN"}
    assert len(municipalities_of(skeleton(), SCALES["national"])) == 342
