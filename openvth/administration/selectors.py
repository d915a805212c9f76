"""Reads of the administration pages: what an organisation's administrator (beheerder) manages, and the audit log.

An administrator manages the records of the own organisation only: its users, the mandates its authorities (the
organisation itself when it is an authority, the member authorities when it is an omgevingsdienst) gave to its
users, the basistaken those authorities placed and their letter templates. The national administrator (the
installation's superuser, as openvth.accounts.selectors.may_administer decides) manages everything.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.template import Context, Template, TemplateSyntaxError
from django.template.loader import get_template
from django.utils.translation import gettext as _

from openvth.accounts import selectors as accounts
from openvth.accounts.models import Role, User
from openvth.core import clock
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, has_role
from openvth.enforcement.models import EnforcementCase, Letter, LetterTemplate, Sanction, ToleranceDecision
from openvth.register.models import (
    BasistaakPlacement,
    Company,
    Establishment,
    Mandate,
    Organisation,
    TaskCategory,
)
from openvth.supervision.models import ChecklistItem, ChecklistTemplate, ChecklistVersion, Inspection

# fields of a record that never appear in the audit log, not even as "changed from → to"
SECRET_FIELDS = frozenset({"password"})


def is_administrator(user) -> bool:
    """An organisation's administrator, or the national administrator (superuser)."""
    return has_role(user, Action.ADMINISTER)


def is_national(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_superuser)


# --- users ---------------------------------------------------------------------------------------------------------


def users(administrator) -> QuerySet[User]:
    """The accounts the administrator manages (openvth.accounts.selectors.administered_users)."""
    return accounts.administered_users(administrator).select_related("organisation").order_by("username")


def colleagues(user) -> QuerySet[User]:
    """The accounts a user may open at all: those of the own organisation; another organisation's are 404."""
    return accounts.colleagues(user).select_related("organisation")


def grantable_roles(administrator, organisation: Organisation | None) -> list[tuple[str, str]]:
    """The roles an administrator may give in an organisation. Every role of the organisation goes up to
    administrator of that organisation; the ministry's role reads national figures of every organisation, so only
    a ministry's users get it."""
    roles = [(value, label) for value, label in Role.choices]
    if organisation is None or organisation.kind != Organisation.Kind.MINISTRY:
        roles = [(value, label) for value, label in roles if value != Role.PROGRAMME_OFFICE]
    return roles


def locked_usernames(administrator) -> set[str]:
    return {user.username for user, _failures in accounts.locked_out_users(administrator)}


def users_with_app(administrator) -> set[int]:
    found = accounts.administered_users(administrator).filter(totpdevice__confirmed=True)
    return set(found.values_list("pk", flat=True))


# --- authorities: mandates, basistaken, letter templates -----------------------------------------------------------


def authorities(administrator) -> QuerySet[Organisation]:
    """The authorities whose mandates, placements and letters the administrator manages: the own organisation if it
    is an authority, the member authorities of an omgevingsdienst; every authority for the national administrator."""
    found = Organisation.objects.filter(kind__in=Organisation.AUTHORITY_KINDS)
    if administrator.is_superuser:
        return found.order_by("name")
    if not is_administrator(administrator):
        return found.none()
    own = administrator.organisation_id
    return found.filter(Q(pk=own) | Q(omgevingsdienst_id=own)).order_by("name")


def visible_authority(user, pk: int) -> Organisation | None:
    """An authority the user may open (the authority itself or the omgevingsdienst working for it); else None."""
    authority = Organisation.objects.filter(pk=pk, kind__in=Organisation.AUTHORITY_KINDS).first()
    if authority is None:
        return None
    if user.is_superuser or user.organisation_id in (authority.pk, authority.omgevingsdienst_id):
        return authority
    return None


def mandates(administrator) -> QuerySet[Mandate]:
    """The mandates the administrator manages: of the own authorities, held by the own organisation's users."""
    found = Mandate.objects.select_related("authority", "holder__organisation")
    if administrator.is_superuser:
        return found
    if not is_administrator(administrator):
        return found.none()
    return found.filter(authority__in=authorities(administrator), holder__organisation_id=administrator.organisation_id)


def visible_mandates(user) -> QuerySet[Mandate]:
    return Mandate.objects.visible_to(user).select_related("authority", "holder__organisation")


def mandate_holders(administrator) -> QuerySet[User]:
    return accounts.administered_users(administrator).filter(is_active=True).order_by("last_name", "username")


@dataclass(frozen=True)
class PlacementLine:
    category: TaskCategory
    placement: BasistaakPlacement | None


def placement_lines(authority: Organisation) -> list[PlacementLine]:
    """Every category of the basistakenpakket with the authority's placement, if any."""
    placements = {p.task_category_id: p for p in BasistaakPlacement.objects.filter(authority=authority)}
    return [PlacementLine(category, placements.get(category.pk)) for category in TaskCategory.objects.all()]


