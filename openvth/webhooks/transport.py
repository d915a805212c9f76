"""The one function that sends a delivery over HTTP (tests replace it or point it at a local receiver).

Only https, never a redirect followed (a 3xx is a failed attempt), a short timeout, and never an address inside the
installation's own network (loopback, private, link-local, ...: a subscription must not make openvth call its own
internal services). In DEBUG (development, tests) http and the loopback addresses are allowed, for a receiver on
the developer's machine."""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings

TIMEOUT = (5, 10)  # connect, read (seconds)
LOCAL_NAMES = {"localhost", "localhost.localdomain"}


class Refused(Exception):
    """An address openvth does not send to."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: str


def local_http_allowed() -> bool:
    return bool(settings.DEBUG)


def check_url(url: str) -> str:
    """The Dutch reason this URL is refused as a target, or "" (checked without resolving the name)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        return "Geef een volledig adres dat begint met https://."
    loopback = host in LOCAL_NAMES or _is_loopback(host)
    if parts.scheme == "http" and not (loopback and local_http_allowed()):
        return "Alleen https-adressen zijn toegestaan (http alleen voor localhost in ontwikkeling)."
    if parts.username or parts.password:
        return "Zet geen gebruikersnaam of wachtwoord in het adres; berichten zijn ondertekend."
    if loopback and not local_http_allowed():
        return "Een adres op deze server zelf (localhost) is niet toegestaan."
    if _is_literal(host) and not _is_public(ipaddress.ip_address(host)) and not loopback:
        return "Een adres in een intern netwerk is niet toegestaan."
    return ""


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_loopback(host: str) -> bool:
    return _is_literal(host) and ipaddress.ip_address(host).is_loopback


def _is_public(address) -> bool:
    return address.is_global and not address.is_multicast


def _check_resolved(host: str, port: int) -> None:
    """Every address the name resolves to must be public (or loopback in DEBUG): checked at each attempt, as DNS
    may change after the subscription was made."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except OSError as error:
        raise Refused(f"Naam {host} niet gevonden: {error}") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not (_is_public(address) or (address.is_loopback and local_http_allowed())):
            raise Refused(f"{host} wijst naar een intern adres ({address}); niet verstuurd.")


def send(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """POST the body; the answer's status, or an exception (a network error, a refused address)."""
    if reason := check_url(url):
        raise Refused(reason)
    parts = urlsplit(url)
    _check_resolved(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    response = requests.post(url, data=body, headers=headers, timeout=TIMEOUT, allow_redirects=False)
    return Answer(response.status_code, response.text[:500])
