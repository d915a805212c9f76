"""What every page shares: records the user may not see do not exist for them; refusals become messages; a form's
step through a service (`run_service`; `run_button` for a form posted from another page, `run_posted_form` for a
page with several forms)."""

from collections.abc import Callable
from typing import Any, NamedTuple

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from .confirm import confirmation_page, confirmed, rehearse
from .forms import add_service_errors


def htmx_fragment(request) -> bool:
    """htmx asks for a part of the page (a history restore wants the whole page); a view that answers either way
    varies on the HX-Request header."""
    return request.headers.get("HX-Request") == "true" and "HX-History-Restore-Request" not in request.headers


def or_404(read, *args):
    """Read through a selector; 404, never 403, for what the user may not see (no leaking of identities)."""
    try:
        return read(*args)
    except ObjectDoesNotExist:
        raise Http404 from None


def flash_errors(request, error) -> None:
    """A service's refusal (ValidationError or PermissionDenied) as one error message per Dutch sentence."""
    for message in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, message)


def flash_form_errors(request, form) -> None:
    """A form posted from another page (a button, a row of a table): its errors as messages on that page."""
    flash_errors(request, ValidationError([message for errors in form.errors.values() for message in errors]))


def run_service(
    request,
    form,
    call: Callable[[], Any],
    *,
    redirect_to,
    success_message: str | Callable[[Any], str | None] | None = None,
    denied: bool = False,
    confirm: dict | None = None,
) -> HttpResponse | None:
    """The write of a posted step: `call()` runs the service; done, `success_message` (a text, or made from what
    the service returned) and a redirect to `redirect_to` (anything `redirect()` takes, or made from what the
    service returned).

    A refusal (ValidationError; with `denied` also PermissionDenied, else that one stays a 403) goes on `form`
    (`add_service_errors`: per field where the service names one, else above the form) and the answer is None:
    the view shows the form again. Without a form (a button posted from another page) the refusal becomes
    messages and the answer is the same redirect, which then cannot depend on the service's result.

    With `confirm` (the arguments of core.confirm.confirmation_page) a POST without bevestigd=ja rehearses the
    call and, when nothing refuses, answers the confirmation page instead; nothing is written before that."""
    refusals = (ValidationError, PermissionDenied) if denied else ValidationError
    try:
        if confirm is not None and not confirmed(request):
            rehearse(call)
            return confirmation_page(request, **confirm)
        result = call()
    except refusals as error:
        if form is None:
            flash_errors(request, error)
            return redirect(redirect_to)
        if not isinstance(error, ValidationError):
            error = ValidationError(str(error))
        add_service_errors(form, error)
        return None
    text = success_message(result) if callable(success_message) else success_message
    if text:
        messages.success(request, text)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def run_button(
    request,
    form,
    write: Callable[..., Any],
    *,
    back,
    redirect_to=None,
    success_message: str | Callable[[Any], str | None] | None = None,
    denied: bool = False,
) -> HttpResponse:
    """A form posted from another page (a button, a row of a table) through `run_form`. Not valid, or refused by
    the service, its errors become messages on that page (`back`); done, `success_message` and a redirect to
    `redirect_to` (made from what the service returned when callable; `back` without it)."""
    done = run_form(
        request,
        form,
        write,
        redirect_to=back if redirect_to is None else redirect_to,
        success_message=success_message,
        denied=denied,
    )
    if done is None:
        flash_form_errors(request, form)
        return redirect(back)
    return done


def run_form(request, form, write: Callable[..., Any], **kwargs) -> HttpResponse | None:
    """`run_service` for a posted form: when it is valid, `write(**form.cleaned_data)`; None for a form that is not
    posted or not valid (the view shows it again)."""
    if not form.is_valid():
        return None
    return run_service(request, form, lambda: write(**form.cleaned_data), **kwargs)


class FormStep(NamedTuple):
    """One of the forms of a page: `make(data)` makes it (unbound for None), `write(**cleaned_data)` runs its
    service, `success_message` is said when that is done."""

    make: Callable[[Any], forms.Form]
    write: Callable[..., Any]
    success_message: str


def run_posted_form(
    request, steps: dict[str, FormStep], *, redirect_to
) -> tuple[dict[str, forms.Form], HttpResponse | None]:
    """A page with several forms, each under its name in the template's context. On a POST the form it carries
    (told by the prefix of its fields; the last one otherwise) is bound and runs through `run_form`. Answers the
    forms, and the redirect when the service is done."""
    made = {name: step.make(None) for name, step in steps.items()}
    if request.method != "POST":
        return made, None
    posted = next(
        (
            name
            for name, form in made.items()
            if form.prefix and any(key.startswith(f"{form.prefix}-") for key in request.POST)
        ),
        list(steps)[-1],
    )
    step = steps[posted]
    made[posted] = step.make(request.POST)
    return made, run_form(
        request, made[posted], step.write, success_message=step.success_message, redirect_to=redirect_to
    )