def placed_counts(authority_ids) -> dict[int, int]:
    found = BasistaakPlacement.objects.filter(authority_id__in=authority_ids, placed=True)
    counts: dict[int, int] = {}
    for authority_id in found.values_list("authority_id", flat=True):
        counts[authority_id] = counts.get(authority_id, 0) + 1
    return counts


def default_letter_body(kind: str) -> str:
    """The shipped text of a letter kind (templates/enforcement/letters/), as the letters use it."""
    return get_template(f"enforcement/letters/{kind}.txt").template.source


def letter_templates(authority: Organisation) -> dict[str, LetterTemplate]:
    return {t.kind: t for t in LetterTemplate.objects.filter(authority=authority).select_related("updated_by")}


def letter_body(authority: Organisation, kind: str) -> tuple[str, LetterTemplate | None]:
    own = LetterTemplate.objects.filter(authority=authority, kind=kind).first()
    return (own.body if own else default_letter_body(kind)), own


def _sample_context(authority: Organisation, kind: str) -> dict:
    """The variables openvth.enforcement.letters gives a template, filled with made-up records (nothing stored)."""
    today = clock.today()
    service = authority.omgevingsdienst or Organisation(name="Omgevingsdienst Voorbeeld", kind="omgevingsdienst")
    company = Company(name="Voorbeeld Metaal B.V.", kvk_number="12345678")
    establishment = Establishment(
        name="Voorbeeld Metaal Werkplaats",
        street="Industrieweg",
        house_number=1,
        postcode="1234 AB",
        place="Voorbeeldstad",
        company=company,
        competent_authority=authority,
        supervising_service=service,
    )
    case = EnforcementCase(
        reference="HH-VOORBEELD-1",
        owner=service,
        competent_authority=authority,
        establishment=establishment,
        opened_on=today,
    )
    sanction = Sanction(
        kind="last_onder_dwangsom",
        imposed_on=today,
        term_amount=4,
        term_unit="weeks",
        term_end=today + timedelta(weeks=4),
        amount=500,
        basis="per_week",
        maximum=5000,
        measures="Verwijder de afvalcontainers van het terrein.",
        cost_recovery=True,
        forfeited_on=today + timedelta(weeks=6),
        forfeited_amount=1000,
    )
    letter = Letter(case=case, kind=kind, reference="HH-VOORBEELD-1-B01", decided_on=today, sanction=sanction)
    tolerance = ToleranceDecision(
        case=case,
        scope="Tijdelijke opslag van afval op het terrein.",
        valid_from=today,
        valid_to=today + timedelta(days=180),
        legalisation_prospect="Een aanvraag om een omgevingsvergunning is ingediend.",
        decided_on=today,
    )
    findings = ["Afval opgeslagen buiten de vergunde opslagplaats (voorschrift 3.1)."]
    return {
        "case": case,
        "letter": letter,
        "establishment": establishment,
        "company": company,
        "authority": authority,
        "service": service,
        "findings": findings,
        "inspection_date": today - timedelta(days=14),
        "sanction": sanction,
        "tolerance": tolerance,
        "intended": "last_onder_dwangsom",
        "intended_label": "last onder dwangsom",
        "view_due": today + timedelta(weeks=2),
        "objection_due": today + timedelta(weeks=6),
    }


