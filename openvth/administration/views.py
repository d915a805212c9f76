"""The administration pages (/beheer/) of an organisation's administrator, and of the national administrator.

A record of another organisation is not found (404) for everyone, before anything else is checked; a user who may
open it but is no administrator gets 403. Every change goes through openvth.administration.services."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.accounts.models import Role
from openvth.core import clock
from openvth.core.views import flash_errors, run_form, run_service
from openvth.enforcement.models import Letter
from openvth.supervision.models import ChecklistItem, ChecklistVersion

from . import selectors, services
from .forms import (
    AuditFilterForm,
    ChecklistItemForm,
    EndMandateForm,
    LetterTemplateForm,
    MandateForm,
    NewVersionForm,
    PlacementForm,
    UserCreateForm,
    UserEditForm,
)

AUDIT_PER_PAGE = 50


def _require_administrator(request) -> None:
    if not selectors.is_administrator(request.user):
        raise PermissionDenied(_("Alleen de beheerder van een organisatie kan hier iets beheren."))


def _authority_or_404(request, pk: int):
    """An authority the user may open (404 otherwise), then the administrator's own only (403 otherwise)."""
    authority = selectors.visible_authority(request.user, pk)
    if authority is None:
        raise Http404
    _require_administrator(request)
    if not selectors.authorities(request.user).filter(pk=authority.pk).exists():
        raise PermissionDenied(_("U beheert %(authority)s niet.") % {"authority": authority})
    return authority


@login_required
def index(request):
    _require_administrator(request)
    context = {
        "national": selectors.is_national(request.user),
        "user_count": selectors.users(request.user).filter(is_active=True).count(),
        "authority_count": selectors.authorities(request.user).count(),
        "mandate_count": selectors.mandates(request.user).count(),
    }
    return render(request, "administration/index.html", context)


# --- users ---------------------------------------------------------------------------------------------------------


@login_required
def user_list(request):
    _require_administrator(request)
    context = {
        "accounts": selectors.users(request.user),
        "locked": selectors.locked_usernames(request.user),
        "with_app": selectors.users_with_app(request.user),
        "national": selectors.is_national(request.user),
    }
    return render(request, "administration/user_list.html", context)


def _roles(request, account=None) -> list[tuple[str, str]]:
    """The roles the form offers: every role for the national administrator (the service checks the organisation),
    else those the administrator may give, with the account's present role (kept as it is)."""
    if selectors.is_national(request.user):
        return list(Role.choices)
    roles = selectors.grantable_roles(request.user, request.user.organisation)
    if account is not None and account.role in Role.values and account.role not in dict(roles):
        roles.append((account.role, Role(account.role).label))
    return roles


def _created(user) -> str:
    return _("%(user)s is aangemaakt; de link om een wachtwoord in te stellen is gemaild naar %(email)s.") % {
        "user": user,
        "email": user.email,
    }


def _granted(mandate) -> str:
    return _("Het mandaat %(mandate)s is vastgelegd.") % {"mandate": mandate}


@login_required
def user_create(request):
    _require_administrator(request)
    national = selectors.is_national(request.user)
    form = UserCreateForm(request.POST or None, roles=_roles(request), national=national)
    create = partial(services.create_user, administrator=request.user)
    if done := run_form(request, form, create, success_message=_created, redirect_to="administration:users"):
        return done
    status = 400 if form.is_bound else 200
    return render(request, "administration/user_form.html", {"form": form, "account": None}, status=status)


@login_required
def user_edit(request, pk: int):
    account = get_object_or_404(selectors.colleagues(request.user), pk=pk)
    _require_administrator(request)
    national = selectors.is_national(request.user)
    initial = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "role": account.role,
        "organisation": account.organisation_id,
    }
    form = UserEditForm(request.POST or None, initial=initial, roles=_roles(request, account), national=national)
    update = partial(services.update_user, administrator=request.user, user=account)
    message = _("De gegevens van %(user)s zijn opgeslagen.") % {"user": account}
    if done := run_form(request, form, update, success_message=message, redirect_to="administration:users"):
        return done
    context = {
        "form": form,
        "account": account,
        "is_self": account.pk == request.user.pk,
        "mandates": account.mandates.select_related("authority").order_by("-valid_from"),
    }
    return render(request, "administration/user_form.html", context, status=400 if form.is_bound else 200)


def _set_active(request, pk: int, active: bool):
    account = get_object_or_404(selectors.colleagues(request.user), pk=pk)
    _require_administrator(request)
    text = _("%(user)s kan weer inloggen.") if active else _("%(user)s kan niet meer inloggen.")
    return run_service(
        request,
        None,
        lambda: services.set_active(administrator=request.user, user=account, active=active),
        success_message=text % {"user": account},
        redirect_to="administration:users",
    )


