"""Load the synthetic Netherlands into the database: the organisation map, then the register in batches."""

import json
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from tqdm import tqdm

from openvth.accounts.models import Role
from openvth.core import clock
from openvth.core.db import analyze, insert_rows, max_id, reset_sequences
from openvth.enforcement.models import (
    CaseTransition,
    Deadline,
    EnforcementCase,
    Letter,
    LhsoDecision,
    Objection,
    Sanction,
)
from openvth.permits.models import Application, Decision, ProvisionChange, ProvisionVersion, Suspension
from openvth.register.models import (
    Activity,
    ActivityType,
    BasistaakPlacement,
    Company,
    Establishment,
    Mandate,
    Organisation,
    TaskCategory,
)
from openvth.supervision.models import Finding, Inspection

from .bulk import RowDigest, prefetched
from .enforcement import MANDATED_TYPES, EnforcementGenerator, mandated_authorities
from .enforcement import TABLE_COLUMNS as ENFORCEMENT_COLUMNS
from .generator import (
    ACTIVITY_COLUMNS,
    COMPANY_COLUMNS,
    ESTABLISHMENT_COLUMNS,
    SCALES,
    Catalogue,
    RegisterGenerator,
)
from .organisations import (
    ORGANISATION_COLUMNS,
    PLACEMENT_COLUMNS,
    assign_ids,
    organisation_rows,
    organisation_specs,
    placement_rows,
)
from .permits import MANDATED_TYPES as PERMIT_MANDATED_TYPES
from .permits import MANDATES_FROM as PERMIT_MANDATES_FROM
from .permits import TABLE_COLUMNS as PERMIT_COLUMNS
from .permits import PermitGenerator
from .skeleton import skeleton
from .supervision import HISTORY_YEARS, SupervisionGenerator
from .supervision import TABLE_COLUMNS as SUPERVISION_COLUMNS

# the tables in load order, with the columns their rows hold
TABLES = {
    "organisation": (Organisation, ORGANISATION_COLUMNS),
    "placement": (BasistaakPlacement, PLACEMENT_COLUMNS),
    "company": (Company, COMPANY_COLUMNS),
    "establishment": (Establishment, ESTABLISHMENT_COLUMNS),
    "activity": (Activity, ACTIVITY_COLUMNS),
    "decision": (Decision, PERMIT_COLUMNS["decision"]),
    "provision_change": (ProvisionChange, PERMIT_COLUMNS["provision_change"]),
    "provision_version": (ProvisionVersion, PERMIT_COLUMNS["provision_version"]),
    "application": (Application, PERMIT_COLUMNS["application"]),
    "suspension": (Suspension, PERMIT_COLUMNS["suspension"]),
    "inspection": (Inspection, SUPERVISION_COLUMNS["inspection"]),
    "finding": (Finding, SUPERVISION_COLUMNS["finding"]),
    "lhso_decision": (LhsoDecision, ENFORCEMENT_COLUMNS["lhso_decision"]),
    "enforcement_case": (EnforcementCase, ENFORCEMENT_COLUMNS["enforcement_case"]),
    "enforcementcase_findings": (EnforcementCase.findings.through, ENFORCEMENT_COLUMNS["enforcementcase_findings"]),
    "sanction": (Sanction, ENFORCEMENT_COLUMNS["sanction"]),
    "letter": (Letter, ENFORCEMENT_COLUMNS["letter"]),
    "case_transition": (CaseTransition, ENFORCEMENT_COLUMNS["case_transition"]),
    "deadline": (Deadline, ENFORCEMENT_COLUMNS["deadline"]),
    "objection": (Objection, ENFORCEMENT_COLUMNS["objection"]),
}


class RegisterNotEmpty(Exception):
    pass


@dataclass(frozen=True)
class Summary:
    scale: str
    seed: int
    organisations: int
    companies: int
    establishments: int
    activities: int
    decisions: int
    provision_versions: int
    applications: int
    inspections: int
    findings: int
    enforcement_cases: int
    seconds: float
    digest: str | None  # only when asked for: the rows' repr costs a fifth of the generation time


