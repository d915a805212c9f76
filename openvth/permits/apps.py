from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "openvth.permits"
    label = "permits"
    verbose_name = "Vergunningen"
