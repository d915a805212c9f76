"""HTTP load benchmark: the key pages through gunicorn with the production settings, driven by wrk, each against
its own SQL replayed bare with pgbench at the same concurrency.

Run with DATABASE_URL pointing at an empty (or an earlier run's) PostgreSQL database:
    .venv/bin/python bench/http_bench.py [--scale region|national] [--seed N] [--clients 1,16] [--seconds 30]
        [--sql-seconds 20] [--workers 4] [--output FILE]
Loads the scale when the register is empty, publishes a sample of closed inspections (bench/public_bench.py) and
makes the yearly programme of the service when it has none. Then, per page: a sample of URLs, the SQL each one runs
(captured in this process on one warm request, Django's CaptureQueriesContext), wrk (bench/http_wrk.lua) at each
client count against gunicorn (`--workers`, the production settings: DEBUG off, manifest static files after
collectstatic), and pgbench replaying the captured reads (`pgbench -n -f <one script per URL> -c N -j 2
-T <sql-seconds>`). Load generator, gunicorn, pgbench and PostgreSQL share the machine. Part of `make bench`
(bench/run.py).

A load run that counts no request stops the benchmark: no figure is written (a slow page's requests were once cut
off by gunicorn's 30 s worker timeout; now gunicorn and wrk wait REQUEST_TIMEOUT). wrk, not Locust: at a
thousand answers a second Locust's Python process took one of the two cores being measured; wrk (C, from
`make system-packages`) takes a small part of one.
"""

import argparse
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent))
from register_bench import git_commit, percentile, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SECTION = "## HTTP under load: gunicorn, wrk and each page's own SQL in pgbench"
SAMPLE = 20  # URLs per page (one pgbench script each)
WORK = Path(tempfile.gettempdir()) / f"openvth-http-bench-{os.getpid()}"  # made by main(), removed at its end
SECRET_KEY = secrets.token_urlsafe(50)
# the production settings of `make serve`, on a folder of this run for the collected static files
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": SECRET_KEY,
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "OPENVTH_MANIFEST_STATIC": "true",
    "OPENVTH_VAR_DIR": str(WORK / "var"),
    "LOG_LEVEL": "ERROR",
}
# the shared cache of the run: a Redis database of its own, emptied first (an earlier run's answers, of other data,
# would match the same paths), when one answers; else the database cache, the embedded default
BENCH_REDIS = os.environ.get("OPENVTH_BENCH_REDIS", "redis://127.0.0.1:6379/15")
STAFF, PUBLIC, API = "staff", "public", "API"
# no request is cut off by a timeout: neither gunicorn (its 30 s worker timeout under 16 clients) nor wrk gives up on
# a slow answer (a request still waiting when wrk's run time ends is not counted)
REQUEST_TIMEOUT = 300


@dataclass
class Page:
    name: str
    kind: str  # STAFF, PUBLIC or API
    urls: list[str]
    method: str = "GET"
    body: str = ""
    statements: list[list[str]] = field(default_factory=list)  # per URL, the SELECTs of one warm request
    results: dict = field(default_factory=dict)  # clients -> {"page": ..., "sql": ...}


def words(names: list[str], rng: random.Random) -> list[str]:
    """Search terms: the longest word of sampled names (e.g. "Drukkerij"), as a user would type one."""
    picked = rng.sample(names, min(SAMPLE, len(names)))
    return [max(re.findall(r"[A-Za-z]{4,}", name) or [name], key=len) for name in picked]