@login_required
@require_POST
def user_deactivate(request, pk: int):
    return _set_active(request, pk, active=False)


@login_required
@require_POST
def user_activate(request, pk: int):
    return _set_active(request, pk, active=True)


# --- mandates ------------------------------------------------------------------------------------------------------


@login_required
def mandate_list(request):
    _require_administrator(request)
    today = clock.today()
    found = selectors.mandates(request.user).order_by("authority__name", "holder__last_name", "decision_type")
    show_ended = request.GET.get("beeindigd") == "1"
    if not show_ended:
        found = found.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    groups: dict = {}
    for mandate in found:
        groups.setdefault(mandate.authority, []).append(mandate)
    context = {"groups": list(groups.items()), "today": today, "show_ended": show_ended}
    return render(request, "administration/mandate_list.html", context)


@login_required
def mandate_create(request):
    _require_administrator(request)
    form = MandateForm(
        request.POST or None,
        holders=selectors.mandate_holders(request.user),
        authorities=selectors.authorities(request.user),
    )
    grant = partial(services.grant_mandate, administrator=request.user)
    if done := run_form(request, form, grant, success_message=_granted, redirect_to="administration:mandates"):
        return done
    return render(request, "administration/mandate_form.html", {"form": form}, status=400 if form.is_bound else 200)


@login_required
def mandate_end(request, pk: int):
    mandate = get_object_or_404(selectors.visible_mandates(request.user), pk=pk)
    _require_administrator(request)
    if not selectors.mandates(request.user).filter(pk=mandate.pk).exists():
        raise PermissionDenied(_("U beheert dit mandaat niet."))
    form = EndMandateForm(request.POST or None, initial={"valid_to": mandate.valid_to or clock.today()})
    end = partial(services.end_mandate, administrator=request.user, mandate=mandate)
    message = _("Het mandaat %(mandate)s is beëindigd.") % {"mandate": mandate}
    if done := run_form(request, form, end, success_message=message, redirect_to="administration:mandates"):
        return done
    context = {"form": form, "mandate": mandate}
    return render(request, "administration/mandate_end.html", context, status=400 if form.is_bound else 200)


# --- basistakenpakket ----------------------------------------------------------------------------------------------


@login_required
def placement_list(request):
    _require_administrator(request)
    found = list(selectors.authorities(request.user))
    counts = selectors.placed_counts([a.pk for a in found])
    rows = [(authority, counts.get(authority.pk, 0)) for authority in found]
    return render(request, "administration/placement_list.html", {"rows": rows})


@login_required
def placement_edit(request, pk: int):
    authority = _authority_or_404(request, pk)
    lines = selectors.placement_lines(authority)
    data = request.POST if request.method == "POST" else None
    rows = []
    for line in lines:
        initial = {}
        if line.placement is not None:
            initial = {
                "placed": line.placement.placed,
                "since": line.placement.since,
                "mandate_reference": line.placement.mandate_reference,
            }
        rows.append((line, PlacementForm(data, prefix=line.category.code, initial=initial)))
    if data is not None and all(form.is_valid() for _line, form in rows):
        try:
            changed = services.save_placements(
                administrator=request.user,
                authority=authority,
                rows=[{"category": line.category, **form.cleaned_data} for line, form in rows],
            )
        except ValidationError as error:
            for key, errors in error.message_dict.items():
                code, _sep, field = key.rpartition("-")
                for line, form in rows:
                    if line.category.code == code:
                        form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("%(n)s plaatsing(en) opgeslagen.") % {"n": changed})
            return redirect("administration:placement", pk=authority.pk)
    errors = [(line.category.name, form) for line, form in rows if form.errors]
    context = {"authority": authority, "rows": rows, "errors": errors}
    return render(request, "administration/placement_form.html", context, status=400 if errors else 200)


# --- letter templates ----------------------------------------------------------------------------------------------


@login_required
def letter_template_list(request):
    _require_administrator(request)
    rows = []
    for authority in selectors.authorities(request.user):
        own = selectors.letter_templates(authority)
        rows.append((authority, [(kind, label, own.get(kind)) for kind, label in Letter.Kind.choices]))
    return render(request, "administration/letter_template_list.html", {"rows": rows})


