from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "repattern.backups"
    label = "backups"
