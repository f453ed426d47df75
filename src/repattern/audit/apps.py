from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "repattern.audit"
    label = "audit"
