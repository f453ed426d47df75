from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "repattern.evidence"
