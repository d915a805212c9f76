"""What is public (docs/domain.md §8): the one place that decides it for the public site, feed, open data and API.

Public are published publications (`Publication.objects.public()`) with their public fields only (of a released
permit also its decisions and the approved texts of its provisions, read as the permit stood on any day), and of the
register the names, KvK numbers, addresses and municipalities of companies and establishments. A natural person
(an eenmanszaak or vof) is personal data: no name, no KvK number, no address; an establishment at a home address
shows no address (one policy for every field: `policy`, which also guards the title and the text). Nothing here
reads `source_text`, the redaction decisions or any staff field.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncQuarter
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openvth.core.inputs import MAX_ID
from openvth.permits.models import Decision as PermitDecision
from openvth.register.models import Company, Establishment
from openvth.rules import formats
from openvth.rules.consolidation import natural_key

from . import diwoo, policy
from .models import Publication, ReleasedDecision, ReleasedProvision

HISTORY_YEARS = 3  # the compliance history shows the last 3 years per quarter
PERSONAL_LEGAL_FORMS = policy.NATURAL_PERSON_FORMS


@dataclass(frozen=True)
class Field:
    """One field of a public record: its name, type (as in the open data) and meaning, for the field dictionary."""

    name: str
    type: str  # integer, string, date, datetime, boolean
    description: str
    nullable: bool = False


PUBLICATION_FIELDS = (
    Field("id", "integer", "Vast nummer van de publicatie."),
    Field(
        "kind",
        "string",
        "inspection_result (inspectieresultaat), enforcement_decision (handhavingsbesluit) of permit (vergunning).",
    ),
    Field("title", "string", "Titel van de publicatie."),
    Field("decided_on", "date", "Datum van het inspectiebezoek of van het besluit; bij een vergunning het laatste."),
    Field("compliant", "boolean", "Bij een inspectieresultaat: true als er geen overtreding is vastgesteld.", True),
    Field("public_text", "string", "De openbare tekst, na weglakking van persoonsgegevens (Woo)."),
    Field("published_at", "datetime", "Moment van publicatie (ISO 8601, met tijdzone)."),
    Field("establishment_id", "integer", "Vast nummer van de vestiging."),
    Field("establishment_name", "string", "Naam van de vestiging; afgeschermd bij een natuurlijk persoon."),
    Field("company_id", "integer", "Vast nummer van het bedrijf."),
    Field("company_name", "string", "Naam van het bedrijf; afgeschermd bij een natuurlijk persoon."),
    Field("kvk_number", "string", "KvK-nummer van het bedrijf; leeg bij een natuurlijk persoon.", True),
    Field("address", "string", "Adres van de vestiging; leeg bij een woonadres of een natuurlijk persoon.", True),
    Field("municipality", "string", "Gemeente waarin de vestiging ligt."),
    Field("publisher", "string", "DiWoo: TOOI-identificatie van het bevoegd gezag dat publiceert.", True),
    Field("publisher_name", "string", "DiWoo: naam van het bevoegd gezag dat publiceert."),
    Field("information_category", "string", "DiWoo: Woo-informatiecategorie."),
    Field("information_category_uri", "string", "DiWoo: TOOI-begrip van de Woo-informatiecategorie."),
)
_PUBLICATION = {f.name: f for f in PUBLICATION_FIELDS}
# the open data of released permits: every version of every provision with its period and decisions, so that the
# permit on any day is the rows with valid_from <= day < valid_until
PROVISION_FIELDS = (
    Field("publication_id", "integer", "Vast nummer van de publicatie (de vrijgave van de vergunning)."),
    *(_PUBLICATION[name] for name in ("establishment_id", "establishment_name", "municipality")),
    Field("number", "string", "Nummer van het voorschrift."),
    Field("text", "string", "Tekst van het voorschrift, na weglakking van persoonsgegevens (Woo)."),
    Field("valid_from", "date", "Eerste dag waarop deze tekst van kracht is."),
    Field("valid_until", "date", "Eerste dag waarop deze tekst niet meer van kracht is; leeg: nog van kracht.", True),
    Field("decision_reference", "string", "Kenmerk van het besluit dat deze tekst vaststelde."),
    Field("decision_decided_on", "date", "Datum van dat besluit."),
    Field("ended_by_reference", "string", "Kenmerk van het besluit dat deze tekst beëindigde.", True),
)
_PROVISION = {f.name: f for f in PROVISION_FIELDS}
_SUBJECT = ("establishment_id", "establishment_name", "company_id", "company_name", "kvk_number", "address",
            "municipality")  # fmt: skip
# a released permit in the public API: its release, the establishment it is of (as the policy shows it) and since
# when it is in force; `PERMIT_DETAIL_FIELDS` add the DiWoo fields of the release
PERMIT_FIELDS = (
    _PROVISION["publication_id"],
    _PUBLICATION["title"],
    Field("decided_on", "date", "Datum van het laatste besluit in de vrijgave."),
    Field("published_at", "datetime", "Moment van de vrijgave (ISO 8601, met tijdzone)."),
    Field("first_day", "date", "Eerste dag waarop de vergunning van kracht was (het eerste besluit).", True),
    *(_PUBLICATION[name] for name in _SUBJECT),
)
PERMIT_DIWOO = ("publisher", "publisher_name", "information_category", "information_category_uri")
PERMIT_DETAIL_FIELDS = (*PERMIT_FIELDS, *(_PUBLICATION[name] for name in PERMIT_DIWOO))
PERMIT_DECISION_FIELDS = (
    Field("reference", "string", "Kenmerk van het besluit."),
    Field("kind", "string", "grant (verlening), amend (wijziging) of revoke (intrekking)."),
    Field("kind_label", "string", "De soort in woorden."),
    Field("decided_on", "date", "Datum van het besluit."),
    Field("effective_from", "date", "Eerste dag waarop het besluit van kracht is."),
)
# a provision of a released permit in the public API: the open data's version of it, without the release around it
PERMIT_PROVISION_FIELDS = tuple(
    _PROVISION[name] for name in ("number", "text", "valid_from", "valid_until", "decision_reference")
)
ESTABLISHMENT_FIELDS = (
    Field("id", "integer", "Vast nummer van de vestiging."),
    Field("name", "string", "Naam van de vestiging; afgeschermd bij een natuurlijk persoon."),
    Field("kvk_vestigingsnummer", "string", "Vestigingsnummer bij de KvK; leeg bij een natuurlijk persoon.", True),
    Field("address", "string", "Adres; leeg bij een woonadres of een natuurlijk persoon.", True),
    Field("place", "string", "Plaats; leeg bij een woonadres of een natuurlijk persoon.", True),
    Field("municipality", "string", "Gemeente."),
    Field("company_id", "integer", "Vast nummer van het bedrijf."),
)
COMPANY_FIELDS = (
    Field("id", "integer", "Vast nummer van het bedrijf."),
    Field("name", "string", "Naam van het bedrijf; afgeschermd bij een natuurlijk persoon."),
    Field("kvk_number", "string", "KvK-nummer; leeg bij een natuurlijk persoon.", True),
    Field("legal_form", "string", "Rechtsvorm."),
)

_PUBLICATION_COLUMNS = (
    "id", "kind", "title", "decided_on", "compliant", "public_text", "published_at",
    "establishment__id", "establishment__name", "establishment__street", "establishment__house_number",
    "establishment__house_number_suffix", "establishment__postcode", "establishment__place",
    "establishment__is_home_address", "establishment__municipality__name", "establishment__kvk_vestigingsnummer",
    "establishment__company__id", "establishment__company__name", "establishment__company__kvk_number",
    "establishment__company__legal_form", "owner__name", "owner__code",
    "establishment__competent_authority__name", "establishment__competent_authority__code",
)  # fmt: skip
_ESTABLISHMENT_COLUMNS = (
    "id", "name", "kvk_vestigingsnummer", "street", "house_number", "house_number_suffix", "postcode", "place",
    "is_home_address", "municipality__name", "company__id", "company__name", "company__kvk_number",
    "company__legal_form",
)  # fmt: skip


def company_record(company: Company) -> dict:
    personal = policy.natural_person(company)
    return {
        "id": company.pk,
        "name": policy.shown_name(company.name, company),
        "kvk_number": None if personal else company.kvk_number,
        "legal_form": company.get_legal_form_display(),
    }


def establishment_record(establishment: Establishment) -> dict:
    address = policy.public_address(establishment)
    personal = policy.natural_person(establishment.company)
    return {
        "id": establishment.pk,
        "name": policy.shown_name(establishment.name, establishment.company),
        "kvk_vestigingsnummer": None if personal else establishment.kvk_vestigingsnummer,
        "address": address,
        "place": establishment.place if address else None,
        "municipality": establishment.municipality.name,
        "company_id": establishment.company_id,
    }


def _subject(establishment: Establishment) -> dict:
    """Whom a publication is about: the establishment and its company as the policy lets them be shown."""
    company = establishment.company
    return {
        "establishment_id": establishment.pk,
        "establishment_name": policy.shown_name(establishment.name, company),
        "company_id": company.pk,
        "company_name": policy.shown_name(company.name, company),
        "kvk_number": None if policy.natural_person(company) else company.kvk_number,
        "address": policy.public_address(establishment),
        "municipality": establishment.municipality.name,
    }


def publication_record(publication: Publication) -> dict:
    """The public fields of a publication; the title and text pass the policy's last guard (`policy.scrub`)."""
    establishment = publication.establishment
    meta = diwoo.metadata(publication)
    return {
        "id": publication.pk,
        "kind": publication.kind,
        "title": policy.scrub(publication.title, establishment),
        "decided_on": publication.decided_on,
        "compliant": publication.compliant,
        "public_text": policy.scrub(publication.public_text, establishment),
        "published_at": publication.published_at,
        **_subject(establishment),
        "publisher": meta["publisher"]["tooi"],
        "publisher_name": meta["publisher"]["name"],
        "information_category": meta["informatiecategorie"]["label"],
        "information_category_uri": meta["informatiecategorie"]["uri"],
    }


