"""`openvth woo redact FILE|- [--json] [--keep TEXT]… [--remove TEXT]…` and `--jsonl FILE|-`: the reading, writing
and Dutch error messages of the command, with no Django in them, so that `openvth/__main__.py` can run a redaction
without setting Django up (that takes most of a cold call's time; the engine needs neither settings nor database).
The management command `woo` (openvth/disclosure/management/commands/woo.py) runs the same functions."""

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO


class InputError(Exception):
    """Bad input, with its one-line Dutch message."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="pad naar een UTF-8-tekstbestand, of - voor stdin")
    parser.add_argument("--json", action="store_true", help='{"text", "spans": [{"start", "end", "label"}]}')
    parser.add_argument(
        "--jsonl",
        metavar="FILE",
        help='per regel {"id", "text"} in, per regel {"id", "text", "spans"} uit, in volgorde; - voor stdin',
    )
    parser.add_argument("--keep", action="append", default=[], help="openbare tekst, bv. vestigingsnaam of -adres")
    parser.add_argument("--remove", action="append", default=[], help="persoonlijke tekst, bv. naam melder")


def redact(options: dict, out: TextIO) -> None:
    """Carry out a redaction the options ask for, writing to `out`; InputError on bad input."""
    from . import Context
    from . import redact as redact_text

    context = Context(keep=tuple(options["keep"]), remove=tuple(options["remove"]))
    if options["jsonl"]:
        if options["file"]:
            raise InputError("Geef een bestand óf --jsonl, niet beide.")
        redact_lines(read_lines(options["jsonl"]), context, out)
        return
    if not options["file"]:
        raise InputError("Geef een bestand, - voor stdin, of --jsonl BESTAND.")
    result = redact_text(read_text(options["file"]), context)
    if options["json"]:
        out.write(json.dumps({"text": result.text, "spans": spans(result)}, ensure_ascii=False) + "\n")
    else:
        out.write(result.text if result.text.endswith("\n") else result.text + "\n")


def redact_lines(lines: Iterable[str], context, out: TextIO) -> None:  # noqa: ANN001  (a redaction.Context)
    """One output line per input line, written as it is done; the first bad line stops with its number."""
    from . import redact as redact_text

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            document = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"Regel {number} is geen JSON: {exc.msg}.") from None
        if not isinstance(document, dict) or not isinstance(document.get("text"), str):
            raise InputError(f'Regel {number} heeft geen "text" (een tekenreeks).')
        result = redact_text(document["text"], context)
        payload = {"id": document.get("id"), "text": result.text, "spans": spans(result)}
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        out.flush()


def spans(result) -> list[dict]:  # noqa: ANN001  (a redaction.Redaction)
    return [{"start": s.start, "end": s.end, "label": s.label} for s in result.spans]


def read_lines(name: str) -> Iterable[str]:
    return sys.stdin if name == "-" else read_text(name).splitlines()


def read_text(name: str) -> str:
    try:
        return sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"Bestand '{name}' bestaat niet.") from None
    except IsADirectoryError:
        raise InputError(f"'{name}' is een map, geen bestand.") from None
    except UnicodeDecodeError:
        raise InputError(f"Bestand '{name}' is geen UTF-8-tekst.") from None
    except OSError as exc:
        raise InputError(f"Bestand '{name}' is niet te lezen: {exc.strerror}.") from None


def main(argv: list[str]) -> int:
    """`openvth woo redact …` without Django (the arguments after "redact"); errors as the management command
    writes them: one line "CommandError: …" on stderr and exit status 1."""
    parser = argparse.ArgumentParser(prog="openvth woo redact", description="lak een tekst uit een bestand of stdin")
    add_arguments(parser)
    options = vars(parser.parse_args(argv))
    try:
        redact(options, sys.stdout)
    except InputError as exc:
        sys.stdout.flush()
        sys.stderr.write(f"CommandError: {exc}\n")
        return 1
    except BrokenPipeError:  # the reader stopped (`| head`): nothing more to write
        return 0
    return 0
