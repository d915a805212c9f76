"""`openvth sharing purge-log [--dry-run]`, `openvth sharing export-log --organisation CODE [--from] [--to]` and
`openvth sharing export --organisation CODE --output FILE.zip [--years 5]`.

All run as command-line jobs for the installation. Scheduled delivery, e.g. every night at 02:15:
  15 2 * * *  /srv/openvth/.venv/bin/openvth sharing export --organisation OD0001 --output /srv/levering/OD0001.zip
"""

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from openvth.core import clock
from openvth.sharing import batch, selectors, services


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Ongeldige datum '{value}'; gebruik JJJJ-MM-DD.") from None


class Command(BaseCommand):
    help = "Ketensamenwerking: bewaartermijn en export van het raadpleeglogboek, batchexport voor landelijke systemen."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="command", required=True)
        purge = sub.add_parser("purge-log", help="verwijder raadplegingen ouder dan 3 jaar")
        purge.add_argument("--dry-run", action="store_true", help="tel alleen, verwijder niets")
        log = sub.add_parser("export-log", help="de raadplegingen van de gegevens van een organisatie als CSV")
        log.add_argument("--organisation", required=True, help="code van de organisatie (bron)")
        log.add_argument("--from", dest="date_from", help="vanaf datum (JJJJ-MM-DD)")
        log.add_argument("--to", dest="date_to", help="tot en met datum (JJJJ-MM-DD)")
        export = sub.add_parser("export", help="zip met inspecties, bevindingen en sancties van een organisatie")
        export.add_argument("--organisation", required=True, help="code van de organisatie")
        export.add_argument("--output", required=True, help="pad van het zipbestand")
        export.add_argument("--years", type=int, default=5, help="aantal jaren terug (standaard 5)")

    def handle(self, *args, command, **options):
        if command == "purge-log":
            self.purge(options["dry_run"])
            return
        try:
            organisation = selectors.organisation_by_code(options["organisation"])
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from None
        if command == "export-log":
            date_from = _day(options["date_from"]) if options["date_from"] else None
            date_to = _day(options["date_to"]) if options["date_to"] else None
            entries = selectors.access_log(organisation, date_from=date_from, date_to=date_to)
            selectors.write_access_log_csv(entries, self.stdout, source_code=organisation.code)
        else:
            self.export(organisation, Path(options["output"]), options["years"])

    def purge(self, dry_run: bool) -> None:
        count = services.purge_access_log(today=clock.today(), dry_run=dry_run)
        verb = "zouden worden verwijderd" if dry_run else "verwijderd"
        self.stdout.write(f"{count} raadplegingen ouder dan 3 jaar {verb}.")

    def export(self, organisation, output: Path, years: int) -> None:
        if years < 1:
            raise CommandError("--years moet ten minste 1 zijn.")
        if not output.parent.is_dir():
            raise CommandError(f"Map {output.parent} bestaat niet.")
        try:
            manifest = batch.write_batch_export(organisation, output, years=years)
        except OSError as exc:
            raise CommandError(f"Kan {output} niet schrijven: {exc.strerror}.") from None
        counts = ", ".join(f"{f['name']}: {f['rows']}" for f in manifest["files"])
        period = manifest["period"]
        self.stdout.write(f"{output}: {organisation.code} {period['from']} – {period['to']} ({counts}).")
