"""The public site (no login): search, company pages, publications and open data. Every answer is cacheable by
anyone (no session, no cookie, no CSRF token) and shows only what `public.py` makes public.

Every answer comes from the shared cache while the public data are unchanged (`openvth.core.cache`: a publication
published or withdrawn retires every cached answer at once), with ETag and Last-Modified for conditional GETs; when
it is rendered, its reads may go to the read replica (`openvth.core.routers`)."""

import re

from django.http import FileResponse, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from openvth.core import clock
from openvth.core.cache import shared_cache
from openvth.core.pdf import render_pdf
from openvth.core.views import or_404
from openvth.rules.redaction_policy import WOO_GROUNDS

from . import diwoo, opendata, public
from .models import Publication

# seconds a browser or proxy may reuse a public page (the shared cache on the server forgets a withdrawn one at once)
PUBLIC_MAX_AGE = 300
RECENT = 10


def public_page(view):
    """GET/HEAD only, cacheable by browsers and shared caches, served from the server's shared cache."""
    return require_safe(shared_cache(cache_control(public=True, max_age=PUBLIC_MAX_AGE)(view)))


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
    found = or_404(public.company, pk)
    context = {
        "company": found,
        **public.company_publications(pk),
        "history": public.compliance_history(pk, today=clock.today()),
        "history_years": public.HISTORY_YEARS,
    }
    return render(request, "disclosure/public/company.html", context)


@public_page
def publication(request, pk: int):
    found = or_404(public.publication, pk)
    if found["kind"] == Publication.Kind.PERMIT:  # a released permit is read as it stood on a day: its own page
        return redirect("disclosure:public_permit", pk=found["establishment_id"])
    return render(request, "disclosure/public/publication.html", {"publication": found})


@public_page
def permit(request, pk: int):
    """The released permit of establishment `pk` as it stood on `?op=YYYY-MM-DD` (today when left out): nothing
    before its release or after its withdrawal (404); a malformed day, or one before its first decision, is a
    Dutch message (400)."""
    release = or_404(public.permit_release, pk)
    first = public.first_day(release)
    raw = request.GET.get("op", "").strip()
    context = {"release": public.publication_record(release), "first_day": first, "raw": raw, "error": ""}
    try:
        day = public.permit_day(raw, first, today=clock.today())
    except ValueError as error:
        context["error"] = str(error)
    else:
        context |= {"permit": public.permit_on(release, day), "day": day, "today": clock.today()}
    status = 400 if context["error"] else 200
    return render(request, "disclosure/public/permit.html", context, status=status)


# a removed passage in the public text: its Woo ground in square brackets, as `blacken` writes it ("[5.1.2e]")
REMOVED = re.compile(r"\[(5\.\d+\.\d+[a-z]?)\]")


def text_parts(public_text: str) -> list[tuple[str, bool]]:
    """The public text as (text, removed) parts: a removed part holds only its Woo ground, never the removed text."""
    parts = REMOVED.split(public_text)
    return [(part, index % 2 == 1) for index, part in enumerate(parts) if part]


@public_page
def publication_pdf(request, pk: int):
    """The published document on A4: each removed passage a black box with its Woo ground, nothing more."""
    found = or_404(public.publication, pk)
    parts = text_parts(found["public_text"])
    grounds = sorted({part for part, removed in parts if removed})
    context = {
        "publication": found,
        "meta": or_404(public.metadata, pk),
        "parts": parts,
        "grounds": [(code, WOO_GROUNDS.get(code, "")) for code in grounds],
    }
    pdf = render_pdf("disclosure/public/publication_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="publicatie-{pk}.pdf"'
    return response


def _pdf_location(request, pk: int) -> str:
    return request.build_absolute_uri(reverse("disclosure:public_publication_pdf", args=[pk]))


@public_page
def publication_diwoo(request, pk: int):
    """The DiWoo metadata of one publication (XML), for the national Woo index."""
    xml = diwoo.document_xml(or_404(public.metadata, pk))
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@public_page
def diwoo_sitemap(request):
    """Every published document with its DiWoo metadata, as a sitemap the Woo index harvests."""
    documents = ((_pdf_location(request, meta["id"]), meta) for meta in public.metadata_all())
    return HttpResponse(diwoo.sitemap_xml(documents), content_type="application/xml; charset=utf-8")


@public_page
def open_data(request):
    context = {
        "fields": opendata.field_dictionary(),
        "provision_fields": opendata.field_dictionary(opendata.PROVISION_FIELDS),
        "count": public.publications().count(),
        "permit_count": public.permits().count(),
    }
    return render(request, "disclosure/public/open_data.html", context)


@public_page
def field_dictionary(request):
    provisions = opendata.field_dictionary(opendata.PROVISION_FIELDS)
    return JsonResponse({"fields": opendata.field_dictionary(), "permit_provisions": provisions})


# the data sets of the open data: their file name, records and fields
DATASETS = {
    "publicaties": (public.publication_records, opendata.FIELDS),
    "vergunningvoorschriften": (public.provision_records, opendata.PROVISION_FIELDS),
}


@public_page
def download(request, fmt: str, dataset: str = "publicaties"):
    read, fields = DATASETS[dataset]
    records = read()
    filename = f"{dataset}.{fmt}"
    if fmt == "parquet":
        return FileResponse(
            opendata.parquet_file(records, fields), filename=filename, content_type="application/vnd.apache.parquet"
        )
    chunks, content_type = {
        "csv": (opendata.csv_lines, "text/csv; charset=utf-8"),
        "json": (opendata.json_chunks, "application/json"),
    }[fmt]
    response = StreamingHttpResponse(chunks(records, fields), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
