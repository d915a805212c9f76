"""Initiatives of the synthetic Netherlands for the demo: per service a few announced projects of the energy
transition and the circular economy in the coming years, seeded and idempotent (nothing is added where a service
already has initiatives). Wired by openvth.synthetic.demo (one call, see the analysis app's report)."""

import random

from openvth.core import clock
from openvth.register.models import Organisation

from . import services
from .models import Initiative

PROJECTS = (
    ("Zonnepark {place}", Initiative.Theme.ENERGY_TRANSITION, "energie", "regular"),
    ("Windpark {place}", Initiative.Theme.ENERGY_TRANSITION, "energie", "extended"),
    ("Batterijopslag {place}", Initiative.Theme.ENERGY_TRANSITION, "energie", "regular"),
    ("Waterstoffabriek {place}", Initiative.Theme.ENERGY_TRANSITION, "chemie", "extended"),
    ("Recyclingcentrum {place}", Initiative.Theme.CIRCULAR_ECONOMY, "afval", "regular"),
    ("Bouwstoffenhub {place}", Initiative.Theme.CIRCULAR_ECONOMY, "afval", "regular"),
)


def ensure_initiatives_demo(seed: int = 1) -> int:
    """The initiatives of every service without any; returns how many were added."""
    rng = random.Random(f"initiatives-{seed}")
    year = clock.today().year
    added = 0
    for service in Organisation.objects.filter(kind=Organisation.Kind.OMGEVINGSDIENST).order_by("code"):
        if Initiative.objects.filter(service=service).exists():
            continue
        members = list(Organisation.objects.filter(omgevingsdienst=service).order_by("code")[:20])
        for _n in range(rng.randint(2, 6)):
            title, theme, group, procedure = rng.choice(PROJECTS)
            authority = rng.choice(members) if members else None
            place = authority.name.removeprefix("Gemeente ") if authority else service.name
            services.create_initiative(
                service=service, competent_authority=authority, title=title.format(place=place), theme=theme,
                activity_group=group, procedure=procedure, expected_year=year + rng.randint(1, 4),
                expected_count=rng.randint(1, 6),
            )  # fmt: skip
            added += 1
    return added
