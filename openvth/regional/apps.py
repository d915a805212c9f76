from django.apps import AppConfig


class RegionalConfig(AppConfig):
    name = "openvth.regional"
    label = "regional"
    verbose_name = "Regionaal uitvoerings- en handhavingsprogramma"
