"""Supervision benchmark: the risk appraisal and yearly programme of every service, against its bare SQL floor.

Run with DATABASE_URL pointing at a PostgreSQL database (`make bench` makes a scratch one); it reuses the
register, permits and inspections loaded by the register benchmark, or loads the scale itself when empty:
    .venv/bin/python bench/supervision_bench.py [--scale national|region] [--seed N] [--output docs/benchmarks.md]
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import time_page  # noqa: E402
from register_bench import git_commit, machine, peak_memory_mb, percentile, write_section  # noqa: E402

from openvth.core import clock
from openvth.core.scoping import SYSTEM_JOB

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Supervision: risk appraisal and yearly programme"
DOSSIER_SECTION = "## Supervision: the dossier page of one establishment"
TARGET_SECONDS = 60
DOSSIER_TARGET_MS = 100
DOSSIER_ESTABLISHMENTS, DOSSIER_ROUNDS = 20, 10

# the inputs of the appraisal in one statement: establishments with their profile, activity codes, and per
# establishment the last closed inspection and the findings of the compliance window
FLOOR_QUERY = """
SELECT e.id, e.supervising_service_id, e.ied, e.brzo_tier, p.surroundings, p.certified_management_system,
       acts.codes, ins.last_visit, ins.minor, ins.serious, ins.last_serious
FROM register_establishment e
LEFT JOIN supervision_operatorprofile p ON p.establishment_id = e.id
LEFT JOIN (SELECT a.establishment_id, array_agg(t.code) AS codes
           FROM register_activity a JOIN register_activitytype t ON t.id = a.activity_type_id
           GROUP BY a.establishment_id) acts ON acts.establishment_id = e.id
LEFT JOIN (SELECT i.establishment_id, max(i.performed_on) AS last_visit,
                  count(f.id) FILTER (WHERE f.consequences < 3 AND i.performed_on > %(window)s) AS minor,
                  count(f.id) FILTER (WHERE f.consequences >= 3 AND i.performed_on > %(window)s) AS serious,
                  max(i.performed_on) FILTER (WHERE f.consequences >= 3) AS last_serious
           FROM supervision_inspection i LEFT JOIN supervision_finding f ON f.inspection_id = i.id
           WHERE i.status = 'closed' AND i.performed_on IS NOT NULL
           GROUP BY i.establishment_id) ins ON ins.establishment_id = e.id
