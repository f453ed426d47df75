"""On the portal a client marks today's exercises done, with pain if they like, sees their
visits and notes, sets their reminders and downloads their data; every page view is audited."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from repattern.audit.models import AuditEvent
from repattern.programs.adherence import adherence_for
from repattern.treatment.services import appointment_book, note_for_client_save

PAGES = ["/portal/", "/portal/visits/", "/portal/notes/", "/portal/reminders/", "/portal/my-data/"]


def key_of(program) -> str:
    return program.current().exercises.get().key


def mark(phone, program, **fields):
    data = {"key": key_of(program), "day": timezone.localdate().isoformat(), **fields}
    return phone.post("/portal/exercises/mark/", data, headers={"HX-Request": "true"})


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_and_its_viewing_is_audited(maria_phone, maria, path):
    before = AuditEvent.objects.filter(action="portal_view", client=maria).count()
    assert maria_phone.get(path).status_code == 200
    assert AuditEvent.objects.filter(action="portal_view", client=maria).count() == before + 1


def test_a_tap_marks_the_exercise_done_today_with_the_pain(maria_phone, program):
    card = mark(maria_phone, program, pain="3")
    assert card.status_code == 200 and b"Done today, pain 3 of 10" in card.content
    entry = program.adherence.get()
    assert (entry.day, entry.pain, entry.entered_by) == (timezone.localdate(), 3, "client")
    assert adherence_for([program])[program.pk].done == 1


def test_undo_takes_the_mark_back(maria_phone, program):
    mark(maria_phone, program)
    card = mark(maria_phone, program, undo="on")
    assert b"Done today" not in card.content and not program.adherence.exists()


def test_without_javascript_the_mark_goes_back_to_the_page(maria_phone, program):
    data = {"key": key_of(program), "day": timezone.localdate().isoformat(), "pain": ""}
    answer = maria_phone.post("/portal/exercises/mark/", data)
    assert answer.status_code == 302 and program.adherence.get().pain is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"day": "2999-01-01"}, b"A day still to come cannot be marked done."),
        ({"day": "yesterday"}, b"Enter a valid date."),
        ({"pain": "11"}, b"Select a valid choice."),
        ({"pain": "-1"}, b"Select a valid choice."),
    ],
)
def test_wrong_input_is_refused_with_what_to_fix(maria_phone, program, fields, message):
    answer = mark(maria_phone, program, **fields)
    assert answer.status_code == 422 and message in answer.content
    assert not program.adherence.exists()


def test_a_day_from_last_month_is_refused(maria_phone, program):
    old = (timezone.localdate() - timedelta(days=20)).isoformat()
    answer = mark(maria_phone, program, day=old)
    assert b"Only the last 7 days can be marked." in answer.content


def test_visits_show_the_next_appointments_with_a_calendar_file(maria_phone, maria, alice):
    when = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    booked = appointment_book(client=maria, practitioner=alice, starts_at=when, by=alice)
    page = maria_phone.get("/portal/visits/")
    assert f"/portal/visits/{booked.pk}.ics".encode() in page.content
    ics = Calendar.from_ical(maria_phone.get(f"/portal/visits/{booked.pk}.ics").content)
    (event,) = ics.walk("VEVENT")
    assert event.decoded("dtstart") == when and "Northside" in str(event["summary"])


def test_the_practitioners_note_for_the_client_is_on_the_notes_page(maria_phone, session, alice):
    note_for_client_save(session=session, user=alice, text="Drink water; walk each evening.")
    assert b"walk each evening" in maria_phone.get("/portal/notes/").content


def test_reminder_choices_are_saved_and_a_wrong_time_is_refused(maria_phone, maria):
    saved = maria_phone.post(
        "/portal/reminders/", {"appointments": "on", "exercise_time": "07:30"}, follow=True
    )
    assert b"Saved" in saved.content
    choices = maria.reminder_choices
    assert choices.appointments and not choices.exercises
    assert choices.exercise_time.strftime("%H:%M") == "07:30"
    wrong = maria_phone.post("/portal/reminders/", {"exercises": "on", "exercise_time": "25:99"})
    assert wrong.status_code == 422 and b"Enter a valid time." in wrong.content


def test_my_data_downloads_everything_held_as_a_zip(maria_phone, maria):
    answer = maria_phone.post("/portal/my-data/")
    names = zipfile.ZipFile(io.BytesIO(answer.content)).namelist()
    assert "README.txt" in names and "home_exercises.json" in names
    row = AuditEvent.objects.filter(action="client_export", client=maria).get()
    assert row.actor.startswith("client via portal link")
