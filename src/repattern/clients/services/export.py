"""A client's own data: everything held about them, downloaded as one file, and audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.export import export_zip
from repattern.clients.held import Held
from repattern.clients.models import Client


@dataclass(frozen=True)
class ClientExport:
    filename: str
    content: bytes


@transaction.atomic
def client_export(*, client: Client, user: User | None, actor: str = "") -> ClientExport:
    """The ZIP of everything held about the client. Its audit row is written first, so the
    export's own audit.json shows it."""
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action=AuditAction.CLIENT_EXPORT,
        record=client,
        summary="everything held, as a ZIP",
    )
    made_at = timezone.now()
    return ClientExport(
        filename=f"repattern-client-{client.pk}-{timezone.localdate(made_at):%Y-%m-%d}.zip",
        content=export_zip(
            Held(client),
            made_by=actor or (user.get_username() if user else "anonymous"),
            made_at=made_at,
        ),
    )
