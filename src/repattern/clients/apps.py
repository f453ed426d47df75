from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "repattern.clients"
    label = "clients"
