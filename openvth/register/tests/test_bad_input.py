"""Bad input is the client's error, never the server's: a `%` in a filter, an id beyond 64 bits, a text longer than
its field, a date in year 1 or 1900 each answer 400 (or 404 for an id in a path) with problem+json naming the field,
and nothing is stored."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.core.inputs import check_date, parse_date
from openvth.register.models import Company, Establishment
from openvth.register.tests.factories import ActivityTypeFactory
from openvth.rules.terms import add_months
from openvth.testing.api import client_for, problem

TOO_BIG = str(2**64)
LONG = "x" * 100_000


def names(body) -> list[str]:
    return [param["name"] for param in body["invalid-params"]]


# --- a `%` in a filter value ---------------------------------------------------------------------------------

PERCENT_FILTERS = [
    ("/api/v1/establishments", "kvk_number"),
    ("/api/v1/establishments", "kvk_vestigingsnummer"),
    ("/api/v1/establishments", "municipality"),
    ("/api/v1/establishments", "postcode"),
    ("/api/v1/establishments", "house_number"),
    ("/api/v1/establishments", "ied"),
    ("/api/v1/companies", "kvk_number"),
    ("/api/v1/applications", "establishment"),
    ("/api/v1/decisions", "establishment"),
    ("/api/v1/inspections", "establishment"),
    ("/api/v1/enforcement-cases", "establishment"),
    ("/api/v1/enforcement-cases", "open"),
]


@pytest.mark.parametrize(("url", "name"), PERCENT_FILTERS)
@pytest.mark.parametrize("value", ["%", "100%", "%s", "%(x)s %d"])
def test_a_percent_sign_in_a_filter_is_a_400_naming_the_filter(owner, url, name, value):
    body = problem(client_for(owner).get(url, {name: value}), 400)
    assert names(body) == [name]
    assert value in body["invalid-params"][0]["reason"]  # the input is shown as it was given, not formatted


# --- ids beyond 64 bits ----------------------------------------------------------------------------------------


def _api_paths(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _api_paths(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def api_urls_with_an_id() -> list[str]:
    """Every API path with a numeric part, that part replaced by a number beyond 64 bits (format suffixes left out)."""
    urls = set()
    for path in _api_paths(get_resolver().url_patterns):
        path = path.replace("\\Z", "").replace("^", "").replace("$", "")
        if not path.startswith("api/v1/") or "(?P<format>" in path:
            continue
        url = re.sub(r"<int:\w+>|\(\?P<\w+>\\d\+\)", TOO_BIG, path)
        url = re.sub(r"<(str|slug):\w+>|\(\?P<\w+>[^)]*\)", "x", url)
        if TOO_BIG in url:
            urls.add("/" + url)
    return sorted(urls)


@pytest.mark.parametrize("url", api_urls_with_an_id())
def test_an_id_beyond_64_bits_in_a_path_is_404(db, url):
    reader = client_for(UserFactory(is_superuser=True))  # sees everything: the id simply does not exist
    response = reader.get(url)
    if response.status_code == 405:  # an action: an empty body may be refused before the record is looked up
        response = reader.post(url, {}, format="json")
        assert response.status_code in (400, 404, 405) and response["Content-Type"] == "application/problem+json"
    else:
        problem(response, 404)
    assert APIClient().get(url).status_code in (401, 403, 404, 405)


def test_the_sweep_covers_public_and_staff_api():
    urls = api_urls_with_an_id()
    assert f"/api/v1/public/companies/{TOO_BIG}" in urls and f"/api/v1/establishments/{TOO_BIG}" in urls
    assert f"/api/v1/establishments/hand-overs/{TOO_BIG}/accept" in urls


@pytest.mark.parametrize(
    ("url", "name"), [("/api/v1/public/publications", "company"), ("/api/v1/establishments", "company")]
)
def test_an_id_beyond_64_bits_in_a_parameter_is_a_400_naming_it(owner, url, name):
    assert names(problem(client_for(owner).get(url, {name: TOO_BIG}), 400)) == [name]
    assert names(problem(client_for(owner).get(url, {name: "%"}), 400)) == [name]


# --- texts longer than their field -----------------------------------------------------------------------------


def test_a_company_name_of_100000_characters_is_a_400_and_nothing_is_stored(owner):
    data = {"kvk_number": "12345678", "name": LONG, "legal_form": "bv"}
    assert names(problem(client_for(owner).post("/api/v1/companies", data, format="json"), 400)) == ["name"]
    assert not Company.objects.filter(kvk_number="12345678").exists()


@pytest.mark.parametrize("field", ["name", "street", "place", "house_number_suffix", "postcode"])
def test_an_establishment_text_longer_than_its_field_is_a_400_and_nothing_changes(owner, establishment, field):
    url = f"/api/v1/establishments/{establishment.pk}"
    assert names(problem(client_for(owner).patch(url, {field: LONG}, format="json"), 400)) == [field]
    assert getattr(Establishment.objects.get(pk=establishment.pk), field) == getattr(establishment, field)


def test_the_edit_form_refuses_a_name_longer_than_its_field(client, owner, establishment):
    client.force_login(owner)
    data = {"name": LONG, "kvk_vestigingsnummer": establishment.kvk_vestigingsnummer, "street": "Weg", "place": "Dorp",
            "house_number": "1", "postcode": "1234 AB", "municipality": establishment.municipality_id}  # fmt: skip
    page = client.post(reverse("register:establishment_edit", args=[establishment.pk]), data)
    assert page.status_code == 200 and "De gegevens zijn niet opgeslagen" in page.content.decode()
    assert Establishment.objects.get(pk=establishment.pk).name == establishment.name


# --- dates within sane bounds ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0001-01-01", "1900-01-01", "1900-12-31", datetime.date(1, 1, 1), "2101-01-01"])
def test_year_1_or_1900_is_always_refused_naming_the_field(value):
    for reason in ("", "oud archiefstuk"):
        with pytest.raises(ValidationError) as raised:
            parse_date(value, "performed_on", "De datum van het bezoek", reason=reason, historic=True)
        assert "De datum van het bezoek" in raised.value.message_dict["performed_on"][0]


def test_before_1990_only_with_a_reason_or_for_a_historic_fact():
    with pytest.raises(ValidationError, match="vóór 1 januari 1990") as raised:
        parse_date("1989-12-31", "decided_on", "De besluitdatum")
    assert list(raised.value.message_dict) == ["decided_on"]
    assert parse_date("1989-12-31", "decided_on", "De besluitdatum", reason="Hinderwetvergunning") == datetime.date(
        1989, 12, 31
    )
    assert parse_date("1975-06-01", "since", "Sinds", historic=True) == datetime.date(1975, 6, 1)
    assert parse_date("1990-01-01", "decided_on", "De besluitdatum") == datetime.date(1990, 1, 1)


@pytest.mark.date_sensitive
def test_more_than_two_years_ahead_only_with_a_reason():
    latest = add_months(clock.today(), 24)
    assert check_date(latest, "planned_on", "De geplande datum") == latest
    after = latest + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="meer dan twee jaar vooruit"):
        check_date(after, "planned_on", "De geplande datum")
    assert check_date(after, "planned_on", "De geplande datum", reason="tienjaarlijkse keuring") == after


@pytest.mark.parametrize(("since", "status"), [("0001-01-01", 400), ("1900-06-01", 400), ("1975-01-01", 201)])
def test_api_dates_are_bounded_too(owner, establishment, since, status):
    code = ActivityTypeFactory().code
    url = f"/api/v1/establishments/{establishment.pk}/activities"
    response = client_for(owner).post(url, {"activity_type": code, "since": since}, format="json")
    assert response.status_code == status
    if status == 400:
        assert names(problem(response, 400)) == ["since"]
        assert not establishment.activities.exists()
