"""Formats of the Dutch base registers, checked before anything is stored.

Sources:
- KvK-nummer: 8 digits; vestigingsnummer: 12 digits (Handelsregisterwet 2007, KvK API documentation).
- BAG nummeraanduiding-id: 16 digits: 4-digit CBS municipality code, 2-digit object type (20 for a
  nummeraanduiding), 10-digit serial number (Catalogus BAG 2018, "identificatie").
- Postcode: 4 digits, the first not 0, a space and 2 capital letters; SA, SD and SS are never issued
  (PostNL postcodeformaat).
- RD coordinates: the projected bounds of EPSG:28992 (Amersfoort / RD New), x -7,000..300,000 and
  y 289,000..629,000 metres.
"""

import re
import unicodedata
from dataclasses import dataclass


class FormatError(ValueError):
    """A value does not have the format of its register; the message is Dutch and fit to show a user."""


_DIGITS = {n: re.compile(rf"\d{{{n}}}") for n in (8, 12, 16)}
_POSTCODE = re.compile(r"([1-9]\d{3})\s?([A-Za-z]{2})")
_NEVER_ISSUED_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})
BAG_NUMMERAANDUIDING_TYPE = "20"
RD_X_BOUNDS = (-7_000.0, 300_000.0)
RD_Y_BOUNDS = (289_000.0, 629_000.0)


def _digits(value: str, length: int, label: str) -> str:
    cleaned = str(value).strip().replace(" ", "").replace(".", "")
    if not _DIGITS[length].fullmatch(cleaned):
        raise FormatError(f"{label} moet uit precies {length} cijfers bestaan, niet '{value}'.")
    return cleaned


def kvk_number(value: str) -> str:
    return _digits(value, 8, "Een KvK-nummer")


def kvk_vestigingsnummer(value: str) -> str:
    return _digits(value, 12, "Een vestigingsnummer")


def bag_nummeraanduiding_id(value: str) -> str:
    cleaned = _digits(value, 16, "Een BAG-nummeraanduiding-id")
    if cleaned[4:6] != BAG_NUMMERAANDUIDING_TYPE:
        raise FormatError(f"Een BAG-nummeraanduiding-id heeft objecttypecode 20 op positie 5-6, niet '{cleaned[4:6]}'.")
    return cleaned


def postcode(value: str) -> str:
    """Return the postcode as `1234 AB`."""
    match = _POSTCODE.fullmatch(str(value).strip())
    if not match:
        raise FormatError(f"Een postcode heeft de vorm '1234 AB', niet '{value}'.")
    letters = match.group(2).upper()
    if letters in _NEVER_ISSUED_POSTCODE_LETTERS:
        raise FormatError(f"Postcodes met de letters {letters} worden niet uitgegeven.")
    return f"{match.group(1)} {letters}"


def house_number(value: int | str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise FormatError(f"Een huisnummer is een geheel getal, niet '{value}'.") from None
    if not 1 <= number <= 99999:
        raise FormatError(f"Een huisnummer ligt tussen 1 en 99999, niet {number}.")
    return number


def cbs_municipality_code(value: str) -> str:
    """CBS gemeentecode as `GM0363`."""
    cleaned = str(value).strip().upper()
    if not re.fullmatch(r"GM\d{4}", cleaned):
        raise FormatError(f"Een CBS-gemeentecode heeft de vorm 'GM0363', niet '{value}'.")
    return cleaned


@dataclass(frozen=True)
class RDPoint:
    x: float
    y: float


def rd_point(x: float, y: float) -> RDPoint:
    if not (RD_X_BOUNDS[0] <= x <= RD_X_BOUNDS[1] and RD_Y_BOUNDS[0] <= y <= RD_Y_BOUNDS[1]):
        raise FormatError(
            f"RD-coördinaten ({x:.0f}, {y:.0f}) liggen buiten Nederland "
            f"(x {RD_X_BOUNDS[0]:.0f}..{RD_X_BOUNDS[1]:.0f}, y {RD_Y_BOUNDS[0]:.0f}..{RD_Y_BOUNDS[1]:.0f})."
        )
    return RDPoint(float(x), float(y))


_LEGAL_FORM_WORDS = frozenset({"bv", "nv", "vof", "cv", "b.v.", "n.v.", "v.o.f.", "c.v.", "holding", "de", "het"})


def normalised_name(name: str) -> str:
    """Name used to find one company under several spellings: no accents, case, punctuation or legal form."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9.]+", " ", ascii_name).split()
    kept = [w.strip(".") for w in words if w not in _LEGAL_FORM_WORDS]
    return " ".join(w for w in kept if w)