def prepare(args) -> tuple[object, list[Page]]:
    """The data, the staff user and the pages with their sampled URLs."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.urls import reverse
    from public_bench import publish_sample

    from openvth.accounts.models import Role, User
    from openvth.core import clock
    from openvth.core.scoping import SYSTEM_JOB
    from openvth.register.models import Establishment, Organisation
    from openvth.supervision.models import Inspection, Programme
    from openvth.supervision.services import planning
    from openvth.synthetic.loader import load

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not Establishment.objects.exists():
        print(f"Laden: schaal {args.scale}, seed {args.seed}...", file=sys.stderr)
        load(args.scale, args.seed, progress=True)
    publish_sample(args.seed)
    service = Organisation.objects.get(code="OD-DCMR" if args.scale == "national" else "OD-ODRN")
    year = clock.today().year
    if not Programme.objects.filter(service=service, year=year).exists():
        print("Jaarprogramma maken...", file=sys.stderr)
        planning.appraise_service(user=SYSTEM_JOB, service=service)
        planning.generate_programme(user=SYSTEM_JOB, service=service, year=year)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    user, _ = User.objects.get_or_create(
        username="bench-http", defaults={"organisation": service, "role": Role.MANAGER, "is_staff": False}
    )
    rng = random.Random(args.seed)
    own = Establishment.objects.filter(supervising_service=service, merged_into__isnull=True)
    establishments = rng.sample(sorted(own.values_list("pk", flat=True)), SAMPLE)
    names = sorted(own.values_list("name", flat=True))
    terms = words(names, rng)
    companies = sorted(set(own.filter(owner=service).values_list("company_id", flat=True)))
    inspections = sorted(
        Inspection.objects.filter(owner=service).order_by("status", "-pk").values_list("pk", flat=True)[: SAMPLE * 5]
    )
    published = (
        Establishment.objects.filter(publications__status="published")
        .values("company_id")
        .annotate(n=Count("publications"))
        .order_by("-n", "company_id")
        .values_list("company_id", flat=True)[: SAMPLE * 5]
    )
    programme = Programme.objects.filter(service=service, year=year).order_by("-pk").first()
    search, public_search, api_search = (
        reverse("register:search"),
        reverse("disclosure:public_home"),
        reverse("establishment-list"),
    )  # the API's paths from its router: with or without a trailing slash, as it answers
    pages = [
        Page("staff search", STAFF, [f"{search}?q={t}" for t in terms]),
        Page("establishment page", STAFF, [reverse("register:establishment", args=[pk]) for pk in establishments]),
        Page(
            "company chain dossier (POST)",
            STAFF,
            [reverse("sharing:dossier", args=[pk]) for pk in rng.sample(companies, min(SAMPLE, len(companies)))],
            method="POST",
            body="purpose=supervision&note=benchmark",
        ),
        Page(
            "inspection form",
            STAFF,
            [reverse("supervision:inspection", args=[pk]) for pk in rng.sample(inspections, SAMPLE)],
        ),
        Page("enforcement work queue", STAFF, [reverse("enforcement:work_queue")]),
        Page("yearly programme", STAFF, [reverse("supervision:programme", args=[programme.pk])]),
        Page("public search", PUBLIC, [f"{public_search}?q={t}" for t in terms]),
        Page(
            "public company page",
            PUBLIC,
            [reverse("disclosure:public_company", args=[pk]) for pk in rng.sample(list(published), SAMPLE)],
        ),
        Page("API establishment search", API, [f"{api_search}?q={t}" for t in terms]),
        Page("API establishment detail", API, [reverse("establishment-detail", args=[pk]) for pk in establishments]),
    ]
    return user, pages


def capture(user, pages: list[Page], csrf: str) -> str:
    """The SELECTs of each URL on a warm request (the public cache filled), in this process; returns the session
    cookie of the staff user for the load generator."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    client.cookies[settings.CSRF_COOKIE_NAME] = csrf
    anonymous = Client()
    for page in pages:
        on = anonymous if page.kind == PUBLIC else client
        for url in page.urls:

            def request(on=on, url=url, page=page):
                if page.method == "POST":
                    return on.post(url, page.body, content_type="application/x-www-form-urlencoded")
                return on.get(url)

            assert request().status_code == 200, (page.name, url)  # warm: templates, the public cache
            with CaptureQueriesContext(connection) as captured:
                assert request().status_code == 200, (page.name, url)
            page.statements.append(
                [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
            )
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(workers: int) -> tuple[subprocess.Popen, str]:
    environment = os.environ | PRODUCTION
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "openvth.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            str(REQUEST_TIMEOUT),
        ],  # fmt: skip
        env=environment,
        cwd=ROOT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(120):
        try:
            urllib.request.urlopen(f"{base}/openbaar/", timeout=30).read()
            return server, base
        except OSError:  # not listening yet, or a worker still starting
            time.sleep(0.5)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit("gunicorn antwoordt niet")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check_over_http(base: str, page: Page, cookie: str) -> None:
    """Every URL answers 200 to the load generator's request itself (no redirect to the login page)."""
    opener = urllib.request.build_opener(NoRedirect)
    for url in page.urls:
        data = page.body.encode() if page.method == "POST" else None
        request = urllib.request.Request(base + url, data=data, headers={"Cookie": cookie} if cookie else {})
        with opener.open(request, timeout=60) as answer:
            assert answer.status == 200, (page.name, url, answer.status)


