"""`openvth monitoring snapshot [--json]` and `openvth monitoring export-parquet --output DIR`.

snapshot measures every data-quality rule and KPI per organisation and for the country and stores them as today's
measurement (the trend); export-parquet writes the analysis export. Both run as a job for the installation.
"""

from json import dumps
from pathlib import Path

from django.core.management.base import CommandError

from openvth.core import clock
from openvth.core.commands import SubcommandCommand
from openvth.monitoring import services
from openvth.monitoring.export import export_parquet


class Command(SubcommandCommand):
    help = "Datakwaliteit en indicatoren meten, of alle tabellen exporteren naar Parquet voor analyse."

    def add_subcommands(self, sub):
        snapshot = sub.add_parser("snapshot", help="meet alle datakwaliteitsregels en indicatoren en bewaar ze")
        snapshot.add_argument("--json", action="store_true")
        export = sub.add_parser("export-parquet", help="elke tabel als <tabel>.parquet in een map")
        export.add_argument("--output", required=True, help="map voor de Parquet-bestanden")

    def snapshot(self, *, json: bool, **options) -> None:
        taken = services.take_snapshot(today=clock.today())
        if json:
            counted = {"quality_scores": taken.scores, "kpi_values": taken.kpi_values}
            self.stdout.write(dumps({"measured_on": taken.measured_on.isoformat(), **counted}))
        else:
            self.stdout.write(f"Gemeten op {taken.measured_on}: {taken.scores} scores, {taken.kpi_values} waarden.")

    def export_parquet(self, *, output: str, **options) -> None:
        directory = Path(output)
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"--output moet een map zijn, niet het bestand '{directory}'.")
        written = export_parquet(directory)
        for table, rows in written.items():
            self.stdout.write(f"{table}: {rows} rijen")
