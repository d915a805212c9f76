from django.apps import AppConfig


class CapacityConfig(AppConfig):
    name = "openvth.capacity"
    label = "capacity"
    verbose_name = "Capaciteit en kwaliteitscriteria"
