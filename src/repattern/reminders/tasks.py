"""The worker's clock: every minute it sends the reminders that have come due (due.py)."""

from __future__ import annotations

from datetime import datetime

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from repattern.reminders.due import reminders_send


@db_periodic_task(crontab(minute="*"))
def reminders_every_minute() -> None:
    reminders_send()


@db_task()
def reminders_scan(at: str | None = None) -> int:
    """One scan on demand, as at `at` (an ISO time) if given; how many reminders it queued."""
    return len(reminders_send(datetime.fromisoformat(at) if at else None))
