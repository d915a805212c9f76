"""Every write of the administration pages: checked against the administrator's organisation, in one transaction,
with the change recorded (openvth.core.history: who, when, each field before and after).

An organisation's administrator manages its own users (never one of another organisation, never a role beyond
administrator of the own organisation, never the own account's role or access), the mandates its authorities gave
its users, the basistaken its authorities placed and their letter templates. Checklists are the same for every
organisation, so only the national administrator (superuser) changes them.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from openvth.accounts.models import User
from openvth.accounts.selectors import may_administer
from openvth.core.history import record_change, snapshot, update_recorded
from openvth.core.inputs import check_date, check_lengths_into
from openvth.core.models import ChangeRecord
from openvth.enforcement import configuration
from openvth.register.models import BasistaakPlacement, DecisionType, Mandate, Organisation, TaskCategory
from openvth.supervision.models import ChecklistItem, ChecklistVersion

from . import selectors

Action = ChangeRecord.Action
NATIONAL_CHECKLISTS = _lazy("Checklists gelden voor elke organisatie: alleen de landelijk beheerder wijzigt ze.")


def _check_administrator(administrator) -> None:
    if not selectors.is_administrator(administrator):
        raise PermissionDenied(_("Alleen de beheerder van een organisatie mag dit."))


def _check_user(administrator, user: User) -> None:
    if not may_administer(administrator, user):
        raise PermissionDenied(_("U mag alleen gebruikers van uw eigen organisatie beheren."))
    if (user.is_superuser or user.is_staff) and not administrator.is_superuser:
        raise PermissionDenied(_("Een account van de landelijk beheerder beheert alleen de landelijk beheerder."))


def _check_authority(administrator, authority: Organisation) -> None:
    if not selectors.authorities(administrator).filter(pk=authority.pk).exists():
        raise PermissionDenied(_("U beheert %(authority)s niet.") % {"authority": authority})


def _check_national(administrator) -> None:
    if not selectors.is_national(administrator):
        raise PermissionDenied(NATIONAL_CHECKLISTS)


# --- users ---------------------------------------------------------------------------------------------------------


def _record_user(user: User, *, administrator, action: str, before: dict | None = None, note: str = "") -> None:
    """Record a change of an account; its password hash is never written to the log."""
    before = dict(before or {})
    before["password"] = user.password
    record_change(user, user=administrator, action=action, before=before, note=note)


def _clean_person(values: dict) -> dict:
    """The names and e-mail address of an account, stripped; one ValidationError naming each bad field."""
    cleaned = {key: (values.get(key) or "").strip() for key in ("first_name", "last_name", "email")}
    errors: dict[str, list[str]] = {}
    if not cleaned["last_name"]:
        errors["last_name"] = [_("Vul de achternaam in.")]
    if not cleaned["email"]:
        errors["email"] = [_("Vul het e-mailadres in: daarmee stelt de gebruiker een wachtwoord in.")]
    else:
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors["email"] = [_("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")]
    check_lengths_into(User, cleaned, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_role(administrator, role: str, organisation: Organisation | None) -> None:
    if role not in dict(selectors.grantable_roles(administrator, organisation)):
        raise ValidationError({"role": [_("Deze rol kunt u in deze organisatie niet toekennen.")]})


def _organisation_for(administrator, organisation: Organisation | None) -> Organisation:
    """The organisation of a new account: the administrator's own; the national administrator chooses."""
    if not administrator.is_superuser:
        return administrator.organisation
    if organisation is None:
        raise ValidationError({"organisation": [_("Kies de organisatie van de gebruiker.")]})
    return organisation


