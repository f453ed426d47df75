"""Deadline reminders go out by e-mail through the outbox, once each."""

from __future__ import annotations

from typing import Any

from repattern.outbox.models import Message
from repattern.profession.reminders import certification_reminders_send
from repattern.profession.rules import REMINDER_DAYS
from repattern.profession.tasks import certification_reminders


def test_a_reminder_goes_30_days_before_the_on_time_deadline_once(level_one: Any):
    day = level_one.deadlines.on_time_until
    before = day.fromordinal(day.toordinal() - REMINDER_DAYS[0])
    assert certification_reminders_send(before) == 1
    assert certification_reminders_send(before) == 0
    message = Message.objects.get(kind="certification_reminder")
    assert message.to == "alice@example.com" and "Level 1: Certify by" in message.subject


def test_no_reminder_on_an_ordinary_day(level_one: Any):
    assert certification_reminders_send(level_one.course_date) == 0


def test_a_certified_level_is_not_reminded(submitted: Any):
    day = submitted.deadlines.on_time_until
    assert certification_reminders_send(day.fromordinal(day.toordinal() - 7)) == 0


def test_the_worker_runs_the_reminders_each_day(level_one: Any):
    assert certification_reminders.call_local() == 0
