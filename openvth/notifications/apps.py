from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "openvth.notifications"
    label = "notifications"
    verbose_name = "Notificaties"
