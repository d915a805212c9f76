"""What every form shares: the date field of the date picker, the file field of an upload, and a service's refusal
put on the form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# the browser's date picker sends ISO dates; people who type may use the Dutch order
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2025-03-31.")},
        **kwargs,
    )


# an uploaded file the services read whole (a CSV, a progress report): far more than any real one
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _not_too_large(upload) -> None:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Het bestand is groter dan 2 MB."))


def upload_field(label, **kwargs) -> forms.FileField:
    return forms.FileField(label=label, validators=[_not_too_large], **kwargs)


def add_service_errors(form: forms.Form, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Put the service's errors next to their fields; anything else above the form. A field the service names
    otherwise than the form goes by `aliases` (service name -> form field), else by the form's `service_aliases`."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    if aliases is None:
        aliases = getattr(form, "service_aliases", {})
    for field, messages in error.message_dict.items():
        target = aliases.get(field, field)
        form.add_error(target if target in form.fields else None, messages)