def run_wrk(base: str, page: Page, cookie: str, clients: int, seconds: int) -> dict:
    """wrk for `seconds` with `clients` connections (bench/http_wrk.lua); its figures from the JSON line the script
    writes when it ends. A run that counted no request is an error, not a figure (the table shows how many each run
    counted)."""
    command = [
        "wrk", "-t", str(min(2, clients)), "-c", str(clients), "-d", f"{seconds}s", "--timeout", f"{REQUEST_TIMEOUT}s",
        "-s", str(ROOT / "bench" / "http_wrk.lua"), base, "--", page.method, cookie, page.body, *page.urls,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=WORK)
    found = re.search(r"^\{.*\}$", done.stdout, re.MULTILINE)
    figures = json.loads(found.group(0)) if found else None
    if done.returncode != 0 or figures is None or figures["requests"] == 0:
        raise SystemExit(
            f"wrk telde {figures['requests'] if figures else 'geen'} verzoeken voor {page.name} met {clients} "
            f"clients (exit {done.returncode}).\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    return {
        "requests": figures["requests"],
        "failures": figures["failures"] + figures["errors"],
        "rate": figures["requests"] / figures["seconds"],
        "p50": figures["p50"],
        "p95": figures["p95"],
        "p99": figures["p99"],
    }


