"""Which reminders are due at a moment, and sending them. The worker runs this every minute
(tasks.py); each reminder has a key of its own, so a scan run twice, or by two workers at once,
sends it once.

- Appointment: when the appointment's chosen reminder time has come, or else
  APPOINTMENT_REMINDER_HOURS before it starts; while it is still to come and booked. One
  booked closer than that is reminded of at once; one moved is reminded of again.
- Home exercises: at the client's chosen time of day (the clinic's time zone, TIME_ZONE), on
  days they have marked nothing of a current home program; not later than LATE after it.
- Quiet home program: to the practitioner of the client's latest session, once per quiet spell,
  when a current program has had nothing marked for QUIET_DAYS days; from QUIET_ALERT_HOUR on.

A client with no e-mail address, an archived client, and a kind turned off get nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import F, Max, OuterRef, Q, Subquery
from django.utils import timezone

from repattern.accounts.models import Membership
from repattern.clients.models import Client
from repattern.outbox.models import Message
from repattern.outbox.send import deliver
from repattern.programs.models import HomeProgram
from repattern.reminders import emails
from repattern.reminders.models import PractitionerChoices, ReminderChoices
from repattern.treatment.attention import QUIET_DAYS
from repattern.treatment.models import Appointment, TreatmentSession

LATE = timedelta(hours=2)
QUIET_ALERT_HOUR = 8
DEFAULT_EXERCISE_TIME = ReminderChoices._meta.get_field("exercise_time").get_default()


@dataclass(frozen=True)
class Due:
    kind: str
    key: str
    client: Client
    to: str
    subject: str
    text: str


def appointments_due(now: datetime) -> list[Due]:
    lead = timedelta(hours=settings.APPOINTMENT_REMINDER_HOURS)
    booked = (
        Appointment.objects.filter(
            status=Appointment.Status.BOOKED,
            starts_at__gt=now,
            client__archived_at__isnull=True,
        )
        .filter(
            Q(reminder__remind_at__lte=now)
            # The usual time, also when the appointment moved to before its chosen time.
            | (
                Q(starts_at__lte=now + lead)
                & (Q(reminder__isnull=True) | Q(reminder__remind_at__gte=F("starts_at")))
            )
        )
        .exclude(client__email="")
        .exclude(client__reminder_choices__appointments=False)
        .select_related("client__clinic", "practitioner")
    )
    return [
        Due(
            "appointment",
            f"reminder:appointment:{a.pk}:{a.starts_at.astimezone(UTC):%Y%m%dT%H%M}",
            a.client,
            a.client.email,
            *emails.appointment_reminder(a),
        )
        for a in booked
    ]


def _exercise_time(client: Client) -> time:
    try:
        return client.reminder_choices.exercise_time
    except ReminderChoices.DoesNotExist:
        return DEFAULT_EXERCISE_TIME


def exercises_due(now: datetime) -> list[Due]:
    today = timezone.localdate(now)
    programs = (
        HomeProgram.objects.filter(
            ended_at__isnull=True,
            client__archived_at__isnull=True,
            versions__exercises__isnull=False,
        )
        .exclude(client__email="")
        .exclude(client__reminder_choices__exercises=False)
        .exclude(adherence__day=today)
        .select_related("client__clinic", "client__reminder_choices")
        .distinct()
    )
    found: dict[int, Due] = {}
    for program in programs:
        client = program.client
        at = timezone.make_aware(datetime.combine(today, _exercise_time(client)))
        if program.created_at < at <= now < at + LATE and client.pk not in found:
            found[client.pk] = Due(
                "exercises",
                f"reminder:exercises:{client.pk}:{today.isoformat()}",
                client,
                client.email,
                *emails.exercise_reminder(client),
            )
    return list(found.values())


def _quiet_since(program: HomeProgram, today: date) -> date | None:
    began = timezone.localdate(program.created_at)
    last = max(getattr(program, "last_marked", None) or began, began)
    return last if (today - last).days >= QUIET_DAYS else None


def quiet_programs_due(now: datetime) -> list[Due]:
    local = timezone.localtime(now)
    if local.hour < QUIET_ALERT_HOUR:
        return []
    latest = TreatmentSession.objects.filter(client=OuterRef("client")).order_by("-started_at")
    programs = (
        HomeProgram.objects.filter(ended_at__isnull=True, client__archived_at__isnull=True)
        .annotate(
            last_marked=Max("adherence__day"),
            practitioner_id=Subquery(latest.values("practitioner_id")[:1]),
        )
        # Only those quiet long enough in the database's eyes; _quiet_since decides.
        .filter(
            Q(last_marked__isnull=True)
            | Q(last_marked__lte=local.date() - timedelta(days=QUIET_DAYS))
        )
        .select_related("client__clinic")
    )
    quiet = [(p, since) for p in programs if (since := _quiet_since(p, local.date())) is not None]
    members = {
        (m.clinic_id, m.user_id): m
        for m in Membership.objects.filter(
            user_id__in={getattr(p, "practitioner_id", None) for p, _ in quiet}
        ).select_related("user")
    }
    off = set(
        PractitionerChoices.objects.filter(quiet_clients=False).values_list(
            "membership_id", flat=True
        )
    )
    found = []
    for program, since in quiet:
        member = members.get((program.client.clinic_id, getattr(program, "practitioner_id", 0)))
        if member is None or member.pk in off or not member.user.email:
            continue
        user: User = member.user
        found.append(
            Due(
                "quiet_program",
                f"reminder:quiet:{program.pk}:{since.isoformat()}",
                program.client,
                user.email,
                *emails.quiet_program(member, program.client, since, local.date()),
            )
        )
    return found


def reminders_due(now: datetime) -> list[Due]:
    return appointments_due(now) + exercises_due(now) + quiet_programs_due(now)


def reminders_send(now: datetime | None = None) -> list[Message]:
    """Queue every reminder due at `now` that was not queued before; the new ones."""
    now = now or timezone.now()
    sent = []
    for due in reminders_due(now):
        message = deliver(
            kind=due.kind,
            key=due.key,
            clinic=due.client.clinic,
            client=due.client,
            to=due.to,
            subject=due.subject,
            text=due.text,
        )
        if message is not None:
            sent.append(message)
    return sent