def publications() -> QuerySet[Publication]:
    """Published publications, newest first, loading the public columns only (never `source_text`)."""
    return (
        Publication.objects.public()
        .select_related(
            "owner", "establishment__company", "establishment__municipality", "establishment__competent_authority"
        )
        .only(*_PUBLICATION_COLUMNS)
        .order_by("-published_at", "-id")
    )


def publication_records(*, chunk_size: int = 2000) -> Iterator[dict]:
    """Every published publication as a public record, streamed from the database."""
    return (publication_record(p) for p in publications().iterator(chunk_size=chunk_size))


def publication(pk: int) -> dict:
    """One published publication; `Publication.DoesNotExist` for anything else."""
    return publication_record(publications().get(pk=pk))


def metadata(pk: int) -> dict:
    """The DiWoo metadata of one published publication; `Publication.DoesNotExist` for anything else."""
    return diwoo.metadata(publications().get(pk=pk))


def metadata_all() -> Iterator[dict]:
    return (diwoo.metadata(p) for p in publications().iterator(chunk_size=2000))


def _establishments() -> QuerySet[Establishment]:
    return (
        Establishment.objects.filter(merged_into__isnull=True)
        .select_related("company", "municipality")
        .only(*_ESTABLISHMENT_COLUMNS)
    )


