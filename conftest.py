"""The named characters (tests/characters.py) are shared by the unit and the browser tests."""

pytest_plugins = ["tests.characters"]


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def outbox_sends_to_memory(settings: pytest.FixtureRequest) -> None:
    """Queued e-mail runs at once in tests and lands in Django's `mail.outbox`; the tests of the
    worker itself start a real one (tests/outbox)."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
