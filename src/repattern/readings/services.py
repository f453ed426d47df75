"""Storing force readings, typed one at a time or imported from a file, each with an audit row."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.readings.dynamometer import ParsedReading
from repattern.readings.models import ForceReading
from repattern.treatment.models import TreatmentSession

__all__ = ["ReadingRefused", "reading_record", "readings_import"]


class ReadingRefused(ValueError):
    """A reading that cannot be stored as it stands; the message says why."""


def _check(session: TreatmentSession, user: User, practitioner: User) -> None:
    if not session.may_record(user.pk):
        raise ReadingRefused(
            "Only the treating practitioner and the colleagues they added record in this session."
        )
    if not session.may_record(practitioner.pk):
        raise ReadingRefused(
            f"{practitioner.get_username()} does not treat in this session; add them first."
        )


def _next_trials(session: TreatmentSession, practitioner: User) -> dict[tuple[str, str], int]:
    """The next trial number of each muscle and side this practitioner measured here."""
    done = (
        ForceReading.objects.filter(session=session, practitioner=practitioner)
        .values("muscle", "side")
        .annotate(last=Max("trial"))
    )
    following: dict[tuple[str, str], int] = defaultdict(lambda: 1)
    for row in done:
        following[row["muscle"], row["side"]] = row["last"] + 1
    return following


@transaction.atomic
def reading_record(
    *,
    session: TreatmentSession,
    user: User,
    muscle: str,
    side: str,
    newtons: Decimal,
    trial: int | None = None,
) -> ForceReading:
    """One typed reading by the user; without a trial number it is the next for that muscle."""
    _check(session, user, user)
    newtons = Decimal(newtons).quantize(Decimal("0.1"))
    if trial is None:
        trial = _next_trials(session, user)[muscle, side]
    reading = ForceReading.objects.create(
        session=session,
        muscle=muscle,
        side=side,
        newtons=newtons,
        trial=trial,
        practitioner=user,
        entered=ForceReading.Entered.TYPED,
    )
    audit_record(
        clinic=session.client.clinic,
        user=user,
        action=AuditAction.READING_RECORD,
        record=reading,
        client=session.client,
        summary=f"{muscle} {side} trial {trial}: {newtons} N",
    )
    return reading


@transaction.atomic
def readings_import(
    *,
    session: TreatmentSession,
    user: User,
    practitioner: User,
    readings: list[ParsedReading],
    filename: str,
) -> list[ForceReading]:
    """Every reading of a checked file, all or none; readings without a trial number follow
    the ones already stored for that muscle and side."""
    _check(session, user, practitioner)
    if not readings:
        raise ReadingRefused("The file holds no readings.")
    following = _next_trials(session, practitioner)
    now = timezone.now()
    rows = []
    for parsed in readings:
        key = (parsed.muscle, parsed.side)
        trial = parsed.trial if parsed.trial is not None else following[key]
        following[key] = max(following[key], trial + 1)
        taken_at: datetime = parsed.taken_at or now
        rows.append(
            ForceReading(
                session=session,
                muscle=parsed.muscle,
                side=parsed.side,
                newtons=parsed.newtons,
                trial=trial,
                taken_at=taken_at,
                practitioner=practitioner,
                entered=ForceReading.Entered.IMPORTED,
            )
        )
    stored = ForceReading.objects.bulk_create(rows)
    audit_record(
        clinic=session.client.clinic,
        user=user,
        action=AuditAction.READINGS_IMPORT,
        record=session,
        client=session.client,
        summary=f"{filename[:100]}: {len(stored)} readings by {practitioner.get_username()}",
    )
    return stored
