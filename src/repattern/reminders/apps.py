from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "repattern.reminders"
    label = "reminders"
