"""Sending an e-mail: logged, then handed to the worker once the transaction that asked for it
has committed, so a request never waits on the mail server and a rolled-back change sends
nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.message import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from huey.contrib.djhuey import db_task

from repattern.accounts.models import Clinic
from repattern.clients.models import Client
from repattern.outbox.models import Message

LINK_REMOVED = "(Removed once sent: it held a personal link.)"


def deliver(
    *,
    kind: str,
    to: str,
    subject: str,
    text: str,
    clinic: Clinic | None = None,
    client: Client | None = None,
    key: str | None = None,
    holds_link: bool = False,
) -> Message | None:
    """Queue an e-mail; None when a message with this `key` was queued before.

    A message that `holds_link` (a sign-in or reset link) keeps its text only until it is sent,
    so the log never holds a working link."""
    try:
        with transaction.atomic():
            message = Message.objects.create(
                kind=kind,
                key=key,
                clinic=clinic,
                client=client,
                to=to,
                subject=subject,
                text=text,
                holds_link=holds_link,
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: send_message(message.pk))
    return message


@db_task(retries=3, retry_delay=60, context=True)
def send_message(message_id: int, task: Any = None) -> None:
    """In the worker: send it through the configured mail backend, and log how it went."""
    message = Message.objects.filter(pk=message_id, status=Message.Status.QUEUED).first()
    if message is None:
        return
    try:
        with get_connection(settings.OUTBOX_EMAIL_BACKEND) as connection:
            EmailMessage(
                message.subject,
                message.text,
                settings.DEFAULT_FROM_EMAIL,
                [message.to],
                connection=connection,
            ).send()
    except Exception as problem:
        message.error = f"{type(problem).__name__}: {problem}"[:500]
        if task is None or not task.retries:
            message.status = Message.Status.FAILED
        message.save(update_fields=["error", "status"])
        raise
    message.status, message.sent_at, message.error = Message.Status.SENT, timezone.now(), ""
    if message.holds_link:
        message.text = LINK_REMOVED
    message.save(update_fields=["status", "sent_at", "error", "text"])
