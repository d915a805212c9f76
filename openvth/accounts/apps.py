from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "openvth.accounts"
    label = "accounts"
    verbose_name = "Gebruikers"

    def ready(self):
        from . import signals  # noqa: F401
