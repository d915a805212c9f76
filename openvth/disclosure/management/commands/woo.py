"""`openvth woo redact FILE|- [--json] [--keep TEXT]… [--remove TEXT]…`, `openvth woo redact --jsonl FILE|-` and
`openvth woo warm`."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openvth.disclosure import redaction


class Command(BaseCommand):
    requires_system_checks = []  # a redaction needs no database: start in well under a second
    help = "Woo: lak persoonsgegevens in een tekst; warm bouwt de opzoekstructuren van deduce (bij installatie)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        redact = sub.add_parser("redact", help="lak een tekst uit een bestand of van stdin (-)")
        redact.add_argument("file", nargs="?", help="pad naar een UTF-8-tekstbestand, of - voor stdin")
        redact.add_argument("--json", action="store_true", help='{"text", "spans": [{"start", "end", "label"}]}')
        redact.add_argument(
            "--jsonl",
            metavar="FILE",
            help='per regel {"id", "text"} in, per regel {"id", "text", "spans"} uit, in volgorde; - voor stdin',
        )
        redact.add_argument("--keep", action="append", default=[], help="openbare tekst, bv. vestigingsnaam of -adres")
        redact.add_argument("--remove", action="append", default=[], help="persoonlijke tekst, bv. naam melder")
        sub.add_parser("warm", help="bouw de opzoekstructuren van deduce in zijn cache")

    def handle(self, *args, **options):
        if options["action"] == "warm":
            self.stdout.write(f"deduce-cache gereed: {redaction.warm()}")
            return
        context = redaction.Context(keep=tuple(options["keep"]), remove=tuple(options["remove"]))
        if options["jsonl"]:
            if options["file"]:
                raise CommandError("Geef een bestand óf --jsonl, niet beide.")
            self.redact_lines(options["jsonl"], context)
            return
        if not options["file"]:
            raise CommandError("Geef een bestand, - voor stdin, of --jsonl BESTAND.")
        result = redaction.redact(read_text(options["file"]), context)
        if options["json"]:
            self.stdout.write(json.dumps({"text": result.text, "spans": spans(result)}, ensure_ascii=False))
        else:
            self.stdout.write(result.text, ending="" if result.text.endswith("\n") else "\n")

    def redact_lines(self, name: str, context: redaction.Context) -> None:
        """One output line per input line, written as it is done; the first bad line stops with its number."""
        for number, line in enumerate(read_lines(name), start=1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CommandError(f"Regel {number} is geen JSON: {exc.msg}.") from None
            if not isinstance(document, dict) or not isinstance(document.get("text"), str):
                raise CommandError(f'Regel {number} heeft geen "text" (een tekenreeks).')
            result = redaction.redact(document["text"], context)
            payload = {"id": document.get("id"), "text": result.text, "spans": spans(result)}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            self.stdout.flush()


def spans(result: redaction.Redaction) -> list[dict]:
    return [{"start": s.start, "end": s.end, "label": s.label} for s in result.spans]


def read_lines(name: str):
    return sys.stdin if name == "-" else read_text(name).splitlines()


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
