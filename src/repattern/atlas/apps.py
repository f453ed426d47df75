from django.apps import AppConfig


class AtlasConfig(AppConfig):
    name = "repattern.atlas"
    label = "atlas"