def _insert(table: str, rows: list[tuple], digest: RowDigest | None) -> None:
    model, columns = TABLES[table]
    json_columns = [i for i, c in enumerate(columns) if isinstance(model._meta.get_field(c), models.JSONField)]
    stored = rows
    if json_columns:  # generated as lists (as they are read back), stored as JSON text
        stored = [tuple(json.dumps(v) if i in json_columns else v for i, v in enumerate(row)) for row in rows]
    insert_rows(model._meta.db_table, columns, stored)
    if digest is not None:
        digest.update(table, rows)


def _load_organisations(digest: RowDigest | None) -> dict[str, int]:
    plan = skeleton()
    existing = dict(Organisation.objects.values_list("code", "pk"))
    codes = [spec[0] for spec in organisation_specs(plan)]
    ids = assign_ids(codes, existing, max_id(Organisation) + 1)
    _insert("organisation", organisation_rows(plan, ids, existing), digest)
    categories = dict(TaskCategory.objects.values_list("code", "pk"))
    new_codes = set(codes) - set(existing)
    _insert("placement", placement_rows(plan, ids, new_codes, categories, max_id(BasistaakPlacement) + 1), digest)
    return ids


class Signers(NamedTuple):
    """The synthetic officials of each service (service id → user id): the lawyer who signs the generated cases'
    decisions, the lawyer who decides objections against them (Awb 10:3(3): never who took the contested decision),
    and the permit officer who signs the generated permit decisions."""

    decisions: dict[int, int]
    objections: dict[int, int]
    permits: dict[int, int]


# (username suffix, name, role, mandated decision types, since): every decision of its kind the generator makes
_SIGNERS = (
    ("", "jurist", Role.ENFORCEMENT_LAWYER, MANDATED_TYPES, None),
    ("-bezwaar", "bezwaarjurist", Role.ENFORCEMENT_LAWYER, MANDATED_TYPES, None),
    ("-vergunningen", "vergunningverlener", Role.PERMIT_OFFICER, PERMIT_MANDATED_TYPES, PERMIT_MANDATES_FROM),
)


def _load_signers(scale, organisations: dict[str, int], valid_from: date) -> Signers:
    """Three synthetic officials per omgevingsdienst of the scale (no password to log in with), each mandated by
    every authority whose establishments the service supervises there for the decisions it signs."""
    signers = Signers({}, {}, {})
    for service, authorities in sorted(mandated_authorities(skeleton(), scale).items()):
        for (suffix, title, role, kinds, since), chosen in zip(_SIGNERS, signers, strict=True):
            user, _created = get_user_model().objects.get_or_create(
                username=f"synthetisch-{service.lower()}{suffix}",
                defaults={
                    "organisation_id": organisations[service],
                    "role": role,
                    "first_name": f"Synthetische {title}",
                    "last_name": service,
                    "password": make_password(None),  # unusable
                },
            )
            held = set(Mandate.objects.filter(holder=user).values_list("authority_id", "decision_type"))
            wanted = [(organisations[code], kind) for code in sorted(authorities) for kind in kinds]
            Mandate.objects.bulk_create(
                Mandate(holder=user, authority_id=authority, decision_type=kind, valid_from=since or valid_from,
                        reference="Mandaatbesluit synthetische gegevens")
                for authority, kind in wanted
                if (authority, kind) not in held
            )  # fmt: skip
            chosen[organisations[service]] = user.pk
    return signers


