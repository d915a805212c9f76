"""OpenAPI documentation of the problem+json answers (kept apart from api.py, which DRF's settings import
while DRF itself is still loading)."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from openvth.core.api import PROBLEM_CONTENT_TYPE


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


class ProblemAutoSchema(AutoSchema):
    """Documents the problem+json answers every endpoint can give next to its success response."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["401"]
        if self.method in ("POST", "PUT", "PATCH") or (self.method == "GET" and self._is_list_view()):
            codes.append("400")
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("403")
        if "{" in self.path:
            codes.append("404")
        for code in sorted(codes):
            responses.setdefault(
                code, self._get_response_for_code(ProblemSerializer, code, [PROBLEM_CONTENT_TYPE], direction)
            )
        return responses


# the database's own integer range (SQLite: 64 bits for every integer field), not part of the API contract
_BACKEND_MAXIMA = {32767, 2147483647, 9223372036854775807}


def drop_backend_integer_bounds(result, generator, request, public):
    """The schema is the same on every database: drop maxima that only reflect the backend's integer width."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        for prop in schema.get("properties", {}).values():
            if prop.get("type") == "integer" and prop.get("maximum") in _BACKEND_MAXIMA:
                prop.pop("maximum")
                prop.pop("format", None)
    return result
