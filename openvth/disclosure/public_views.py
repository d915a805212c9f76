"""The public site (no login): search, company pages, publications and open data. Every answer is cacheable by
anyone (no session, no cookie, no CSRF token) and shows only what `public.py` makes public."""

from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from openvth.core import clock
from openvth.register.models import Company

from . import opendata, public
from .models import Publication

PUBLIC_MAX_AGE = 300  # seconds a browser or proxy may reuse a public page; a withdrawal shows within 5 minutes
RECENT = 10


def public_page(view):
    """GET/HEAD only, and cacheable by browsers and shared caches."""
    return require_safe(cache_control(public=True, max_age=PUBLIC_MAX_AGE)(view))


@public_page
def home(request):
    query = request.GET.get("q", "").strip()
    context = {
        "query": query,
        "results": public.search(query) if query else None,
        "recent": [public.publication_record(p) for p in public.publications()[:RECENT]],
    }
    return render(request, "disclosure/public/home.html", context)


@public_page
def company(request, pk: int):
    try:
        found = public.company(pk)
    except Company.DoesNotExist:
        raise Http404 from None
    context = {
        "company": found,
        "publications": public.company_publications(pk),
        "history": public.compliance_history(pk, today=clock.today()),
        "history_years": public.HISTORY_YEARS,
    }
    return render(request, "disclosure/public/company.html", context)


@public_page
def publication(request, pk: int):
    try:
        found = public.publication(pk)
    except Publication.DoesNotExist:
        raise Http404 from None
    return render(request, "disclosure/public/publication.html", {"publication": found})


@public_page
def open_data(request):
    context = {"fields": opendata.field_dictionary(), "count": public.publications().count()}
    return render(request, "disclosure/public/open_data.html", context)


@public_page
def field_dictionary(request):
    return JsonResponse({"fields": opendata.field_dictionary()})


@public_page
def download(request, fmt: str):
    records = public.publication_records()
    filename = f"publicaties.{fmt}"
    if fmt == "parquet":
        return FileResponse(
            opendata.parquet_file(records), filename=filename, content_type="application/vnd.apache.parquet"
        )
    chunks, content_type = {
        "csv": (opendata.csv_lines, "text/csv; charset=utf-8"),
        "json": (opendata.json_chunks, "application/json"),
    }[fmt]
    response = StreamingHttpResponse(chunks(records), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