WHERE e.merged_into_id IS NULL
"""


def current_rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def plan_every_service(year: int) -> dict:
    """Appraise and generate the programme of every service that supervises establishments, one transaction each."""
    from django.db import transaction

    from openvth.register.models import Establishment, Organisation
    from openvth.supervision.services import planning

    services = Organisation.objects.filter(
        pk__in=Establishment.objects.values("supervising_service").distinct()
    ).order_by("code")
    totals = {"services": 0, "appraised": 0, "planned": 0, "postponed": 0, "appraise_s": 0.0, "programme_s": 0.0}
    rss: list[float] = []
    for service in services:
        with transaction.atomic():
            started = time.perf_counter()
            totals["appraised"] += planning.appraise_service(user=SYSTEM_JOB, service=service)
            appraised = time.perf_counter()
            result = planning.generate_programme(user=SYSTEM_JOB, service=service, year=year)
            done = time.perf_counter()
        totals["appraise_s"] += appraised - started
        totals["programme_s"] += done - appraised
        totals["services"] += 1
        totals["planned"] += result.planned
        totals["postponed"] += result.postponed
        rss.append(current_rss_mb())
        print(f"  {service.code}: {result.planned + result.postponed} bezoeken", file=sys.stderr)
    return totals | {"rss_min": min(rss), "rss_max": max(rss)}


def floor(appraised_on: date, year: int, after_id: int) -> dict:
    """The bare floor: the one query that reads the same inputs, and a COPY of the same appraisal and visit rows
    (read back from what the run stored) into empty copies of their tables."""
    from django.db import connection, transaction

    from openvth.rules import risk
    from openvth.rules.terms import add_months

    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        # a server-side cursor: the rows stream as the appraisal's batches do
        with connection.connection.cursor(name="bench_floor") as named:
            named.itersize = 5_000
            named.execute(FLOOR_QUERY, {"window": add_months(appraised_on, -12 * risk.COMPLIANCE_YEARS)})
            read_rows = sum(1 for _row in named)
        query_s = time.perf_counter() - started
        sources = {
            "supervision_riskappraisal": f"SELECT * FROM supervision_riskappraisal WHERE id > {after_id}",
            "supervision_plannedvisit": "SELECT v.* FROM supervision_plannedvisit v JOIN supervision_programme p "
            f"ON p.id = v.programme_id WHERE p.year = {year}",
        }
        copied, copy_s = 0, 0.0
        for table, select in sources.items():
            with tempfile.TemporaryFile("w+b") as handle:
                with cursor.cursor.copy(f"COPY ({select}) TO STDOUT") as out:
                    for chunk in out:
                        handle.write(chunk)
                cursor.execute(f"SELECT count(*) FROM ({select}) s")
                copied += cursor.fetchone()[0]
                cursor.execute(f"CREATE TABLE bench_floor_{table} (LIKE {table} INCLUDING ALL)")
                handle.seek(0)
                started = time.perf_counter()
                with cursor.cursor.copy(f"COPY bench_floor_{table} FROM STDIN") as copy:
                    while chunk := handle.read(1 << 20):
                        copy.write(chunk)
                copy_s += time.perf_counter() - started
                cursor.execute(f"DROP TABLE bench_floor_{table}")
    return {"read_rows": read_rows, "query_s": query_s, "copied": copied, "copy_s": copy_s}


def time_dossier() -> dict:
    """The dossier page (/vestigingen/<pk>/toezicht/) of the establishments with the longest history, requested as an
    inspector of their service through the whole Django stack, against the page's own reads replayed bare."""
    from django.db.models import Count
    from django.test import Client

    from openvth.accounts.models import Role, User
    from openvth.register.models import Establishment

    heavy = list(Establishment.objects.annotate(n=Count("inspections")).order_by("-n", "pk")[:DOSSIER_ESTABLISHMENTS])
    timings: dict[str, list[float]] = {}
    client = Client(HTTP_HOST="localhost")  # an allowed host of the default settings
    statements = 0
    for establishment in heavy:
        user, _ = User.objects.get_or_create(
            username=f"bench-dossier-{establishment.supervising_service_id}",
            defaults={"organisation_id": establishment.supervising_service_id, "role": Role.INSPECTOR},
        )
        client.force_login(user)
        url = f"/vestigingen/{establishment.pk}/toezicht/"
        statements = max(statements, time_page(client, url, DOSSIER_ROUNDS, timings))
    return {"timings": timings, "inspections": heavy[0].n, "statements": statements}


