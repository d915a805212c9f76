"""`openvth permits import FILE` and `openvth permits consolidate --establishment VN --on YYYY-MM-DD [--json]`.

Both run as a system job (no user): the import may write for any establishment, the consolidation reads any.
"""

import json
import sys
from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from openvth.core.scoping import SYSTEM_JOB
from openvth.permits import selectors, services
from openvth.register.models import Establishment


def one_line(error: ValidationError) -> str:
    messages = error.message_dict.values() if hasattr(error, "error_dict") else [error.messages]
    return " ".join(message for group in messages for message in group)


class Command(BaseCommand):
    help = "Importeer vergunningen uit een ander systeem of toon de geconsolideerde vergunning op een datum."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imported = sub.add_parser("import", help="één JSON-document met de besluiten van één vestiging")
        imported.add_argument("file", help="pad naar het JSON-bestand, of - voor stdin")
        consolidate = sub.add_parser("consolidate", help="de voorschriften die op een datum gelden")
        consolidate.add_argument("--establishment", required=True, help="KvK-vestigingsnummer (12 cijfers)")
        consolidate.add_argument("--on", required=True, help="datum JJJJ-MM-DD")
        consolidate.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, action, **options):
        if action == "import":
            self.import_document(options["file"])
        else:
            self.consolidate(options["establishment"], options["on"], options["as_json"])

    def import_document(self, path: str) -> None:
        try:
            if path == "-":
                document = json.load(sys.stdin)
            else:
                with open(path, encoding="utf-8") as handle:
                    document = json.load(handle)
        except OSError as exc:
            raise CommandError(f"Kan {path} niet lezen: {exc.strerror}.") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path} is geen geldige JSON: {exc}.") from None
        try:
            decisions = services.import_permit_document(user=SYSTEM_JOB, document=document)
        except ValidationError as exc:
            raise CommandError(f"Niets geïmporteerd. {one_line(exc)}") from None
        changes = sum(d.changes.count() for d in decisions)
        self.stdout.write(
            f"{len(decisions)} besluiten met {changes} wijzigingen geïmporteerd voor {document['establishment']}."
        )

    def consolidate(self, number: str, on: str, as_json: bool) -> None:
        try:
            day = date.fromisoformat(on)
        except ValueError:
            raise CommandError(f"--on moet een datum JJJJ-MM-DD zijn, niet '{on}'.") from None
        found = Establishment.objects.filter(kvk_vestigingsnummer=number.strip(), merged_into__isnull=True)
        establishment = found.order_by("pk").first()
        if establishment is None:
            raise CommandError(f"Vestiging met vestigingsnummer '{number}' is onbekend.")
        provisions = selectors.consolidated_permit(SYSTEM_JOB, establishment, on=day)
        if as_json:
            rows = [
                {"number": v.number, "text": v.text, "source_decision": v.source_decision.reference} for v in provisions
            ]
            self.stdout.write(json.dumps({"provisions": rows}, ensure_ascii=False))
            return
        self.stdout.write(f"{establishment.name}: {len(provisions)} voorschriften op {day.isoformat()}")
        for version in provisions:
            self.stdout.write(f"{version.number}\t{version.text}\t({version.source_decision.reference})")
