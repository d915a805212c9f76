"""The public complaint form against abuse (issue 14): its limit counts the client's address, behind a trusted
proxy taken from X-Forwarded-For, and a honeypot field that people never see turns a robot's post into nothing."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from openvth.register.tests.factories import OrganisationFactory
from openvth.supervision.models import Complaint
from openvth.supervision.services import inspections as services
from openvth.supervision.views.inspections import client_ip

FORM = reverse("supervision:complaint_public")
PROXY = "10.0.0.5"
STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "css" / "supervision.css"


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def municipality(service):
    return OrganisationFactory(name="Gemeente Eemsdelta", omgevingsdienst=service)


def post(client, municipality, **meta):
    data = {
        "municipality": municipality.pk,
        "subject": "odour",
        "description": "Sterke oplosmiddelgeur sinds 8 uur vanochtend.",
        "location": "Oosterhorn 10, Farmsum",
    } | meta.pop("data", {})
    return client.post(FORM, data, **meta)


# --- the client address ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "client"),
    [
        ([], "192.0.2.10", "198.51.100.7", "192.0.2.10"),  # no proxy trusted: the header is the client's word
        (["10.0.0.0/8"], "192.0.2.10", "198.51.100.7", "192.0.2.10"),  # not from the proxy: ignored
        (["10.0.0.0/8"], PROXY, "198.51.100.7", "198.51.100.7"),
        (["10.0.0.0/8"], PROXY, "203.0.113.99, 198.51.100.7", "198.51.100.7"),  # a forged left part
        (["10.0.0.0/8"], PROXY, "198.51.100.7, 10.0.0.9", "198.51.100.7"),  # two proxies in a row
        (["10.0.0.5", "10.0.0.9"], PROXY, "198.51.100.7,10.0.0.9", "198.51.100.7"),  # single addresses
        (["2001:db8::/32"], "2001:db8::1", "2A02:A45E::2, 2001:0db8::3", "2a02:a45e::2"),  # IPv6, one spelling
        (["10.0.0.0/8"], PROXY, "", PROXY),  # no header: the proxy itself
        (["10.0.0.0/8"], PROXY, "nonsense", PROXY),
        (["10.0.0.0/8"], PROXY, "10.0.0.1, 10.0.0.2", PROXY),  # only proxies
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, remote, forwarded, client):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().post(FORM, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == client


def test_behind_the_proxy_each_visitor_has_a_limit_of_their_own(client, settings, municipality):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for i in range(services.COMPLAINTS_PER_HOUR):  # what the client writes itself does not make it someone else
        forwarded = f"203.0.113.{i}, 198.51.100.7"
        assert post(client, municipality, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded).status_code == 302
    refused = post(client, municipality, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert refused.status_code == 200 and "al 5 meldingen gedaan" in refused.content.decode()
    assert post(client, municipality, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302
    assert Complaint.objects.count() == services.COMPLAINTS_PER_HOUR + 1


def test_without_a_trusted_proxy_a_forwarded_header_does_not_escape_the_limit(client, municipality):
    for i in range(services.COMPLAINTS_PER_HOUR):
        post(client, municipality, REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    refused = post(client, municipality, REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert refused.status_code == 200 and Complaint.objects.count() == services.COMPLAINTS_PER_HOUR


# --- the honeypot -------------------------------------------------------------------------------------------------


def test_the_honeypot_is_in_the_form_and_hidden_by_the_stylesheet(client, db):
    page = client.get(FORM).content.decode()
    trap = page[page.index('<div class="form-trap">') :]
    assert 'name="website"' in trap[: trap.index("</div>\n</div>")] and 'tabindex="-1"' in trap
    assert ".form-trap { display: none; }" in STYLESHEET.read_text()


def test_a_filled_honeypot_is_thanked_and_stored_nowhere(client, municipality):
    response = post(client, municipality, data={"website": "https://goedkope-pillen.example"}, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 302 and response["Location"] == reverse("supervision:complaint_received")
    assert "Bedankt voor uw melding" in client.get(response["Location"]).content.decode()
    assert not Complaint.objects.exists()
    # it used up nothing of the address's limit either
    assert cache.get(services._rate_key("192.0.2.1")) is None


def test_a_filled_honeypot_is_thanked_even_when_the_rest_is_nonsense(client, municipality):
    response = post(client, municipality, data={"website": "x", "description": ""}, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 302 and not Complaint.objects.exists()


def test_an_empty_honeypot_is_a_person(client, municipality, service):
    response = post(client, municipality, data={"website": "  "}, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 302 and Complaint.objects.get().service == service
