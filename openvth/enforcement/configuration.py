"""Writes of the configurable tables: LHSO table versions, enforcement policy versions and letter templates.

Each table version is stored by core.versioning.store_version (valid from a day after the newest version, who
and why recorded, the change against the version before it) with the pure rule or policy module as its check;
only an administrator or manager of the organisation (or of the omgevingsdienst that works for the authority) may
store one.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import Template, TemplateSyntaxError

from openvth.core import clock
from openvth.core.history import record_change, snapshot
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import author
from openvth.core.versioning import store_version
from openvth.register.models import Organisation
from openvth.rules import enforcement, lhso

from .models import Letter, LetterTemplate, LhsoTableVersion, PolicyTableVersion


def _check_configurer(user, organisation: Organisation) -> None:
    """Administrators and managers of the organisation itself or of the omgevingsdienst that works for it."""
    check(user, Action.CONFIGURE_TABLES, organisation, f"U mag de tabellen van {organisation} niet wijzigen.")


def _checked(field: str, parse, shape: str):
    """A store_version check: `values[field]` is a JSON object (else `shape`) that `parse` of the rule module accepts;
    its ValueError becomes the field's message."""

    def checked(values) -> dict:
        value = values[field]
        if not isinstance(value, dict):
            raise ValidationError({field: [shape]})
        try:
            return {field: parse(value).to_dict()}
        except ValueError as exc:
            raise ValidationError({field: [str(exc)]}) from None

    return checked


# the rule module refuses a table that is not monotone (openvth.rules.lhso.LhsoTable)
_checked_lhso = _checked(
    "table", lhso.LhsoTable.from_dict, "De tabel is een JSON-object met cells, aspects en consultation."
)
# the rule module checks terms and amounts per type of violation (openvth.rules.enforcement.LocalPolicy)
_checked_policy = _checked(
    "policy",
    enforcement.LocalPolicy.from_dict,
    "Het beleid is een JSON-object met violations, view_term en tolerance_max_months.",
)


@transaction.atomic
def store_lhso_table(*, user, organisation: Organisation, table: dict, valid_from, note: str = "") -> LhsoTableVersion:
    """A new version of the organisation's LHSO matrix (core.versioning.store_version)."""
    _check_configurer(user, organisation)
    return store_version(
        LhsoTableVersion, user=user, owner=organisation, valid_from=valid_from, values={"table": table},
        note=note, check=_checked_lhso,
    )  # fmt: skip


@transaction.atomic
def store_policy_table(
    *, user, authority: Organisation, policy: dict, valid_from, note: str = ""
) -> PolicyTableVersion:
    """A new version of the authority's terms and dwangsom amounts per type of violation (core.versioning)."""
    _check_configurer(user, authority)
    if authority.kind not in Organisation.AUTHORITY_KINDS:
        raise ValidationError({"authority": [f"{authority} is geen bevoegd gezag."]})
    return store_version(
        PolicyTableVersion, user=user, owner=authority, valid_from=valid_from, values={"policy": policy},
        note=note, check=_checked_policy,
    )  # fmt: skip


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
    template.body, template.updated_by, template.updated_at = body, author(user), clock.now()
    template.save()
    action = ChangeRecord.Action.UPDATE if before else ChangeRecord.Action.CREATE
    record_change(template, user=user, action=action, before=before)
    return template
