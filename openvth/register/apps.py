from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "openvth.register"
    label = "register"
    verbose_name = "Register"
