"""API conventions shared by every app: pagination and RFC 9457 problem details (NL API Design Rules)."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, pagination, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from openvth.rules.formats import FormatError

PROBLEM_CONTENT_TYPE = "application/problem+json"

_TITLES = {
    400: "Ongeldige invoer.",
    401: "Niet geauthenticeerd.",
    403: "Geen toegang.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Niet aanvaardbaar.",
    415: "Mediatype niet ondersteund.",
    429: "Te veel verzoeken.",
}


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_CONTENT_TYPE


def _invalid_params(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's nested error detail into the `invalid-params` member."""
    if isinstance(detail, dict):
        return [p for name, sub in detail.items() for p in _invalid_params(sub, f"{prefix}{name}.")]
    if isinstance(detail, list):
        if all(not isinstance(d, dict | list) for d in detail):
            return [{"name": prefix.rstrip(".") or "non_field_errors", "reason": str(d)} for d in detail]
        return [p for i, sub in enumerate(detail) for p in _invalid_params(sub, f"{prefix}{i}.")]
    return [{"name": prefix.rstrip(".") or "non_field_errors", "reason": str(detail)}]


def problem_exception_handler(exc, context):
    if isinstance(exc, FormatError):
        exc = exceptions.ValidationError({"non_field_errors": [str(exc)]})
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    problem = {
        "type": "about:blank",
        "title": _TITLES.get(code, "Fout."),
        "status": code,
        "instance": context["request"].path if context.get("request") else None,
    }
    if isinstance(exc, exceptions.ValidationError):
        problem["detail"] = "Een of meer velden zijn ongeldig."
        problem["invalid-params"] = _invalid_params(exc.detail)
    else:
        problem["detail"] = str(exc.detail) if hasattr(exc, "detail") else str(exc)
    problem_response = Response(problem, status=code, headers=dict(response.items()))
    problem_response.content_type = PROBLEM_CONTENT_TYPE
    return problem_response


__all__ = ["PROBLEM_CONTENT_TYPE", "Pagination", "ProblemJSONRenderer", "problem_exception_handler", "status"]
