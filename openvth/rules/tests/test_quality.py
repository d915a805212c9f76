"""The quality criteria (Kwaliteitscriteria 2.2, Omgevingsbesluit art. 13.6/13.8) at their boundaries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from openvth.rules import quality
from openvth.rules.quality import Criteria, Criterion, Person

DAY = date(2026, 11, 18)
AREA = Criteria(min_qualified=2, education="hbo", experience_years=2, proficiency_hours=400)
CERTIFIED = Criteria(
    min_qualified=1, education="hbo", experience_years=0, proficiency_hours=0, certificate_required=True
)


def person(
    key=1, *, education="hbo", years="2.0", hours=400, start=date(2025, 1, 1), end=None, certificates=(), **more
):
    return Person(
        key=key,
        active_from=more.get("active_from", date(2020, 1, 1)),
        active_to=more.get("active_to"),
        competence_from=start,
        competence_to=end,
        education=education,
        experience_years=Decimal(years),
        hours_per_year=hours,
        certificates=tuple(certificates),
    )


def test_exactly_the_minimum_meets_one_below_does_not():
    two = [person(1), person(2)]
    assert quality.assess(AREA, two, DAY).met
    assert quality.assess(AREA, two, DAY).qualified == 2
    one = quality.assess(AREA, two[:1], DAY)
    assert not one.met
    assert one.failing == {Criterion.CRITICAL_MASS.value: 1}


def test_experience_just_under_fails_and_grows_on_the_anniversary():
    under = person(years="1.9", start=date(2026, 1, 1))
    assert quality.failing(under, AREA, DAY) == (Criterion.EXPERIENCE,)
    growing = person(years="1.0", start=date(2025, 11, 18))  # a second year counts from 18 November 2026
    assert quality.failing(growing, AREA, DAY) == ()
    assert quality.failing(growing, AREA, DAY - timedelta(days=1)) == (Criterion.EXPERIENCE,)


def test_education_and_hours_below_the_criteria_fail():
    assert quality.failing(person(education="mbo"), AREA, DAY) == (Criterion.EDUCATION,)
    assert quality.failing(person(education="wo"), AREA, DAY) == ()
    assert quality.failing(person(hours=399), AREA, DAY) == (Criterion.PROFICIENCY,)


def test_a_certificate_expiring_the_day_before_does_not_count_one_expiring_today_does():
    expired = person(certificates=[(date(2021, 1, 1), DAY - timedelta(days=1))])
    valid = person(certificates=[(date(2021, 1, 1), DAY)])
    assert quality.failing(expired, CERTIFIED, DAY) == (Criterion.CERTIFICATE,)
    assert quality.failing(valid, CERTIFIED, DAY) == ()


def test_a_person_who_left_or_whose_competence_ended_does_not_count():
    assert quality.failing(person(active_to=DAY - timedelta(days=1)), AREA, DAY) is None
    assert quality.failing(person(end=DAY - timedelta(days=1)), AREA, DAY) is None
    assert quality.failing(person(end=DAY), AREA, DAY) == ()


def test_since_when_the_day_the_second_person_started():
    second_start = date(2026, 3, 1)
    result = quality.assess_since(lambda d: AREA, [person(1), person(2, start=second_start)], DAY)
    assert result.met and result.since == second_start


def test_since_when_not_met_the_day_after_a_certificate_expired():
    expiry = date(2026, 6, 30)
    holder = person(certificates=[(date(2021, 1, 1), expiry)])
    result = quality.assess_since(lambda d: CERTIFIED, [holder], DAY)
    assert not result.met and result.since == expiry + timedelta(days=1)
    assert result.failing == {Criterion.CRITICAL_MASS.value: 1, Criterion.CERTIFICATE.value: 1}


def test_since_when_counts_a_stricter_criteria_version():
    stricter_from = date(2026, 7, 1)

    def criteria_on(day):
        return AREA if day < stricter_from else Criteria(3, "hbo", 2, 400)

    result = quality.assess_since(criteria_on, [person(1), person(2)], DAY, [stricter_from])
    assert not result.met and result.since == stricter_from


def test_never_met_has_no_since():
    assert quality.assess_since(lambda d: AREA, [], DAY).since is None


def test_the_national_minimum_needs_every_area_and_criterion():
    table = {area: quality.DEFAULT_CRITERIA[area].as_dict() for area in quality.TaskArea}
    assert quality.parse_national(table)[quality.TaskArea.PERMITS] == quality.DEFAULT_CRITERIA["VV-MIL"].as_dict()
    del table[quality.TaskArea.SOIL]
    table[quality.TaskArea.NOISE] = {"min_qualified": "0"}
    with pytest.raises(quality.CriteriaError) as raised:
        quality.parse_national(table)
    assert set(raised.value.errors) >= {"SP-BODEM", "SP-GELUID.min_qualified", "SP-GELUID.education"}


def test_a_regional_value_below_the_national_minimum_is_refused_at_or_above_is_kept():
    national = quality.DEFAULT_CRITERIA  # VV-MIL: 3 people, hbo, 2 years, 400 hours
    kept = quality.parse_regional({"VV-MIL": {"min_qualified": 3, "experience_years": 3}}, national)
    assert kept == {"VV-MIL": {"min_qualified": 3, "experience_years": 3}}
    with pytest.raises(quality.CriteriaError) as raised:
        quality.parse_regional(
            {"VV-MIL": {"min_qualified": 2, "education": "mbo"}, "TZ-COMPLEX": {"certificate_required": False}},
            national,
        )
    assert set(raised.value.errors) == {"VV-MIL.min_qualified", "VV-MIL.education", "TZ-COMPLEX.certificate_required"}
    assert "landelijke minimum (3)" in raised.value.errors["VV-MIL.min_qualified"]


def test_the_effective_criteria_are_the_stricter_of_both_layers():
    national = {"VV-MIL": Criteria(3, "hbo", 2, 400)}
    raised_later = {"VV-MIL": Criteria(5, "hbo", 2, 400)}
    regional = {"VV-MIL": {"min_qualified": 4, "proficiency_hours": 500}}
    assert quality.effective_criteria(national, regional)["VV-MIL"] == Criteria(4, "hbo", 2, 500)
    assert quality.effective_criteria(raised_later, regional)["VV-MIL"] == Criteria(5, "hbo", 2, 500)


def test_29_february_anniversary_counts_from_1_march():
    leap = person(years="1.0", start=date(2024, 2, 29))
    assert quality.experience_on(leap, date(2025, 2, 28)) == Decimal("1.0")
    assert quality.experience_on(leap, date(2025, 3, 1)) == Decimal("2.0")
    assert date(2025, 3, 1) in quality.change_days([leap], DAY)
