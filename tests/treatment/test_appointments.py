"""Appointments: booked with a time, a length and a practitioner; moved and cancelled with a
reason; a session started from one is held in it; an overlap is warned of, not silently taken."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from repattern.audit.models import AuditEvent
from repattern.treatment import services
from repattern.treatment.models import Appointment
from tests.characters import signed_in


def at(hour: int, minute: int = 0, days: int = 1) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture
def booked(maria, alice):
    return services.appointment_book(client=maria, practitioner=alice, starts_at=at(9), by=alice)


def booking(when: datetime, **extra: str) -> dict[str, str]:
    local = timezone.localtime(when)
    return {"day": f"{local:%Y-%m-%d}", "time": f"{local:%H:%M}", "duration_minutes": "45", **extra}


def test_booking_through_the_page_records_the_time_length_and_practitioner(as_alice, maria, alice):
    member = alice.memberships.get()
    response = as_alice.post(
        f"/clients/{maria.pk}/appointments/new/", booking(at(10, 30), practitioner=str(member.pk))
    )
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert (appointment.starts_at, appointment.duration_minutes) == (at(10, 30), 45)
    assert appointment.practitioner == alice and appointment.created_by == alice
    assert AuditEvent.objects.filter(action="appointment_book", client=maria).exists()


def test_an_overlap_is_warned_of_and_booked_only_when_asked(as_alice, maria, alice, booked):
    member = str(alice.memberships.get().pk)
    warned = as_alice.post(
        f"/clients/{maria.pk}/appointments/new/", booking(at(9, 30), practitioner=member)
    )
    assert warned.status_code == 200 and "Booked already at that time" in warned.content.decode()
    assert Appointment.objects.count() == 1
    as_alice.post(
        f"/clients/{maria.pk}/appointments/new/",
        booking(at(9, 30), practitioner=member, book_anyway="on"),
    )
    assert Appointment.objects.count() == 2


def test_back_to_back_appointments_do_not_overlap(maria, alice, booked):
    later = services.appointment_book(client=maria, practitioner=alice, starts_at=at(10), by=alice)
    assert later.overlapping() == [] and booked.overlapping() == []


def test_moving_keeps_the_old_time_and_the_reason_in_the_record(booked, alice):
    moved = services.appointment_reschedule(
        appointment=booked, starts_at=at(14), duration_minutes=30, reason="She asked", by=alice
    )
    assert (moved.starts_at, moved.duration_minutes, moved.sequence) == (at(14), 30, 1)
    row = AuditEvent.objects.get(action="appointment_reschedule")
    assert "She asked" in row.summary and f"{timezone.localtime(at(9)):%H:%M}" in row.summary


def test_a_move_needs_a_reason(booked, alice):
    with pytest.raises(ValidationError, match="Say why"):
        services.appointment_reschedule(
            appointment=booked, starts_at=at(14), duration_minutes=30, reason=" ", by=alice
        )


def test_cancelling_needs_a_reason_and_then_it_stays_cancelled(as_alice, booked, alice):
    refused = as_alice.post(f"/appointments/{booked.pk}/cancel/", {"reason": ""})
    assert refused.status_code == 422 and "Say why" in refused.content.decode()
    as_alice.post(f"/appointments/{booked.pk}/cancel/", {"reason": "Unwell"})
    booked.refresh_from_db()
    assert (booked.status, booked.cancelled_reason) == (Appointment.Status.CANCELLED, "Unwell")
    with pytest.raises(ValidationError, match="cancelled already"):
        services.appointment_cancel(appointment=booked, reason="again", by=alice)


def test_a_session_started_from_an_appointment_is_held_in_it(as_alice, maria, booked):
    response = as_alice.post(
        f"/clients/{maria.pk}/sessions/new/?appointment={booked.pk}",
        {"pain_1": "5", "window_seconds": "45"}
        | {f"pain_{a.pk}": "5" for a in maria.pain_areas.all()},
    )
    booked.refresh_from_db()
    assert response.status_code == 302
    assert booked.status == Appointment.Status.ATTENDED and booked.session is not None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"day": "2026-02-30", "time": "09:00"}, "Enter a real date"),
        ({"day": "2126-01-01", "time": "09:00"}, "within two years"),
        ({"time": "25:00"}, "Enter a time"),
        ({"duration_minutes": "5"}, "10 minutes or more"),
        ({"duration_minutes": "999"}, "at most 4 hours"),
    ],
)
def test_bad_booking_input_is_refused_with_a_message(as_alice, maria, alice, fields, message):
    data = booking(at(9), practitioner=str(alice.memberships.get().pk)) | fields
    response = as_alice.post(f"/clients/{maria.pk}/appointments/new/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Appointment.objects.exists()


def test_the_front_desk_books_but_another_clinic_cannot(sam, bob, maria, alice):
    member = str(alice.memberships.get().pk)
    assert (
        signed_in(sam)
        .post(f"/clients/{maria.pk}/appointments/new/", booking(at(11), practitioner=member))
        .status_code
        == 302
    )
    assert signed_in(bob).get(f"/clients/{maria.pk}/appointments/new/").status_code == 404


def test_only_someone_who_treats_is_booked(maria, alice, sam):
    with pytest.raises(ValidationError, match="does not treat"):
        services.appointment_book(client=maria, practitioner=sam, starts_at=at(9), by=alice)