def render_dossier(args, result) -> str:
    page, bare = result["timings"]["page"], result["timings"]["bare SQL"]
    p95 = percentile(page, 0.95)
    return "\n".join([
        DOSSIER_SECTION,
        "",
        f"Run on {clock.today().isoformat()} with "
        f"`bench/supervision_bench.py --scale {args.scale} --seed {args.seed}`; "
        f"commit {git_commit()}. Machine: {machine()}.",
        "",
        f"The {DOSSIER_ESTABLISHMENTS} establishments with the most inspections (the first has {result['inspections']} "
        f"over ten years), {DOSSIER_ROUNDS} requests each after a warm-up, as an inspector of the supervising "
        "service through the whole Django stack (session, scoping, template). The floor runs the page's own "
        f"{result['statements']} reads, captured on the warm-up request, on a bare cursor.",
        "",
        "| | p50 ms | p95 ms |",
        "|---|---:|---:|",
        f"| dossier page | {percentile(page, 0.5):.1f} | {p95:.1f} |",
        f"| bare SQL of the same reads | {percentile(bare, 0.5):.1f} | {percentile(bare, 0.95):.1f} |",
        "",
        f"- p95 {p95:.1f} ms (target < {DOSSIER_TARGET_MS} ms): **{'met' if p95 < DOSSIER_TARGET_MS else 'not met'}**; "
        f"{p95 / max(percentile(bare, 0.95), 0.001):.1f} × the floor's p95.",
        "",
    ])  # fmt: skip


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

    from openvth.register.models import Establishment
    from openvth.supervision.models import Finding, Inspection, RiskAppraisal
    from openvth.synthetic.loader import load

    if connection.vendor != "postgresql":
        sys.exit("Dit benchmark meet PostgreSQL: zet DATABASE_URL op een PostgreSQL-database.")
    call_command("migrate", verbosity=0)
    if not Establishment.objects.exists():
        print(f"Laden: schaal {args.scale}, seed {args.seed}...", file=sys.stderr)
        load(args.scale, args.seed, progress=True)
    with connection.cursor() as cursor:
        for table in ("register_establishment", "register_activity", "supervision_inspection", "supervision_finding"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    today = clock.today()
    data = {
        "establishments": Establishment.objects.filter(merged_into__isnull=True).count(),
        "inspections": Inspection.objects.count(),
        "findings": Finding.objects.count(),
    }
    after_id = RiskAppraisal.objects.order_by("-id").values_list("id", flat=True).first() or 0
    memory_before = peak_memory_mb()
    print("Risicobeoordeling en programma per omgevingsdienst...", file=sys.stderr)
    started = time.perf_counter()
    run = plan_every_service(today.year)
    seconds = time.perf_counter() - started
    memory_after = peak_memory_mb()
    print("Kale SQL-vloer...", file=sys.stderr)
    bare = floor(today, today.year, after_id)
    report = render(args, data, run, seconds, bare, memory_before, memory_after)
    write_section(args.output, SECTION, report)
    print(report)
    print("Toezichtdossier van een vestiging...", file=sys.stderr)
    report = render_dossier(args, time_dossier())
    write_section(args.output, DOSSIER_SECTION, report)
    print(report)
    return 0


def render(args, data, run, seconds, bare, memory_before, memory_after) -> str:
    floor_s = bare["query_s"] + bare["copy_s"]
    rows = run["appraised"] + run["planned"] + run["postponed"]
    lines = [
        SECTION,
        "",
        f"Run on {clock.today().isoformat()} with "
        f"`bench/supervision_bench.py --scale {args.scale} --seed {args.seed}`; "
        f"commit {git_commit()}.",
        f"Machine: {machine()}.",
        "",
        f"Data: {data['establishments']:,} establishments, {data['inspections']:,} inspections, "
        f"{data['findings']:,} findings.",
        "",
        f"### Appraising every establishment and generating the {clock.today().year} programme of every service",
        "",
        "`appraise_service` then `generate_programme` per service (`openvth supervision plan` without its start-up), "
        "one transaction per service. The floor reads the same inputs with one SQL statement through a server-side "
        "cursor (no Python per row) and COPYs the same appraisal and visit rows, read back from this run, into empty "
        "copies of their tables (same indexes, no foreign keys).",
        "",
        "| | services | rows read | rows written | seconds |",
        "|---|---:|---:|---:|---:|",
        f"| appraisal | {run['services']} | {run['appraised']:,} | {run['appraised']:,} | {run['appraise_s']:.1f} |",
        f"| programme | {run['services']} | {run['appraised']:,} | {run['planned'] + run['postponed']:,} "
        f"| {run['programme_s']:.1f} |",
        f"| **total** | | | {rows:,} | **{seconds:.1f}** |",
        f"| floor: one query over the inputs | | {bare['read_rows']:,} | | {bare['query_s']:.1f} |",
        f"| floor: bare COPY of the same rows | | | {bare['copied']:,} | {bare['copy_s']:.1f} |",
        f"| **floor total** | | | | **{floor_s:.1f}** |",
        "",
        f"- {run['planned']:,} visits planned, {run['postponed']:,} postponed (capacity: the hours of every visit "
        "due, so none for lack of capacity unless a programme existed).",
        f"- Total {seconds:.1f} s (target < {TARGET_SECONDS} s): "
        f"**{'met' if seconds < TARGET_SECONDS else 'not met'}**; {seconds / floor_s:.1f} × the floor.",
        f"- Memory: peak of the process (maxrss) {memory_before:.0f} MB before, {memory_after:.0f} MB after; resident "
        f"size after each service between {run['rss_min']:.0f} and {run['rss_max']:.0f} MB. Every read is a batch of "
        "5,000 establishments, so memory follows the largest service's candidate visits, not the country.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
