"""`openvth generate --scale small|region|national --seed N`: the synthetic Netherlands."""

import dataclasses
import json

from django.core.management.base import BaseCommand, CommandError

from openvth.synthetic.generator import SCALES
from openvth.synthetic.loader import RegisterNotEmpty, load


class Command(BaseCommand):
    help = (
        "Genereer een synthetisch Nederland uit een seed. Elke schaal maakt de hele landelijke organisatiekaart "
        "(12 provincies, 29 omgevingsdiensten, 342 gemeenten, ketenpartners, basistaken); small (8 gemeenten, "
        "300 vestigingen), region (één omgevingsdienst, 20.000) en national (500.000) verschillen in vestigingen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk")
        parser.add_argument("--json", action="store_true", dest="as_json", help="samenvatting als JSON")

    def handle(self, *args, scale, seed, no_progress, as_json, **options):
        try:
            summary = load(scale, seed, progress=not no_progress and not as_json)
        except RegisterNotEmpty as exc:
            raise CommandError(str(exc)) from None
        if as_json:
            self.stdout.write(json.dumps(dataclasses.asdict(summary)))
        else:
            self.stdout.write(
                f"Schaal {summary.scale}, seed {summary.seed}: {summary.organisations} organisaties, "
                f"{summary.companies} bedrijven, {summary.establishments} vestigingen, {summary.decisions} "
                f"vergunningbesluiten, {summary.applications} aanvragen, {summary.inspections} inspecties, "
                f"{summary.findings} bevindingen, {summary.enforcement_cases} handhavingszaken in {summary.seconds} s."
            )
