from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "repattern.research"
    label = "research"