def _welcome_mail(user: User) -> None:
    """The link with which a new user sets a password (the same link as a password reset; nobody else knows it)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    body = render_to_string("administration/welcome_email.txt", {"user": user, "link": settings.SITE_URL + path})
    send_mail(_("Uw account voor openvth"), body, None, [user.email])


@transaction.atomic
def create_user(
    *,
    administrator,
    username: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    organisation: Organisation | None = None,
) -> User:
    """A new account of the administrator's organisation. Its password is random and known to nobody: the user
    gets an e-mail with a link to set one (and can always use "wachtwoord vergeten")."""
    _check_administrator(administrator)
    errors: dict[str, list[str]] = {}
    username = (username or "").strip()
    try:
        if not username:
            raise ValidationError(_("Vul een gebruikersnaam in."))
        UnicodeUsernameValidator(
            message=_("Een gebruikersnaam bestaat uit letters, cijfers en de tekens @ . + - _ (geen spaties).")
        )(username)
        if len(username) > 150:
            raise ValidationError(_("Ten hoogste 150 tekens."))
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Deze gebruikersnaam bestaat al."))
    except ValidationError as error:
        errors["username"] = error.messages
    try:
        person = _clean_person({"first_name": first_name, "last_name": last_name, "email": email})
    except ValidationError as error:
        errors |= error.message_dict
        person = {}
    try:
        organisation = _organisation_for(administrator, organisation)
        _check_role(administrator, role, organisation)
    except ValidationError as error:
        errors |= error.message_dict
    if errors:
        raise ValidationError(errors)
    user = User(username=username, organisation=organisation, role=role, **person)
    user.set_password(get_random_string(40))
    user.save()
    _record_user(user, administrator=administrator, action=Action.CREATE)
    transaction.on_commit(lambda: _welcome_mail(user))
    return user


@transaction.atomic
def update_user(
    *,
    administrator,
    user: User,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    organisation: Organisation | None = None,
) -> User:
    """Change an account's names, e-mail address and role (its organisation only by the national administrator)."""
    _check_user(administrator, user)
    user = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(user)
    person = _clean_person({"first_name": first_name, "last_name": last_name, "email": email})
    target = organisation if administrator.is_superuser and organisation is not None else user.organisation
    if user.pk == administrator.pk and (role != user.role or target != user.organisation):
        raise ValidationError(
            {"role": [_("U kunt uw eigen rol en organisatie niet wijzigen; vraag een collega-beheerder.")]}
        )
    if role != user.role or target != user.organisation:
        _check_role(administrator, role, target)
    for field, value in person.items():
        setattr(user, field, value)
    user.role, user.organisation = role, target
    user.save()
    if snapshot(user) != before:
        _record_user(user, administrator=administrator, action=Action.UPDATE, before=before)
    return user


