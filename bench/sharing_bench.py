"""Chain sharing benchmark: the chain dossier of a company with 10 establishments, read by a chain partner.

Run with DATABASE_URL pointing at a PostgreSQL database (`make bench` makes a scratch one); it reuses the data the
other benchmarks loaded, or loads the scale itself when empty:
    .venv/bin/python bench/sharing_bench.py [--scale national|region] [--seed N] [--output docs/benchmarks.md]

The synthetic register has no company with 10 establishments (chains have 2-5), so the bench gives the company with
the most inspections the establishments of 9 others of its supervising service: what a chain of ten looks like,
with ten real inspection histories. Every supervising service of those establishments shares all kinds of records
with the ILT for supervision; the reader is an ILT chain partner, through the API (one call, logged).
"""

import argparse
import os
import sys
from datetime import date
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import time_page  # noqa: E402
from register_bench import git_commit, machine, percentile, write_section  # noqa: E402

from openvth.core import clock

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Chain sharing: the chain dossier of a company with 10 establishments"
TARGET_MS = 100
COMPANIES, ROUNDS, ESTABLISHMENTS = 10, 20, 10


def chain_of_ten(service_id: int, exclude: set[int]) -> int:
    """A company of the service whose establishments are the 10 with the most inspections (made so in the data)."""
    from django.db.models import Count

    from openvth.register.models import Establishment

    heaviest = list(
        Establishment.objects.filter(supervising_service_id=service_id, merged_into__isnull=True)
        .exclude(company_id__in=exclude)
        .annotate(n=Count("inspections"))
        .order_by("-n", "pk")
        .values_list("pk", "company_id")[:ESTABLISHMENTS]
    )
    company_id = heaviest[0][1]
    Establishment.objects.filter(pk__in=[pk for pk, _company in heaviest]).update(company_id=company_id)
    return company_id


def setup() -> tuple[object, list[int]]:
    from openvth.accounts.models import Role, User
    from openvth.register.models import Establishment, Organisation
    from openvth.sharing.models import Purpose, RecordKind, SharingAgreement

    ilt = Organisation.objects.get(code="ILT")
    reader, _ = User.objects.get_or_create(
        username="bench-ketenpartner", defaults={"organisation": ilt, "role": Role.CHAIN_PARTNER}
    )
    services = list(
        Establishment.objects.values_list("supervising_service_id", flat=True)
        .distinct()
        .order_by("supervising_service_id")[:COMPANIES]
    )
    companies: list[int] = []
    for service_id in services:
        companies.append(chain_of_ten(service_id, set(companies)))
        agreement = SharingAgreement.objects.create(
            owner_id=service_id,
            kinds=list(RecordKind.values),
            purpose_code=Purpose.SUPERVISION,
            purpose="Ketentoezicht (benchmark)",
            valid_from=date(2000, 1, 1),
        )
        agreement.partners.add(ilt)
    return reader, companies


def render(args, result, companies: int) -> str:
    page, bare = result["page"], result["bare SQL"]
    p95 = percentile(page, 0.95)
    return "\n".join([
        SECTION,
        "",
        f"Run on {clock.today().isoformat()} with `bench/sharing_bench.py --scale {args.scale} --seed {args.seed}`; "
        f"commit {git_commit()}. Machine: {machine()}.",
        "",
        f"{companies} companies with {ESTABLISHMENTS} establishments each (the establishments with most inspections "
        "of a service, given to one company), shared by their services with the ILT for supervision. An ILT chain "
        f"partner calls `GET /api/v1/companies/<id>/chain-dossier?purpose=supervision`, {ROUNDS} times per company "
        "after a warm-up, through the whole Django stack (authentication, agreements, five years of inspections, "
        "findings, cases and permits, the access log written in the same transaction). The floor replays the "
        f"call's own {result['statements']} reads, captured on the warm-up, on a bare cursor (not the log's inserts).",
        "",
        "| | p50 ms | p95 ms |",
        "|---|---:|---:|",
        f"| chain dossier (API) | {percentile(page, 0.5):.1f} | {p95:.1f} |",
        f"| bare SQL of the same reads | {percentile(bare, 0.5):.1f} | {percentile(bare, 0.95):.1f} |",
        "",
        f"- p95 {p95:.1f} ms (target < {TARGET_MS} ms): **{'met' if p95 < TARGET_MS else 'not met'}**; "
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
    from django.test import Client

    from openvth.register.models import Establishment
    from openvth.synthetic.loader import load

    if connection.vendor != "postgresql":
        sys.exit("Dit benchmark meet PostgreSQL: zet DATABASE_URL op een PostgreSQL-database.")
    call_command("migrate", verbosity=0)
    if not Establishment.objects.exists():
        print(f"Laden: schaal {args.scale}, seed {args.seed}...", file=sys.stderr)
        load(args.scale, args.seed, progress=True)
    print("Ketendossier van een bedrijf met 10 vestigingen...", file=sys.stderr)
    reader, companies = setup()
    client = Client(HTTP_HOST="localhost")  # an allowed host of the default settings
    client.force_login(reader)
    timings: dict[str, list[float]] = {}
    statements = 0
    for company_id in companies:
        url = f"/api/v1/companies/{company_id}/chain-dossier?purpose=supervision"
        statements = max(statements, time_page(client, url, ROUNDS, timings))
    report = render(args, timings | {"statements": statements}, len(companies))
    write_section(args.output, SECTION, report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
