"""API conventions shared by every app (NL API Design Rules): pagination with a `Link` header, RFC 9457 problem
details, the `API-Version` header and no trailing slashes."""

import copy
import json
import logging
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.views.csrf import csrf_failure as html_csrf_failure
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, pagination, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler

from openvth.core.inputs import check_date
from openvth.rules.formats import FormatError

PROBLEM_CONTENT_TYPE = "application/problem+json"

_TITLES = {
    400: "Ongeldige invoer.",
    401: "Niet geauthenticeerd.",
    403: "Geen toegang.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Niet aanvaardbaar.",
    409: "Conflict met de stand van het record.",
    413: "Verzoek te groot.",
    415: "Mediatype niet ondersteund.",
    429: "Te veel verzoeken.",
    500: "Serverfout.",
}
API_PREFIX = "/api/"
logger = logging.getLogger(__name__)


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "Het verzoek is groter dan de API aanneemt."
    default_code = "payload_too_large"


class Pagination(pagination.PageNumberPagination):
    """Numbered pages; `page` and `page_size` outside their bounds are a 400 naming the parameter (as the
    schema documents them), never silently clipped. A page past the last one is a 404.

    The count is bounded: at most `count_bound` matches are counted (a LIMIT-ed subquery, never a COUNT(*) over
    every trigram hit), and beyond the bound the answer is the bound with `count_exact` false. Whether another
    page exists is known from the page itself (page_size + 1 rows are read), so `next` is right at any depth; on
    the last page the count is known exactly without counting."""

    page_size_query_param = "page_size"
    max_page_size = 500
    max_page = 1_000_000
    count_bound = 10_000

    def get_page_size(self, request):
        return query_integer(request, self.page_size_query_param, 1, self.max_page_size) or self.page_size

    def get_page_number(self, request, paginator=None):
        return query_integer(request, self.page_query_param, 1, self.max_page) or 1

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        self.number = self.get_page_number(request)
        offset = (self.number - 1) * page_size
        rows = list(queryset[offset : offset + page_size + 1])
        if not rows and self.number > 1:
            raise exceptions.NotFound(self.invalid_page_message)
        self.more = len(rows) > page_size
        rows = rows[:page_size]
        seen = offset + len(rows)
        if not self.more:
            self.count = seen  # the last page: everything before it and on it, exact at any depth
        elif seen >= self.count_bound:
            self.count = self.count_bound + 1  # more than the bound exist: no need to count them
        else:
            self.count = self._bounded_count(queryset)
        self.count_exact = not self.more or self.count <= self.count_bound
        return rows

    def _bounded_count(self, queryset) -> int:
        """The number of matches up to one past the bound: ordering dropped so the LIMIT stops the scan early."""
        if isinstance(queryset, QuerySet):
            return queryset.order_by()[: self.count_bound + 1].count()
        return min(len(queryset), self.count_bound + 1)

    def get_paginated_response(self, data):
        next_link, previous_link = self.get_next_link(), self.get_previous_link()
        links = [f'<{url}>; rel="{rel}"' for url, rel in ((next_link, "next"), (previous_link, "prev")) if url]
        return Response(
            {
                "count": self.count if self.count_exact else self.count_bound,
                "count_exact": self.count_exact,
                "next": next_link,
                "previous": previous_link,
                "results": data,
            },
            headers={"Link": ", ".join(links)} if links else None,  # RFC 8288, the same pages as next and previous
        )

    def get_next_link(self):
        if not self.more:
            return None
        return replace_query_param(self.request.build_absolute_uri(), self.page_query_param, self.number + 1)

    def get_previous_link(self):
        if self.number == 1:
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "count_exact", "next", "previous", "results"]
        properties = response["properties"]
        properties["count"] = {
            "type": "integer",
            "minimum": 0,
            "example": 123,
            "description": f"The number of matches, counted up to {self.count_bound}: beyond it this is "
            f"{self.count_bound} and `count_exact` is false (follow `next` to read on); the last page counts exactly.",
        }
        properties["count_exact"] = {
            "type": "boolean",
            "example": True,
            "description": f"Whether `count` is the exact number of matches (false: more than {self.count_bound}).",
        }
        properties["next"]["description"] = "The next page; null on the last page."
        properties["previous"]["description"] = "The previous page; null on the first page."
        return response

    def get_schema_operation_parameters(self, view):
        bounds = {self.page_query_param: self.max_page, self.page_size_query_param: self.max_page_size}
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": bounds[parameter["name"]]}
        return parameters


def parse_input(view, serializer_class, *, partial: bool = False) -> dict:
    """The request body parsed by an input serializer (a 400 problem when it does not fit); the services judge it."""
    parsed = serializer_class(data=view.request.data, partial=partial, context=view.get_serializer_context())
    parsed.is_valid(raise_exception=True)
    return dict(parsed.validated_data)


