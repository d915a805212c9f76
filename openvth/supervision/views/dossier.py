"""The supervision dossier page of one establishment."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from openvth.core import clock
from openvth.core.permissions import Action, may
from openvth.core.views import or_404
from openvth.register import selectors as register_selectors

from ..selectors.dossier import DOSSIER_YEARS, dossier


@login_required
def establishment_dossier(request, pk: int):
    establishment = or_404(register_selectors.establishment_detail, request.user, pk)
    years = dossier(request.user, establishment, today=clock.today())
    context = {
        "establishment": establishment,
        "years": years,
        "dossier_years": DOSSIER_YEARS,
        "may_inspect": may(request.user, Action.PLAN_INSPECTION, establishment)
        and establishment.merged_into_id is None,
    }
    return render(request, "supervision/dossier/establishment.html", context)
