from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "openvth.disclosure"
    label = "disclosure"
    verbose_name = "Openbaarheid"

    def ready(self):
        from . import public_cache  # noqa: F401  (connects the signals that renew the public cache's generation)
