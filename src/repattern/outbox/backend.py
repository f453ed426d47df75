"""Django's e-mail backend for the app: each message goes to the outbox instead of the wire.

Password resets and invitations are sent by Django's own code through `EMAIL_BACKEND`; with this
backend they are logged and sent by the worker like every other message."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

from repattern.outbox.send import deliver


class QueuedBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queued = 0
        for email in email_messages:
            for to in email.recipients():
                deliver(
                    kind="account",
                    to=to,
                    subject=str(email.subject),
                    text=str(email.body),
                    holds_link=True,
                )
                queued += 1
        return queued
