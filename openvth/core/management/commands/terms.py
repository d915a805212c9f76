"""`openvth terms end --from YYYY-MM-DD (--days N | --weeks N | --months N) [--statutory] [--json]`."""

import json

from django.core.management.base import CommandError

from openvth.core.commands import SubcommandCommand, iso_date
from openvth.rules.terms import Unit, term_end


class Command(SubcommandCommand):
    help = "Bereken het einde van een termijn; --statutory past de Algemene termijnenwet toe."

    def add_subcommands(self, sub):
        end = sub.add_parser("end", help="einde van een termijn die loopt vanaf de dag na --from")
        end.add_argument("--from", dest="event", required=True, help="dag van de gebeurtenis (JJJJ-MM-DD)")
        amount = end.add_mutually_exclusive_group(required=True)
        for unit in Unit:
            amount.add_argument(f"--{unit.value}", type=int, dest=unit.value)
        end.add_argument("--statutory", action="store_true", help="wettelijke termijn: Atw-verlenging")
        end.add_argument("--json", action="store_true")

    def end(self, **options):
        event = iso_date(options["event"], "--from")
        unit = next(u for u in Unit if options[u.value] is not None)
        try:
            result = term_end(event, options[unit.value], unit, statutory=options["statutory"])
        except (OverflowError, ValueError) as exc:
            raise CommandError(f"Termijn valt buiten de kalender: {exc}.") from None
        payload = {
            "end": result.end.isoformat(),
            "calendar_end": result.calendar_end.isoformat(),
            "extended_by_days": result.extended_by_days,
            "reason": result.reason,
            "from": event.isoformat(),
            "amount": options[unit.value],
            "unit": unit.value,
            "statutory": options["statutory"],
        }
        if options["json"]:
            self.stdout.write(json.dumps(payload))
        else:
            self.stdout.write(f"{result.end.isoformat()} ({result.reason})")
