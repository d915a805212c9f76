from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "openvth.quality"
    label = "quality"
    verbose_name = "Visitaties en ILT-onderzoeken"
