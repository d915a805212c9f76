"""One policy for everything published (docs/domain.md §8, issue 15): the title, the text, the structured fields, the
feed, the open data and the PDF all follow it.

A natural-person enterprise (an eenmanszaak, a V.O.F.: `Company.is_natural_person`) is personal data: its trade
name, its KvK numbers and its address are never public; an establishment at a home address shows no address. The
register knows these texts, so they are removed wherever they stand (`personal_items`) and no reviewer can keep
them; the words of such a trade name (the owner's surname) are proposed for removal too (`name_words`).
"""

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from openvth.register.models import Company, Establishment
from openvth.rules.redaction_policy import PRIVACY

# the legal forms of `Company.is_natural_person`, for queries (a test keeps the two the same)
NATURAL_PERSON_FORMS = Company.NATURAL_PERSON_FORMS

# labels of the spans the register adds (never public, no weighing: see services.is_fixed)
TRADE_NAME = "trade_name"
KVK_NUMBER = "kvk_number"
PRIVATE_ADDRESS = "private_address"
REGISTER_LABELS = frozenset({TRADE_NAME, KVK_NUMBER, PRIVATE_ADDRESS})

# words of a trade name that are no name: legal forms, connectors, particles
_NOT_NAME_TEXT = (
    "V.O.F. VOF Vof C.V. CV Maatschap Gebr. Gebroeders Zn. Zonen En en & van Van de De der Der den Den het Het 't "
    "ter Ter ten Ten op Op"
)
_NOT_NAME_WORDS = frozenset(_NOT_NAME_TEXT.split())
_WORD = re.compile(r"[^\W\d_][\w'.-]*[\w.]|[^\W\d_]")


def natural_person(company: Company) -> bool:
    return company.legal_form in NATURAL_PERSON_FORMS


def personal_address(establishment: Establishment) -> bool:
    """The address of a home or of a natural-person enterprise is personal data."""
    return establishment.is_home_address or natural_person(establishment.company)


def shown_name(name: str, company: Company) -> str:
    return _("Natuurlijk persoon (naam afgeschermd)") if natural_person(company) else name


def public_address(establishment: Establishment) -> str | None:
    return None if personal_address(establishment) else establishment.address


def public_subject(establishment: Establishment) -> str:
    """How a title names the establishment: its name, or for a natural person its legal form and municipality."""
    company = establishment.company
    if natural_person(company):
        return f"{company.get_legal_form_display()} in {establishment.municipality.name}"
    return establishment.name


def title(kind: str, establishment: Establishment, day) -> str:
    """The title of a publication, e.g. "Inspectieresultaat Chemie Delfzijl B.V. (04-03-2024)"."""
    return f"{kind} {public_subject(establishment)} ({day:%d-%m-%Y})"


def _street(establishment: Establishment) -> str:
    return f"{establishment.street} {establishment.house_number}{establishment.house_number_suffix}"


def personal_items(establishment: Establishment) -> list[tuple[str, str]]:
    """The texts the register knows to be personal for this establishment, each with its label."""
    company = establishment.company
    items: list[tuple[str, str]] = []
    if natural_person(company):
        items += [(name, TRADE_NAME) for name in {establishment.name, company.name} if name]
        numbers = {company.kvk_number, establishment.kvk_vestigingsnummer}
        items += [(number, KVK_NUMBER) for number in numbers if number]
    if personal_address(establishment):
        # the street alone too: next to the subject's home it locates the home
        forms = {establishment.address, _street(establishment), establishment.street, establishment.postcode}
        items += [(form, PRIVATE_ADDRESS) for form in forms if form]
    return items


def name_words(establishment: Establishment) -> set[str]:
    """The words of a natural-person enterprise's trade names that may be the owner's or partners' names."""
    company = establishment.company
    if not natural_person(company):
        return set()
    words = {w for name in (establishment.name, company.name) for w in _WORD.findall(name)}
    return {w for w in words if w not in _NOT_NAME_WORDS and len(w) >= 3 and w[0].isupper()}


def occurrences(literal: str, text: str) -> Iterable[re.Match]:
    """Every place of `literal` in `text` as a whole word (never inside a longer word or number)."""
    if not literal.strip():
        return ()
    return re.finditer(rf"(?<![\w-]){re.escape(literal.strip())}(?![\w-])", text)


def scrub(text: str, establishment: Establishment) -> str:
    """`text` without any personal text the register knows, each replaced by its Woo ground: the last guard on
    every public field (also for what was approved before this policy)."""
    items = sorted(personal_items(establishment), key=lambda item: -len(item[0]))  # longest first
    for literal, _label in items:
        text = re.sub(rf"(?<![\w-]){re.escape(literal)}(?![\w-])", f"[{PRIVACY}]", text)
    return text
