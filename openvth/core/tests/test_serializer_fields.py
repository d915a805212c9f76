"""The API's ModelSerializer builds its fields from the model once per class (issue 19) and still gives every
instance fields of its own."""

from unittest import mock

import pytest
from rest_framework import serializers

from openvth.core.api import ModelSerializer
from openvth.register.models import Organisation


def organisation_serializer():
    # a class of its own per test: the prototype is kept on the class
    class OrganisationSerializer(ModelSerializer):
        province = serializers.SlugRelatedField(slug_field="code", read_only=True)

        class Meta:
            model = Organisation
            fields = ["id", "code", "name", "kind", "province"]

    return OrganisationSerializer


def test_the_model_fields_are_mapped_once_per_class():
    serializer_class = organisation_serializer()
    build_field = mock.Mock(wraps=serializers.ModelSerializer.build_field)
    with mock.patch.object(serializers.ModelSerializer, "build_field", lambda self, *args: build_field(self, *args)):
        for _ in range(3):
            assert list(serializer_class().fields) == ["id", "code", "name", "kind", "province"]
        assert build_field.call_count == 4  # id, code, name, kind: the declared province is not built


def test_every_instance_has_fields_of_its_own():
    serializer_class = organisation_serializer()
    first, second = serializer_class(), serializer_class()
    for name in ("code", "province"):
        assert first.fields[name] is not second.fields[name]
        assert first.fields[name].parent is first and second.fields[name].parent is second
    first.fields["code"].read_only = True
    assert not second.fields["code"].read_only
    assert not serializer_class().fields["code"].read_only


@pytest.mark.django_db
def test_validation_is_the_same_as_without_the_prototype():
    serializer_class = organisation_serializer()
    serializer_class()  # builds the prototype
    refused = serializer_class(data={"code": "x" * 300, "name": "", "kind": "nonsense"})
    assert not refused.is_valid()
    assert set(refused.errors) == {"code", "name", "kind"}
