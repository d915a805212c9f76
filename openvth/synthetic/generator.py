"""Companies, establishments and activities of the synthetic Netherlands as row tuples (pure: no database).

Everything comes from one random.Random(seed) in a fixed order, so a seed gives the same rows on every
machine and database. Rows stream in batches; memory stays constant whatever the scale.
"""

import bisect
import functools
import itertools
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from openvth.rules import formats

from . import names
from .skeleton import Municipality, Skeleton

COMPANY_COLUMNS = ("id", "owner_id", "kvk_number", "name", "normalised_name", "legal_form", "merged_into_id")
ESTABLISHMENT_COLUMNS = (
    "id", "owner_id", "company_id", "kvk_vestigingsnummer", "name", "normalised_name", "bag_nummeraanduiding_id",
    "street", "house_number", "house_number_suffix", "postcode", "place", "municipality_id", "rd_x", "rd_y",
    "competent_authority_id", "supervising_service_id", "ied", "brzo_tier", "is_home_address", "merged_into_id",
)  # fmt: skip
ACTIVITY_COLUMNS = ("id", "establishment_id", "activity_type_id", "since")
# positions in an establishment row, for the rows that copy another one
_E = {name: index for index, name in enumerate(ESTABLISHMENT_COLUMNS)}

IED_SHARE = 0.015  # IED installations among establishments (≈1-2%)
BRZO_SHARE = 0.0015  # Brzo/Seveso establishments (≈0.1-0.2%)
BRZO_UPPER_SHARE = 0.4  # upper-tier among Brzo establishments
DUPLICATE_SHARE = 0.005  # deliberate duplicate identities for the duplicate detection
SEVERAL_ESTABLISHMENTS_SHARE = 0.03  # companies with 2-5 establishments
LEGAL_FORMS = ("bv", "nv", "vof", "eenmanszaak", "stichting", "cooperatie")
# postcode letters: PostNL skips F, I, O, Q, U and Y, and never issues SA, SD and SS
_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
POSTCODE_LETTERS = tuple(a + b for a in _LETTERS for b in _LETTERS if a + b not in {"SA", "SD", "SS"})
STREETS = tuple(root + ending for root in names.STREET_ROOTS for ending in names.STREET_ENDINGS)
# names repeat a lot (surname × trade × place): normalising each once saves a fifth of the generation time
normalised_name = functools.lru_cache(maxsize=100_000)(formats.normalised_name)
_FIRST_DAY, _LAST_DAY = date(1985, 1, 1).toordinal(), date(2023, 12, 31).toordinal()


@dataclass(frozen=True)
class Scale:
    service: str | None  # None: the whole country
    municipalities: int | None  # None: all of the service's municipalities
    establishments: int


SCALES = {
    "small": Scale("OD-ODRN", 8, 300),
    "region": Scale("OD-ODRN", None, 20_000),
    "national": Scale(None, None, 500_000),
}


@dataclass(frozen=True)
class Catalogue:
    """Ids the rows refer to: organisations by code, activity types by code with their IED category."""

    organisations: dict[str, int]
    activity_types: dict[str, tuple[int, str]]


@dataclass
class Batch:
    companies: list[tuple]
    establishments: list[tuple]
    activities: list[tuple]


def municipalities_of(skeleton: Skeleton, scale: Scale) -> tuple[Municipality, ...]:
    chosen = skeleton.of_service(scale.service) if scale.service else skeleton.municipalities
    return chosen[: scale.municipalities] if scale.municipalities else chosen


