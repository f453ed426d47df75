"""The client says they did an exercise today (a tap), with their pain if they like; a second
tap takes it back. Each is audited, like every other write to the record."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.programs.models import AdherenceEntry, HomeProgram


def _prescribed(program: HomeProgram, key: str, day: date) -> None:
    current = program.current()
    if not program.is_active or current is None:
        raise ValidationError("This program has ended.")
    if not current.exercises.filter(key=key).exists():
        raise ValidationError("That exercise is not in the current program.")
    if day > timezone.localdate():
        raise ValidationError("A day still to come cannot be marked done.")
    if day < timezone.localdate(program.created_at):
        raise ValidationError("The program had not started on that day.")


@transaction.atomic
def adherence_log(
    *,
    program: HomeProgram,
    key: str,
    day: date,
    pain: int | None,
    entered_by: str,
    user: User | None = None,
    actor: str = "",
) -> AdherenceEntry:
    """Mark an exercise done on a day; a second mark the same day updates its pain."""
    _prescribed(program, key, day)
    entry = AdherenceEntry.objects.filter(program=program, key=key, day=day).first()
    entry = entry or AdherenceEntry(program=program, key=key, day=day, entered_by=entered_by)
    entry.pain, entry.logged_at = pain, timezone.now()
    entry.full_clean()
    entry.save()
    audit_record(
        clinic=program.client.clinic,
        user=user,
        actor=actor,
        action=AuditAction.ADHERENCE_LOG,
        record=program,
        client=program.client,
        summary=f"{day:%Y-%m-%d} {key}" + (f", pain {pain}/10" if pain is not None else ""),
    )
    return entry


@transaction.atomic
def adherence_clear(
    *, program: HomeProgram, key: str, day: date, user: User | None = None, actor: str = ""
) -> None:
    """Take back a mark made by mistake."""
    removed, _ = AdherenceEntry.objects.filter(program=program, key=key, day=day).delete()
    if removed:
        audit_record(
            clinic=program.client.clinic,
            user=user,
            actor=actor,
            action=AuditAction.ADHERENCE_CLEAR,
            record=program,
            client=program.client,
            summary=f"{day:%Y-%m-%d} {key}",
        )
