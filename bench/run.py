"""`make bench`: every benchmark on a scratch PostgreSQL database, figures written to docs/benchmarks.md.

The server is DATABASE_URL's, or the local one on 127.0.0.1:5432 (trust auth); the scratch database
`openvth_bench` is made anew and dropped afterwards unless --keep.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg

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
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("national", "region"), default="national")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database for --search-only reruns")
    args = parser.parse_args()
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
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
        connection.execute(f"CREATE DATABASE {SCRATCH}")
    scratch = f"postgres://{server['USER']}:{server['PASSWORD'] or ''}@{admin['host']}:{admin['port']}/{SCRATCH}"
    environment = os.environ | {"DATABASE_URL": scratch, "OPENVTH_MANIFEST_STATIC": "false"}
    try:
        for benchmark in BENCHMARKS:
            command = [sys.executable, str(ROOT / "bench" / benchmark), "--scale", args.scale]
            subprocess.run(command, env=environment, check=True)
    finally:
        if not args.keep:
            with psycopg.connect(**admin, autocommit=True) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
