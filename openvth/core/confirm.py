"""A confirmation before an irreversible step (issue 16, item 5).

A form of such a step carries data-confirm="<what it does>"; openvth.js asks that question and, confirmed, adds
bevestigd=ja to the form. The view of the step, after its own lookup and authorization, calls `rehearse(write)`
when the field is missing (no JavaScript, or a POST made by hand): the write runs and is rolled back, so that a
refusal answers with its own reason as before, and only a step that would be taken answers `confirmation_page(...)`
with the same question on a page of its own, the posted fields, a button that sends them again confirmed and a way
back. Nothing is written before the confirmed POST.
"""

from collections.abc import Callable

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render

FIELD = "bevestigd"
VALUE = "ja"


def confirmed(request) -> bool:
    return request.POST.get(FIELD) == VALUE


class _Rehearsed(Exception):
    """Raised inside the rehearsal's transaction to roll back what the write did."""


def rehearse(write: Callable[[], object]) -> None:
    """Run `write` and roll it back: its refusals (ValidationError, PermissionDenied) come out, nothing stays (and
    callbacks it registered with transaction.on_commit are dropped with the savepoint)."""
    try:
        with transaction.atomic():
            write()
            raise _Rehearsed
    except _Rehearsed:
        pass


def confirmation_page(request, *, question: str, button: str, back: str, danger: bool = False) -> HttpResponse:
    """The page that asks `question`; `button` sends the step, `back` is the address of the page it came from."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", FIELD)
        for value in values
    ]
    context = {
        "question": question,
        "button": button,
        "back": back,
        "fields": fields,
        "danger": danger,
        "action": request.get_full_path(),
        "field": FIELD,
        "value": VALUE,
    }
    return render(request, "confirm.html", context)
