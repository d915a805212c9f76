"""`openvth lhso classify --consequences N --behaviour X [--aspect NAME ...] [--mitigating NAME ...] [--json]`."""

import json

from django.core.management.base import CommandError

from openvth.core.commands import SubcommandCommand
from openvth.enforcement.lhso_tables import active_table
from openvth.rules.lhso import CONSEQUENCES
from openvth.rules.lhso import classify as place_in_matrix


def consequences(value: str | None) -> int:
    if value is None:
        raise CommandError("--consequences ontbreekt: geef de gevolgen 1, 2, 3 of 4.", returncode=2)
    if value.strip() not in {str(c) for c in CONSEQUENCES}:
        raise CommandError(f"--consequences is 1, 2, 3 of 4, niet '{value}'.", returncode=2)
    return int(value)


class Command(SubcommandCommand):
    help = "Plaats een bevinding in de interventiematrix van de LHSO (actieve tabel)."

    def add_subcommands(self, sub):
        cls = sub.add_parser("classify", help="cel, interventies en afstemming voor één bevinding")
        # checked in handle, so that a missing value is one Dutch line like every other error
        cls.add_argument("--consequences", help="gevolgen 1-4")
        cls.add_argument("--behaviour", default="", help="gedrag A-D")
        cls.add_argument("--aspect", action="append", default=[], help="verzwarend aspect (herhaalbaar)")
        cls.add_argument("--mitigating", action="append", default=[], help="verzachtende omstandigheid (herhaalbaar)")
        cls.add_argument("--json", action="store_true")

    def classify(self, **options):
        try:
            result = place_in_matrix(
                consequences(options["consequences"]),
                options["behaviour"],
                options["aspect"],
                options["mitigating"],
                table=active_table(),
            )
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict()))
        else:
            consult = "ja" if result.consultation_indicated else "nee"
            self.stdout.write(f"{result.cell}: {', '.join(result.interventions)} (afstemming politie/OM: {consult})")
