from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "openvth.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"