def _matches(query: str) -> Q:
    """A part of an establishment's or its company's name, a KvK number (8 digits) or the exact place. A natural
    person is found by place only: its name and KvK number are not public."""
    digits = query.replace(" ", "").replace(".", "")
    identifiable = ~Q(company__legal_form__in=PERSONAL_LEGAL_FORMS)
    if digits.isdigit() and len(digits) == 8:
        return Q(company__kvk_number=digits) & identifiable
    name = formats.normalised_name(query)
    by_name = Q(normalised_name__contains=name) | Q(company__normalised_name__contains=name) if name else Q(pk=None)
    return (by_name & identifiable) | Q(place__iexact=query)


def search(query: str, *, limit: int = 50) -> list[dict]:
    """The first `limit` active establishments that match the query, each with its company."""
    query = (query or "").strip()
    if not query:
        return []
    # limit before joining: the companies and municipalities are joined for 50 rows, not for every match
    first = _establishments().filter(_matches(query)).order_by("name", "id").values("pk")[:limit]
    found = _establishments().filter(pk__in=first).order_by("name", "id")
    return [establishment_record(e) | {"company": company_record(e.company)} for e in found]


def companies(query: str = "") -> QuerySet[Company]:
    """Active companies by name, those with an establishment that matches the query when one is given."""
    found = Company.objects.filter(merged_into__isnull=True).only("id", "name", "kvk_number", "legal_form")
    query = (query or "").strip()
    if query:
        found = found.filter(pk__in=_establishments().filter(_matches(query)).values("company_id"))
    return found.order_by("name", "id")


