"""`{% establishment_cases establishment as cases %}`: the establishment's enforcement cases the user may see, for
the register's establishment page (templates/enforcement/_establishment_cases.html)."""

from django import template

from openvth.enforcement import selectors
from openvth.enforcement.models import TermUnit
from openvth.rules import enforcement_events as events
from openvth.rules.enforcement import CLOSE, CLOSED, DWANGSOM_KINDS, ROUTES, STATE_LABELS
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


SINGULAR = {"days": "dag", "weeks": "week", "months": "maand"}


@register.filter
def term(data) -> str:
    """A stored term ({"amount": 2, "unit": "weeks"}, or a sanction's) in Dutch: "2 weken", "1 week"."""
    amount, unit = (data["amount"], data["unit"]) if isinstance(data, dict) else (data.term_amount, data.term_unit)
    return f"{amount} {SINGULAR[unit] if amount == 1 else TermUnit(unit).label}"


@register.filter
def dwangsom_kind(code: str) -> str:
    return DWANGSOM_KINDS.get(code, code)


@register.simple_tag
def ending_steps(deadline) -> list[tuple[str, str]]:
    """The steps of the case's current state that end this running term, as (event, label): the term is handled
    only by such a step (closing the case ends every term and is not named)."""
    case = deadline.case
    if deadline.done_on is not None or case.state == CLOSED or case.state not in ROUTES.get(case.route, {}):
        return []
    return [
        (event, events.label(event))
        for event in ROUTES[case.route][case.state]
        if event != CLOSE and deadline.code in events.spec(event).ends
    ]
