"""Every e-mail is logged, then sent by the worker after the change that asked for it has been
saved: once, even when asked for twice; never when the change was rolled back; and marked
failed, with the reason, when the mail server refuses it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test import Client as Browser

from repattern.outbox.models import Message
from repattern.outbox.send import LINK_REMOVED, deliver, send_message


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server said no")


def test_a_message_is_logged_then_sent_once_the_change_is_saved(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = deliver(kind="test", to="maria@example.com", subject="Hello", text="Hi Maria")
        assert mail.outbox == [], "nothing goes before the change is saved"
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.sent_at is not None
    (sent,) = mail.outbox
    assert sent.to == ["maria@example.com"] and sent.body == "Hi Maria"


def test_a_message_asked_for_twice_with_one_key_is_sent_once(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = deliver(kind="test", to="a@example.com", subject="s", text="t", key="k1")
        second = deliver(kind="test", to="a@example.com", subject="s", text="t", key="k1")
    assert first is not None and second is None
    assert Message.objects.count() == 1 and len(mail.outbox) == 1


def test_a_rolled_back_change_sends_nothing(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        deliver(kind="test", to="a@example.com", subject="s", text="t")
        raise RuntimeError("the change failed")
    assert Message.objects.count() == 0 and mail.outbox == []


def test_a_refused_message_is_tried_again_then_marked_failed_with_the_reason(
    db, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        message = deliver(kind="test", to="a@example.com", subject="s", text="t")
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED, "the worker tries again later"
    assert message.error == "ConnectionRefusedError: the mail server said no"
    with pytest.raises(ConnectionRefusedError):
        send_message.call_local(message.pk)  # the last try, with no retries left
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED


def test_a_sign_in_link_is_not_kept_in_the_log_once_sent(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = deliver(
            kind="test", to="a@example.com", subject="s", text="https://x/secret", holds_link=True
        )
    message.refresh_from_db()
    assert message.text == LINK_REMOVED and "secret" in mail.outbox[0].body


def test_a_password_reset_email_goes_through_the_outbox(
    alice, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "repattern.outbox.backend.QueuedBackend"
    with django_capture_on_commit_callbacks(execute=True):
        Browser().post("/accounts/password_reset/", {"email": "alice@example.com"})
    message = Message.objects.get()
    assert (message.kind, message.to, message.status) == ("account", "alice@example.com", "sent")
    assert message.text == LINK_REMOVED and "/accounts/reset/" in mail.outbox[0].body
