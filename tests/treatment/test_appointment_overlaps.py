"""Overlapping appointments are warned of wherever a time is chosen: booking another client
into a practitioner's booked time, or moving an appointment onto one. A cancelled time is free
again, and another practitioner's diary is their own."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from repattern.accounts.models import Role
from repattern.clients import services as clients
from repattern.treatment import services
from repattern.treatment.models import Appointment
from tests.characters import make_user


def tomorrow_at(hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def james(northside, alice):
    return clients.client_create(
        clinic=northside,
        user=alice,
        details=clients.ClientDetails(
            first_name="James", last_name="Carter", date_of_birth=date(1975, 7, 2)
        ),
    )


@pytest.fixture
def marias_nine(maria, alice):
    return services.appointment_book(
        client=maria, practitioner=alice, starts_at=tomorrow_at(9), by=alice
    )


def test_booking_another_client_into_a_booked_time_names_who_is_booked(james, alice, marias_nine):
    with pytest.raises(services.AppointmentOverlap) as clash:
        services.appointment_book(
            client=james, practitioner=alice, starts_at=tomorrow_at(9, 45), by=alice
        )
    assert clash.value.others == [marias_nine]
    assert "alice is booked already at that time" in clash.value.messages[0]
    assert "with Maria Lopez" in clash.value.messages[0]
    assert Appointment.objects.count() == 1


def test_moving_an_appointment_onto_a_booked_time_warns_and_leaves_it_in_place(
    as_alice, james, alice, marias_nine
):
    james_at_eleven = services.appointment_book(
        client=james, practitioner=alice, starts_at=tomorrow_at(11), by=alice
    )
    local = timezone.localtime(tomorrow_at(9, 30))
    move = {
        "day": f"{local:%Y-%m-%d}",
        "time": f"{local:%H:%M}",
        "duration_minutes": "60",
        "reason": "The client asked to come earlier",
    }
    warned = as_alice.post(f"/appointments/{james_at_eleven.pk}/reschedule/", move)
    assert warned.status_code == 422
    assert "is booked already at that time" in warned.content.decode()
    james_at_eleven.refresh_from_db()
    assert james_at_eleven.starts_at == tomorrow_at(11)
    moved = as_alice.post(
        f"/appointments/{james_at_eleven.pk}/reschedule/", {**move, "book_anyway": "on"}
    )
    assert moved.status_code == 302
    james_at_eleven.refresh_from_db()
    assert james_at_eleven.starts_at == tomorrow_at(9, 30)


def test_a_cancelled_appointment_leaves_its_time_free(james, alice, marias_nine):
    services.appointment_cancel(appointment=marias_nine, reason="The client is unwell", by=alice)
    services.appointment_book(client=james, practitioner=alice, starts_at=tomorrow_at(9), by=alice)
    assert Appointment.objects.filter(status=Appointment.Status.BOOKED).count() == 1


def test_another_practitioner_at_the_same_time_is_no_overlap(
    django_user_model, northside, james, marias_nine, alice
):
    ben = make_user(django_user_model, "ben", northside, Role.PRACTITIONER)
    services.appointment_book(client=james, practitioner=ben, starts_at=tomorrow_at(9), by=alice)
    assert marias_nine.overlapping() == []
