"""Letters, reports and permits as PDF: a Django template rendered by WeasyPrint (A4, running header, page numbers)."""

from django.template.loader import render_to_string
from weasyprint import HTML


def render_pdf(template_name: str, context: dict) -> bytes:
    # the template carries its own styles: nothing is fetched while rendering
    return HTML(string=render_to_string(template_name, context)).write_pdf()
