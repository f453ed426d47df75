from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "repattern.accounts"
    label = "accounts"
