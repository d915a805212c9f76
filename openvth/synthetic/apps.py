from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "openvth.synthetic"
    label = "synthetic"
    verbose_name = "Synthetisch Nederland"
