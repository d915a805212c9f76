"""Register benchmark: loading the synthetic Netherlands and establishment search, each against its bare floor.

Run with DATABASE_URL pointing at an empty PostgreSQL database (`make bench` makes a scratch one):
    .venv/bin/python bench/register_bench.py [--scale national|region] [--seed N] [--output docs/benchmarks.md]
"""

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import django

from openvth.core import clock

ROOT = Path(__file__).resolve().parent.parent
SEARCH_ROUNDS = 60  # establishments sampled; each gives one query of every kind
SECTION = "## Register: loading and search"
LOAD_TARGET_RATIO, MEMORY_TARGET_MB, SEARCH_TARGET_MS = 0.5, 1024, 50


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format (letters hold newlines: they are escaped)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | dict):
        value = json.dumps(value)
    text = value.isoformat() if isinstance(value, date) else str(value)
    return text.translate(COPY_ESCAPES)


def bare_copy_floor(scale: str, seed: int, organisations: dict) -> dict:
    """COPY the same pre-generated rows (register and its permit, inspection and enforcement histories: the loader's
    own stream) into empty copies of their tables (same indexes, no Django, no generation in the timed part)."""
    from django.db import connection

    from openvth.synthetic.generator import SCALES
    from openvth.synthetic.loader import TABLES, _load_signers, generated_rows, signing_day

    today = clock.today()
    signers = _load_signers(SCALES[scale], organisations, signing_day(today))  # the loader's users, already there
    files: dict = {}
    rows: dict[str, int] = {}
    for batch in generated_rows(scale, seed, organisations, signers, today=today, first_id=lambda _table: 1):
        for name, batch_rows in batch.items():
            if name not in files:
                files[name] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115  (closed below)
            files[name].writelines("\t".join(map(copy_text, row)) + "\n" for row in batch_rows)
            rows[name] = rows.get(name, 0) + len(batch_rows)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for name, handle in files.items():
            model, columns = TABLES[name]
            cursor.execute(f"CREATE TABLE bench_floor_{name} (LIKE {model._meta.db_table} INCLUDING ALL)")
            handle.seek(0)
            names = ", ".join(connection.ops.quote_name(column) for column in columns)  # "on", "by" are SQL words
            with cursor.cursor.copy(f"COPY bench_floor_{name} ({names}) FROM STDIN") as copy:
                while chunk := handle.read(1 << 20):
                    copy.write(chunk)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        for name, handle in files.items():
            cursor.execute(f"DROP TABLE bench_floor_{name}")
            handle.close()
    return {"rows": sum(rows.values()), "seconds": seconds}


def sample_queries(user, count: int) -> list[tuple[str, str]]:
    from openvth.register import selectors

    rng = random.Random(1)
    visible = selectors.establishments(user).select_related("company")
    ids = list(visible.values_list("pk", flat=True))
    queries = []
    for establishment in visible.filter(pk__in=rng.sample(ids, count)).order_by("pk"):
        words = establishment.normalised_name.split()
        queries += [
            ("naamdeel", rng.choice([w for w in words if len(w) > 3] or words)),
            ("KvK-nummer", establishment.company.kvk_number),
            ("vestigingsnummer", establishment.kvk_vestigingsnummer),
            ("postcode + huisnummer", f"{establishment.postcode} {establishment.house_number}"),
            ("plaats", establishment.place),
        ]
    return queries


def time_search(user, queries) -> dict[str, dict[str, list[float]]]:
    from django.db import connection

    from openvth.register import selectors

    timings: dict[str, dict[str, list[float]]] = {"selector": {}, "bare SQL": {}}
    for warm_up in (True, False):
        for kind, query in queries:
            started = time.perf_counter()
            list(selectors.search_establishments(user, query))
            selector_ms = (time.perf_counter() - started) * 1000
            sql, params = selectors.search_establishments(user, query).query.sql_with_params()
            with connection.cursor() as cursor:
                started = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                bare_ms = (time.perf_counter() - started) * 1000
            for variant, ms in (("selector", selector_ms), ("bare SQL", bare_ms)):
                timings[variant].setdefault(kind, []).append(ms)
                timings[variant].setdefault("all", []).append(ms)  # in the order of `queries`
        if warm_up:
            timings = {"selector": {}, "bare SQL": {}}
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def slowest_plan(user, queries, timings) -> str:
    from django.db import connection

    from openvth.register import selectors

    kind, query = max(zip(queries, timings["selector"]["all"], strict=True), key=lambda pair: pair[1])[0]
    sql, params = selectors.search_establishments(user, query).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return f"{kind}: {query!r}\n" + "\n".join(row[0] for row in cursor.fetchall())


