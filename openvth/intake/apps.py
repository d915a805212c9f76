from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "openvth.intake"
    label = "intake"
    verbose_name = "Intake DSO"