def visible_record(queryset, pk, field: str, label: str):
    """The record `pk` of an input field among those the user may see (`queryset`); else a 400 naming the field
    (`label` is the Dutch name of the record), so a record of another organisation is as unknown as a missing one."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise DjangoValidationError({field: [f"Onbekende {label} ({pk})."]})
    return found


def query_integer(request, name: str, minimum: int, maximum: int) -> int | None:
    """A whole-number query parameter within its bounds (as the schema documents them); absent or empty: None.
    Anything else is a 400 naming the parameter, never ignored and never a number the database cannot hold."""
    text = request.query_params.get(name, "").strip()
    if not text:
        return None
    if not text.isdigit() or not minimum <= int(text) <= maximum:
        raise exceptions.ValidationError({name: [f"Geef een geheel getal van {minimum} tot {maximum}, niet '{text}'."]})
    return int(text)


def integer_parameter(name: str, minimum: int, maximum: int, description: str) -> OpenApiParameter:
    """The schema of a parameter read by `query_integer`."""
    return OpenApiParameter(name, {"type": "integer", "minimum": minimum, "maximum": maximum}, description=description)


class DateField(serializers.DateField):
    """A date of API input within the bounds every date input has (`openvth.core.inputs.check_date`);
    `historic=True` for register facts that may lie before 1990."""

    def __init__(self, *, historic: bool = False, **kwargs):
        self.historic = historic
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        try:
            return check_date(day, self.field_name, f"De datum '{self.field_name}'", historic=self.historic)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error.message_dict[self.field_name]) from None


# DRF's ModelSerializer with its fields built from the model once per class instead of for every instance (issue 19:
# mapping the model's fields, with their validators, took a quarter of an API detail answer). Each instance gets a deep
# copy of the class's prototype, as DRF gives each one a copy of its declared fields; what they are depends on Meta and
# the declarations alone, never on the instance or the request. (A comment: a docstring would become the description
# of every schema component.)
class ModelSerializer(serializers.ModelSerializer):
    def get_fields(self):
        prototype = type(self).__dict__.get("_field_prototype")
        if prototype is None:
            prototype = super().get_fields()
            type(self)._field_prototype = prototype
        return copy.deepcopy(prototype)


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_CONTENT_TYPE


def _invalid_params(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's nested error detail into the `invalid-params` member."""
    if isinstance(detail, dict):
        return [p for name, sub in detail.items() for p in _invalid_params(sub, f"{prefix}{name}.")]
    if isinstance(detail, list):
        if all(not isinstance(d, dict | list) for d in detail):
            return [_invalid_param(prefix, d) for d in detail]
        return [p for i, sub in enumerate(detail) for p in _invalid_params(sub, f"{prefix}{i}.")]
    return [_invalid_param(prefix, detail)]


def _invalid_param(prefix: str, detail) -> dict:
    return {
        "name": prefix.rstrip(".") or "non_field_errors",
        "code": getattr(detail, "code", None) or "invalid",
        "reason": str(detail),
    }


def _as_drf_exception(exc):
    """Errors raised by services and rules (Django's own) become the DRF exception with the same meaning."""
    if isinstance(exc, FormatError):
        return exceptions.ValidationError({"non_field_errors": [str(exc)]})
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        # keep the service's Dutch reason; an empty PermissionDenied gets DRF's default text
        return exceptions.PermissionDenied(str(exc) or None)
    return exc


def problem(code: int, detail: str, instance: str | None) -> dict:
    return {
        "type": "about:blank",
        "title": _TITLES.get(code, "Fout."),
        "status": code,
        "detail": detail,
        "instance": instance,
    }


