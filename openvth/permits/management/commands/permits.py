"""`openvth permits import FILE` and `openvth permits consolidate --establishment VN --on YYYY-MM-DD [--json]`.

Both run as a system job (no user): the import may write for any establishment, the consolidation reads any.
"""

import json

from django.core.management.base import CommandError

from openvth.core.commands import SubcommandCommand, iso_date, read_bytes
from openvth.core.scoping import SYSTEM_JOB
from openvth.permits import selectors, services
from openvth.register.models import Establishment


class Command(SubcommandCommand):
    help = "Importeer vergunningen uit een ander systeem of toon de geconsolideerde vergunning op een datum."
    failure = "Niets geïmporteerd."

    def add_subcommands(self, sub):
        imported = sub.add_parser("import", help="één JSON-document met de besluiten van één vestiging")
        imported.add_argument("file", help="pad naar het JSON-bestand, of - voor stdin")
        consolidate = sub.add_parser("consolidate", help="de voorschriften die op een datum gelden")
        consolidate.add_argument("--establishment", required=True, help="KvK-vestigingsnummer (12 cijfers)")
        consolidate.add_argument("--on", required=True, help="datum JJJJ-MM-DD")
        consolidate.add_argument("--json", action="store_true", dest="as_json")

    def import_(self, *, file: str, **options) -> None:
        try:
            document = json.loads(read_bytes(file))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file} is geen geldige JSON: {exc}.") from None
        decisions = services.import_permit_document(user=SYSTEM_JOB, document=document)
        changes = sum(d.changes.count() for d in decisions)
        self.stdout.write(
            f"{len(decisions)} besluiten met {changes} wijzigingen geïmporteerd voor {document['establishment']}."
        )

    def consolidate(self, *, establishment: str, on: str, as_json: bool, **options) -> None:
        day = iso_date(on, "--on")
        found = Establishment.objects.filter(kvk_vestigingsnummer=establishment.strip(), merged_into__isnull=True)
        place = found.order_by("pk").first()
        if place is None:
            raise CommandError(f"Vestiging met vestigingsnummer '{establishment}' is onbekend.")
        provisions = selectors.consolidated_permit(SYSTEM_JOB, place, on=day)
        if as_json:
            rows = [
                {"number": v.number, "text": v.text, "source_decision": v.source_decision.reference} for v in provisions
            ]
            self.stdout.write(json.dumps({"provisions": rows}, ensure_ascii=False))
            return
        self.stdout.write(f"{place.name}: {len(provisions)} voorschriften op {day.isoformat()}")
        for version in provisions:
            self.stdout.write(f"{version.number}\t{version.text}\t({version.source_decision.reference})")
