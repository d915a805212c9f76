from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "openvth.audit"
    label = "audit"
    verbose_name = "Raadplegen van persoonsgegevens"
