from django.apps import AppConfig


class ReadingsConfig(AppConfig):
    name = "repattern.readings"
    label = "readings"
