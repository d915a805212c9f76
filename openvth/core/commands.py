"""What every `openvth <command>` shares: one Dutch line per error (CommandError, exit 1 unless said otherwise),
reading an input file or standard input, a date or an organisation given by its code, and sub-commands that each
run a method of their own.
"""

import keyword
import sys
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


def one_line(error: ValidationError) -> str:
    """All messages of a service's ValidationError on one line, field errors included."""
    messages = error.message_dict.values() if hasattr(error, "error_dict") else [error.messages]
    return " ".join(message for group in messages for message in group)


def read_bytes(path: str) -> bytes:
    """The file's bytes, or standard input's for `-`."""
    if path == "-":  # a text stream without a buffer (a test's StringIO) gives its text as UTF-8
        stream = getattr(sys.stdin, "buffer", None)
        return stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"Kan {path} niet lezen: {exc.strerror}.") from None


def write_bytes(path: str, content: bytes) -> None:
    try:
        Path(path).write_bytes(content)
    except OSError as exc:
        raise CommandError(f"Kan {path} niet schrijven: {exc.strerror}.") from None


def iso_date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} moet een datum JJJJ-MM-DD zijn, niet '{value}'.") from None


def organisation(code: str, kind: str | None = None, *, what: str = "organisatie"):
    """The organisation with this code (of this kind), or one line naming the code."""
    from openvth.register.models import Organisation

    found = Organisation.objects.filter(code=code, **({"kind": kind} if kind else {})).first()
    if found is None:
        raise CommandError(f"Er is geen {what} met code '{code}'.")
    return found


class SubcommandCommand(BaseCommand):
    """A command of sub-commands: `add_subcommands(sub)` declares them, and sub-command `x-y` runs `self.x_y(**options)`
    (`import` runs `self.import_`).

    A service's ValidationError becomes one line (`failure` before it, e.g. "Niets geïmporteerd.").
    """

    failure = ""

    def add_arguments(self, parser):
        self.add_subcommands(parser.add_subparsers(dest="subcommand", required=True))

    def add_subcommands(self, sub) -> None:
        raise NotImplementedError

    def handle(self, *args, subcommand: str, **options):
        try:
            name = subcommand.replace("-", "_")
            getattr(self, f"{name}_" if keyword.iskeyword(name) else name)(**options)
        except ValidationError as error:
            raise CommandError(" ".join(filter(None, (self.failure, one_line(error))))) from None