def letter_preview(authority: Organisation, kind: str, body: str) -> str:
    """The text a letter of this kind would get with this template, rendered as openvth.enforcement.letters.issue
    renders it (Django template, no HTML escaping) with made-up case data. A template error is a ValueError with
    its Dutch message."""
    try:
        template = Template(body)
        return template.render(Context(_sample_context(authority, kind), autoescape=False)).strip()
    except TemplateSyntaxError as exc:
        raise ValueError(f"Het sjabloon is geen geldige sjabloontekst: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - a template that fails on the sample data says so, never a 500
        raise ValueError(f"Het sjabloon geeft een fout met de voorbeeldgegevens: {exc}") from None


# --- checklists ----------------------------------------------------------------------------------------------------


def checklists() -> QuerySet[ChecklistTemplate]:
    return ChecklistTemplate.objects.select_related("activity_type").prefetch_related("versions")


def checklist_in_use(version: ChecklistVersion) -> bool:
    """A version an inspection used is frozen: the inspection keeps it (a change is a new version)."""
    return Inspection.objects.filter(checklist=version).exists()


def checklist_items(version: ChecklistVersion) -> QuerySet[ChecklistItem]:
    return version.items.order_by("position")


# --- the audit log -------------------------------------------------------------------------------------------------


def _scoped_models() -> list:
    return [m for m in apps.get_models() if hasattr(getattr(m, "objects", None), "visible_to")]


def audit_scope(administrator) -> QuerySet[ChangeRecord]:
    """The change records of the administrator's organisation (every record for the national administrator):

    - of a scoped record the organisation may open (Model.objects.visible_to), whoever made the change;
    - of the organisation's own accounts and of the basistaken placements of its authorities;
    - of any other record (checklists, organisations) changed by one of its own users.
    A scoped record the organisation may not open is never shown, not even when its own user changed it."""
    found = ChangeRecord.objects.select_related("user", "content_type")
    if administrator.is_superuser:
        return found
    if not is_administrator(administrator):
        return found.none()
    organisation = administrator.organisation_id
    scoped = _scoped_models()
    types = ContentType.objects.get_for_models(*scoped, User, BasistaakPlacement)
    user_type, placement_type = types[User], types[BasistaakPlacement]
    scoped_types = [types[m] for m in scoped]
    visible = Q(pk__in=[])
    for model in scoped:
        records = model.objects.visible_to(administrator).values("pk")
        visible |= Q(content_type=types[model], object_id__in=records)
    own_users = Q(content_type=user_type, object_id__in=User.objects.filter(organisation_id=organisation).values("pk"))
    placements = BasistaakPlacement.objects.filter(
        Q(authority_id=organisation) | Q(authority__omgevingsdienst_id=organisation) | Q(service_id=organisation)
    )
    own_placements = Q(content_type=placement_type, object_id__in=placements.values("pk"))
    by_colleagues = Q(user__organisation_id=organisation) & ~Q(
        content_type__in=[*scoped_types, user_type, placement_type]
    )
    return found.filter(visible | own_users | own_placements | by_colleagues)


def kind_label(model) -> str:
    """The Dutch name of a kind of record: every model names itself (its Meta's verbose_name)."""
    return str(model._meta.verbose_name)


def audit_kinds() -> list[tuple[str, str]]:
    """The kinds of record the audit filter offers: (app_label.model, verbose name), by name."""
    used = ContentType.objects.filter(pk__in=ChangeRecord.objects.values("content_type")).order_by("app_label")
    kinds = []
    for content_type in used:
        model = content_type.model_class()
        if model is not None:
            kinds.append((f"{content_type.app_label}.{content_type.model}", kind_label(model)))
    return sorted(kinds, key=lambda kind: kind[1].lower())


def filtered_audit(
    administrator, *, kind: str = "", user: User | None = None, since: date | None = None, until: date | None = None
) -> QuerySet[ChangeRecord]:
    found = audit_scope(administrator)
    if kind:
        app_label, _, model = kind.partition(".")
        found = found.filter(content_type__app_label=app_label, content_type__model=model)
    if user is not None:
        found = found.filter(user=user)
    if since is not None:
        found = found.filter(at__date__gte=since)
    if until is not None:
        found = found.filter(at__date__lte=until)
    return found.order_by("-at", "-id")


def audit_users(administrator) -> QuerySet[User]:
    """Who the audit filter offers as the one who made a change: the organisation's users (all for national)."""
    return users(administrator)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object
    secret: bool


@dataclass(frozen=True)
class AuditLine:
    record: ChangeRecord
    kind: str
    subject: str
    changes: list[FieldChange]


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the change was recorded
        return None


def _shown(field, value):
    """A stored value as people read it: the label of a code, yes/no for a truth value."""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if field is not None and field.choices and value not in (None, ""):
        return dict(field.flatchoices).get(value, value)
    return value


def audit_lines(records) -> list[AuditLine]:
    """The records of one page with the changed record's name and each field's label, before and after."""
    records = list(records)
    by_type: dict[int, set[int]] = {}
    for record in records:
        by_type.setdefault(record.content_type_id, set()).add(record.object_id)
    names: dict[tuple[int, int], str] = {}
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for pk, obj in model._base_manager.in_bulk(list(ids)).items():
            names[(type_id, pk)] = str(obj)
    lines = []
    for record in records:
        model = record.content_type.model_class()
        changes = []
        for name, values in (record.changes or {}).items():
            field = _field(model, name)
            before, after = _pair(values)
            label = str(field.verbose_name) if field is not None else name
            secret = name in SECRET_FIELDS
            changes.append(FieldChange(label, _shown(field, before), _shown(field, after), secret=secret))
        kind = kind_label(model) if model else record.content_type.model
        subject = names.get((record.content_type_id, record.object_id), f"#{record.object_id}")
        lines.append(AuditLine(record, kind, subject, changes))
    return lines


def _pair(values) -> tuple[object, object]:
    if isinstance(values, list | tuple) and len(values) == 2:
        return values[0], values[1]
    return None, values
