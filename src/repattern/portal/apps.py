from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "repattern.portal"
    label = "portal"
