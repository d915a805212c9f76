"""The main menu: the entries the user's role may use (openvth.core.menu), each with the count of its work as the
home page last read it."""

from django import template
from django.urls import reverse

from openvth.core.menu import entries_for
from openvth.core.pages import menu_counts

register = template.Library()


def _current(entry, match) -> bool:
    """The entry of the page shown: by url name ("ns:name"), route prefix ("ibp/") or namespace ("permits")."""
    if match is None:
        return False
    if ":" in entry.section:
        return f"{match.namespace}:{match.url_name}" == entry.section
    if entry.section.endswith("/"):
        return (match.route or "").startswith(entry.section)
    return match.namespace == entry.section


@register.inclusion_tag("core/_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    entries = entries_for(request.user)
    counts = menu_counts(request)
    match = request.resolver_match
    return {
        "items": [
            {"entry": entry, "url": reverse(entry.url_name), "current": _current(entry, match),
             "count": counts.get(entry.count, 0) if entry.count else None}
            for entry in entries
        ]
    }  # fmt: skip
