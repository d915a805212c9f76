"""The `openvth` entry point: every Django management command and the project's own."""

import os
import sys
from pathlib import Path


def main() -> None:
    if sys.argv[1:3] == ["woo", "redact"]:  # the engine needs neither settings nor database: no Django set-up
        from openvth.disclosure.redaction.cli import main as redact

        sys.exit(redact(sys.argv[3:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        database = settings.DATABASES["default"]
    except ImproperlyConfigured as refused:  # a production setting missing: one line, not a traceback
        sys.exit(f"openvth: {refused}")
    if database["ENGINE"] == "django.db.backends.sqlite3" and database["NAME"] != ":memory:":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(["openvth", *sys.argv[1:]])


if __name__ == "__main__":
    main()
