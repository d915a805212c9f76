"""`{% establishment_cases establishment as cases %}`: the establishment's enforcement cases the user may see, for
the register's establishment page (templates/enforcement/_establishment_cases.html)."""

from django import template

from openvth.enforcement import selectors
from openvth.rules.enforcement import STATE_LABELS
from openvth.rules.lhso import INTERVENTION_LABELS

register = template.Library()


@register.simple_tag(takes_context=True)
def establishment_cases(context, establishment) -> list:
    found = list(selectors.establishment_cases(context["request"].user, establishment)[:20])
    for case in found:
        case.state_label = STATE_LABELS.get(case.state, case.state)
    return found


@register.filter
def intervention(code: str) -> str:
    """The Dutch name of an LHSO intervention code."""
    return INTERVENTION_LABELS.get(code, code)
