"""`openvth ibp import FILE`, `openvth ibp export --json` and `openvth ibp report --format html|pdf [-o FILE]`.

All run as a command-line job for the installation (the programme is national); export and report show the latest
imported progress report unless --report names another.
"""

import json
from pathlib import Path

from django.core.management.base import CommandError
from django.template.loader import render_to_string

from openvth.core import clock
from openvth.core.commands import SubcommandCommand, read_bytes, write_bytes
from openvth.core.pdf import render_pdf
from openvth.core.scoping import SYSTEM_JOB
from openvth.monitoring import selectors, services
from openvth.monitoring.models import ProgrammeReport


class Command(SubcommandCommand):
    help = "Voortgang van het IBP VTH: importeer een voortgangsrapportage, exporteer de acties of maak het overzicht."
    failure = "Niets geïmporteerd."

    def add_subcommands(self, sub):
        imported = sub.add_parser("import", help="de voortgangstabel (tab-gescheiden) uit een bestand")
        imported.add_argument("file", help="pad naar het bestand")
        export = sub.add_parser("export", help="de acties van een voortgangsrapportage")
        export.add_argument("--json", action="store_true", required=True, help='als JSON: {"actions": [...]}')
        export.add_argument("--report", type=int, help="id van de rapportage; standaard de laatste")
        report = sub.add_parser("report", help="het overzicht per aanbeveling en pijler met de kleurlegenda")
        report.add_argument("--format", dest="fmt", choices=["html", "pdf"], required=True)
        report.add_argument("-o", "--output", help="bestand; standaard stdout")
        report.add_argument("--report", type=int, help="id van de rapportage; standaard de laatste")

    def import_(self, *, file: str, **options) -> None:
        imported = services.import_report(user=SYSTEM_JOB, content=read_bytes(file), source_name=Path(file).name)
        report = imported.report
        if not imported.created:
            self.stdout.write(f"{report.title}: dit bestand is al geïmporteerd; niets gewijzigd.")
            return
        found = selectors.actions(SYSTEM_JOB, report)
        per_status = ", ".join(f"{count} {label}" for _, label, count in selectors.status_counts(found) if count)
        recommendations = found.values("recommendation").distinct().count()
        self.stdout.write(
            f"{report.title}: {found.count()} acties in {recommendations} aanbevelingen geïmporteerd ({per_status})."
        )

    def export(self, *, report: int | None, **options) -> None:
        rows = selectors.action_rows(SYSTEM_JOB, self.chosen(report))
        self.stdout.write(json.dumps({"actions": rows}, ensure_ascii=False))

    def chosen(self, pk: int | None) -> ProgrammeReport:
        reports = selectors.reports(SYSTEM_JOB)
        report = reports.filter(pk=pk).first() if pk is not None else reports.first()
        if report is None:
            if pk is not None:
                raise CommandError(f"Voortgangsrapportage {pk} bestaat niet.")
            raise CommandError("Er is nog geen voortgangsrapportage; importeer er een met 'openvth ibp import FILE'.")
        return report

    def report(self, *, report: int | None, fmt: str, output: str | None, **options) -> None:
        chosen = self.chosen(report)
        context = selectors.report_context(SYSTEM_JOB, chosen, printed_on=clock.today())
        if fmt == "html" and output is None:
            self.stdout.write(render_to_string(selectors.REPORT_TEMPLATE, context))
            return
        if output is None:
            raise CommandError("Geef met -o een bestand voor de PDF.")
        if fmt == "pdf":
            content = render_pdf(selectors.REPORT_TEMPLATE, context)
        else:
            content = render_to_string(selectors.REPORT_TEMPLATE, context).encode("utf-8")
        write_bytes(output, content)
        self.stdout.write(f"{output}: {chosen.title} ({fmt.upper()}).")
