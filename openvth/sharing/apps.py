from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "openvth.sharing"
    label = "sharing"
    verbose_name = "Ketensamenwerking"
