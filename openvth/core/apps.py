from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "openvth.core"
    label = "core"
    verbose_name = "Kern"
