"""One search over everything a user may see: each group read through its app's selectors (scoped by visible_to),
at most `PER_GROUP` results a group. A case number (zaaknummer, "HH-2026-000123") leads straight to its case."""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openvth.core import clock
from openvth.core.menu import may_use
from openvth.disclosure import selectors as disclosure
from openvth.enforcement import selectors as enforcement
from openvth.permits import selectors as permits
from openvth.register import selectors as register
from openvth.sharing import selectors as sharing
from openvth.supervision.selectors import inspections as supervision

PER_GROUP = 10
CASE_REFERENCE = re.compile(r"^\s*HH-\d{4}-\d{1,6}\s*$", re.IGNORECASE)
MIN_TEXT = 2  # shorter queries match too much to be useful


@dataclass(frozen=True)
class Hit:
    text: str
    detail: str
    url: str


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    hits: list[Hit]

    @property
    def more(self) -> bool:
        return len(self.hits) >= PER_GROUP


def case_for_reference(user, query: str):
    """The visible case with exactly this case number, if the query is one."""
    if not CASE_REFERENCE.match(query or ""):
        return None
    return enforcement.cases(user).filter(reference__iexact=query.strip()).first()


def _day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def search(user, query: str) -> list[Group]:
    """The groups with at least one hit, in a fixed order."""
    query = (query or "").strip()
    if len(query) < MIN_TEXT:
        return []
    groups = [
        Group("establishments", _("Vestigingen"), [
            Hit(e.name, f"{e.address} · {e.company.kvk_number}", reverse("register:establishment", args=[e.pk]))
            for e in register.search_establishments(user, query, limit=PER_GROUP)
        ]),
        Group("companies", _("Bedrijven"), _companies(user, query)),
        Group("cases", _("Handhavingszaken"), [
            Hit(f"{c.reference} {c.establishment.name}", _("geopend op %(day)s") % {"day": _day(c.opened_on)},
                reverse("enforcement:case", args=[c.pk]))
            for c in enforcement.search_cases(user, query, limit=PER_GROUP)
        ]),
        Group("applications", _("Aanvragen"), [
            Hit(f"{a.reference}: {a.subject}", f"{a.establishment.name} · {a.get_status_display()}",
                reverse("permits:application", args=[a.pk]))
            for a in permits.search_applications(user, query, limit=PER_GROUP)
        ]),
        Group("decisions", _("Besluiten"), [
            *(Hit(d.reference, f"{d.get_kind_display()} · {d.establishment.name} · {_day(d.decided_on)}",
                  reverse("permits:decision", args=[d.pk]))
              for d in permits.search_decisions(user, query, limit=PER_GROUP)),
            *(Hit(letter.reference, f"{letter.get_kind_display()} · {letter.case.reference}",
                  reverse("enforcement:case", args=[letter.case_id]))
              for letter in enforcement.search_letters(user, query, limit=PER_GROUP)),
        ][:PER_GROUP]),
        Group("publications", _("Publicaties"), [
            Hit(p.title, f"{p.get_status_display()} · {_day(p.decided_on)}",
                reverse("disclosure:publication", args=[p.pk]))
            for p in disclosure.publications(user).filter(
                Q(title__icontains=query) | Q(establishment__name__icontains=query)
            )[:PER_GROUP]
        ]),
        Group("complaints", _("Klachten en meldingen"), [
            Hit(f"{c.get_subject_display()}: {c.location}", f"{c.get_status_display()} · {_day(c.received_at.date())}",
                reverse("supervision:complaint", args=[c.pk]))
            for c in supervision.complaints(user).filter(
                Q(location__icontains=query) | Q(description__icontains=query)
            )[:PER_GROUP]
        ]),
    ]  # fmt: skip
    return [group for group in groups if group.hits]


def _companies(user, query: str) -> list[Hit]:
    """The user's own companies; for a chain partner also those a source shares with it (to their chain dossier)."""
    hits = [
        Hit(c.name, c.kvk_number, reverse("register:company", args=[c.pk]))
        for c in register.search_companies(user, query, limit=PER_GROUP)
    ]
    if may_use(user, "chain_dossier"):
        own = {hit.url for hit in hits}
        for company in sharing.shared_companies(user, query, day=clock.today(), limit=PER_GROUP):
            url = reverse("sharing:dossier", args=[company.pk])
            if url not in own:
                hits.append(Hit(company.name, f"{company.kvk_number} · {_('ketendossier')}", url))
    return hits[:PER_GROUP]
