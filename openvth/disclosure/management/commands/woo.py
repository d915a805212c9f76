"""`openvth woo redact FILE|- [--json] [--keep TEXT]… [--remove TEXT]…` and `openvth woo warm`."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openvth.disclosure import redaction


class Command(BaseCommand):
    help = "Woo: lak persoonsgegevens in een tekst; warm bouwt de opzoekstructuren van deduce (bij installatie)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        redact = sub.add_parser("redact", help="lak een tekst uit een bestand of van stdin (-)")
        redact.add_argument("file", help="pad naar een UTF-8-tekstbestand, of - voor stdin")
        redact.add_argument("--json", action="store_true", help='{"text", "spans": [{"start", "end", "label"}]}')
        redact.add_argument("--keep", action="append", default=[], help="openbare tekst, bv. vestigingsadres")
        redact.add_argument("--remove", action="append", default=[], help="persoonlijke tekst, bv. woonadres")
        sub.add_parser("warm", help="bouw de opzoekstructuren van deduce in zijn cache")

    def handle(self, *args, **options):
        if options["action"] == "warm":
            self.stdout.write(f"deduce-cache gereed: {redaction.warm()}")
            return
        text = read_text(options["file"])
        result = redaction.redact(text, redaction.Context(keep=tuple(options["keep"]), remove=tuple(options["remove"])))
        if options["json"]:
            spans = [{"start": s.start, "end": s.end, "label": s.label} for s in result.spans]
            self.stdout.write(json.dumps({"text": result.text, "spans": spans}, ensure_ascii=False))
        else:
            self.stdout.write(result.text, ending="" if result.text.endswith("\n") else "\n")


def read_text(name: str) -> str:
    try:
        return sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"Bestand '{name}' bestaat niet.") from None
    except IsADirectoryError:
        raise CommandError(f"'{name}' is een map, geen bestand.") from None
    except UnicodeDecodeError:
        raise CommandError(f"Bestand '{name}' is geen UTF-8-tekst.") from None
    except OSError as exc:
        raise CommandError(f"Bestand '{name}' is niet te lezen: {exc.strerror}.") from None
