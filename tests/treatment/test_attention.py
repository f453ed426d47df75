"""The day lists what waits beyond the appointments: notes still unsigned, and home programs
with nothing marked for three days or more."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone

from repattern.audit.models import AuditEvent
from repattern.treatment import services
from repattern.treatment.attention import attention
from tests.characters import signed_in


def test_an_unsigned_note_of_an_ended_session_waits_for_its_practitioner(session, alice, bob):
    services.session_finish(
        session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
    )
    assert attention(session.client.clinic_id, [alice.pk]).unsigned == [session]
    assert attention(session.client.clinic_id, [bob.pk]).unsigned == []


def test_a_program_with_nothing_marked_for_three_days_is_quiet(program, alice):
    clinic_id = program.client.clinic_id
    assert attention(clinic_id, [alice.pk]).quiet == []
    with time_machine.travel(timezone.now() + timedelta(days=3), tick=False):
        (quiet,) = attention(clinic_id, [alice.pk]).quiet
    assert (quiet.client, quiet.days) == (program.client, 3)


def test_the_day_shows_what_waits_and_its_reading_is_audited(alice, program, maria):
    with time_machine.travel(timezone.now() + timedelta(days=4), tick=False):
        page = signed_in(alice).get(f"/clinics/{maria.clinic_id}/today/")
    assert (
        b"Home programs gone quiet" in page.content and b"nothing marked for 4 days" in page.content
    )
    assert AuditEvent.objects.filter(
        action="client_list_view", summary__startswith="the day"
    ).exists()
