"""No page template holds inline script or style, which the Content-Security-Policy would block (issue 14): no
<script> without src, no <style> block, no style= attribute, no on…= handler or hx-on, no javascript: URL. Only
templates rendered to PDF by WeasyPrint on the server (where no policy applies) keep their styles."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from openvth.monitoring import charts

OPENVTH = Path(__file__).resolve().parents[2]
PDF_ONLY = {  # rendered by openvth.core.pdf.render_pdf only, never answered as a page
    "templates/pdf_base.html",
    "monitoring/templates/monitoring/report_print.html",
    "monitoring/templates/monitoring/staat.html",
    "supervision/templates/supervision/inspections/report_pdf.html",
    "permits/templates/permits/permit_pdf.html",
    "enforcement/templates/enforcement/letter_pdf.html",
}
TAG = r"<[a-zA-Z][^<>]*"  # inside an HTML start tag (template tags hold no '<')
INLINE = {
    "a <script> without src": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "a <style> block": re.compile(r"<style[\s>]", re.IGNORECASE),
    "a style= attribute": re.compile(TAG + r"\sstyle\s*=", re.IGNORECASE),
    "an on…= event handler": re.compile(TAG + r"\son[a-z]+\s*=", re.IGNORECASE),
    "an hx-on attribute": re.compile(TAG + r"\s(data-)?hx-on", re.IGNORECASE),
    "a javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}
TEMPLATES = sorted(
    str(path.relative_to(OPENVTH))
    for path in OPENVTH.glob("**/templates/**/*.html")
    if ".venv" not in path.parts and "tests" not in path.parts
)


def inline_code(text: str) -> list[str]:
    return [what for what, pattern in INLINE.items() if pattern.search(text)]


def test_the_pdf_only_templates_exist():
    assert set(TEMPLATES) >= PDF_ONLY


@pytest.mark.parametrize("name", [name for name in TEMPLATES if name not in PDF_ONLY])
def test_a_page_template_holds_no_inline_script_or_style(name):
    assert inline_code((OPENVTH / name).read_text()) == []


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<script src="/static/js/htmx.js" defer></script>', []),
        ("<script>alert(1)</script>", ["a <script> without src"]),
        ("<style>p { color: red }</style>", ["a <style> block"]),
        ('<col style="width: 27%">', ["a style= attribute"]),
        ('<form method="post" onsubmit="return confirm(\'x\')">', ["an on…= event handler"]),
        ('<button hx-on:click="go()">', ["an hx-on attribute"]),
        ("<p>Stijl van de ondernemer, online = vandaag</p>", []),
        ('<form data-confirm="Verwijderen?">', []),
    ],
)
def test_the_scan_finds_what_it_names(html, found):
    assert inline_code(html) == found


def test_server_drawn_charts_carry_no_style_attribute():
    svg = charts.bar_chart("Naleving", [("Omgevingsdienst A", 81.5), ("Omgevingsdienst B", 64.0)], unit="%")
    assert "<svg" in svg and inline_code(svg) == []


@pytest.mark.parametrize(
    "name",
    ["core:home", "core:search", "register:search", "monitoring:staat", "monitoring:dashboard", "supervision:calendar"],
)
def test_staff_pages_as_served_hold_no_inline_code(client, member, name):
    client.force_login(member)
    response = client.get(reverse(name))
    assert response.status_code == 200 and inline_code(response.content.decode()) == []


@pytest.mark.parametrize("name", ["login", "supervision:complaint_public", "disclosure:public_home"])
def test_public_pages_as_served_hold_no_inline_code(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200 and inline_code(response.content.decode()) == []
