from django.apps import AppConfig


class ProfessionConfig(AppConfig):
    name = "repattern.profession"
    label = "profession"
