from django import template

from openvth.notifications import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in user's unread count for the bell in the page header."""
    user = getattr(context.get("request"), "user", None)
    return selectors.unread_count(user) if user is not None else 0
