"""Pages of the analysis app: the permit outlook and uniform enforcement measured (issue 21, items 8 and 9).

`?dienst=` chooses whose figures: empty for the default (the own service; the country for the ministry), `NL` for
the country, a service code for that service: the own one, or any for the ministry; another is 404. Thin views:
the figures come from the selectors, no person is shown."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from openvth.core import clock
from openvth.rules import forecast, lhso
from openvth.rules.uniformity import WINDOWS

from . import selectors, standards
from .charts import band_chart
from .selectors import sees_country

NATIONAL = selectors.NATIONAL


def subject(request):
    return selectors.subject_for(request.user, request.GET.get("dienst"))


def _choices(request, current):
    """The subjects the user may choose: the own service and the country; every service for the ministry."""
    own = selectors.own_service(request.user)
    options = [(NATIONAL, _("Nederland"))]
    if sees_country(request.user):
        options += [(s.code, s.name) for s in selectors.services()]
    elif own is not None:
        options.append((own.code, own.name))
    return options, current.code if current else NATIONAL


def _chart(line) -> str:
    quarters = [*range(line.points[0].quarter - len(line.observed), line.points[0].quarter)] + [
        p.quarter for p in line.points
    ]
    labels = [forecast.quarter_label(q) for q in quarters]
    bands = {
        level: [(line.total(p.quarter, "low", level), line.total(p.quarter, "high", level)) for p in line.points]
        for level in forecast.LEVELS
    }
    means = [line.total(p.quarter) for p in line.points]
    title = _("Aanvragen per kwartaal: %(name)s, waargenomen en verwacht met 80- en 95-procentsband") % {
        "name": line.label
    }
    return band_chart(title, line.observed, means, bands, labels)


@login_required
def outlook(request):
    service = subject(request)
    today = clock.today()
    found = selectors.outlook(service, today)
    options, current = _choices(request, service)
    backtest = [
        (h.h, h.mase, h.coverage.get(0.8)) for h in (found.total.backtest.horizons if found.total.backtest else [])
    ]
    context = {
        "outlook": found,
        "options": options,
        "current": current,
        "chart": _chart(found.total) if found.total.points else "",
        "years": found.total.years(),
        "backtest": [row for row in backtest if row[0] in (1, 4, 8, 12, 20)],
        "history_first": forecast.quarter_label(found.history.first),
        "history_last": forecast.quarter_label(found.history.last),
        "standard_hours": standards.STANDARD_HOURS,
        "hours_per_officer": standards.HOURS_PER_OFFICER,
        "standards_source": standards.SOURCE,
        "source_labels": {
            "competences": _("bekwaamheden vergunningverlening van actieve medewerkers (capaciteit)"),
            "staff roles": _("medewerkers met de rol vergunningverlener (capaciteit)"),
            "users": _("gebruikers met de rol vergunningverlener × %(hours)s uur (eigen standaard)")
            % {"hours": standards.HOURS_PER_OFFICER},
        },
    }
    # the titles only of the initiatives the user may open (its own service's); the rest as numbers per theme
    visible = set(selectors.initiatives(request.user).values_list("pk", flat=True))
    context["initiatives"] = [i for i in found.initiatives if i.pk in visible]
    summary: dict[tuple[str, int], int] = {}
    for initiative in found.initiatives:
        key = (initiative.get_theme_display(), initiative.expected_year)
        summary[key] = summary.get(key, 0) + initiative.expected_count
    context["pipeline_summary"] = sorted((theme, year, n) for (theme, year), n in summary.items())
    context["available_label"] = "; ".join(
        str(context["source_labels"].get(source, source)) for source in found.available.source.split(", ") if source
    )
    return render(request, "analysis/outlook.html", context)


@login_required
def uniform(request):
    service = subject(request)
    today = clock.today()
    figures = selectors.uniformity_figures(today)
    options, current = _choices(request, service)
    shown = figures.national if service is None else figures.of(service)
    rows = [figures.national]
    if sees_country(request.user):
        rows += figures.per_service
    else:
        own = selectors.own_service(request.user)
        rows += [f for f in figures.per_service if own is not None and f.service.pk == own.pk]
    context = {
        "figures": shown,
        "label": service.name if service else _("Nederland"),
        "national": figures.national,
        "comparison": rows,
        "options": options,
        "current": current,
        "windows": WINDOWS,
        "cell_names": {
            cell: f"{lhso.BEHAVIOUR_LABELS[cell[0]]}; {lhso.CONSEQUENCE_LABELS[int(cell[1])]}" for cell in lhso.CELLS
        },
        "labels": lhso.INTERVENTION_LABELS,
        "today": today,
    }
    return render(request, "analysis/uniformity.html", context)
