from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "repattern.programs"
    label = "programs"
