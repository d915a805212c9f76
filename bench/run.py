"""`make bench`: every benchmark on a scratch PostgreSQL database, figures written to docs/benchmarks.md.

The server is DATABASE_URL's, or the local one on 127.0.0.1:5432 (trust auth); the scratch database
`openvth_bench` (--database) is made anew and dropped afterwards unless --keep (so is `<database>_region`, on
which the long jobs of bench/jobs_bench.py are timed at region scale too). The HTTP load benchmark
(bench/http_bench.py: gunicorn, wrk and pgbench) runs last; --skip-http leaves it out, and when it cannot run
(no PostgreSQL answers, no pgbench) its section in docs/benchmarks.md says so above its last figures.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_bench import SECTION as HTTP_SECTION  # noqa: E402
from register_bench import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = "openvth_bench"
BENCHMARKS = [
    "register_bench.py",
    "permits_bench.py",
    "supervision_bench.py",
    "monitoring_bench.py",
    "sharing_bench.py",
    "public_bench.py",
    "redaction_bench.py",
    "jobs_bench.py",  # at national scale also at region, on a second scratch database: how the long jobs grow
    "http_bench.py",
]
DOCS = ROOT / "docs" / "benchmarks.md"


def http_not_measured(reason: str) -> None:
    """Say at the top of the HTTP section why this run did not measure it; its last figures stay below."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.settings")
    django.setup()
    from openvth.core import clock

    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
    _head, marker, rest = text.partition(HTTP_SECTION + "\n")
    body = rest[: rest.index("\n## ") + 1] if "\n## " in rest else rest
    kept = "\n".join(line for line in body.strip().splitlines() if not line.startswith("Not measured by `make bench`"))
    note = f"Not measured by `make bench` on {clock.today().isoformat()}: {reason}."
    write_section(
        DOCS, HTTP_SECTION, f"{HTTP_SECTION}\n\n{note}\n\n{kept}" if marker and kept else f"{HTTP_SECTION}\n\n{note}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("national", "region"), default="national")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database for --search-only reruns")
    parser.add_argument("--database", default=SCRATCH, help="name of the scratch database (made anew)")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these benchmarks")
    parser.add_argument("--skip-http", action="store_true", help="leave out the HTTP load benchmark (http_bench.py)")
    args = parser.parse_args()
    benchmarks = [b for b in args.only or BENCHMARKS if not (args.skip_http and b == "http_bench.py")]
    if args.skip_http:
        http_not_measured("left out with `--skip-http`")
    for tool, package in (("pgbench", "postgresql-client"), ("wrk", "wrk: `make system-packages`")):
        if "http_bench.py" in benchmarks and shutil.which(tool) is None:
            http_not_measured(f"{tool} is not installed (Debian package {package})")
            benchmarks.remove("http_bench.py")
    server = dj_database_url.parse(os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres")
    if server["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("make bench meet op PostgreSQL: zet DATABASE_URL op een PostgreSQL-server.")
    admin = {
        "host": server["HOST"],
        "port": server["PORT"] or 5432,
        "user": server["USER"],
        "password": server["PASSWORD"],
        "dbname": server["NAME"],
    }
    runs = [(benchmark, args.scale, args.database) for benchmark in benchmarks]
    if "jobs_bench.py" in benchmarks and args.scale == "national":
        runs.insert(
            runs.index(("jobs_bench.py", "national", args.database)),
            ("jobs_bench.py", "region", f"{args.database}_region"),
        )
    databases = list(dict.fromkeys(database for _benchmark, _scale, database in runs))
    try:
        with psycopg.connect(**admin, autocommit=True) as connection:
            for database in databases:
                connection.execute(f"DROP DATABASE IF EXISTS {database}")
                connection.execute(f"CREATE DATABASE {database}")
    except psycopg.OperationalError as error:
        if "http_bench.py" in benchmarks:
            http_not_measured(f"no PostgreSQL answered at {admin['host']}:{admin['port']}")
        sys.exit(f"PostgreSQL op {admin['host']}:{admin['port']} antwoordt niet: {error}")
    try:
        for benchmark, scale, database in runs:
            scratch = (
                f"postgres://{server['USER']}:{server['PASSWORD'] or ''}@{admin['host']}:{admin['port']}/{database}"
            )
            environment = os.environ | {"DATABASE_URL": scratch, "OPENVTH_MANIFEST_STATIC": "false"}
            command = [sys.executable, str(ROOT / "bench" / benchmark), "--scale", scale]
            subprocess.run(command, env=environment, check=True)
    finally:
        if not args.keep:
            with psycopg.connect(**admin, autocommit=True) as connection:
                for database in databases:
                    connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