@login_required
def letter_template(request, pk: int, kind: str):
    authority = _authority_or_404(request, pk)
    if kind not in Letter.Kind.values:
        raise Http404
    body, own = selectors.letter_body(authority, kind)
    form = LetterTemplateForm(request.POST or None, initial={"body": body}, kind=kind)
    preview = preview_error = None
    if form.is_valid():
        text = form.cleaned_data["body"]
        try:
            preview = selectors.letter_preview(authority, kind, text)
        except ValueError as error:
            preview_error = str(error)
        if "opslaan" in request.POST and preview_error is None:
            done = run_service(
                request,
                form,
                lambda: services.save_letter_template(
                    administrator=request.user, authority=authority, kind=kind, body=text
                ),
                success_message=_("Het sjabloon is opgeslagen."),
                redirect_to=reverse("administration:letter_template", kwargs={"pk": authority.pk, "kind": kind}),
            )
            if done:
                return done
        elif preview_error is not None:
            form.add_error("body", preview_error)
    elif not form.is_bound:
        try:
            preview = selectors.letter_preview(authority, kind, body)
        except ValueError as error:
            preview_error = str(error)
    context = {"authority": authority, "form": form, "own": own, "preview": preview, "preview_error": preview_error}
    return render(request, "administration/letter_template.html", context, status=400 if form.errors else 200)


# --- checklists ----------------------------------------------------------------------------------------------------


@login_required
def checklist_list(request):
    _require_administrator(request)
    context = {"checklists": selectors.checklists(), "national": selectors.is_national(request.user)}
    return render(request, "administration/checklist_list.html", context)


@login_required
def checklist_version(request, pk: int):
    version = get_object_or_404(ChecklistVersion.objects.select_related("template"), pk=pk)
    _require_administrator(request)
    national = selectors.is_national(request.user)
    in_use = selectors.checklist_in_use(version)
    items = list(selectors.checklist_items(version))
    editable = national and not in_use
    forms_by_item = {}
    new_form = ChecklistItemForm(prefix="nieuw")
    version_form = NewVersionForm(initial={"valid_from": clock.today()})
    if request.method == "POST":
        if not national:
            raise PermissionDenied(
                _("Checklists gelden voor elke organisatie: alleen de landelijk beheerder wijzigt ze.")
            )
        action = request.POST.get("actie", "")
        try:
            if action == "nieuwe-versie":
                version_form = NewVersionForm(request.POST)
                if version_form.is_valid():
                    new = services.new_checklist_version(
                        administrator=request.user, version=version, **version_form.cleaned_data
                    )
                    messages.success(request, _("Versie %(n)s is gemaakt.") % {"n": new.number})
                    return redirect("administration:checklist", pk=new.pk)
            elif action == "toevoegen":
                new_form = ChecklistItemForm(request.POST, prefix="nieuw")
                if new_form.is_valid():
                    services.add_checklist_item(administrator=request.user, version=version, **new_form.cleaned_data)
                    messages.success(request, _("Het controlepunt is toegevoegd."))
                    return redirect("administration:checklist", pk=version.pk)
            elif action.startswith("punt-"):
                item = get_object_or_404(ChecklistItem, pk=action[5:] if action[5:].isdigit() else 0, version=version)
                form = ChecklistItemForm(request.POST, prefix=f"punt-{item.pk}")
                forms_by_item[item.pk] = form
                if form.is_valid():
                    services.update_checklist_item(administrator=request.user, item=item, **form.cleaned_data)
                    messages.success(request, _("Het controlepunt is opgeslagen."))
                    return redirect("administration:checklist", pk=version.pk)
        except ValidationError as error:
            flash_errors(request, error)
    rows = [
        (
            item,
            forms_by_item.get(item.pk)
            or ChecklistItemForm(prefix=f"punt-{item.pk}", initial={"text": item.text, "rule_hint": item.rule_hint}),
        )
        for item in items
    ]
    failed = request.method == "POST"
    context = {
        "version": version,
        "rows": rows,
        "in_use": in_use,
        "national": national,
        "editable": editable,
        "new_form": new_form,
        "version_form": version_form,
        "versions": version.template.versions.order_by("-number"),
    }
    return render(request, "administration/checklist_version.html", context, status=400 if failed else 200)


# --- the audit log -------------------------------------------------------------------------------------------------


@login_required
def audit(request):
    _require_administrator(request)
    form = AuditFilterForm(
        request.GET or None, kinds=selectors.audit_kinds(), users=selectors.audit_users(request.user)
    )
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"kind": data["soort"], "user": data["gebruiker"], "since": data["van"], "until": data["tot"]}
    found = (
        selectors.filtered_audit(request.user, **filters)
        if not form.errors
        else selectors.audit_scope(request.user).none()
    )
    page = Paginator(found, AUDIT_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "page": page,
        "lines": selectors.audit_lines(page.object_list),
        "national": selectors.is_national(request.user),
    }
    return render(request, "administration/audit.html", context, status=400 if form.errors else 200)
