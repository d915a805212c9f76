from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "openvth.disclosure"
    label = "disclosure"
    verbose_name = "Openbaarheid"
