from django.apps import AppConfig


class CostsConfig(AppConfig):
    name = "openvth.costs"
    label = "costs"
    verbose_name = "Uren en kosten per taak (normfinanciering)"
