"""Calendar files carry real times, read back by an iCalendar parser: staff calendars name a
client by initials, the client's own names the practitioner; a cancellation is marked so that
calendar apps take the event away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from repattern.treatment import services
from repattern.treatment.calendar import calendar


def at(hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=2)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def plan(maria, alice):
    return services.careplan_create(client=maria, user=alice, complaint="Back; hips, left")


@pytest.fixture
def booked(maria, alice, plan):
    return services.appointment_book(
        client=maria,
        practitioner=alice,
        starts_at=at(9),
        duration_minutes=45,
        care_plan=plan,
        by=alice,
    )


def events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk("VEVENT")]


def test_an_appointment_is_an_event_at_its_time_for_its_length(booked):
    [event] = events(calendar([booked], "Alice"))
    assert event.decoded("dtstart") == at(9).astimezone(UTC)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=45)
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["summary"]) == "Session: M. L."


def test_the_staff_calendar_keeps_names_and_complaints_in_the_clinic(booked):
    text = calendar([booked], "Alice").decode()
    assert "Lopez" not in text and "Maria" not in text and "hips" not in text


def test_the_clients_own_calendar_names_the_practitioner_and_clinic(booked, alice):
    alice.first_name, alice.last_name = "Alice", "Moreau"
    alice.save()
    booked.refresh_from_db()
    [event] = events(calendar([booked], "Mine", client_view=True))
    assert str(event["summary"]) == "Session with Alice Moreau at Northside Clinic"


def test_a_moved_appointment_replaces_the_event_and_a_cancelled_one_is_marked(booked, alice):
    moved = services.appointment_reschedule(
        appointment=booked, starts_at=at(15), duration_minutes=45, reason="asked", by=alice
    )
    [event] = events(calendar([moved], "x"))
    assert event.decoded("dtstart") == at(15).astimezone(UTC) and int(event["sequence"]) == 1
    cancelled = services.appointment_cancel(appointment=moved, reason="unwell", by=alice)
    [event] = events(calendar([cancelled], "x"))
    assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) == 2


def test_the_care_plan_download_holds_its_appointments(as_alice, plan, booked):
    response = as_alice.get(f"/care-plans/{plan.pk}/sessions.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert len(events(response.content)) == 1


def test_a_calendar_app_subscribes_to_a_members_appointments_until_revoked(
    as_alice, client, maria, booked
):
    page = as_alice.post(f"/clinics/{maria.clinic_id}/calendar/", {"action": "create"})
    address = page.context["new_url"]
    path = address[address.index("/calendar/") :]
    feed = client.get(path)
    assert feed.status_code == 200 and len(events(feed.content)) == 1
    as_alice.post(f"/clinics/{maria.clinic_id}/calendar/", {"action": "revoke"})
    assert client.get(path).status_code == 404
