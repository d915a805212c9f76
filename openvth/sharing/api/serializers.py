"""Representations of the chain dossier."""

from rest_framework import serializers


class SourceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class _Item(serializers.Serializer):
    id = serializers.IntegerField()
    source = SourceSerializer()
    shared = serializers.BooleanField()


class SharedEstablishmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kvk_vestigingsnummer = serializers.CharField()
    name = serializers.CharField()
    address = serializers.CharField()
    municipality = serializers.CharField(source="municipality.name")


class SharedInspectionSerializer(_Item):
    establishment_id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    planned_on = serializers.DateField(allow_null=True)
    performed_on = serializers.DateField(allow_null=True)


class SharedFindingSerializer(_Item):
    inspection_id = serializers.IntegerField()
    establishment_id = serializers.IntegerField(source="inspection.establishment_id")
    performed_on = serializers.DateField(source="inspection.performed_on", allow_null=True)
    provision_number = serializers.CharField()
    general_rule = serializers.CharField()
    consequences = serializers.IntegerField()
    description = serializers.CharField()


class SharedSanctionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    imposed_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class SharedEnforcementCaseSerializer(_Item):
    establishment_id = serializers.IntegerField()
    reference = serializers.CharField()
    state = serializers.CharField()
    opened_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    sanctions = SharedSanctionSerializer(many=True, source="sanctions.all")


class SharedPermitSerializer(_Item):
    establishment_id = serializers.IntegerField()
    reference = serializers.CharField()
    kind = serializers.CharField()
    decided_on = serializers.DateField()


class ChainDossierSerializer(serializers.Serializer):
    company = serializers.SerializerMethodField()
    purpose = serializers.CharField(source="purpose_code")
    read_on = serializers.DateField()
    since = serializers.DateField()
    access_log = serializers.IntegerField(source="log.pk")
    establishments = SharedEstablishmentSerializer(many=True)
    inspections = SharedInspectionSerializer(many=True)
    findings = SharedFindingSerializer(many=True)
    enforcement_cases = SharedEnforcementCaseSerializer(many=True)
    permits = SharedPermitSerializer(many=True)

    def get_company(self, dossier) -> dict:
        company = dossier.company
        return {"id": company.pk, "kvk_number": company.kvk_number, "name": company.name}
