"""Public site benchmark: the public company page under concurrent load, against the bare SQL of the same reads.

Run with DATABASE_URL pointing at an empty (or an earlier run's) PostgreSQL database:
    .venv/bin/python bench/public_bench.py [--scale region|national] [--seed N] [--clients 8] [--output FILE]
Loads the scale when the register is empty, publishes a sample of closed inspections (rows written directly,
status published), then times the company page through the whole Django stack with N concurrent clients.
"""

import argparse
import itertools
import os
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent))
from register_bench import git_commit, machine, percentile, write_section  # noqa: E402

from openvth.core import clock

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Public site: company page under concurrent load"
PUBLISHED_SHARE = 0.3  # of the closed inspections
COMPANIES = 200  # sampled companies with publications; each page is requested REQUESTS_PER_COMPANY times
REQUESTS_PER_COMPANY = 4


def publish_sample(seed: int) -> int:
    """Published publications for a share of the closed inspections (as the publication flow would leave them)."""

    from openvth.disclosure.models import Publication
    from openvth.supervision.models import Inspection

    if Publication.objects.exists():
        return Publication.objects.public().count()
    rng = random.Random(seed)
    closed = Inspection.objects.filter(status=Inspection.Status.CLOSED, performed_on__isnull=False)
    now = clock.now()
    rows = (
        Publication(
            owner_id=owner_id,
            establishment_id=establishment_id,
            inspection_id=pk,
            kind=Publication.Kind.INSPECTION_RESULT,
            title=f"Inspectie van {performed_on:%-d-%-m-%Y}",
            decided_on=performed_on,
            compliant=rng.random() < 0.7,
            source_text="Interne tekst.",
            public_text="Bij de inspectie is de naleving van de vergunningvoorschriften gecontroleerd.",
            status=Publication.Status.PUBLISHED,
            reviewed_at=now,
            published_at=now,
        )
        for pk, owner_id, establishment_id, performed_on in closed.values_list(
            "pk", "owner_id", "establishment_id", "performed_on"
        ).iterator(chunk_size=10_000)
        if rng.random() < PUBLISHED_SHARE
    )
    count = 0
    while batch := list(itertools.islice(rows, 5_000)):  # streamed: constant memory at national scale
        Publication.objects.bulk_create(batch)
        count += len(batch)
    return count


def sample_companies(seed: int) -> list[int]:
    from django.db.models import Count

    from openvth.disclosure.models import Publication

    with_publications = (
        Publication.objects.public()
        .values("establishment__company_id")
        .annotate(n=Count("id"))
        .order_by("-n", "establishment__company_id")
    )
    ids = [row["establishment__company_id"] for row in with_publications[: COMPANIES * 5]]
    return random.Random(seed).sample(ids, min(COMPANIES, len(ids)))


def page_queries(company_ids: list[int]) -> dict[int, list[str]]:
    """The SQL the page runs for each company, captured from the view itself (bound values included)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    captured = {}
    for pk in company_ids:
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"/openbaar/bedrijven/{pk}/").status_code == 200
        captured[pk] = [q["sql"] for q in context.captured_queries]
    return captured


def run_concurrently(clients: int, work: list, one) -> tuple[list[float], float]:
    """Latencies (ms) of `one(item)` for every item, run by `clients` threads (one connection each); and the
    wall-clock seconds of the whole run."""

    def timed(item) -> float:
        started = time.perf_counter()
        one(item)
        return (time.perf_counter() - started) * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        latencies = list(pool.map(timed, work))
    return latencies, time.perf_counter() - started


def time_pages(company_ids: list[int], queries: dict[int, list[str]], clients: int) -> dict[str, tuple]:
    import threading

    from django.db import connection
    from django.test import Client

    local = threading.local()

    def page(pk: int) -> None:
        if not hasattr(local, "client"):
            local.client = Client()
        assert local.client.get(f"/openbaar/bedrijven/{pk}/").status_code == 200

    def bare(pk: int) -> None:
        with connection.cursor() as cursor:
            for sql in queries[pk]:
                cursor.execute(sql)
                cursor.fetchall()

    work = [pk for _ in range(REQUESTS_PER_COMPANY) for pk in company_ids]
    random.Random(2).shuffle(work)
    results = {}
    for name, one in (("page", page), ("bare SQL", bare)):
        run_concurrently(clients, work[: len(company_ids)], one)  # warm-up
        results[name] = run_concurrently(clients, work, one)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("national", "region"), default="region")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"  # django.test.Client's host
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from openvth.register.models import Establishment
    from openvth.synthetic.loader import load

    if connection.vendor != "postgresql":
        sys.exit("Dit benchmark meet PostgreSQL: zet DATABASE_URL op een PostgreSQL-database.")
    call_command("migrate", verbosity=0)
    if not Establishment.objects.exists():
        print(f"Laden: schaal {args.scale}, seed {args.seed}...", file=sys.stderr)
        load(args.scale, args.seed, progress=True)
    print("Publiceren...", file=sys.stderr)
    published = publish_sample(args.seed)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE disclosure_publication")
    company_ids = sample_companies(args.seed)
    queries = page_queries(company_ids)
    print(f"Meten: {args.clients} gelijktijdige clients...", file=sys.stderr)
    results = time_pages(company_ids, queries, args.clients)
    report = render(args, published, company_ids, queries, results)
    write_section(args.output, SECTION, report)
    print(report)
    return 0


def render(args, published: int, company_ids, queries, results) -> str:
    per_page = sorted(len(q) for q in queries.values())
    lines = [
        SECTION,
        "",
        f"Run on {clock.today().isoformat()} with `bench/public_bench.py --scale {args.scale} --seed {args.seed} "
        f"--clients {args.clients}`; commit {git_commit()}.",
        f"Machine: {machine()}.",
        "",
        f"Data: {published:,} published inspection results (a {PUBLISHED_SHARE:.0%} sample of the closed "
        f"inspections). {len(company_ids)} companies sampled from those with the most publications, each page "
        f"requested {REQUESTS_PER_COMPANY} times in random order by {args.clients} concurrent clients "
        "(threads with `django.test.Client`: the whole middleware, view and template stack, no HTTP server), after a "
        f"warm-up pass. The page runs {per_page[0]}–{per_page[-1]} queries; bare SQL = those same captured queries "
        "through a raw cursor, with the same concurrency.",
        "",
        "| | requests | p50 ms | p95 ms | requests/s |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, (latencies, seconds) in results.items():
        label = "public company page" if name == "page" else "bare SQL of the same reads"
        lines.append(
            f"| {label} | {len(latencies):,} | {percentile(latencies, 0.5):.1f} | {percentile(latencies, 0.95):.1f} "
            f"| {len(latencies) / seconds:,.0f} |"
        )
    lines += [
        "",
        "Public answers carry `Cache-Control: public, max-age=300` and set no cookie, so a reverse proxy or CDN "
        "serves repeated requests without reaching Django; the figures above are uncached.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
