from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "openvth.supervision"
    label = "supervision"
    verbose_name = "Toezicht"
