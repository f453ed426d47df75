"""Entries that arrive after their session ended: kept as typed, apart from the record."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.treatment.models import LateEntry, TreatmentSession


def late_entry_keep(
    *, session: TreatmentSession, user: User, event_id: uuid.UUID, entry: dict[str, Any]
) -> LateEntry:
    """Keep an entry made after the session ended, once per page-made id."""
    if session.is_open:
        raise ValidationError("The session is still open: the entry is recorded as usual.")
    if not session.may_record(user.pk):
        raise ValidationError("Only those who record in this session keep entries with it.")
    kept = LateEntry.objects.filter(event_id=event_id).first()
    if kept is not None:
        return kept
    try:
        with transaction.atomic():
            kept = LateEntry(session=session, event_id=event_id, entry=entry, recorded_by=user)
            kept.full_clean()
            kept.save()
            audit_record(
                clinic=session.client.clinic,
                user=user,
                action=AuditAction.LATE_ENTRY_KEEP,
                record=session,
                summary=str(kept)[:300],
            )
    except IntegrityError:
        # The same entry kept twice at once (two tabs): the other request kept it.
        return LateEntry.objects.get(event_id=event_id)
    return kept
