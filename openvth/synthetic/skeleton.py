"""The fixed organisation map of the synthetic Netherlands: provinces, services, municipalities, partners.

The map does not depend on the seed, so GM0001 is the same municipality in every generated data set;
the seed varies the companies and establishments (generator.py).
"""

import math
import random
from dataclasses import dataclass
from functools import cache

from . import names

SKELETON_SEED = 2023  # the municipality count of 1-1-2023 the map follows


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    province: str
    service: str
    places: tuple[str, ...]
    box: tuple[float, float, float, float]  # rough area in RD metres: x_min, y_min, x_max, y_max
    postcodes: tuple[int, int]  # 4-digit postcode range, inclusive
    weight: float  # relative number of establishments

    @property
    def bag_prefix(self) -> str:
        """The first 4 digits of a BAG id are the CBS municipality code digits."""
        return self.code[2:]


@dataclass(frozen=True)
class Skeleton:
    municipalities: tuple[Municipality, ...]

    def of_service(self, service_code: str) -> tuple[Municipality, ...]:
        return tuple(m for m in self.municipalities if m.service == service_code)


def _place_names(rng: random.Random) -> list[str]:
    combos = [root + ending for root in names.PLACE_ROOTS for ending in names.PLACE_ENDINGS]
    rng.shuffle(combos)
    return [name[0].upper() + name[1:] for name in combos]


def _grid_cell(box, index: int, count: int) -> tuple[float, float, float, float]:
    x_min, y_min, x_max, y_max = box
    cols = max(1, round(math.sqrt(count * (x_max - x_min) / (y_max - y_min))))
    rows = math.ceil(count / cols)
    width, height = (x_max - x_min) / cols, (y_max - y_min) / rows
    col, row = index % cols, index // cols
    return (x_min + col * width, y_min + row * height, x_min + (col + 1) * width, y_min + (row + 1) * height)


@cache
def skeleton() -> Skeleton:
    rng = random.Random(SKELETON_SEED)
    pool = iter(_place_names(rng))
    services_of = {p[0]: [(s[0], s[4]) for s in names.SERVICES if s[2] == p[0]] for p in names.PROVINCES}
    municipalities = []
    number = 0
    for province, _name, box, count, (pc_first, pc_last) in names.PROVINCES:
        # each service gets a contiguous run of the province's grid cells: service areas stay together
        service_of_index = [code for code, members in services_of[province] for _ in range(members)]
        span = (pc_last - pc_first + 1) // count
        for index in range(count):
            number += 1
            main = next(pool)
            villages = tuple(rng.choice(names.VILLAGE_PREFIXES) + next(pool) for _ in range(rng.randint(0, 3)))
            municipalities.append(
                Municipality(
                    code=f"GM{number:04d}",
                    name=main,
                    province=province,
                    service=service_of_index[index],
                    places=(main, *villages),
                    box=_grid_cell(box, index, count),
                    postcodes=(pc_first + index * span, pc_first + (index + 1) * span - 1),
                    weight=rng.lognormvariate(0, 0.8),
                )
            )
    return Skeleton(tuple(municipalities))
