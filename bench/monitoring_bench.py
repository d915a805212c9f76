"""Monitoring benchmark: every data-quality score and KPI (openvth monitoring snapshot) against its bare SQL floor.

Run with DATABASE_URL pointing at a PostgreSQL database (`make bench` makes a scratch one); it reuses the data
loaded by the earlier benchmarks, or loads the scale itself when empty:
    .venv/bin/python bench/monitoring_bench.py [--scale national|region] [--seed N] [--output docs/benchmarks.md]
"""

import argparse
import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent))
from register_bench import git_commit, machine, peak_memory_mb, write_section  # noqa: E402

from openvth.core import clock

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Monitoring: data-quality scores and KPIs"
TARGET_SECONDS = 60


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("national", "region"), default="national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from openvth.monitoring import kpis, quality, services
    from openvth.register.models import Establishment
    from openvth.supervision.models import Finding, Inspection
    from openvth.synthetic.loader import load

    if connection.vendor != "postgresql":
        sys.exit("Dit benchmark meet PostgreSQL: zet DATABASE_URL op een PostgreSQL-database.")
    call_command("migrate", verbosity=0)
    if not Establishment.objects.exists():
        print(f"Laden: schaal {args.scale}, seed {args.seed}...", file=sys.stderr)
        load(args.scale, args.seed, progress=True)
    today = clock.today()
    data = {
        "establishments": Establishment.objects.count(),
        "inspections": Inspection.objects.count(),
        "findings": Finding.objects.count(),
    }
    print("Datakwaliteit en indicatoren...", file=sys.stderr)
    memory_before = peak_memory_mb()
    timings: dict[str, float] = {}
    for rule in quality.RULES:
        started = time.perf_counter()
        quality.counts(rule, today=today)
        timings[f"rule {rule.code}"] = time.perf_counter() - started
    for kpi in kpis.KPIS:
        started = time.perf_counter()
        for year in (today.year - 1, today.year):
            kpi.measure(year, today)
        timings[f"KPI {kpi.code}"] = time.perf_counter() - started
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        taken = services.take_snapshot(today=today)
        seconds = time.perf_counter() - started
    memory_after = peak_memory_mb()
    # the floor: the snapshot's own reads (its SELECTs), replayed on a bare cursor without Python per row
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for sql in selects:
            cursor.execute(sql)
            cursor.fetchall()
        floor_s = time.perf_counter() - started
    report = render(args, data, timings, seconds, floor_s, len(selects), taken, memory_before, memory_after)
    write_section(args.output, SECTION, report)
    print(report)
    return 0


def render(args, data, timings, seconds, floor_s, statements, taken, memory_before, memory_after) -> str:
    lines = [
        SECTION,
        "",
        f"Run on {clock.today().isoformat()} with `bench/monitoring_bench.py --scale {args.scale} --seed {args.seed}`; "
        f"commit {git_commit()}. Machine: {machine()}.",
        "",
        f"Data: {data['establishments']:,} establishments, {data['inspections']:,} inspections, "
        f"{data['findings']:,} findings.",
        "",
        "Each data-quality rule is one grouped COUNT per organisation plus the country; each KPI is measured for this "
        "year and the last. The total is `take_snapshot` (`openvth monitoring snapshot` without its start-up): every "
        f"rule and KPI, stored as {taken.scores:,} scores and {taken.kpi_values:,} KPI values. The floor replays the "
        f"snapshot's own {statements} SELECT statements on a bare cursor.",
        "",
        "| | seconds |",
        "|---|---:|",
        *(f"| {name} | {value:.2f} |" for name, value in timings.items()),
        f"| **snapshot total** | **{seconds:.1f}** |",
        f"| **floor: the same SQL, bare** | **{floor_s:.1f}** |",
        "",
        f"- Total {seconds:.1f} s (target < {TARGET_SECONDS} s): "
        f"**{'met' if seconds < TARGET_SECONDS else 'not met'}**; "
        f"{seconds / max(floor_s, 0.001):.1f} × the floor.",
        f"- Memory: peak of the process (maxrss) {memory_before:.0f} MB before, {memory_after:.0f} MB after.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
