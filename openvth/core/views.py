"""What every page shares: records the user may not see do not exist for them; refusals become messages."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404


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