class FastRandom(random.Random):
    """choice and randint from one random() call each: several times faster than the rejection sampling of
    random.Random, still fully determined by the seed."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def weighted(self, shares):
        """One of the values of (value, share) pairs, each drawn at its share, from one random() call; the last
        value when the shares sum to less than the draw."""
        draw = self.random()
        for value, share in shares:
            draw -= share
            if draw < 0:
                return value
        return shares[-1][0]


class RowNumbers:
    """A generator that gives its rows their primary keys: `next_id` maps a table to its next free key."""

    next_id: dict[str, int]

    def _id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value


class RegisterGenerator(RowNumbers):
    def __init__(self, skeleton: Skeleton, scale: Scale, seed: int, catalogue: Catalogue, first_ids: dict[str, int]):
        self.rng = FastRandom(seed)
        self.scale = scale
        self.orgs = catalogue.organisations
        self.activity_types = catalogue.activity_types
        self.municipalities = municipalities_of(skeleton, scale)
        self.cum_weights = list(itertools.accumulate(m.weight for m in self.municipalities))
        self.next_id = dict(first_ids)  # table -> next primary key
        rng = self.rng
        self.kvk_base, self.vestiging_base, self.bag_base = (
            rng.randrange(10**8),
            rng.randrange(10**12),
            rng.randrange(10**10),
        )
        self.company_count = self.establishment_count = 0
        self.special = self._special_indices(scale.establishments)
        self.recent: deque[tuple[str, str, tuple]] = deque(maxlen=64)  # (KvK number, legal form, establishment row)
        self.sector_weights = list(itertools.accumulate(s[1] for s in names.SECTORS))
        self.ied_codes = {code for code, (_id, category) in self.activity_types.items() if category}

    def _special_indices(self, total: int) -> dict[int, str]:
        """Which establishment numbers are Brzo, IED or a duplicate: exact shares even at small scale."""
        brzo = max(1, round(total * BRZO_SHARE))
        upper = round(brzo * BRZO_UPPER_SHARE)
        ied = max(2, round(total * IED_SHARE))
        duplicates = max(2, round(total * DUPLICATE_SHARE))
        picked = self.rng.sample(range(50, total), brzo + ied + duplicates)  # 50: duplicates need originals
        kinds = ["upper"] * upper + ["lower"] * (brzo - upper) + ["ied"] * ied
        kinds += ["same_number" if i % 2 == 0 else "same_address" for i in range(duplicates)]
        return dict(zip(picked, kinds, strict=True))

    def batches(self, size: int = 5_000) -> Iterator[Batch]:
        batch = Batch([], [], [])
        pending_company, remaining = None, 0
        for index in range(self.scale.establishments):
            kind = self.special.get(index)
            if kind in ("same_number", "same_address"):
                self._duplicate(batch, kind)
            elif kind:
                self._heavy(batch, kind)
            else:
                if remaining == 0:
                    remaining = self.rng.randint(2, 5) if self.rng.random() < SEVERAL_ESTABLISHMENTS_SHARE else 1
                    pending_company = self._company(
                        batch, self.rng.choices(names.SECTORS, cum_weights=self.sector_weights)[0]
                    )
                self._regular(batch, pending_company)
                remaining -= 1
            if len(batch.establishments) >= size:
                yield batch
                batch = Batch([], [], [])
        if batch.establishments:
            yield batch

    # --- companies -------------------------------------------------------------------------------------

    def _kvk_number(self) -> str:
        self.company_count += 1
        # multiplying by a number prime to the modulus walks through distinct 8-digit numbers from 10000000 on
        return f"{10**7 + (self.kvk_base + self.company_count * 7907) % (9 * 10**7)}"

    def _company(self, batch: Batch, sector: tuple, legal_form: str | None = None) -> dict:
        rng = self.rng
        legal_form = legal_form or rng.choices(LEGAL_FORMS, weights=sector[4])[0]
        trade = rng.choice(sector[2])
        surname = rng.choice(names.SURNAMES)
        pattern = rng.random()
        if pattern < 0.4:
            base = f"{surname[0].upper()}{surname[1:]} {trade}"
        elif pattern < 0.6:
            base = f"{trade} {rng.choice(rng.choice(self.municipalities).places)}"
        elif pattern < 0.75:
            base = f"{rng.choice(names.BRAND_WORDS)} {trade}"
        elif pattern < 0.9:
            base = f"Gebr. {surname} {trade}"
        else:
            base = f"{trade} {rng.choice(names.INITIALS)}. {surname}"
        name = base + names.LEGAL_SUFFIX.get(legal_form, "")
        company = {"id": self._id("company"), "base": base, "name": name, "sector": sector, "legal_form": legal_form}
        company["kvk"] = self._kvk_number()
        company["first"] = True
        batch.companies.append(
            (company["id"], None, company["kvk"], name, normalised_name(name), legal_form, None)
        )  # owner filled in by the first establishment: see _owner_of
        return company

    # --- establishments --------------------------------------------------------------------------------

    def _address(self, municipality: Municipality, industrial: bool) -> dict:
        rng = self.rng
        street = rng.choice(names.INDUSTRIAL_STREETS) if industrial else rng.choice(STREETS)
        number = rng.randint(1, 40) if rng.random() < 0.7 else rng.randint(41, 400)
        suffix = rng.choice(("A", "B", "C", "-1", "-2")) if rng.random() < 0.05 else ""
        x_min, y_min, x_max, y_max = municipality.box
        return {
            "street": street,
            "number": number,
            "suffix": suffix,
            "postcode": f"{rng.randint(*municipality.postcodes)} {rng.choice(POSTCODE_LETTERS)}",
            "place": municipality.places[0] if rng.random() < 0.65 else rng.choice(municipality.places),
            "x": round(rng.uniform(x_min, x_max), 1),
            "y": round(rng.uniform(y_min, y_max), 1),
        }

    def _municipality(self) -> Municipality:
        return self.municipalities[bisect.bisect(self.cum_weights, self.rng.random() * self.cum_weights[-1])]

    def _numbers(self) -> tuple[str, str]:
        self.establishment_count += 1
        n = self.establishment_count
        return f"{(self.vestiging_base + n * 7919) % 10**12:012d}", f"{(self.bag_base + n * 7901) % 10**10:010d}"

    def _establishment(self, batch, company, municipality, address, *, name, ied=False, brzo="", home=False) -> tuple:
        orgs = self.orgs
        heavy = ied or brzo
        competent = orgs[municipality.province] if heavy else orgs[municipality.code]
        service = orgs[names.BRZO_SERVICE_OF_PROVINCE[municipality.province] if brzo else municipality.service]
        number, serial = self._numbers()
        row = (
            self._id("establishment"), service, company["id"], number, name, normalised_name(name),
            f"{municipality.bag_prefix}20{serial}", address["street"], address["number"], address["suffix"],
            address["postcode"], address["place"], orgs[municipality.code], address["x"], address["y"],
            competent, service, ied, brzo, home, None,
        )  # fmt: skip
        if company.pop("first", False):
            # the supervising service of the first establishment keeps the company record
            batch.companies[-1] = (batch.companies[-1][0], service, *batch.companies[-1][2:])
        batch.establishments.append(row)
        return row

    def _activities(self, batch: Batch, establishment_id: int, codes: tuple[str, ...], *, ied: bool) -> None:
        rng = self.rng
        available = [c for c in codes if c in self.activity_types]
        if not available:
            return
        chosen = rng.sample(available, min(len(available), 1 + (rng.random() < 0.4) + (rng.random() < 0.1)))
        if ied and not self.ied_codes.intersection(chosen):
            chosen[0] = rng.choice([c for c in available if c in self.ied_codes] or available)
        for code in chosen:
            since = date.fromordinal(rng.randint(_FIRST_DAY, _LAST_DAY))
            batch.activities.append((self._id("activity"), establishment_id, self.activity_types[code][0], since))

    def _regular(self, batch: Batch, company: dict) -> None:
        rng = self.rng
        sector = company["sector"]
        municipality = self._municipality()
        home = company["legal_form"] == "eenmanszaak" and rng.random() < sector[5]
        address = self._address(municipality, industrial=sector[6] and not home)
        name = company["name"] if company.get("first") else f"{company['base']} {address['place']}"
        row = self._establishment(batch, company, municipality, address, name=name, home=home)
        self._activities(batch, row[0], sector[3], ied=False)
        self.recent.append((company["kvk"], company["legal_form"], row))

    def _heavy(self, batch: Batch, kind: str) -> None:
        rng = self.rng
        sector = rng.choice(names.BRZO_SECTORS if kind in ("upper", "lower") else names.IED_SECTORS)
        company = self._company(batch, (sector[0], 0, sector[1], sector[2], (8, 2, 0, 0, 0, 0), 0.0, True))
        municipality = self._municipality()
        brzo = kind if kind in ("upper", "lower") else ""
        ied = not brzo or rng.random() < 0.5
        row = self._establishment(
            batch, company, municipality, self._address(municipality, True), name=company["name"], ied=ied, brzo=brzo
        )
        self._activities(batch, row[0], sector[2], ied=ied)

    def _duplicate(self, batch: Batch, kind: str) -> None:
        """Register an identity a second time under another owner and company record."""
        rng = self.rng
        _kvk, legal_form, original = rng.choice(self.recent)
        row = list(original)
        row[_E["id"]] = self._id("establishment")
        row[_E["owner_id"]] = original[_E["municipality_id"]]  # the municipality registered it too
        company_id = self._id("company")
        row[_E["company_id"]] = company_id
        if kind == "same_number":
            # the same vestigingsnummer under another name spelling and a mistyped KvK number (the register keeps one
            # company per KvK number): found by number only, merged with its company after review
            row[_E["name"]] = f"{original[_E['name']]} vestiging {original[_E['place']]}"
            kvk = self._kvk_number()
        else:
            # the same name (another legal-form spelling) at the same address under a new vestigingsnummer
            bare = original[_E["name"]].removesuffix(" B.V.").removesuffix(" V.O.F.")
            row[_E["name"]] = bare if bare != original[_E["name"]] else f"{bare} B.V."
            number, serial = self._numbers()
            row[_E["kvk_vestigingsnummer"]] = number
            kvk = self._kvk_number()
        row[_E["normalised_name"]] = normalised_name(row[_E["name"]])
        company_row = (
            company_id,
            row[_E["owner_id"]],
            kvk,
            row[_E["name"]],
            row[_E["normalised_name"]],
            legal_form,
            None,
        )
        batch.companies.append(company_row)
        batch.establishments.append(tuple(row))
