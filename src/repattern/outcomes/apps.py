from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "repattern.outcomes"
    label = "outcomes"