def company(pk: int) -> dict:
    """A company with its active establishments; `Company.DoesNotExist` when there is none."""
    found = Company.objects.only("id", "name", "kvk_number", "legal_form").get(pk=pk)
    establishments = _establishments().filter(company_id=pk).order_by("name", "id")
    return company_record(found) | {"establishments": [establishment_record(e) for e in establishments]}


def company_publications(company_id: int) -> dict[str, list[dict]]:
    """The company's published inspection results and enforcement decisions ("publications") and its released
    permits ("permits"), in one read."""
    found: dict[str, list[dict]] = {"publications": [], "permits": []}
    for item in publications().filter(establishment__company_id=company_id):
        found["permits" if item.kind == Publication.Kind.PERMIT else "publications"].append(publication_record(item))
    return found


# --- released permits -------------------------------------------------------------------------------------------


def permits() -> QuerySet[Publication]:
    """The published releases of permits: one per establishment (a newer one replaces the one before)."""
    return publications().filter(kind=Publication.Kind.PERMIT)


def permit_release(establishment_id: int) -> Publication:
    """The published release of an establishment's permit; `Publication.DoesNotExist` before its release and after
    its withdrawal (and for an id no establishment can have: beyond 64 bits the database cannot even compare it)."""
    if not 1 <= establishment_id <= MAX_ID:
        raise Publication.DoesNotExist
    return permits().filter(establishment_id=establishment_id).order_by("-published_at", "-id")[:1].get()


def _decision_record(decision: ReleasedDecision) -> dict:
    return {
        "reference": decision.reference,
        "kind": decision.kind,
        "kind_label": decision.get_kind_display(),
        "decided_on": decision.decided_on,
        "effective_from": decision.effective_from,
    }


def first_day(release: Publication) -> datetime.date | None:
    """The first day the released permit was in force: when its first decision took effect."""
    return release.permit_decisions.order_by("effective_from").values_list("effective_from", flat=True).first()


def permit_on(release: Publication, day: datetime.date) -> dict:
    """The released permit as it stood on `day`: the provisions in force then (by number in reading order), the
    decisions in force by then with their dates (newest first), and the revocation when the last of them revoked
    the whole permit. Only the approved texts of the provisions (`public_text`), never the source text."""
    decisions = [d for d in release.permit_decisions.all() if d.effective_from <= day]
    in_force = release.permit_provisions.filter(ReleasedProvision.in_force_q(day))
    provisions = sorted(
        (
            {
                "number": p.number,
                "text": policy.scrub(p.public_text, release.establishment),
                "valid_from": p.valid_from,
                "valid_until": p.valid_until,
                "decision_reference": p.source.reference,
            }
            for p in in_force.select_related("source").only(
                "publication", "number", "public_text", "valid_from", "valid_until", "source__reference"
            )  # the publication too: the related manager sets it on each row, a query per row when deferred
        ),
        key=lambda p: natural_key(p["number"]),
    )
    last = decisions[-1] if decisions else None
    revoked = last is not None and last.kind == PermitDecision.Kind.REVOKE
    return {
        "release": publication_record(release),
        "day": day,
        "provisions": provisions,
        "decisions": [_decision_record(d) for d in reversed(decisions)],
        "revocation": _decision_record(last) if revoked else None,
    }


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def permit_day(raw: str, first: datetime.date | None, *, today: datetime.date) -> datetime.date:
    """The day a released permit is asked on (`?op=` of the page, `?on=` of the API): YYYY-MM-DD, today when left
    out, not before `first` (its first day in force). Anything else is a ValueError with the Dutch message to show."""
    raw = raw.strip()
    if not raw:
        return today
    try:
        if not ISO_DAY.fullmatch(raw):
            raise ValueError(raw)
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        message = _("'%(value)s' is geen datum. Geef de datum als JJJJ-MM-DD, bijvoorbeeld %(example)s.")
        raise ValueError(message % {"value": raw, "example": today.isoformat()}) from None
    if first is not None and day < first:
        message = _("Op %(day)s gold deze vergunning nog niet: het eerste besluit is van kracht sinds %(first)s.")
        raise ValueError(message % {"day": date_format(day, "j F Y"), "first": date_format(first, "j F Y")})
    return day


