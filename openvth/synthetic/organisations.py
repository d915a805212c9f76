"""Rows for the organisations and the basistaken placements of the skeleton (pure: no database)."""

import random
from datetime import date

from . import names
from .skeleton import Skeleton

ORGANISATION_COLUMNS = (
    "id",
    "name",
    "kind",
    "code",
    "kvk_number",
    "province_id",
    "omgevingsdienst_id",
    "is_brzo_service",
)
PLACEMENT_COLUMNS = ("id", "authority_id", "task_category_id", "service_id", "placed", "since", "mandate_reference")
PLACEMENT_SEED = 2013  # the year the basistakenpakket was agreed
NOT_PLACED_SHARE = 0.04  # provinces find a few gaps by inter-administrative supervision (seed letter, rec. 4)


def organisation_specs(skeleton: Skeleton) -> list[tuple]:
    """(code, name, kind, province code, service code, is_brzo_service) in insertion order: parents first."""
    specs = [(code, f"Provincie {name}", "province", None, None, False) for code, name, *_ in names.PROVINCES]
    specs += [(code, name, "omgevingsdienst", prov, None, brzo) for code, name, prov, brzo, _ in names.SERVICES]
    specs += [
        (m.code, f"Gemeente {m.name}", "municipality", m.province, m.service, False) for m in skeleton.municipalities
    ]
    specs += [(code, name, kind, None, None, False) for code, name, kind in names.PARTNERS]
    return specs


def assign_ids(codes: list[str], existing: dict[str, int], first_id: int) -> dict[str, int]:
    """Existing organisations keep their id; new ones are numbered from first_id in order."""
    ids = dict(existing)
    for code in codes:
        if code not in ids:
            ids[code] = first_id
            first_id += 1
    return ids


def organisation_rows(skeleton: Skeleton, ids: dict[str, int], existing: dict[str, int]) -> list[tuple]:
    rows = []
    for code, name, kind, province, service, brzo in organisation_specs(skeleton):
        if code not in existing:
            rows.append((ids[code], name, kind, code, "", ids.get(province), ids.get(service), brzo))
    return rows


def placement_rows(
    skeleton: Skeleton, ids: dict[str, int], new_codes: set[str], categories: dict[str, int], first_id: int
) -> list[tuple]:
    """Every new municipality and province × task category: most placed since some date under a mandate."""
    rng = random.Random(PLACEMENT_SEED)
    first_service = {prov: code for code, _n, prov, _b, _c in reversed(names.SERVICES)}
    authorities = [(code, first_service[code], code) for code, *_ in names.PROVINCES]
    authorities += [(m.code, m.service, m.province) for m in skeleton.municipalities]
    rows = []
    for authority, service, province in authorities:
        if authority not in new_codes:
            continue
        for category_code, category_id in sorted(categories.items()):
            # the Brzo basistaak goes to the Brzo service of the province (docs/domain.md §1)
            provider = names.BRZO_SERVICE_OF_PROVINCE[province] if category_code == "BT02" else service
            placed = rng.random() >= NOT_PLACED_SHARE
            since = date(rng.randint(2013, 2022), rng.randint(1, 12), 1) if placed else None
            reference = f"Mandaatbesluit {provider} {since.year}/{rng.randint(1, 250):03d}" if placed else ""
            rows.append((first_id, ids[authority], category_id, ids[provider], placed, since, reference))
            first_id += 1
    return rows
