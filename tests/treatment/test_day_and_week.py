"""The practitioner's day is their home: today's clients in order of time, what stands in the
way of a session, and what was found last time; the week shows every day's bookings."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from repattern.clients import services as clients
from repattern.clients.screening import QUESTION_IDS
from repattern.treatment import services
from tests.characters import signed_in
from tests.treatment.conftest import confirm, correct


def today_at(hour: int) -> datetime:
    day = timezone.localdate()
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def morning(maria, alice):
    return services.appointment_book(
        client=maria, practitioner=alice, starts_at=today_at(9), by=alice
    )


def test_signing_in_lands_on_the_day(as_alice, maria):
    response = as_alice.get("/")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/clinics/{maria.clinic_id}/today/"
    )


def test_the_day_lists_the_practitioners_clients_with_a_start_button(as_alice, morning, maria):
    text = as_alice.get(f"/clinics/{maria.clinic_id}/today/").content.decode()
    assert "Maria Lopez" in text and "09:00" in text
    assert f"/clients/{maria.pk}/sessions/new/?appointment={morning.pk}" in text


def test_the_day_says_what_stands_in_the_way_of_a_session(as_alice, morning, maria, alice):
    clients.screen_record(
        client=maria, user=alice, answers={**dict.fromkeys(QUESTION_IDS, False), "fever": True}
    )
    text = as_alice.get(f"/clinics/{maria.clinic_id}/today/").content.decode()
    assert "A session cannot start yet" in text and "see a doctor first" in text
    assert "?appointment=" not in text


def test_the_day_recalls_what_the_last_session_found(as_alice, morning, maria, alice, session):
    correct(session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left"))
    services.session_finish(
        session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
    )
    session.started_at = today_at(9) - timedelta(days=7)
    session.save(update_fields=["started_at"])
    text = as_alice.get(f"/clinics/{maria.clinic_id}/today/").content.decode()
    assert "Psoas major, left inhibited, Quadratus lumborum, left facilitated (corrected)" in text


def test_the_week_shows_each_days_bookings(as_alice, morning, maria):
    text = as_alice.get(f"/clinics/{maria.clinic_id}/week/").content.decode()
    assert "Maria Lopez" in text and text.count('class="week-day"') == 7


def test_the_front_desk_sees_everyones_day(sam, morning, maria):
    text = signed_in(sam).get(f"/clinics/{maria.clinic_id}/today/").content.decode()
    assert "Maria Lopez" in text and 'value="all" selected' in text


@pytest.mark.parametrize("day", ["2026-02-30", "nonsense", "9" * 30, "²"])
def test_a_bad_day_in_the_address_shows_today(as_alice, maria, day):
    assert as_alice.get(f"/clinics/{maria.clinic_id}/today/", {"day": day}).status_code == 200


def test_another_clinic_gets_nothing(as_bob, morning, maria):
    assert as_bob.get(f"/clinics/{maria.clinic_id}/today/").status_code == 404
    assert as_bob.get(f"/appointments/{morning.pk}/").status_code == 404


def test_the_front_desk_is_not_offered_a_session_it_may_not_open(sam, alice, morning, maria):
    session = services.session_start(
        client=maria, practitioner=alice, pain_before=[], appointment=morning
    )
    as_sam = signed_in(sam)
    day = as_sam.get(f"/clinics/{maria.clinic_id}/today/").content.decode()
    appointment = as_sam.get(f"/appointments/{morning.pk}/").content.decode()
    services.session_end(session=session, user=alice)
    services.note_draft(session=session, user=alice)
    summary = f"/sessions/{session.pk}/summary/"
    day = as_sam.get(f"/clinics/{maria.clinic_id}/today/").content.decode()
    assert summary not in day and summary not in appointment
    assert summary in signed_in(alice).get(f"/clinics/{maria.clinic_id}/today/").content.decode()
    assert as_sam.get(summary).status_code == 403
