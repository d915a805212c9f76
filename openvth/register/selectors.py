"""Reads of the register, always through the scoping layer."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from openvth.core.history import history_of
from openvth.rules import formats

from .models import (
    Activity,
    ActivityType,
    BasistaakPlacement,
    Company,
    Establishment,
    Mandate,
    Organisation,
    TaskCategory,
)

_POSTCODE_HOUSE = re.compile(r"^\s*([1-9]\d{3})\s?([A-Za-z]{2})(?:[\s,]+(\d{1,5}))?\s*$")


def establishments(user) -> QuerySet[Establishment]:
    """Active (not merged) establishments the user may see."""
    return Establishment.objects.visible_to(user).filter(merged_into__isnull=True)


def establishment_by_number(user, number: str | None) -> Establishment | None:
    """The active establishment the user may see with this KvK-vestigingsnummer (spaces ignored), if any."""
    return establishments(user).filter(kvk_vestigingsnummer=(number or "").replace(" ", "")).first()


def matching_establishments(user, query: str) -> QuerySet[Establishment]:
    """Visible establishments that match a query: a KvK number (8 digits), a vestigingsnummer (12), a postcode
    with optional house number, or otherwise a part of the name or the exact place."""
    query = (query or "").strip()
    visible = establishments(user)
    digits = query.replace(" ", "").replace(".", "")
    if not query:
        return visible.none()
    if digits.isdigit() and len(digits) == 8:
        return visible.filter(company__kvk_number=digits)
    if digits.isdigit() and len(digits) == 12:
        return visible.filter(kvk_vestigingsnummer=digits)
    if match := _POSTCODE_HOUSE.match(query):
        found = visible.filter(postcode=f"{match.group(1)} {match.group(2).upper()}")
        return found.filter(house_number=int(match.group(3))) if match.group(3) else found
    name = formats.normalised_name(query)
    by_name = Q(normalised_name__contains=name) if name else Q(pk__in=[])
    return visible.filter(by_name | Q(place__iexact=query))


def search_establishments(user, query: str, *, limit: int = 50) -> QuerySet[Establishment]:
    """The first `limit` matches by name, with what a result list shows."""
    # limit before joining: the database joins companies and municipalities for 50 rows, not for every match
    first = matching_establishments(user, query).order_by("name", "id").values("pk")[:limit]
    return Establishment.objects.filter(pk__in=first).select_related("company", "municipality").order_by("name", "id")


def with_relations(found: QuerySet[Establishment]) -> QuerySet[Establishment]:
    """Establishments with what their record shows: the organisations, the company and the activities, their types
    joined into the one query of the prefetch."""
    return found.select_related(
        "owner", "company", "municipality", "competent_authority", "supervising_service"
    ).prefetch_related(Prefetch("activities", queryset=Activity.objects.select_related("activity_type")))


def establishment_detail(user, pk: int) -> Establishment:
    """One establishment, merged ones too: its page names the one it was merged into (a list has active ones only)."""
    return with_relations(Establishment.objects.visible_to(user)).select_related("merged_into").get(pk=pk)


def companies(user) -> QuerySet[Company]:
    return Company.objects.visible_to(user).filter(merged_into__isnull=True)


def company_detail(user, pk: int) -> Company:
    return Company.objects.visible_to(user).select_related("owner", "merged_into").get(pk=pk)


def live_company(company: Company) -> Company:
    """The active company a merged one lives on in (following merges of merges); the company itself if active."""
    for _ in range(100):  # merges form no cycle: a merged record cannot be merged again
        if company.merged_into_id is None:
            return company
        company = Company.objects.select_related("owner").get(pk=company.merged_into_id)
    return company


def merged_company_target(user, pk: int) -> Company | None:
    """Where an old link to a merged company leads: the active company it was merged into, if the user may open
    that one (the merged record itself may no longer be visible: its establishments moved); else None."""
    merged = Company.objects.filter(pk=pk, merged_into__isnull=False).first()
    if merged is None:
        return None
    target = live_company(merged)
    return target if Company.objects.visible_to(user).filter(pk=target.pk).exists() else None


def company_with_kvk_number(kvk_number: str, *, exclude: Company | None = None) -> Company | None:
    """The company that has this KvK number (a merged one: the company it lives on in), of any organisation: the
    check of one company per KvK number looks across the register; the service names it only to who may see it."""
    found = Company.objects.filter(kvk_number=kvk_number).select_related("owner").order_by("id")
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    if active := found.filter(merged_into__isnull=True).first():
        return active
    merged = found.first()
    return live_company(merged) if merged is not None else None


def merged_companies(user, company: Company) -> QuerySet[Company]:
    """The companies merged into this one that the user may open, as history."""
    return Company.objects.visible_to(user).filter(merged_into=company).order_by("name", "id")


def company_merge_candidates(user, company: Company, query: str = "", *, limit: int = 20) -> list[Company]:
    """Companies the user sees that may be the same as this one: the same name, or what `query` finds (a KvK
    number or a part of the name); never the company itself."""
    same_name = companies(user).filter(normalised_name=company.normalised_name).exclude(pk=company.pk)
    found = list(same_name.select_related("owner").order_by("name", "id")[:limit])
    if query:
        more = search_companies(user, query, limit=limit + 1)
        found += [c for c in more if c.pk != company.pk and c not in found]
    return found[:limit]


def company_establishments(user, company_id: int, *, exclude: int | None = None) -> list[Establishment]:
    found = establishments(user).filter(company_id=company_id).select_related("municipality")
    return list(found.exclude(pk=exclude) if exclude else found)


def record_history(obj):
    return history_of(obj)


@dataclass(frozen=True)
class DuplicateGroup:
    reason: str
    establishments: list[Establishment]


def duplicate_establishments(user, *, limit: int = 100) -> list[DuplicateGroup]:
    """Groups of visible establishments that look like one identity: the same vestigingsnummer, or the
    same normalised name at the same postcode and house number."""
    visible = establishments(user)
    keys = [
        ("zelfde vestigingsnummer", ("kvk_vestigingsnummer",)),
        ("zelfde naam en adres", ("normalised_name", "postcode", "house_number")),
    ]
    groups: list[DuplicateGroup] = []
    seen: set[frozenset[int]] = set()
    for reason, fields in keys:
        repeated = visible.values(*fields).annotate(n=Count("id")).filter(n__gt=1).order_by(*fields)[:limit]
        for row in repeated:
            members = list(visible.filter(**{f: row[f] for f in fields}).select_related("company").order_by("id"))
            ids = frozenset(e.pk for e in members)
            if ids not in seen:
                seen.add(ids)
                groups.append(DuplicateGroup(reason, members))
    return groups[:limit]


def duplicates_of(user, establishment: Establishment) -> QuerySet[Establishment]:
    same = Q(kvk_vestigingsnummer=establishment.kvk_vestigingsnummer) | Q(
        normalised_name=establishment.normalised_name,
        postcode=establishment.postcode,
        house_number=establishment.house_number,
    )
    return establishments(user).filter(same).exclude(pk=establishment.pk)


def organisations(kind: str = "") -> QuerySet[Organisation]:
    """Organisations are public data: names, kinds and codes of authorities, services and partners."""
    found = Organisation.objects.select_related("province", "omgevingsdienst")
    return found.filter(kind=kind) if kind else found


def activity_types() -> QuerySet[ActivityType]:
    return ActivityType.objects.all()


def organisation_detail(pk: int) -> Organisation:
    return Organisation.objects.select_related("province", "omgevingsdienst").get(pk=pk)


def member_authorities(organisation: Organisation) -> QuerySet[Organisation]:
    return organisation.member_authorities.order_by("name")


def mandates(user) -> QuerySet[Mandate]:
    return Mandate.objects.visible_to(user).select_related("authority", "holder__organisation")


def holds_mandate(user, *, authority: Organisation, decision_type: str, on, amount: Decimal | None = None) -> bool:
    """Whether `user` may take a decision of this type for this authority on that day (docs/domain.md §1, Awb 10:3);
    with an amount (a fine, a dwangsom) only a mandate without ceiling or with a ceiling of at least that amount."""
    if user is None or not user.pk:
        return False
    held = Mandate.objects.filter(Mandate.valid_on_q(on), holder=user, authority=authority, decision_type=decision_type)
    if amount is not None:
        held = held.filter(Q(max_amount__isnull=True) | Q(max_amount__gte=amount))
    return held.exists()


@dataclass(frozen=True)
class PlacementRow:
    authority: Organisation
    cells: list[BasistaakPlacement | None]

    @property
    def complete(self) -> bool:
        return all(cell is not None and cell.placed for cell in self.cells)


def authority_placements(authority: Organisation) -> list[BasistaakPlacement]:
    found = BasistaakPlacement.objects.filter(authority=authority).select_related("task_category", "service")
    return list(found.order_by("task_category__order", "task_category__code"))


def _placement_matrix(authorities: list[Organisation]) -> tuple[list[TaskCategory], list[PlacementRow]]:
    categories = list(TaskCategory.objects.all())
    placements = {
        (p.authority_id, p.task_category_id): p
        for p in BasistaakPlacement.objects.filter(authority__in=authorities).select_related("service")
    }
    return categories, [PlacementRow(a, [placements.get((a.pk, c.pk)) for c in categories]) for a in authorities]


def basistaken_overview(province: Organisation) -> tuple[list[TaskCategory], list[PlacementRow]]:
    """Per authority in the province (and the province itself) which basistaken are placed (docs/domain.md §1)."""
    authorities = (
        Organisation.objects.filter(Q(province=province) | Q(pk=province.pk))
        .filter(kind__in=[Organisation.Kind.MUNICIPALITY, Organisation.Kind.PROVINCE])
        .order_by("-kind", "name")
    )
    return _placement_matrix(list(authorities))


def service_basistaken_overview(service: Organisation) -> tuple[list[TaskCategory], list[PlacementRow]]:
    """The same matrix for the member authorities of an omgevingsdienst."""
    return _placement_matrix(list(member_authorities(service)))


def search_companies(user, query: str, *, limit: int = 10) -> QuerySet[Company]:
    """Visible companies by KvK number (8 digits) or a part of the name, the first `limit` by name."""
    query = (query or "").strip()
    digits = query.replace(" ", "").replace(".", "")
    if digits.isdigit() and len(digits) == 8:
        return companies(user).filter(kvk_number=digits).order_by("name", "id")[:limit]
    name = formats.normalised_name(query)
    if not name:
        return companies(user).none()
    return companies(user).filter(normalised_name__contains=name).order_by("name", "id")[:limit]
