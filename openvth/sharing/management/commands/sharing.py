"""`openvth sharing purge-log [--dry-run]`, `openvth sharing export-log --organisation CODE [--from] [--to]` and
`openvth sharing export --organisation CODE --output FILE.zip [--years 5]`.

All run as command-line jobs for the installation. Scheduled delivery, e.g. every night at 02:15:
  15 2 * * *  /srv/openvth/.venv/bin/openvth sharing export --organisation OD0001 --output /srv/levering/OD0001.zip
"""

from pathlib import Path

from django.core.management.base import CommandError

from openvth.core import clock
from openvth.core.commands import SubcommandCommand, iso_date
from openvth.sharing import batch, selectors, services


class Command(SubcommandCommand):
    help = "Ketensamenwerking: bewaartermijn en export van het raadpleeglogboek, batchexport voor landelijke systemen."

    def add_subcommands(self, sub):
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

    def purge_log(self, *, dry_run: bool, **options) -> None:
        count = services.purge_access_log(today=clock.today(), dry_run=dry_run)
        verb = "zouden worden verwijderd" if dry_run else "verwijderd"
        self.stdout.write(f"{count} raadplegingen ouder dan 3 jaar {verb}.")

    def export_log(self, *, organisation: str, date_from: str | None, date_to: str | None, **options) -> None:
        source = selectors.organisation_by_code(organisation)
        entries = selectors.access_log(
            source,
            date_from=iso_date(date_from, "--from") if date_from else None,
            date_to=iso_date(date_to, "--to") if date_to else None,
        )
        selectors.write_access_log_csv(entries, self.stdout, source_code=source.code)

    def export(self, *, organisation: str, output: str, years: int, **options) -> None:
        source, output = selectors.organisation_by_code(organisation), Path(output)
        if years < 1:
            raise CommandError("--years moet ten minste 1 zijn.")
        if not output.parent.is_dir():
            raise CommandError(f"Map {output.parent} bestaat niet.")
        try:
            manifest = batch.write_batch_export(source, output, years=years)
        except OSError as exc:
            raise CommandError(f"Kan {output} niet schrijven: {exc.strerror}.") from None
        counts = ", ".join(f"{f['name']}: {f['rows']}" for f in manifest["files"])
        period = manifest["period"]
        self.stdout.write(f"{output}: {source.code} {period['from']} – {period['to']} ({counts}).")
