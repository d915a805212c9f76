"""`openvth capacity import-staff FILE.csv --service CODE`: staff with their competences from CSV, all or nothing.

Runs as a command-line job for the installation. Every bad line is one line on stderr with its number; then
nothing is stored and the exit code is 1.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from openvth.capacity import services
from openvth.core.scoping import SYSTEM_JOB
from openvth.register.models import Organisation


class Command(BaseCommand):
    help = "Capaciteit: importeer medewerkers en hun bekwaamheden per taakveld uit een CSV-bestand."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="command", required=True)
        imported = sub.add_parser("import-staff", help="medewerkers uit CSV (één regel per bekwaamheid)")
        imported.add_argument("file", help="pad naar het CSV-bestand (UTF-8, komma of puntkomma)")
        imported.add_argument("--service", required=True, help="code van de omgevingsdienst, bijv. OD-ODRN")

    def handle(self, *args, command, **options):
        service = Organisation.objects.filter(code=options["service"], kind=Organisation.Kind.OMGEVINGSDIENST).first()
        if service is None:
            raise CommandError(f"Er is geen omgevingsdienst met code '{options['service']}'.")
        try:
            content = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {options['file']} niet lezen: {exc.strerror}.") from None
        try:
            imported = services.import_staff(user=SYSTEM_JOB, service=service, content=content)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError(f"Niets geïmporteerd: {len(error.messages)} fout(en).") from None
        self.stdout.write(
            f"{service.name}: {imported.staff} medewerkers, {imported.competences} bekwaamheden en "
            f"{imported.certificates} certificaten geïmporteerd."
        )
