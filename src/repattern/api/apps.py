from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "repattern.api"
    label = "api"
    verbose_name = "API"
