"""The stop link in every reminder turns its kind off without signing in, after a confirmation;
a changed link says so. Staff choose when an appointment's reminder goes, never in the past. The
owner reads what was sent, to whom and how it went; each reading is audited, and each clinic
sees only its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as Browser
from django.utils import timezone

from repattern.audit.models import AuditAction, AuditEvent
from repattern.outbox.models import Message
from repattern.outbox.send import deliver
from repattern.reminders.links import stop_token
from repattern.reminders.models import AppointmentReminder
from repattern.reminders.services import (
    practitioner_choices_of,
    reminder_choices_of,
    reminder_set,
)


def stop_page(kind: str, whose: int) -> str:
    return f"/reminders/stop/{stop_token(kind, whose)}/"


def test_the_stop_link_asks_first_then_turns_that_kind_off(maria):
    browser = Browser()
    page = browser.get(stop_page("exercises", maria.pk))
    assert page.status_code == 200 and "Stop home exercise reminders?" in page.text
    assert reminder_choices_of(maria).exercises, "opening the link alone changes nothing"
    done = browser.post(stop_page("exercises", maria.pk))
    assert "Done: no more home exercise reminders" in done.text
    choices = reminder_choices_of(maria)
    assert (choices.exercises, choices.appointments) == (False, True)
    event = AuditEvent.objects.filter(action=AuditAction.REMINDERS_UPDATE).get()
    assert event.client_id == maria.pk and "by the link in a reminder e-mail" in event.actor


def test_the_practitioners_stop_link_turns_off_the_quiet_program_emails_and_on_again(alice):
    membership = alice.memberships.get()
    stopped = Browser().post(stop_page("quiet", membership.pk))
    assert "Turn them on again" in stopped.text
    assert practitioner_choices_of(membership).quiet_clients is False
    again = Browser().post(stop_page("quiet", membership.pk), {"again": "on"})
    assert "are on again" in again.text
    assert practitioner_choices_of(membership).quiet_clients is True


@pytest.mark.parametrize(
    "change",
    [lambda t: t[:-2] + ("AA" if t[-2:] != "AA" else "BB"), lambda t: t[:20], lambda t: "x"],
)
def test_a_changed_stop_link_says_it_does_not_work_and_changes_nothing(maria, change):
    broken = f"/reminders/stop/{change(stop_token('appointments', maria.pk))}/"
    for response in (Browser().get(broken), Browser().post(broken)):
        assert response.status_code == 400 and "This link does not work" in response.text
    assert reminder_choices_of(maria).appointments


def test_a_stop_link_of_an_erased_client_says_there_is_nothing_to_stop(db):
    page = Browser().get(stop_page("appointments", 987654))
    assert page.status_code == 404 and "Nothing to turn off" in page.text


def test_a_reminder_time_in_the_past_is_refused(appointment, alice):
    with pytest.raises(ValidationError) as refused:
        reminder_set(
            appointment=appointment, remind_at=timezone.now() - timedelta(minutes=1), user=alice
        )
    assert refused.value.messages == ["That time has passed: choose a reminder time still to come."]
    with pytest.raises(ValidationError, match="before the appointment starts"):
        reminder_set(appointment=appointment, remind_at=appointment.starts_at, user=alice)
    assert not AppointmentReminder.objects.exists()


def test_the_appointment_page_chooses_the_reminder_time_and_refuses_a_past_one(
    appointment, as_alice
):
    page = as_alice.get(f"/appointments/{appointment.pk}/")
    assert "An e-mail goes to the client" in page.text
    yesterday = timezone.localdate() - timedelta(days=1)
    url = f"/appointments/{appointment.pk}/reminder/"
    refused = as_alice.post(url, {"day": yesterday.isoformat(), "time": "09:00"}, follow=True)
    assert "That time has passed: choose a reminder time still to come." in refused.text
    nonsense = as_alice.post(url, {"day": "2026-02-31", "time": "25:00"}, follow=True)
    assert "Enter a real date" in nonsense.text and "Enter a time such as 09:30" in nonsense.text
    assert not AppointmentReminder.objects.exists()
    when = timezone.localtime(appointment.starts_at - timedelta(hours=3))
    saved = as_alice.post(url, {"day": when.date().isoformat(), "time": when.strftime("%H:%M")})
    assert saved.status_code == 302
    assert AppointmentReminder.objects.get().remind_at == when.replace(second=0, microsecond=0)


def test_another_clinic_cannot_set_a_reminder_time(appointment, as_bob):
    day = timezone.localdate().isoformat()
    assert as_bob.post(f"/appointments/{appointment.pk}/reminder/", {"day": day}).status_code == 404


def test_the_owner_reads_what_was_sent_and_why_it_failed(maria, northside, olivia, as_olivia):
    deliver(
        kind="appointment",
        to="maria@example.com",
        subject="Your visit",
        text="t",
        clinic=northside,
        client=maria,
    )
    Message.objects.update(status=Message.Status.FAILED, error="SMTPRecipientsRefused: no")
    page = as_olivia.get(f"/clinics/{northside.pk}/messages/")
    assert page.status_code == 200
    for seen in ("maria@example.com", "Your visit", "Maria Lopez", "SMTPRecipientsRefused: no"):
        assert seen in page.text
    assert AuditEvent.objects.filter(action=AuditAction.MESSAGE_LIST_VIEW, user=olivia).exists()
    failed = as_olivia.get(f"/clinics/{northside.pk}/messages/?status=failed")
    assert "Your visit" in failed.text
    assert "Your visit" not in as_olivia.get(f"/clinics/{northside.pk}/messages/?status=sent").text
    odd = as_olivia.get(f"/clinics/{northside.pk}/messages/?status=lost&page=x")
    assert odd.status_code == 200 and "Select a valid choice" in odd.text


def test_other_clinics_and_other_roles_do_not_read_the_messages(
    maria, northside, southside, as_alice, as_bob, bob
):
    deliver(
        kind="appointment",
        to="maria@example.com",
        subject="Your visit",
        text="t",
        clinic=northside,
        client=maria,
    )
    assert as_alice.get(f"/clinics/{northside.pk}/messages/").status_code == 403
    assert as_bob.get(f"/clinics/{northside.pk}/messages/").status_code == 404
    own = as_bob.get(f"/clinics/{southside.pk}/messages/")
    assert own.status_code == 200 and "Your visit" not in own.text
