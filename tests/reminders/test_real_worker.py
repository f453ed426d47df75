"""A real worker on a real queue (a SQLite file, the default; and Redis) sends reminders to a
real SMTP server: an appointment reminder and a home exercise reminder arrive once each, at the
right time (the test moves the scan's clock), though each scan runs twice; a client who turned
reminders off gets none."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from repattern.clients import services as clients
from repattern.outbox.models import Message
from repattern.programs.models import Exercise, HomeProgram, ProgramVersion
from repattern.reminders.services import reminders_update
from repattern.reminders.tasks import reminders_scan
from repattern.treatment.services import appointment_book
from tests.reminders.conftest import local
from tests.reminders.worker import real_worker, smtp_server

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def nina(northside, alice, program):
    """Another client of Alice's, with an appointment and the same home program as Maria, who
    turned every reminder off."""
    nina = clients.client_create(
        clinic=northside,
        user=alice,
        details=clients.ClientDetails(
            first_name="Nina",
            last_name="Okafor",
            date_of_birth=date(1990, 6, 1),
            phone="",
            email="nina@example.com",
        ),
    )
    copy = HomeProgram.objects.create(client=nina)
    version = ProgramVersion.objects.create(program=copy, number=1, created_by=alice)
    for exercise in program.current().exercises.all():
        exercise.pk, exercise.version = None, version
        Exercise.objects.bulk_create([exercise])
    appointment_book(client=nina, practitioner=alice, starts_at=local(2, time(16, 0)), by=alice)
    reminders_update(client=nina, actor="client", appointments=False, exercises=False)
    return nina


@pytest.mark.parametrize("queue", ["sqlite", "redis"])
def test_a_real_worker_sends_each_reminder_once_at_its_time(
    queue, maria, alice, program, nina, settings, tmp_path
):
    appointment = appointment_book(
        client=maria, practitioner=alice, starts_at=local(2, time(15, 0)), by=alice
    )
    a_day_before = appointment.starts_at - timedelta(hours=24)
    with smtp_server(settings) as inbox, real_worker(queue, tmp_path):
        for _ in range(2):
            reminders_scan(at=a_day_before.isoformat())
        (first,) = inbox.wait_for(1)
        for _ in range(2):
            reminders_scan(at=local(1, time(18, 0)).isoformat())
        inbox.wait_for(2)
    got = sorted((m["To"], m["Subject"]) for m in inbox.received)
    assert got == [
        ("maria@example.com", "A reminder of your home exercises"),
        ("maria@example.com", f"Reminder: your appointment on {appointment.starts_at:%A} at 15:00"),
    ]
    assert first["Subject"].startswith("Reminder: your appointment")
    sent = Message.objects.order_by("kind")
    assert [(m.kind, m.to, m.status) for m in sent] == [
        ("appointment", "maria@example.com", "sent"),
        ("exercises", "maria@example.com", "sent"),
    ]
