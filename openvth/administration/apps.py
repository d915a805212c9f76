from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "openvth.administration"
    label = "administration"
    verbose_name = "Beheer"
