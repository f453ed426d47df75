from django.apps import AppConfig


class TreatmentConfig(AppConfig):
    name = "repattern.treatment"
    label = "treatment"
