"""Writes of the configurable tables: LHSO table versions, enforcement policy versions and letter templates.

Each store validates with the pure rule or policy module, keeps every earlier version (the history) and
records the change; only an administrator or manager of the organisation (or of the omgevingsdienst that works
for the authority) may store one.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template import Template, TemplateSyntaxError

from openvth.accounts.models import Role
from openvth.core.history import record_change, snapshot
from openvth.core.inputs import parse_date
from openvth.core.models import ChangeRecord
from openvth.core.scoping import author
from openvth.register.models import Organisation
from openvth.rules import enforcement, lhso

from .models import Letter, LetterTemplate, LhsoTableVersion, PolicyTableVersion

CONFIGURER_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER})


def may_configure(user, organisation: Organisation) -> bool:
    """Administrators and managers of the organisation itself or of the omgevingsdienst that works for it."""
    if user is None or user.is_superuser:
        return True
    return user.role in CONFIGURER_ROLES and user.organisation_id in (organisation.pk, organisation.omgevingsdienst_id)


def _check_configurer(user, organisation: Organisation) -> None:
    if not may_configure(user, organisation):
        raise PermissionDenied(f"U mag de tabellen van {organisation} niet wijzigen.")


@transaction.atomic
def store_lhso_table(*, user, organisation: Organisation, table: dict, valid_from, note: str = "") -> LhsoTableVersion:
    """A new version of the organisation's LHSO matrix; the rule module refuses a table that is not monotone."""
    _check_configurer(user, organisation)
    try:
        checked = lhso.LhsoTable.from_dict(table) if isinstance(table, dict) else None
    except ValueError as exc:
        raise ValidationError({"table": [str(exc)]}) from None
    if checked is None:
        raise ValidationError({"table": ["De tabel is een JSON-object met cells, aspects en consultation."]})
    version = LhsoTableVersion.objects.create(
        organisation=organisation,
        valid_from=parse_date(valid_from, "valid_from", "Geldig vanaf"),
        table=checked.to_dict(),
        note=note.strip(),
        created_by=author(user),
    )
    record_change(version, user=user, action=ChangeRecord.Action.CREATE, note=note.strip())
    return version


@transaction.atomic
def store_policy_table(
    *, user, authority: Organisation, policy: dict, valid_from, note: str = ""
) -> PolicyTableVersion:
    """A new version of the authority's terms and dwangsom amounts per type of violation (the rule module checks it)."""
    _check_configurer(user, authority)
    if authority.kind not in Organisation.AUTHORITY_KINDS:
        raise ValidationError({"authority": [f"{authority} is geen bevoegd gezag."]})
    try:
        checked = enforcement.LocalPolicy.from_dict(policy) if isinstance(policy, dict) else None
    except ValueError as exc:
        raise ValidationError({"policy": [str(exc)]}) from None
    if checked is None:
        message = "Het beleid is een JSON-object met violations, view_term en tolerance_max_months."
        raise ValidationError({"policy": [message]})
    version = PolicyTableVersion.objects.create(
        authority=authority,
        valid_from=parse_date(valid_from, "valid_from", "Geldig vanaf"),
        policy=checked.to_dict(),
        note=note.strip(),
        created_by=author(user),
    )
    record_change(version, user=user, action=ChangeRecord.Action.CREATE, note=note.strip())
    return version


@transaction.atomic
def save_letter_template(*, user, authority: Organisation, kind: str, body: str) -> LetterTemplate:
    """The authority's own text for a letter kind; it must be a valid Django template."""
    _check_configurer(user, authority)
    if kind not in Letter.Kind.values:
        raise ValidationError({"kind": [f"Onbekende briefsoort '{kind}'."]})
    if not (body or "").strip():
        raise ValidationError({"body": ["De tekst van het sjabloon is leeg."]})
    try:
        Template(body)
    except TemplateSyntaxError as exc:
        raise ValidationError({"body": [f"Het sjabloon is geen geldige sjabloontekst: {exc}"]}) from None
    template = LetterTemplate.objects.filter(authority=authority, kind=kind).first()
    before = snapshot(template) if template else None
    if template is None:
        template = LetterTemplate(authority=authority, kind=kind)
    template.body, template.updated_by = body, author(user)
    template.save()
    action = ChangeRecord.Action.UPDATE if before else ChangeRecord.Action.CREATE
    record_change(template, user=user, action=action, before=before)
    return template
