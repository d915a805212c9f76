"""OpenAPI documentation of the problem+json answers (kept apart from api.py, which DRF's settings import
while DRF itself is still loading)."""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, AllowAny

from openvth.core.api import _TITLES, PROBLEM_CONTENT_TYPE


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """Foutmelding volgens RFC 9457, zoals de NL API Design Rules die voorschrijven."""

    # documents the answers of problem_exception_handler; never used to parse or render

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()

    def get_fields(self):
        fields = super().get_fields()
        # the member name has a hyphen, which a declared attribute cannot
        fields["invalid-params"] = InvalidParamSerializer(many=True, required=False)
        return fields


PROBLEM_REF = "#/components/schemas/Problem"
VERSION_HEADER = "API-Version"
# the response headers every operation refers to (added to the document by `response_headers`)
HEADERS = {
    VERSION_HEADER: {
        "description": "De volledige versie van de API (semantic versioning), op elk antwoord (API-57).",
        "schema": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$", "example": "1.1.0"},
    },
    "Link": {
        "description": 'Links naar de volgende en vorige pagina (RFC 8288, rel="next" en rel="prev"), dezelfde als '
        "`next` en `previous`; ontbreekt bij één pagina.",
        "schema": {"type": "string", "example": '<https://example.org/api/v1/companies?page=2>; rel="next"'},
    },
}


class ProblemAutoSchema(AutoSchema):
    """Documents the problem+json answers an operation can give next to its success response, from what the view
    and the operation are: authentication and permissions (401, 403; CSRF is a 403 too), throttling (429), path
    parameters and paginated lists (404, also for a page out of range), input in the query or the body (400) and a
    request body (413 beyond the upload limit, 415 for another media type). A 405 is an answer to a method the
    operation does not have, so it is documented on none."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if _read_from_nullable(field):
            field.allow_null = True  # the schema's own instance of the field: the API's answers do not change
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is not None:
            responses = operation["responses"]
            for code, response in responses.items():  # a problem a view documents itself (409) is problem+json too
                content = response.get("content", {})
                if [body.get("schema") for body in content.values()] == [{"$ref": PROBLEM_REF}]:
                    response["content"] = {PROBLEM_CONTENT_TYPE: content.popitem()[1]}
                    response["description"] = response.get("description") or _TITLES[int(code)]
            for code in sorted(self._problem_codes(operation)):
                problem = self._get_response_for_code(ProblemSerializer, code, [PROBLEM_CONTENT_TYPE], "response")
                responses.setdefault(code, {**problem, "description": _TITLES[int(code)]})
            paged = self.method == "GET" and self._is_list_view() and self._get_paginator() is not None
            for code, response in responses.items():
                headers = response.setdefault("headers", {})
                headers[VERSION_HEADER] = {"$ref": f"#/components/headers/{VERSION_HEADER}"}
                if paged and code.startswith("2"):
                    headers["Link"] = {"$ref": "#/components/headers/Link"}
        return operation

    def _problem_codes(self, operation: dict) -> set[str]:
        codes = set()
        if self.view.get_authenticators():
            codes.add("401")
        if not all(isinstance(p, AllowAny) for p in self.view.get_permissions()) or self.method not in SAFE_METHODS:
            codes.add("403")
        if self.view.get_throttles():
            codes.add("429")
        paginated = self._is_list_view() and self._get_paginator() is not None
        if "{" in self.path or paginated:
            codes.add("404")
        has_body = "requestBody" in operation
        if self.method not in SAFE_METHODS or any(p["in"] == "query" for p in operation.get("parameters", [])):
            codes.add("400")  # bad input, or a write the record's state refuses
        if has_body:
            codes.update({"413", "415"})
        return codes


def _read_from_nullable(field) -> bool:
    """Whether a read-only field of a model serializer shows a value that may be missing: a nullable column, a
    relation on the way there that may be empty, or a reverse one-to-one that may not exist (DRF answers null)."""
    parent = getattr(field, "parent", None)
    if not field.read_only or field.allow_null or not isinstance(parent, serializers.ModelSerializer):
        return False
    if isinstance(field, serializers.ListSerializer | serializers.ManyRelatedField):
        return False
    model = parent.Meta.model
    for name in field.source_attrs:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False  # a property or method: its own type tells
        if not model_field.concrete:
            return model_field.one_to_one
        if model_field.null:
            return True
        if not model_field.is_relation:
            return False
        model = model_field.related_model
    return False


# the database's own integer range (SQLite: 64 bits for every integer field), not part of the API contract
_BACKEND_MAXIMA = {32767, 2147483647, 9223372036854775807}


def drop_backend_integer_bounds(result, generator, request, public):
    """The schema is the same on every database: drop maxima that only reflect the backend's integer width."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        for prop in schema.get("properties", {}).values():
            # an integer field, or a choice of integers (an enum under allOf) with the field's bounds beside it
            if (prop.get("type") == "integer" or "allOf" in prop) and prop.get("maximum") in _BACKEND_MAXIMA:
                prop.pop("maximum")
                prop.pop("format", None)
    return result


def response_headers(result, generator, request, public):
    """The headers the operations' responses refer to (`API-Version`, the pagination `Link`), once in components."""
    result.setdefault("components", {})["headers"] = HEADERS
    return result
