"""Reminders go at the right time, once each, with the clock moved by the test: appointments a
day before (or at the time chosen for one), home exercises at the client's time on days they
have marked nothing, and the practitioner hears once per quiet spell of a home program."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail

from repattern.outbox.models import Message
from repattern.programs.services import adherence_log
from repattern.reminders.due import reminders_send
from repattern.reminders.services import reminder_set, reminders_update
from tests.reminders.conftest import local

MINUTE = timedelta(minutes=1)


@pytest.fixture
def scan(django_capture_on_commit_callbacks):
    """Run the scan as at a moment; the subjects of the e-mails it sent."""

    def at(moment: datetime) -> list[str]:
        before = len(mail.outbox)
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            reminders_send()
        return [m.subject for m in mail.outbox[before:]]

    return at


def test_an_appointment_reminder_goes_a_day_before_and_once(appointment, scan):
    day_before = appointment.starts_at - timedelta(hours=24)
    assert scan(day_before - MINUTE) == []
    assert scan(day_before) == [
        f"Reminder: your appointment on {appointment.starts_at:%A} at 15:00"
    ]
    assert scan(day_before + MINUTE) == [], "the second scan finds it sent"
    assert scan(appointment.starts_at + MINUTE) == []
    (sent,) = mail.outbox
    assert sent.to == ["maria@example.com"] and "/reminders/stop/" in sent.body
    assert Message.objects.get().kind == "appointment"


def test_a_moved_appointment_is_reminded_of_again_at_its_new_time(appointment, scan, alice):
    from repattern.treatment.services import appointment_reschedule

    assert len(scan(appointment.starts_at - timedelta(hours=23))) == 1
    later = appointment.starts_at + timedelta(days=1)
    appointment_reschedule(
        appointment=appointment, starts_at=later, duration_minutes=60, reason="asked", by=alice
    )
    assert scan(later - timedelta(hours=23)) == [
        f"Reminder: your appointment on {later:%A} at 15:00"
    ]


def test_a_cancelled_appointment_is_not_reminded_of(appointment, scan, alice):
    from repattern.treatment.services import appointment_cancel

    appointment_cancel(appointment=appointment, reason="ill", by=alice)
    assert scan(appointment.starts_at - timedelta(hours=1)) == []


def test_an_appointment_reminder_goes_at_the_time_chosen_for_it(appointment, scan, alice):
    two_hours_before = appointment.starts_at - timedelta(hours=2)
    reminder_set(appointment=appointment, remind_at=two_hours_before, user=alice)
    assert scan(appointment.starts_at - timedelta(hours=23)) == []
    assert len(scan(two_hours_before)) == 1


def test_an_appointment_moved_to_before_its_chosen_reminder_time_is_reminded_of_as_usual(
    appointment, scan, alice
):
    from repattern.treatment.services import appointment_reschedule

    reminder_set(
        appointment=appointment, remind_at=appointment.starts_at - timedelta(hours=1), user=alice
    )
    earlier = appointment.starts_at - timedelta(hours=5)
    appointment_reschedule(
        appointment=appointment, starts_at=earlier, duration_minutes=60, reason="asked", by=alice
    )
    assert len(scan(earlier - timedelta(hours=23))) == 1


def test_home_exercises_are_reminded_of_at_six_on_a_day_with_nothing_marked(program, scan):
    assert scan(local(1, time(17, 59))) == []
    assert scan(local(1, time(18, 0))) == ["A reminder of your home exercises"]
    assert scan(local(1, time(18, 30))) == [], "once a day"
    assert scan(local(2, time(18, 1))) == ["A reminder of your home exercises"]
    assert "/reminders/stop/" in mail.outbox[0].body


def test_home_exercises_are_reminded_of_at_the_time_the_client_chose(program, maria, scan):
    reminders_update(
        client=maria, actor="client", appointments=True, exercises=True, exercise_time=time(7, 30)
    )
    assert scan(local(1, time(7, 29))) == []
    assert len(scan(local(1, time(7, 30)))) == 1


def test_no_exercise_reminder_on_a_day_something_was_marked_done(program, scan):
    key, noon = program.current().exercises.first().key, local(1, time(12, 0))
    with time_machine.travel(noon, tick=False):
        adherence_log(program=program, key=key, day=noon.date(), pain=None, entered_by="client")
    assert scan(local(1, time(18, 0))) == []


def test_no_exercise_reminder_once_the_program_has_ended(program, alice, scan):
    from repattern.programs.services import program_end

    program_end(program=program, user=alice)
    assert scan(local(1, time(18, 0))) == []


def test_the_time_of_day_is_the_clinics(program, maria, scan, settings):
    settings.TIME_ZONE = "America/New_York"
    # 18:00 in New York is 23:00 UTC in December (22:00 in summer): local() knows which.
    six_pm = local(1, time(18, 0))
    assert six_pm.astimezone(UTC).hour in (22, 23)
    assert scan(six_pm - MINUTE) == []
    assert len(scan(six_pm)) == 1


def test_a_client_who_turned_reminders_off_gets_none(appointment, program, maria, scan):
    reminders_update(client=maria, actor="client", appointments=False, exercises=False)
    assert scan(appointment.starts_at - timedelta(hours=23)) == []
    assert scan(local(1, time(18, 0))) == []


def test_a_client_without_an_email_address_gets_none(appointment, program, maria, scan):
    maria.email = ""
    maria.save()
    assert scan(appointment.starts_at - timedelta(hours=23)) == []
    assert scan(local(1, time(18, 0))) == []


def test_the_practitioner_hears_once_when_a_program_has_gone_quiet_for_three_days(program, scan):
    assert [s for s in scan(local(2, time(9, 0))) if "Maria" in s] == []
    (quiet,) = [s for s in scan(local(3, time(9, 0))) if "Maria" in s]
    assert quiet == "Maria Lopez has marked no home exercises for 3 days"
    assert [s for s in scan(local(4, time(9, 0))) if "Maria" in s] == [], "once per quiet spell"
    message = Message.objects.get(kind="quiet_program")
    assert message.to == "alice@example.com" and message.client_id == program.client_id


def test_a_new_quiet_spell_is_told_again(program, scan):
    scan(local(3, time(9, 0)))
    key = program.current().exercises.first().key
    day = local(4, time(12, 0))
    with time_machine.travel(day, tick=False):
        adherence_log(program=program, key=key, day=day.date(), pain=None, entered_by="client")
    assert [s for s in scan(local(6, time(9, 0))) if "Maria" in s] == []
    assert [s for s in scan(local(7, time(9, 0))) if "Maria" in s] == [
        "Maria Lopez has marked no home exercises for 3 days"
    ]


def test_the_worker_scans_every_minute():
    from huey.contrib.djhuey import HUEY

    from repattern.reminders.tasks import reminders_every_minute

    assert "repattern.reminders.tasks.reminders_every_minute" in HUEY._registry._registry
    moments = [datetime(2026, 12, 1, 9, m, tzinfo=UTC) for m in (0, 1, 37, 59)]
    assert all(reminders_every_minute.task_class().validate_datetime(m) for m in moments)


def test_the_stop_link_in_a_reminder_stops_that_kind_only(program, maria, scan):
    import re
    from urllib.parse import urlsplit

    from django.test import Client as Browser

    from repattern.reminders.services import reminder_choices_of

    assert scan(local(1, time(18, 0))) == ["A reminder of your home exercises"]
    (link,) = re.findall(r"https?://\S+/reminders/stop/\S+/", mail.outbox[0].body)
    assert Browser().post(urlsplit(link).path).status_code == 200
    assert scan(local(2, time(18, 0))) == [], "no more exercise reminders"
    assert reminder_choices_of(maria).appointments, "appointment reminders stay on"
