"""The pages of the read log for the organisation's administrator (on behalf of its privacy officer): the export
for a data subject's request (inzageverzoek) and the latest reads."""

import io
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from openvth.core import clock

from . import selectors, services
from .forms import SubjectExportForm
from .models import Channel, ReadKind

LOG_LIMIT = 200


def _check(user) -> None:
    if not selectors.may_export(user):
        raise PermissionDenied(_("Alleen een beheerder van de organisatie ziet het logboek van persoonsgegevens."))


@login_required
def subject_export(request):
    """The form (GET) and the download (POST: the key never lands in an address or a server log)."""
    _check(request.user)
    form = SubjectExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind, value, fmt = form.cleaned_data["kind"], form.cleaned_data["value"], form.cleaned_data["format"]
        now = clock.now()
        export = selectors.subject_export(request.user, kind=kind, value=value, made_at=now)
        services.record_export(
            request.user,
            kind=kind,
            value=value,
            purpose=form.cleaned_data["reference"],
            channel=Channel.UI,
            records=[*export.complaints, *export.companies, *export.applications],
        )
        name = f"inzageverzoek-{now:%Y%m%d-%H%M%S}"
        if fmt == "csv":
            out = io.StringIO()
            export.write_csv(out)
            response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        else:
            body = json.dumps(export.as_dict(), ensure_ascii=False, indent=2)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    context = {"form": form, "retention_days": services.retention_days()}
    return render(request, "audit/inzage.html", context)


@login_required
def read_log(request):
    """The latest reads of personal data by the organisation's users."""
    _check(request.user)
    kind = request.GET.get("soort", "")
    entries = selectors.reads(request.user)
    if kind in ReadKind.values:
        entries = entries.filter(kind=kind)
    context = {"entries": entries[:LOG_LIMIT], "kinds": ReadKind.choices, "kind": kind, "limit": LOG_LIMIT,
               "retention_days": services.retention_days()}  # fmt: skip
    return render(request, "audit/reads.html", context)