@transaction.atomic
def set_active(*, administrator, user: User, active: bool) -> User:
    """Deactivate an account (it can no longer sign in or use its API tokens; nothing is deleted) or activate it."""
    _check_user(administrator, user)
    if user.pk == administrator.pk:
        raise ValidationError(_("U kunt uw eigen account niet uitzetten."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active == active:
        return user
    before = snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    note = _("geactiveerd") if active else _("gedeactiveerd")
    _record_user(user, administrator=administrator, action=Action.UPDATE, before=before, note=note)
    return user


# --- mandates ------------------------------------------------------------------------------------------------------


def _amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({"max_amount": [_("Vul een bedrag in euro's in, bijvoorbeeld 5000,00.")]}) from None
    if amount < 0 or not amount.is_finite():
        raise ValidationError({"max_amount": [_("Het bedrag kan niet negatief zijn.")]})
    if amount >= Decimal("10000000000"):
        raise ValidationError({"max_amount": [_("Het bedrag is te hoog (ten hoogste 9.999.999.999,99).")]})
    return amount.quantize(Decimal("0.01"))


def _day(value, field: str, label: str) -> date:
    if not isinstance(value, date):
        raise ValidationError({field: [_("%(label)s is verplicht.") % {"label": label}]})
    return check_date(value, field, label, historic=True)


@transaction.atomic
def grant_mandate(
    *,
    administrator,
    holder: User,
    authority: Organisation,
    decision_type: str,
    valid_from: date,
    valid_to: date | None = None,
    max_amount=None,
    reference: str = "",
) -> Mandate:
    """Record a mandate of one of the administrator's authorities to a user of the own organisation (Awb 10:3)."""
    _check_administrator(administrator)
    _check_authority(administrator, authority)
    errors: dict[str, list[str]] = {}
    if not selectors.mandate_holders(administrator).filter(pk=holder.pk).exists():
        errors["holder"] = [_("Kies een actieve gebruiker van uw eigen organisatie.")]
    if decision_type not in DecisionType.values:
        errors["decision_type"] = [_("Kies een besluitsoort uit de lijst.")]
    try:
        valid_from = _day(valid_from, "valid_from", _("Geldig vanaf"))
        if valid_to is not None:
            valid_to = _day(valid_to, "valid_to", _("Geldig tot en met"))
            if valid_to < valid_from:
                raise ValidationError({"valid_to": [_("De einddatum ligt vóór de begindatum.")]})
    except ValidationError as error:
        errors |= error.message_dict
    try:
        max_amount = _amount(max_amount)
    except ValidationError as error:
        errors |= error.message_dict
    reference = (reference or "").strip()
    check_lengths_into(Mandate, {"reference": reference}, errors)
    if errors:
        raise ValidationError(errors)
    mandate = Mandate.objects.create(
        holder=holder,
        authority=authority,
        decision_type=decision_type,
        valid_from=valid_from,
        valid_to=valid_to,
        max_amount=max_amount,
        reference=reference,
    )
    record_change(mandate, user=administrator, action=Action.CREATE)
    return mandate


@transaction.atomic
def end_mandate(*, administrator, mandate: Mandate, valid_to: date, note: str = "") -> Mandate:
    """End a mandate on a day (it stays in the records: decisions taken under it keep their ground)."""
    if not selectors.mandates(administrator).filter(pk=mandate.pk).exists():
        raise PermissionDenied(_("U beheert dit mandaat niet."))
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    valid_to = _day(valid_to, "valid_to", _("Laatste dag"))
    if valid_to < mandate.valid_from:
        raise ValidationError({"valid_to": [_("De laatste dag ligt vóór de begindatum van het mandaat.")]})
    if mandate.valid_to is not None and valid_to > mandate.valid_to:
        raise ValidationError(
            {"valid_to": [_("Het mandaat eindigt al op %(day)s.") % {"day": mandate.valid_to.strftime("%d-%m-%Y")}]}
        )
    return update_recorded(mandate, {"valid_to": valid_to}, user=administrator, note=(note or "").strip())


# --- basistakenpakket ----------------------------------------------------------------------------------------------


@transaction.atomic
def save_placements(*, administrator, authority: Organisation, rows: list[dict]) -> int:
    """Which basistaken the authority placed with its omgevingsdienst, since when, under which mandate decision.
    `rows` holds per category `category`, `placed`, `since` and `mandate_reference`; returns how many changed."""
    _check_administrator(administrator)
    _check_authority(administrator, authority)
    existing = {
        p.task_category_id: p for p in BasistaakPlacement.objects.select_for_update().filter(authority=authority)
    }
    errors: dict[str, list[str]] = {}
    changed = 0
    for row in rows:
        category: TaskCategory = row["category"]
        placement = existing.get(category.pk)
        placed = bool(row.get("placed"))
        since = row.get("since")
        reference = (row.get("mandate_reference") or "").strip()
        prefix = f"{category.code}"
        if since is not None:
            try:
                check_date(since, "since", _("Sinds"), historic=True)
            except ValidationError as error:
                errors[f"{prefix}-since"] = error.message_dict["since"]
                continue
        if len(reference) > BasistaakPlacement._meta.get_field("mandate_reference").max_length:
            errors[f"{prefix}-mandate_reference"] = [_("Ten hoogste 200 tekens.")]
            continue
        if placement is None:
            if not placed and since is None and not reference:
                continue  # nothing to record for a category never placed
            if authority.omgevingsdienst_id is None:
                errors[f"{prefix}-placed"] = [_("%(authority)s heeft geen omgevingsdienst.") % {"authority": authority}]
                continue
            placement = BasistaakPlacement(
                authority=authority, task_category=category, service=authority.omgevingsdienst
            )
            before = None
        else:
            before = snapshot(placement)
        placement.placed, placement.since, placement.mandate_reference = placed, since, reference
        if before is not None and snapshot(placement) == before:
            continue
        placement.save()
        record_change(placement, user=administrator, action=Action.UPDATE if before else Action.CREATE, before=before)
        changed += 1
    if errors:
        raise ValidationError(errors)
    return changed


# --- letter templates ----------------------------------------------------------------------------------------------


@transaction.atomic
def save_letter_template(*, administrator, authority: Organisation, kind: str, body: str):
    """The authority's own text of a letter kind, stored (and recorded) by openvth.enforcement.configuration."""
    _check_administrator(administrator)
    _check_authority(administrator, authority)
    return configuration.save_letter_template(user=administrator, authority=authority, kind=kind, body=body)


# --- checklists ----------------------------------------------------------------------------------------------------


def _check_item(text: str, rule_hint: str) -> tuple[str, str]:
    text, rule_hint = (text or "").strip(), (rule_hint or "").strip()
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Vul het controlepunt in.")]
    check_lengths_into(ChecklistItem, {"text": text, "rule_hint": rule_hint}, errors)
    if errors:
        raise ValidationError(errors)
    return text, rule_hint


def _check_open(version: ChecklistVersion) -> None:
    if selectors.checklist_in_use(version):
        raise ValidationError(
            _("Deze versie is al bij een inspectie gebruikt en ligt vast. Maak een nieuwe versie om te wijzigen.")
        )


@transaction.atomic
def update_checklist_item(*, administrator, item: ChecklistItem, text: str, rule_hint: str = "") -> ChecklistItem:
    _check_national(administrator)
    _check_open(item.version)
    text, rule_hint = _check_item(text, rule_hint)
    item = ChecklistItem.objects.select_for_update().get(pk=item.pk)
    before = snapshot(item)
    item.text, item.rule_hint = text, rule_hint
    if snapshot(item) != before:
        item.save(update_fields=["text", "rule_hint"])
        record_change(item, user=administrator, action=Action.UPDATE, before=before)
    return item


@transaction.atomic
def add_checklist_item(*, administrator, version: ChecklistVersion, text: str, rule_hint: str = "") -> ChecklistItem:
    _check_national(administrator)
    _check_open(version)
    text, rule_hint = _check_item(text, rule_hint)
    last = version.items.order_by("-position").values_list("position", flat=True).first() or 0
    item = ChecklistItem.objects.create(version=version, position=last + 1, text=text, rule_hint=rule_hint)
    record_change(item, user=administrator, action=Action.CREATE)
    return item


@transaction.atomic
def new_checklist_version(*, administrator, version: ChecklistVersion, valid_from: date) -> ChecklistVersion:
    """A new version of the checklist with the items of `version`, from a day on; inspections keep their version."""
    _check_national(administrator)
    valid_from = _day(valid_from, "valid_from", _("Geldig vanaf"))
    template = version.template
    number = (template.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    new = ChecklistVersion.objects.create(template=template, number=number, valid_from=valid_from)
    record_change(
        new, user=administrator, action=Action.CREATE, note=_("kopie van versie %(n)s") % {"n": version.number}
    )
    for item in version.items.order_by("position"):
        copy = ChecklistItem.objects.create(
            version=new, position=item.position, text=item.text, rule_hint=item.rule_hint
        )
        record_change(copy, user=administrator, action=Action.CREATE)
    return new
