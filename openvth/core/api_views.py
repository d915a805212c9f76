"""The base of the API's record endpoints (kept apart from api.py, which DRF's settings import while DRF itself is
still loading; a viewset cannot be defined there)."""

from rest_framework import mixins, viewsets
from rest_framework.parsers import JSONParser


# The records of one kind: a list and a detail by numeric id; the bodies of its writes are JSON only. No docstring:
# an endpoint without its own would show the base's as its description in the schema.
class RecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    parser_classes = [JSONParser]
    lookup_value_regex = r"\d+"
