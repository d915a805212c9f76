"""Fail when a test runs a program that a bare Debian image plus `make system-packages` does not have.

Reads every Python file of the test suite (tests/, */tests/, openvth/testing/, conftest.py files) and looks at each
call that starts a program (subprocess.*, os.system, os.popen, os.exec*, shutil.which, Playwright's
executable_path): the program must be the running Python (`sys.executable`), a program of the allowed list, or a
value this script can not read (a variable) only when it is `sys.executable`. One line per offence, exit 1.
"""

import ast
import sys
from pathlib import Path

# on every Debian image (coreutils, bash, dash) or installed by `make system-packages`
ALLOWED = {"sh", "bash", "env", "make", "true", "false", "cat", "ls", "/usr/bin/chromium", "chromium"}
STARTERS = {
    ("subprocess", "run"),
    ("subprocess", "call"),
    ("subprocess", "check_call"),
    ("subprocess", "check_output"),
    ("subprocess", "Popen"),
    ("os", "system"),
    ("os", "popen"),
    ("os", "execv"),
    ("os", "execvp"),
    ("os", "execl"),
    ("os", "execlp"),
    ("shutil", "which"),
}


def test_files(root: Path):
    for path in sorted(root.rglob("*.py")):
        parts = set(path.relative_to(root).parts)
        if ".venv" in parts or "var" in parts:
            continue
        if {"tests", "testing"} & parts or path.name == "conftest.py":
            yield path


def program(node: ast.expr) -> str | None:
    """The program a call starts: a literal name, 'sys.executable', or None when it can not be read."""
    if isinstance(node, ast.List | ast.Tuple) and node.elts:
        node = node.elts[0]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.split()[0] if node.value.split() else node.value
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def offences(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        function = call.func
        started = None
        named = isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name)
        if named and (function.value.id, function.attr) in STARTERS:
            started = call.args[0] if call.args else None
        for keyword in call.keywords:
            if keyword.arg == "executable_path":
                started = keyword.value
        if started is None:
            continue
        name = program(started)
        if name == "sys.executable" or name in ALLOWED:
            continue
        yield f"{path}:{call.lineno}: runs {name or ast.unparse(started)!r}, not on Debian plus `make system-packages`"


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    found = [line for path in test_files(root) for line in offences(path)]
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
