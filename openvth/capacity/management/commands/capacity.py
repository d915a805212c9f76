"""`openvth capacity import-staff FILE.csv --service CODE`: staff with their competences from CSV, all or nothing.

Runs as a command-line job for the installation. Every bad line is one line on stderr with its number; then
nothing is stored and the exit code is 1.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from openvth.capacity import services
from openvth.core.commands import SubcommandCommand, organisation, read_bytes
from openvth.core.scoping import SYSTEM_JOB
from openvth.register.models import Organisation


class Command(SubcommandCommand):
    help = "Capaciteit: importeer medewerkers en hun bekwaamheden per taakveld uit een CSV-bestand."

    def add_subcommands(self, sub):
        imported = sub.add_parser("import-staff", help="medewerkers uit CSV (één regel per bekwaamheid)")
        imported.add_argument("file", help="pad naar het CSV-bestand (UTF-8, komma of puntkomma)")
        imported.add_argument("--service", required=True, help="code van de omgevingsdienst, bijv. OD-ODRN")

    def import_staff(self, *, service: str, file: str, **options) -> None:
        found = organisation(service, Organisation.Kind.OMGEVINGSDIENST, what="omgevingsdienst")
        content = read_bytes(file)
        try:
            imported = services.import_staff(user=SYSTEM_JOB, service=found, content=content)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError(f"Niets geïmporteerd: {len(error.messages)} fout(en).") from None
        self.stdout.write(
            f"{found.name}: {imported.staff} medewerkers, {imported.competences} bekwaamheden en "
            f"{imported.certificates} certificaten geïmporteerd."
        )
