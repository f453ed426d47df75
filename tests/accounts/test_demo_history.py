"""The demo has a history: a full day and week for each practitioner, clients with past
sessions and signed notes, home programs kept to (or gone quiet), and a portal link to open."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from repattern import demo
from repattern.accounts.management.commands import demo as demo_command
from repattern.accounts.models import Clinic, Role
from repattern.clients.models import Client
from repattern.engine.session import PatternStatus
from repattern.programs.models import AdherenceEntry, HomeProgram
from repattern.treatment.attention import quiet_programs, unsigned_notes
from repattern.treatment.models import Appointment, Pattern, SessionEvent, TreatmentSession
from repattern.treatment.today import week_days


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo loaded once for this file (it takes seconds), and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.demo_load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def clinic(loaded, db) -> Clinic:
    return Clinic.objects.get(name=demo.CLINIC_NAME)


def test_each_practitioner_has_appointments_today_and_this_week_and_none_overlap(clinic):
    today = timezone.localdate()
    booked = Appointment.objects.filter(status=Appointment.Status.BOOKED)
    practitioners = clinic.memberships.filter(role=Role.PRACTITIONER)
    week = week_days(today)
    for membership in practitioners:
        mine = booked.filter(practitioner=membership.user)
        assert mine.filter(starts_at__date=today).count() >= 3
        assert mine.filter(starts_at__date__gte=week[0], starts_at__date__lte=week[-1]).exists()
    assert all(not appointment.overlapping() for appointment in booked)


def test_several_clients_have_two_to_six_past_sessions_with_signed_notes(clinic):
    # The history's clients: the outcomes demo adds two courses of its own, measured in the room.
    history = Client.objects.filter(appointments__session__isnull=False).values("pk")
    counted = Client.objects.filter(pk__in=history).annotate(sessions=Count("treatment_sessions"))
    assert counted.count() >= 5
    assert all(2 <= client.sessions <= 6 for client in counted)
    sessions = TreatmentSession.objects.filter(client__in=history)
    now = timezone.now()
    assert all(s.ended_at is not None and s.started_at < s.ended_at < now for s in sessions)
    assert all(hasattr(s, "appointment") for s in sessions)
    signed = sessions.filter(note__signed_at__isnull=False)
    assert signed.count() >= sessions.count() - 2
    assert all(s.ended_at < s.note.signed_at < now for s in signed)
    assert len(unsigned_notes(clinic.pk, None)) >= 1


def test_every_recorded_event_lies_inside_its_session_and_retests_inside_their_window(clinic):
    for event in SessionEvent.objects.select_related("session"):
        assert event.session.started_at <= event.recorded_at <= event.session.ended_at
    patterns = Pattern.objects.exclude(status=PatternStatus.OPEN)
    assert patterns.filter(status=PatternStatus.CORRECTED).exists()
    assert not Pattern.objects.filter(status=PatternStatus.OPEN).exists()
    for pattern in patterns:
        assert pattern.ended_at - pattern.confirmed_at <= timedelta(seconds=pattern.window_seconds)
        assert not pattern.retested_late


def test_home_programs_have_adherence_on_past_days_since_they_began(clinic):
    today = timezone.localdate()
    assert AdherenceEntry.objects.count() >= 100
    for program in HomeProgram.objects.prefetch_related("adherence"):
        began = timezone.localdate(program.created_at)
        assert all(began < entry.day < today for entry in program.adherence.all())
    assert quiet_programs(clinic.pk, None), "some client's program has gone quiet"


def test_the_demo_prints_a_portal_link_that_opens_the_clients_portal(clinic, client):
    out = io.StringIO()
    call_command("demo", no_serve=True, stdout=out)
    link = next(line.strip() for line in out.getvalue().splitlines() if "/portal/start/" in line)
    response = client.get(link.removeprefix("http://127.0.0.1:8000"), follow=True)
    assert response.status_code == 200
    assert "Hello Maria" in response.content.decode()


def test_the_demo_runs_the_worker_beside_the_server_and_stops_it_with_the_server(
    clinic, monkeypatch
):
    started = []
    real_popen = demo_command.subprocess.Popen

    class Worker:
        def __init__(self, args):
            started.append(args)

        def terminate(self):
            started.append("terminated")

        def wait(self, timeout):
            return 0

    def popen(args, *more, **options):
        # Only the worker is faked: libraries loaded meanwhile may start processes of their own.
        if "worker" in args:
            return Worker(args)
        return real_popen(args, *more, **options)

    served = []
    real_call_command = demo_command.call_command

    def call(name, *args, **options):
        if name == "runserver":
            served.append(args)
            return None
        return real_call_command(name, *args, **options)

    monkeypatch.setattr(demo_command.subprocess, "Popen", popen)
    monkeypatch.setattr(demo_command, "call_command", call)
    call_command("demo", port=8123, stdout=io.StringIO())
    assert served == [("127.0.0.1:8123",)]
    assert started[0][-3:] == ["worker", "--workers", "1"]
    assert started[-1] == "terminated"
