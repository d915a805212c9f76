"""Numbers as the analysis pages show them: a share as a percentage, an absent figure as a dash."""

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def percent(value, digits: int = 0):
    """0.8125 -> "81 %" (Dutch decimal comma with digits); None -> "–"."""
    if value is None or value == "":
        return "–"
    return f"{floatformat(100 * value, digits)} %"


@register.filter
def number(value, digits: int = 0):
    if value is None or value == "":
        return "–"
    return floatformat(value, f"{digits}g")


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