def problem_exception_handler(exc, context):
    exc = _as_drf_exception(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    request = context.get("request")
    instance = request.path if request else None
    if request is not None:
        # a problem is JSON even for a browser that asked for the browsable HTML page
        request.accepted_renderer, request.accepted_media_type = ProblemJSONRenderer(), PROBLEM_CONTENT_TYPE
    if isinstance(exc, exceptions.ValidationError):
        body = problem(code, "Een of meer velden zijn ongeldig.", instance)
        body["invalid-params"] = _invalid_params(exc.detail)
    else:
        body = problem(code, str(exc.detail) if hasattr(exc, "detail") else str(exc), instance)
    problem_response = Response(body, status=code, headers=dict(response.items()))
    problem_response.content_type = PROBLEM_CONTENT_TYPE
    return problem_response


@csrf_exempt  # an unknown path is a 404 whatever the method, not a CSRF refusal
def not_found(request, *args, **kwargs):
    """Unknown paths under the API answer in problem+json too, not with the HTML 404 page."""
    body = problem(404, "Deze URL bestaat niet in de API.", request.path)
    return JsonResponse(body, status=404, content_type=PROBLEM_CONTENT_TYPE)


# API-48: the paths of v1 lost their trailing slash on this day; the slashed ones redirect for the rest of v1
SLASHED_PATHS_DEPRECATED = datetime(2026, 12, 7, tzinfo=UTC)


@csrf_exempt  # the redirect is no write; the path it points to checks CSRF
def without_trailing_slash(request, *args, **kwargs):
    """A path with a trailing slash (as v1 had them before API-48) answers 308 Permanent Redirect to the same path
    without it, query string kept; 308 keeps the method and the body. A `Deprecation` header (RFC 9745) says the
    slashed path is deprecated. A path that is not an endpoint without the slash either is a 404 problem."""
    target = request.path_info.rstrip("/")
    try:
        known = resolve(target).func not in (not_found, without_trailing_slash)
    except Resolver404:
        known = False
    if not known:
        return not_found(request)
    query = request.META.get("QUERY_STRING", "")
    location = escape_uri_path(request.path.rstrip("/")) + (f"?{iri_to_uri(query)}" if query else "")
    response = HttpResponsePermanentRedirect(location, preserve_request=True)
    response["Deprecation"] = f"@{int(SLASHED_PATHS_DEPRECATED.timestamp())}"
    return response


def problem_response(request, code: int, detail: str) -> JsonResponse:
    return JsonResponse(problem(code, detail, request.path), status=code, content_type=PROBLEM_CONTENT_TYPE)


def csrf_failure(request, reason: str = ""):
    """A refused CSRF check: problem+json under the API (a session client without the token), else Django's page."""
    if request.path.startswith(API_PREFIX):
        return problem_response(
            request, 403, "CSRF-controle mislukt: stuur het CSRF-token mee, of gebruik een token (Authorization)."
        )
    return html_csrf_failure(request, reason=reason)


NUL = "\x00"
JSON_BODY_METHODS = ("POST", "PUT", "PATCH")


def _nul_names(value, prefix: str = "") -> list[str]:
    """The dotted names of the texts in parsed JSON that hold a NUL character (key or value)."""
    if isinstance(value, str):
        return [prefix.rstrip(".") or "non_field_errors"] if NUL in value else []
    if isinstance(value, dict):
        found = [f"{prefix}{key}" for key in value if NUL in key]
        return found + [n for key, sub in value.items() for n in _nul_names(sub, f"{prefix}{key}.")]
    if isinstance(value, list):
        return [n for i, sub in enumerate(value) for n in _nul_names(sub, f"{prefix}{i}.")]
    return []


def _refuse_nul(request) -> JsonResponse | None:
    """A NUL character in the path, a query parameter or a JSON body is refused before any view sees it: PostgreSQL
    cannot store or compare it (a server error there, and on SQLite a record nobody can find)."""
    if NUL in request.path:
        return problem_response(request, 404, "Deze URL bestaat niet in de API.")
    names = [name for name, values in request.GET.lists() if NUL in name or any(NUL in v for v in values)]
    if not names and request.method in JSON_BODY_METHODS and "json" in request.content_type:
        try:
            names = _nul_names(json.loads(request.body))
        except RequestDataTooBig:
            return problem_response(request, 413, PayloadTooLarge.default_detail)
        except ValueError:
            return None  # not JSON: the view's parser answers that
    if not names:
        return None
    body = problem(400, "Een of meer velden zijn ongeldig.", request.path)
    reason = "Het teken NUL (\\x00) is niet toegestaan."
    body["invalid-params"] = [{"name": name, "code": "null_characters_not_allowed", "reason": reason} for name in names]
    return JsonResponse(body, status=400, content_type=PROBLEM_CONTENT_TYPE)


class ApiProblemMiddleware:
    """Whatever answers an error under /api/ before or outside DRF (Django's 400 for a body beyond
    DATA_UPLOAD_MAX_MEMORY_SIZE, a server error) answers in problem+json, never with an HTML page; input with a
    NUL character is refused here for every endpoint."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            refused = _refuse_nul(request)
            if refused is not None:
                return refused
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and "json" not in response.get("Content-Type", "")
        ):
            detail = _TITLES.get(response.status_code, "Fout.")
            return problem_response(request, response.status_code, detail)
        return response

    def process_exception(self, request, exception):
        if not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, RequestDataTooBig):
            return problem_response(request, 413, PayloadTooLarge.default_detail)
        logger.exception("Serverfout in de API: %s", request.path, exc_info=exception)
        return problem_response(request, 500, "Er ging iets mis aan onze kant; de fout is vastgelegd.")


class ApiVersionMiddleware:
    """API-57: every answer under /api/ (a problem and a redirect too) carries the full version of the API in the
    `API-Version` header: the OpenAPI document's `info.version` (SPECTACULAR_SETTINGS["VERSION"]), one number."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.version = settings.SPECTACULAR_SETTINGS["VERSION"]

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            response["API-Version"] = self.version
        return response
