"""Long jobs as the data grow: each timed at the scale of the database, in a process of its own (its peak memory).

Run with DATABASE_URL pointing at a PostgreSQL database (`make bench` makes a scratch one, and one at region scale
besides the national one); it loads the scale when the register is empty:
    .venv/bin/python bench/jobs_bench.py [--scale region|national] [--seed N] [--output docs/benchmarks.md]
The jobs, in this order (each reads what the one before wrote):
- appraisal + yearly programme of the largest service (the most establishments supervised), one transaction;
- the KPI snapshot (`take_snapshot`: every data-quality rule and KPI, per organisation and for the country);
- the Staat van de VTH for the whole country: its figures (`staat_context` as the programme office, which sees each
  KPI per organisation) and the PDF, as the `staat_pdf` job makes them;
- the national sharing export: `write_batch_exports` for every organisation that owns inspections, one pass over
  each table and one zip each, as the `sharing_export` job writes them for the organisations sharing.
Rows per second: the rows the job reads or writes (named per job) over its seconds, so the two scales compare. Peak
memory: the peak resident size (VmHWM) of the job's process less that of the process before the job (Django
loaded). The section keeps the figures of both scales (in a comment of the section) and shows how each job grows
from region to national.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent))
from register_bench import git_commit, machine, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Long jobs at region and national scale"
SCALES = ("region", "national")
FIGURES = re.compile(r"<!-- long-jobs (\{.*\}) -->")
JOBS = {
    "plan": "appraisal + yearly programme, largest service",
    "snapshot": "KPI snapshot, every organisation and the country",
    "staat": "Staat van de VTH, the whole country (figures + PDF)",
    "export": "national sharing export, every organisation",
}


def peak_rss_mb() -> float:
    """The peak resident size of this process (VmHWM: its own, where getrusage's maxrss would start from the
    parent's at the fork)."""
    status = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def largest_service():
    from django.db.models import Count

    from openvth.register.models import Establishment, Organisation

    top = (
        Establishment.objects.filter(merged_into__isnull=True, supervising_service__isnull=False)
        .values("supervising_service")
        .annotate(n=Count("pk"))
        .order_by("-n", "supervising_service")
        .first()
    )
    return Organisation.objects.get(pk=top["supervising_service"])


def job_plan() -> dict:
    from django.db import transaction

    from openvth.core import clock
    from openvth.core.scoping import SYSTEM_JOB
    from openvth.supervision.services import planning

    service = largest_service()
    with transaction.atomic():
        appraised = planning.appraise_service(user=SYSTEM_JOB, service=service)
        result = planning.generate_programme(user=SYSTEM_JOB, service=service, year=clock.today().year)
    visits = result.planned + result.postponed
    return {
        "rows": appraised + visits,
        "what": f"{appraised:,} establishments of {service.code} appraised, {visits:,} visits",
    }


def job_snapshot() -> dict:
    from openvth.core import clock
    from openvth.enforcement.models import EnforcementCase
    from openvth.monitoring.services import take_snapshot
    from openvth.register.models import Establishment
    from openvth.supervision.models import Finding, Inspection

    taken = take_snapshot(today=clock.today())
    read = sum(m.objects.count() for m in (Establishment, Inspection, Finding, EnforcementCase))
    return {
        "rows": read,
        "what": f"{read:,} establishments, inspections, findings and cases measured; {taken.scores:,} scores and "
        f"{taken.kpi_values:,} KPI values stored",
    }


def job_staat() -> dict:
    from openvth.accounts.models import Role, User
    from openvth.core import clock
    from openvth.core.pdf import render_pdf
    from openvth.monitoring import selectors
    from openvth.monitoring.models import KpiValue, QualityScore
    from openvth.register.models import Organisation

    office, _ = Organisation.objects.get_or_create(
        code="BENCH-PB", defaults={"name": "Programmabureau (benchmark)", "kind": Organisation.Kind.MINISTRY}
    )
    user, _ = User.objects.get_or_create(
        username="bench-programme-office", defaults={"organisation": office, "role": Role.PROGRAMME_OFFICE}
    )
    measured = selectors.last_measured(user)
    pdf = render_pdf(selectors.STAAT_TEMPLATE, selectors.staat_context(user, printed_on=clock.today()))
    rows = (
        KpiValue.objects.filter(measured_on=measured).count()
        + QualityScore.objects.filter(measured_on=measured).count()
    )
    return {"rows": rows, "what": f"{rows:,} KPI values and scores of the last measurement; PDF {len(pdf) >> 10} KiB"}


def job_export() -> dict:
    from openvth.core import clock
    from openvth.register.models import Organisation
    from openvth.sharing.batch import write_batch_exports
    from openvth.supervision.models import Inspection

    owners = Organisation.objects.filter(pk__in=Inspection.objects.values("owner_id")).order_by("code")
    with tempfile.TemporaryDirectory() as folder:
        targets = {organisation: Path(folder) / f"{organisation.code}.zip" for organisation in owners}
        manifests = write_batch_exports(targets, today=clock.today())
        rows = sum(f["rows"] for manifest in manifests.values() for f in manifest["files"])
        size = sum(target.stat().st_size for target in targets.values())
        count = len(targets)
    return {"rows": rows, "what": f"{rows:,} rows in {count} zips ({size / 2**20:.0f} MB)"}


def run_job(name: str) -> dict:
    """In this process (the child): the job, its seconds and its peak memory above the process before it."""
    before = peak_rss_mb()
    started = time.perf_counter()
    result = globals()[f"job_{name}"]()
    seconds = time.perf_counter() - started
    return result | {"seconds": seconds, "memory_mb": peak_rss_mb() - before, "base_mb": before}


def prepare(args) -> str:
    from django.core.management import call_command
    from django.db import connection

    from openvth.register.models import Establishment
    from openvth.supervision.models import Inspection
    from openvth.synthetic.loader import load

    if connection.vendor != "postgresql":
        sys.exit("Dit benchmark meet PostgreSQL: zet DATABASE_URL op een PostgreSQL-database.")
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # a new organisation bumps the public site's cache
    if not Establishment.objects.exists():
        print(f"Laden: schaal {args.scale}, seed {args.seed}...", file=sys.stderr)
        load(args.scale, args.seed, progress=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return f"{Establishment.objects.count():,} establishments, {Inspection.objects.count():,} inspections"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", *SCALES), default="national", help="small: a trial run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--job", choices=JOBS, help=argparse.SUPPRESS)  # the child process of one job
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.settings")
    django.setup()
    if args.job:
        print(json.dumps(run_job(args.job)))
        return 0
    from openvth.core import clock

    data = prepare(args)
    results = {}
    for name in JOBS:
        print(f"Meten: {JOBS[name]}...", file=sys.stderr)
        done = subprocess.run([sys.executable, __file__, "--job", name], capture_output=True, text=True, cwd=ROOT)
        if done.returncode:
            sys.exit(f"{JOBS[name]} mislukt:\n{done.stderr[-3000:]}")
        results[name] = json.loads(done.stdout.splitlines()[-1])
    text = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    found = FIGURES.search(text.partition(SECTION)[2].split("\n## ", 1)[0])
    figures = json.loads(found.group(1)) if found else {}
    figures[args.scale] = {
        "day": clock.today().isoformat(),
        "commit": git_commit(),
        "machine": machine(),
        "load": ", ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "data": data,
        "jobs": results,
    }
    report = render(figures)
    write_section(args.output, SECTION, report)
    print(report)
    return 0


def render(figures: dict) -> str:
    lines = [
        SECTION,
        "",
        "`bench/jobs_bench.py` (in `make bench` at both scales): each job in a process of its own, on PostgreSQL on "
        "the same machine. Rows/s = the rows the job reads or writes (per job below) over its seconds; memory = "
        "the peak resident size (VmHWM) of the job's process above that of the process before it (Django loaded).",
        "",
    ]
    for scale in SCALES:
        run = figures.get(scale)
        if run is None:
            lines += [f"### {scale}", "", "Not measured yet.", ""]
            continue
        lines += [
            f"### {scale}",
            "",
            f"Run on {run['day']}, commit {run['commit']}; {run['machine']}; load average (1, 5, 15 min) "
            f"{run['load']} after the jobs. Data: {run['data']}.",
            "",
            "| job | rows | seconds | rows/s | peak memory MB | what |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for name, label in JOBS.items():
            job = run["jobs"][name]
            rate = job["rows"] / job["seconds"] if job["seconds"] else 0
            lines.append(
                f"| {label} | {job['rows']:,} | {job['seconds']:.1f} | {rate:,.0f} | {job['memory_mb']:.0f} | "
                f"{job['what']} |"
            )
        lines.append("")
    if all(scale in figures for scale in SCALES):
        region, national = (figures[s]["jobs"] for s in SCALES)
        lines += [
            "### Growth from region to national",
            "",
            "| job | rows × | seconds × | rows/s × |",
            "|---|---:|---:|---:|",
        ]
        for name, label in JOBS.items():
            rows = national[name]["rows"] / region[name]["rows"] if region[name]["rows"] else float("inf")
            seconds = national[name]["seconds"] / region[name]["seconds"]
            lines.append(f"| {label} | {rows:,.1f} | {seconds:,.1f} | {rows / seconds:,.2f} |")
        lines.append("")
    lines += [f"<!-- long-jobs {json.dumps(figures, sort_keys=True)} -->", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
