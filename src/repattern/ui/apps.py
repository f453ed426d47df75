from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "repattern.ui"
    label = "ui"
