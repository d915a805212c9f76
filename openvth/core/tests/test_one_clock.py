"""Every reading of the date or the time goes through `openvth.core.clock`: a scan of the code for the other ways
Python and Django read the system clock, so that a test sets the day for all of it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CLOCK = ROOT / "openvth" / "core" / "clock.py"
SOURCES = sorted(
    path
    for folder in ("openvth", "tests", "bench")
    for path in (ROOT / folder).rglob("*.py")
    if "migrations" not in path.parts and path != CLOCK
)
CONFTESTS = [
    ROOT / "conftest.py",
    *sorted(p for folder in ("openvth", "tests") for p in (ROOT / folder).rglob("conftest.py")),
]

# attribute calls that read the system clock (`date.today()`, `timezone.now()`, `time.monotonic()`, …)
READS = {
    ("date", "today"),
    ("datetime", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("timezone", "now"),
    ("timezone", "localdate"),
    ("timezone", "localtime"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "ctime"),
    ("time", "strftime"),
    ("time", "monotonic"),
    ("time", "perf_counter"),
}
BENCH_READS = {("time", "perf_counter"), ("time", "process_time")}  # a benchmark measures durations itself


def _reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            read = (name, node.func.attr)
            no_argument = not node.args and not node.keywords
            measured = path.parts[len(ROOT.parts)] == "bench" and read in BENCH_READS
            if read in READS and (no_argument or read[0] != "timezone") and not measured:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}.{node.func.attr}()")
        if isinstance(node, ast.keyword) and node.arg in ("auto_now", "auto_now_add"):
            found.append(f"{path.relative_to(ROOT)}:{node.value.lineno} {node.arg}")
        dated_folder = (
            isinstance(node, ast.keyword) and node.arg == "upload_to" and "%" in str(getattr(node.value, "value", ""))
        )
        if dated_folder:
            found.append(f"{path.relative_to(ROOT)}:{node.value.lineno} upload_to with a date")
    return found


def test_nothing_reads_the_system_clock_but_the_clock_module():
    assert [read for path in SOURCES for read in _reads(path)] == []


def _import_time_calls(tree: ast.Module):
    """Calls that run when the module is imported: its statements outside functions, default values, decorators."""
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            pending.extend([*node.decorator_list, *node.args.defaults, *filter(None, node.args.kw_defaults)])
        elif isinstance(node, ast.Lambda):
            pending.extend(node.args.defaults)
        elif isinstance(node, ast.Call):
            yield node
            pending.extend(ast.iter_child_nodes(node))
        else:
            pending.extend(ast.iter_child_nodes(node))


@pytest.mark.parametrize("path", CONFTESTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_conftest_reads_the_clock_when_it_is_imported(path):
    """A conftest of the command line's folders is imported before the suite sets the clock: a date it computes at
    import is the real one."""
    calls = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for call in _import_time_calls(ast.parse(path.read_text()))
        if isinstance(call.func, ast.Attribute) and call.func.attr in ("today", "now")
    ]
    assert calls == []
