"""The worker's daily job for the profession: certification deadline reminders."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from repattern.profession.reminders import certification_reminders_send


@db_periodic_task(crontab(hour="7", minute="0"))
def certification_reminders() -> int:
    return certification_reminders_send(timezone.localdate())
