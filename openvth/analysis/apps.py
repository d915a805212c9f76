from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "openvth.analysis"
    label = "analysis"
    verbose_name = "Analyse: vergunningprognose en uniform handhaven"
