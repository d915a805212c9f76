from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "openvth.enforcement"
    label = "enforcement"
    verbose_name = "Handhaving"
