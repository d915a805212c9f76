from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "openvth.webhooks"
    label = "webhooks"
    verbose_name = "Wijzigingsberichten (webhooks)"

    def ready(self) -> None:
        from . import producers

        producers.connect()
