from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "openvth.jobs"
    label = "jobs"
    verbose_name = "Achtergrondtaken"
