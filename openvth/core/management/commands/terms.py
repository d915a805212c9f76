"""`openvth terms end --from YYYY-MM-DD (--days N | --weeks N | --months N) [--statutory] [--json]`."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from openvth.rules.terms import Unit, term_end


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--from moet een datum JJJJ-MM-DD zijn, niet '{value}'.") from None


class Command(BaseCommand):
    help = "Bereken het einde van een termijn; --statutory past de Algemene termijnenwet toe."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        end = sub.add_parser("end", help="einde van een termijn die loopt vanaf de dag na --from")
        end.add_argument("--from", dest="event", required=True, help="dag van de gebeurtenis (JJJJ-MM-DD)")
        amount = end.add_mutually_exclusive_group(required=True)
        for unit in Unit:
            amount.add_argument(f"--{unit.value}", type=int, dest=unit.value)
        end.add_argument("--statutory", action="store_true", help="wettelijke termijn: Atw-verlenging")
        end.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        event = iso_date(options["event"])
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
