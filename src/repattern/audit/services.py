"""Audit rows are written by the same service call, in the same transaction, as the change."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db import models

from repattern.accounts.models import Clinic
from repattern.audit.models import AuditAction, AuditEvent
from repattern.clients.models import Client


def audit_record(
    *,
    clinic: Clinic,
    user: User | AnonymousUser | None,
    action: AuditAction,
    record: models.Model,
    summary: str = "",
    actor: str = "",
    client: Client | None = None,
) -> AuditEvent:
    """One row; `client` defaults to the record itself or the client the record belongs to.

    Call it inside the transaction of the change it records, so both are kept or neither."""
    signed_in = user is not None and user.is_authenticated
    if client is None and isinstance(record, Client):
        client = record
    client_id = client.pk if client is not None else getattr(record, "client_id", None)
    return AuditEvent.objects.create(
        clinic=clinic,
        client_id=client_id,
        client_number=client_id,
        user_id=user.pk if signed_in and user is not None else None,
        actor=actor or (user.get_username() if signed_in and user is not None else "anonymous"),
        action=action,
        record_type=record._meta.model_name or "",
        record_id=str(record.pk),
        summary=summary[:300],
    )