def generated_rows(
    scale_name: str, seed: int, organisations: dict[str, int], signers: Signers, *, today: date,
    first_id, batch_size: int = 5_000,
):  # fmt: skip
    """Every generated row of one scale after the organisation map, one batch of establishments at a time as
    {table: rows} in load order: the register, then its permit, inspection and enforcement histories, generated in
    a producer thread while the caller stores the previous batch. `first_id(table)` gives each table's first key."""
    activity_types = {
        code: (pk, ied) for code, pk, ied in ActivityType.objects.values_list("code", "pk", "ied_category")
    }
    register_ids = {table: first_id(table) for table in ("company", "establishment", "activity")}
    catalogue = Catalogue(organisations, activity_types)
    register = RegisterGenerator(skeleton(), SCALES[scale_name], seed, catalogue, register_ids)
    permits = PermitGenerator(
        seed, {table: first_id(table) for table in PERMIT_COLUMNS}, today=today, signers=signers.permits
    )
    supervision = SupervisionGenerator(seed, {table: first_id(table) for table in SUPERVISION_COLUMNS}, today=today)
    enforcement = EnforcementGenerator(
        seed,
        {table: first_id(table) for table in ENFORCEMENT_COLUMNS},
        today=today,
        signers=signers.decisions,
        organisations=dict(Organisation.objects.values_list("pk", "name")),
        objection_signers=signers.objections,
    )

    def histories(batch) -> dict[str, list[tuple]]:
        permit_batch = permits.batch(batch.establishments)
        supervision_batch = supervision.batch(batch.establishments, permit_batch.provision_version)
        enforcement_batch = enforcement.batch(batch.establishments, batch.companies, supervision_batch)
        rows = {"company": batch.companies, "establishment": batch.establishments, "activity": batch.activities}
        for history, columns in zip(
            (permit_batch, supervision_batch, enforcement_batch),
            (PERMIT_COLUMNS, SUPERVISION_COLUMNS, ENFORCEMENT_COLUMNS),
            strict=True,
        ):
            rows |= {table: getattr(history, table) for table in columns}
        return rows

    return prefetched(histories(batch) for batch in register.batches(batch_size))


def signing_day(today: date) -> date:
    """From when the synthetic lawyers' mandates hold: before the first generated inspection."""
    return date(today.year - HISTORY_YEARS - 1, 1, 1)


@transaction.atomic
def load(
    scale_name: str,
    seed: int,
    *,
    progress: bool = False,
    batch_size: int = 5_000,
    today: date | None = None,
    digest: bool = False,
) -> Summary:
    """Generate and store one scale with its permit, inspection and enforcement histories; all or nothing. Refuses
    a register that already holds establishments. Open applications and running terms count back from `today`.
    With `digest` the summary holds a digest of every generated row, to compare with `stored_digest()`."""
    if Establishment.objects.exists():
        raise RegisterNotEmpty(
            "De database bevat al vestigingen; genereer alleen in een lege database (bijv. een nieuwe database)."
        )
    started = clock.seconds()
    today = today or clock.today()
    row_digest = RowDigest() if digest else None
    organisations = _load_organisations(row_digest)
    signers = _load_signers(SCALES[scale_name], organisations, signing_day(today))
    counts = dict.fromkeys(TABLES, 0)
    show = progress and sys.stderr.isatty()
    batches = generated_rows(
        scale_name, seed, organisations, signers, today=today, batch_size=batch_size,
        first_id=lambda table: max_id(TABLES[table][0]) + 1,
    )  # fmt: skip
    with tqdm(total=SCALES[scale_name].establishments, unit=" vestigingen", file=sys.stderr, disable=not show) as bar:
        for rows_by_table in batches:
            for table, rows in rows_by_table.items():
                _insert(table, rows, row_digest)
                counts[table] += len(rows)
            bar.update(len(rows_by_table["establishment"]))
    reset_sequences([model for model, _columns in TABLES.values()])
    analyze([model for model, _columns in TABLES.values()])
    return Summary(
        scale=scale_name,
        seed=seed,
        organisations=Organisation.objects.count(),
        companies=counts["company"],
        establishments=counts["establishment"],
        activities=counts["activity"],
        decisions=counts["decision"],
        provision_versions=counts["provision_version"],
        applications=counts["application"],
        inspections=counts["inspection"],
        findings=counts["finding"],
        enforcement_cases=counts["enforcement_case"],
        seconds=round(clock.seconds() - started, 2),
        digest=row_digest.hexdigest() if row_digest else None,
    )


def stored_digest() -> str:
    """The digest of what the database holds, read back table by table in primary-key order."""
    digest = RowDigest()
    for table, (model, columns) in TABLES.items():
        rows = model.objects.order_by("pk").values_list(*columns).iterator(chunk_size=5_000)
        # times come back in the connection's zone object: compare them as the UTC times they were generated as
        digest.update(table, (tuple(_utc(v) for v in row) for row in rows))
    return digest.hexdigest()


def _utc(value):
    return value.astimezone(UTC) if isinstance(value, datetime) else value
