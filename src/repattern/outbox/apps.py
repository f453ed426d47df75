from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "repattern.outbox"
    label = "outbox"