def run_pgbench(page: Page, clients: int, seconds: int) -> dict:
    from django.db import connection

    folder = WORK / f"pgbench-{clients}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    scripts = []
    for index, statements in enumerate(page.statements):
        script = folder / f"url-{index}.sql"
        script.write_text("".join(f"{sql};\n" for sql in statements) or "SELECT 1;\n", encoding="utf-8")
        scripts += ["-f", str(script)]
    settings = connection.settings_dict
    # the session settings of the application's connections (openvth.settings: no parallel workers), so that the
    # replay runs the same plans
    environment = os.environ | {
        "PGPASSWORD": settings["PASSWORD"] or "",
        "PGOPTIONS": settings.get("OPTIONS", {}).get("options", ""),
    }
    command = [
        "pgbench", "-n", *scripts, "-c", str(clients), "-j", str(min(2, clients)), "-T", str(seconds),
        "-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432), "-U", settings["USER"],
        "-l", "--log-prefix", str(folder / "log"), settings["NAME"],
    ]  # fmt: skip
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True, cwd=folder)
    tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout).group(1))
    latencies = [
        int(line.split()[2]) / 1000
        for log in folder.glob("log.*")
        for line in log.read_text().splitlines()
        if line.strip()
    ]
    return {
        "rate": tps,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("national", "region", "small"), default="region")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", default="1,16", help="comma-separated client counts")
    parser.add_argument("--seconds", type=int, default=30, help="wrk run per page and client count")
    parser.add_argument("--sql-seconds", type=int, default=20, help="pgbench run per page and client count")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    WORK.mkdir()
    os.environ |= PRODUCTION
    cache = shared_cache()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.settings")
    # the hashed static files first: the pages rendered here for their SQL need the manifest as gunicorn does
    subprocess.run([str(BIN / "openvth"), "collectstatic", "--noinput", "-v0"], check=True)
    django.setup()
    from django.db import connection
    from django.utils.crypto import get_random_string

    if connection.vendor != "postgresql":
        sys.exit("Dit benchmark meet PostgreSQL: zet DATABASE_URL op een PostgreSQL-database.")
    clients = [int(n) for n in args.clients.split(",")]
    user, pages = prepare(args)
    csrf = get_random_string(32)  # the bare secret is a valid form token as well as the cookie
    session = capture(user, pages, csrf)
    staff_cookie = f"sessionid={session}; csrftoken={csrf}"
    for page in pages:
        if page.method == "POST":
            page.body += f"&csrfmiddlewaretoken={csrf}"
    data = data_size()
    connection.close()
    load_before = load_average()
    server, base = start_gunicorn(args.workers)
    try:
        for page in pages:
            cookie = "" if page.kind == PUBLIC else staff_cookie
            check_over_http(base, page, cookie)
            for n in clients:
                print(f"Meten: {page.name}, {n} clients...", file=sys.stderr)
                page.results[n] = {
                    "page": run_wrk(base, page, cookie, n, args.seconds),
                    "sql": run_pgbench(page, n, args.sql_seconds),
                }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    report = render(args, pages, clients, data, (load_before, load_average()), cache)
    write_section(args.output, SECTION, section(args.output, args.scale, report))
    print(report)
    shutil.rmtree(WORK, ignore_errors=True)
    return 0


def data_size() -> str:
    from openvth.disclosure.models import Publication
    from openvth.enforcement.models import EnforcementCase
    from openvth.register.models import Company, Establishment
    from openvth.supervision.models import Inspection

    counts = {
        "establishments": Establishment.objects.count(),
        "companies": Company.objects.count(),
        "inspections": Inspection.objects.count(),
        "enforcement cases": EnforcementCase.objects.count(),
        "published publications": Publication.objects.public().count(),
    }
    return ", ".join(f"{n:,} {label}" for label, n in counts.items())


def shared_cache() -> str:
    """Redis (BENCH_REDIS, emptied) for the public site's cache when it answers, as `REDIS_URL` for this process and
    gunicorn; else the database cache. Says which."""
    import redis

    try:
        redis.Redis.from_url(BENCH_REDIS, socket_connect_timeout=2).flushdb()
    except redis.RedisError:
        os.environ.pop("REDIS_URL", None)
        return "the database cache (no Redis answered)"
    os.environ["REDIS_URL"] = PRODUCTION["REDIS_URL"] = BENCH_REDIS
    return f"Redis ({BENCH_REDIS})"


def load_average() -> str:
    return ", ".join(Path("/proc/loadavg").read_text().split()[:3])


def commit() -> str:
    """The commit, and whether the working tree had changes on top of it."""
    changed = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    return git_commit() + (" with uncommitted changes in the working tree" if changed.strip() else "")


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        "?",
    )
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line)
    return f"{os.cpu_count()} CPUs (`nproc`; {cpu}), {int(memory) / 2**20:.0f} GiB RAM"


TARGETS = {
    STAFF: "≤ 3× its SQL and p99 ≤ 150 ms",
    PUBLIC: "p99 ≤ 50 ms and ≥ 1,000 req/s",
    API: "≤ 3× its SQL",
}


def met(page: Page, result: dict) -> bool:
    ratio = result["sql"]["rate"] / result["page"]["rate"] if result["page"]["rate"] else float("inf")
    if page.kind == STAFF:
        return ratio <= 3 and result["page"]["p99"] <= 150
    if page.kind == PUBLIC:
        return result["page"]["p99"] <= 50 and result["page"]["rate"] >= 1000
    return ratio <= 3


