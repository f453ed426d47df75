from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "repattern.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Connects the receiver that notes when a member signed in.
        from repattern.accounts import session_lifetime  # noqa: F401