def machine() -> str:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    memory_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory_kb / 1024 / 1024:.0f} GiB RAM, PostgreSQL {server} on the same "
        f"machine, Python {platform.python_version()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("national", "region"), default="national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--search-only", action="store_true", help="time the search on data loaded before; no report")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from openvth.accounts.models import Role, User
    from openvth.register.models import Organisation
    from openvth.synthetic.loader import load

    if connection.vendor != "postgresql":
        sys.exit("Dit benchmark meet PostgreSQL: zet DATABASE_URL op een lege PostgreSQL-database.")
    call_command("migrate", verbosity=0)
    if args.search_only:
        return search_only(args)
    memory_before = peak_memory_mb()
    print(f"Laden: schaal {args.scale}, seed {args.seed}...", file=sys.stderr)
    summary = load(args.scale, args.seed, progress=True)
    load_memory = peak_memory_mb()
    organisations = dict(Organisation.objects.values_list("code", "pk"))
    # the loader's own row stream gives the floor the very rows the loader stored; the loader's time also includes
    # the organisation map (4,286 rows) and the synthetic lawyers with their mandates, which neither side counts
    print("Kale COPY van dezelfde rijen...", file=sys.stderr)
    floor = bare_copy_floor(args.scale, args.seed, organisations)
    loaded_rows = floor["rows"]
    # vacuum every loaded table now, so that autovacuum of millions of fresh rows does not compete with the timed
    # parts of this and the following benchmarks on 2 cores
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    service = Organisation.objects.get(code="OD-DCMR" if args.scale == "national" else "OD-ODRN")
    user, _ = User.objects.get_or_create(username="bench", defaults={"organisation": service, "role": Role.INSPECTOR})
    print("Zoeken...", file=sys.stderr)
    queries = sample_queries(user, SEARCH_ROUNDS)
    timings = time_search(user, queries)
    plan = slowest_plan(user, queries, timings)
    report = render(args, summary, loaded_rows, floor, memory_before, load_memory, service, timings, plan)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_section(args.output, SECTION, report)
    print(report)
    return 0


def search_only(args) -> int:
    from openvth.accounts.models import User

    user = User.objects.get(username="bench")
    timings = time_search(user, sample_queries(user, SEARCH_ROUNDS))
    for kind, selector in timings["selector"].items():
        print(f"{kind:24} p50 {percentile(selector, 0.5):7.1f} ms  p95 {percentile(selector, 0.95):7.1f} ms")
    return 0


def render(args, summary, loaded_rows, floor, memory_before, load_memory, service, timings, plan) -> str:
    load_rate = loaded_rows / summary.seconds
    floor_rate = floor["rows"] / floor["seconds"]
    ratio = load_rate / floor_rate
    lines = [
        SECTION,
        "",
        f"Run on {clock.today().isoformat()} with `bench/register_bench.py --scale {args.scale} --seed {args.seed}`; "
        f"commit {git_commit()}.",
        f"Machine: {machine()}.",
        "",
        f"Data: {summary.establishments:,} establishments, {summary.companies:,} companies, "
        f"{summary.activities:,} activities, {summary.organisations} organisations; permits: "
        f"{summary.decisions:,} decisions, {summary.provision_versions:,} provision versions, "
        f"{summary.applications:,} applications; supervision: {summary.inspections:,} inspections, "
        f"{summary.findings:,} findings; enforcement: {summary.enforcement_cases:,} cases.",
        "",
        "### Loading (`openvth generate`)",
        "",
        "| | rows | seconds | rows/s |",
        "|---|---:|---:|---:|",
        f"| `openvth generate` (generation in Python + COPY + sequences, one transaction) | {loaded_rows:,} | "
        f"{summary.seconds:.1f} | {load_rate:,.0f} |",
        f"| bare COPY of the same pre-generated rows into empty copies of the tables (same indexes, no foreign "
        f"keys) | {floor['rows']:,} | {floor['seconds']:.1f} | {floor_rate:,.0f} |",
        "",
        f"- Ratio: {ratio:.2f} of the bare speed (target ≥ {LOAD_TARGET_RATIO}): "
        f"**{'met' if ratio >= LOAD_TARGET_RATIO else 'not met'}**.",
        f"- Peak memory of the process (maxrss): {load_memory:.0f} MB after loading, {memory_before:.0f} MB "
        f"before (target < {MEMORY_TARGET_MB} MB): **{'met' if load_memory < MEMORY_TARGET_MB else 'not met'}**.",
        "",
        f"### Establishment search (`search_establishments`) as an inspector of {service.name}",
        "",
        f"{SEARCH_ROUNDS} sampled establishments, one query of each kind per establishment, after one warm-up pass; "
        "bare SQL = the same SQL through a raw cursor.",
        "",
        "| query | selector p50 ms | selector p95 ms | bare SQL p50 ms | bare SQL p95 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in [*(k for k in timings["selector"] if k != "all"), "all"]:
        selector, bare = timings["selector"][kind], timings["bare SQL"][kind]
        lines.append(
            f"| {'alle' if kind == 'all' else kind} | {percentile(selector, 0.5):.1f} "
            f"| {percentile(selector, 0.95):.1f} | "
            f"{percentile(bare, 0.5):.1f} | {percentile(bare, 0.95):.1f} |"
        )
    p95 = percentile(timings["selector"]["all"], 0.95)
    lines += [
        "",
        f"- Search p95 over all queries: {p95:.1f} ms (target < {SEARCH_TARGET_MS} ms): "
        f"**{'met' if p95 < SEARCH_TARGET_MS else 'not met'}**.",
        "",
        "Plan of the slowest query:",
        "",
        "```",
        plan,
        "```",
        "",
    ]
    return "\n".join(lines)


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_section(path: Path, heading: str, section: str) -> None:
    """Replace the section under `heading` in the file (or add it), keeping every other benchmark's section."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    head, marker, rest = text.partition(heading)
    tail = rest[rest.index("\n## ") + 1 :] if marker and "\n## " in rest else ""
    body = head.rstrip() + "\n\n" + section.rstrip() + "\n"
    path.write_text(body + ("\n" + tail if tail else ""), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