INTRO = (
    "`bench/http_bench.py` (the last step of `make bench`). Each page is requested at random from a sample of up to "
    f"{SAMPLE} URLs (search terms are the longest word of sampled establishment names) by wrk connections without "
    "wait, staff pages with the session cookie of a manager of the service, public pages anonymous; the public site's "
    "shared cache is warm. SQL = the SELECTs one warm request of each URL ran (captured in-process), one pgbench "
    "script per URL, at the same number of clients and with the application's session settings (PGOPTIONS: no "
    "parallel workers, as `DATABASE_PARALLEL_WORKERS`); writes (the chain dossier's access log, a renewed session) are "
    "not replayed. Ratio = SQL tps / page req/s at the same concurrency: how many times its own SQL the page costs. "
    "wrk (two threads), gunicorn (sync workers), pgbench and PostgreSQL share the machine's cores. The targets "
    "(issue 19) are for national scale, 16 clients, 2 cores; a run at one scale keeps the other's figures."
)
SUBSECTION = re.compile(r"^### At (\w+) scale\n.*?(?=^### |\Z)", re.MULTILINE | re.DOTALL)


def section(output: Path, scale: str, subsection: str) -> str:
    """The whole section: the method, and the figures of each scale measured, this run's replacing its scale's."""
    text = output.read_text(encoding="utf-8") if output.exists() else ""
    _head, marker, rest = text.partition(SECTION + "\n")
    body = rest.split("\n## ", 1)[0] if marker else ""
    parts = {found.group(1): found.group(0) for found in SUBSECTION.finditer(body)}
    parts[scale] = subsection
    ordered = [parts[name].rstrip() + "\n" for name in ("national", "region", "small") if name in parts]
    return "\n".join([SECTION, "", INTRO, "", *ordered])


def render(args, pages: list[Page], clients: list[int], data: str, load: tuple[str, str], cache: str) -> str:
    """This run's figures: the subsection of its scale."""
    from openvth.core import clock

    lines = [
        f"### At {args.scale} scale",
        "",
        f"Run on {clock.today().isoformat()} with `bench/http_bench.py --scale {args.scale} --seed {args.seed} "
        f"--clients {args.clients} --seconds {args.seconds} --sql-seconds {args.sql_seconds} --workers "
        f"{args.workers}`; commit {commit()}.",
        f"Machine: {machine()}, shared with other work; load average (1, 5, 15 min) {load[0]} before the runs, "
        f"{load[1]} after; gunicorn with {args.workers} sync workers; the public site's shared cache in {cache}.",
        "",
        f"Data: {data}.",
        "",
        "| page | clients | queries | requests | req/s | p50 ms | p95 ms | p99 ms | SQL tps | SQL p50 ms | SQL p99 ms "
        "| ratio | target (16 clients) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    missed = []
    for page in pages:
        queries = max(len(s) for s in page.statements)
        for n in clients:
            result = page.results[n]
            web, sql = result["page"], result["sql"]
            ratio = sql["rate"] / web["rate"] if web["rate"] else float("inf")
            failures = f" ({web['failures']} failed)" if web["failures"] else ""
            verdict = ""
            if n == max(clients):
                verdict = f"{TARGETS[page.kind]}: **{'met' if met(page, result) else 'not met'}**"
                if not met(page, result):
                    missed.append(page.name)
            lines.append(
                f"| {page.name} | {n} | {queries} | {web['requests']:,}{failures} | {web['rate']:,.0f} | "
                f"{web['p50']:.0f} | {web['p95']:.0f} | {web['p99']:.0f} | {sql['rate']:,.0f} | {sql['p50']:.1f} | "
                f"{sql['p99']:.1f} | {ratio:.1f}× | {verdict} |"
            )
    lines += ["", f"Not met at {max(clients)} clients: {', '.join(missed) or 'none'}.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