def listed_permits() -> QuerySet[Publication]:
    """The published releases of permits (`permits()`), each with the first day it was in force (`first_day`)."""
    first = ReleasedDecision.objects.filter(publication=OuterRef("pk")).order_by("effective_from")
    return permits().annotate(first_day=Subquery(first.values("effective_from")[:1]))


def permit_record(release: Publication, first: datetime.date | None) -> dict:
    """A released permit without its provisions: the release and whom it is about, as the policy shows them."""
    return {
        "publication_id": release.pk,
        "title": policy.scrub(release.title, release.establishment),
        "decided_on": release.decided_on,
        "published_at": release.published_at,
        "first_day": first,
        **_subject(release.establishment),
    }


def provision_records(*, chunk_size: int = 2000) -> Iterator[dict]:
    """Every version of every provision of the published permits, for the open data."""
    found = (
        ReleasedProvision.objects.filter(publication__in=permits().values("pk"))
        .select_related("source", "ended_by", "publication__establishment__company")
        .select_related("publication__establishment__municipality")
        .only(
            "publication_id",
            "number",
            "public_text",
            "valid_from",
            "valid_until",
            "source__reference",
            "source__decided_on",
            "ended_by__reference",
            "publication__establishment__id",
            "publication__establishment__name",
            "publication__establishment__street",
            "publication__establishment__house_number",
            "publication__establishment__house_number_suffix",
            "publication__establishment__postcode",
            "publication__establishment__place",
            "publication__establishment__is_home_address",
            "publication__establishment__kvk_vestigingsnummer",
            "publication__establishment__municipality__name",
            "publication__establishment__company__name",
            "publication__establishment__company__kvk_number",
            "publication__establishment__company__legal_form",
        )  # fmt: skip
        .order_by("publication_id", "start")
    )
    for provision in found.iterator(chunk_size=chunk_size):
        establishment = provision.publication.establishment
        yield {
            "publication_id": provision.publication_id,
            "establishment_id": establishment.pk,
            "establishment_name": policy.shown_name(establishment.name, establishment.company),
            "municipality": establishment.municipality.name,
            "number": provision.number,
            "text": policy.scrub(provision.public_text, establishment),
            "valid_from": provision.valid_from,
            "valid_until": provision.valid_until,
            "decision_reference": provision.source.reference,
            "decision_decided_on": provision.source.decided_on,
            "ended_by_reference": provision.ended_by.reference if provision.ended_by else None,
        }


@dataclass(frozen=True)
class Quarter:
    year: int
    quarter: int
    compliant: int
    violations: int

    @property
    def label(self) -> str:
        return f"{self.year} K{self.quarter}"


def _last_quarters(today: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the `count` quarters up to and including today's, oldest first."""
    current = today.year * 4 + (today.month - 1) // 3
    return [datetime.date(n // 4, n % 4 * 3 + 1, 1) for n in range(current - count + 1, current + 1)]


def compliance_history(company_id: int, *, today: datetime.date) -> list[Quarter]:
    """Per quarter of the last 3 years (the current one included), the published inspection results of the
    company's establishments: how many found no violation and how many found one."""
    starts = _last_quarters(today, 4 * HISTORY_YEARS)
    counts = (
        publications()
        .filter(
            establishment__company_id=company_id,
            kind=Publication.Kind.INSPECTION_RESULT,
            compliant__isnull=False,
            decided_on__gte=starts[0],
            decided_on__lte=today,
        )
        .annotate(quarter=TruncQuarter("decided_on"))
        .order_by()
        .values("quarter", "compliant")
        .annotate(n=Count("id"))
    )
    tally = {(row["quarter"], row["compliant"]): row["n"] for row in counts}
    return [
        Quarter(start.year, (start.month - 1) // 3 + 1, tally.get((start, True), 0), tally.get((start, False), 0))
        for start in starts
    ]
