"""The one `openvth` entry point runs Django's and the project's commands."""

import subprocess
import sys


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "openvth", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_django_commands_run_through_openvth():
    result = run(
        "shell", "-v", "0", "-c", "from openvth.register.models import Establishment; print(Establishment.__name__)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Establishment"


def test_unknown_command_exits_non_zero_with_one_line():
    result = run("no-such-command")
    assert result.returncode != 0
    assert "Unknown command: 'no-such-command'" in result.stderr
