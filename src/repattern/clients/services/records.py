"""The client's record itself: registered, changed, archived, restored, and read."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from repattern.accounts.models import Clinic
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client, Gender, Intake
from repattern.clients.services.base import Actor, save_valid


@dataclass(frozen=True)
class ClientDetails:
    """Who the client is and how to reach them; the model checks each field."""

    first_name: str
    last_name: str
    date_of_birth: date
    preferred_name: str = ""
    gender: str = Gender.UNKNOWN
    phone: str = ""
    email: str = ""
    notes: str = ""


@transaction.atomic
def client_create(*, clinic: Clinic, user: Actor, details: ClientDetails) -> Client:
    client = Client(clinic=clinic, **asdict(details))
    save_valid(client)
    Intake.objects.create(client=client)
    audit_record(
        clinic=clinic,
        user=user,
        action=AuditAction.CLIENT_CREATE,
        record=client,
        summary=client.full_name,
    )
    return client


@transaction.atomic
def client_update(*, client: Client, user: Actor, details: ClientDetails) -> Client:
    for name, value in asdict(details).items():
        setattr(client, name, value)
    save_valid(client)
    audit_record(clinic=client.clinic, user=user, action=AuditAction.CLIENT_UPDATE, record=client)
    return client


@transaction.atomic
def client_archive(*, client: Client, user: Actor) -> Client:
    client.archived_at = timezone.now()
    client.save(update_fields=["archived_at", "updated_at"])
    audit_record(clinic=client.clinic, user=user, action=AuditAction.CLIENT_ARCHIVE, record=client)
    return client


@transaction.atomic
def client_restore(*, client: Client, user: Actor) -> Client:
    client.archived_at = None
    client.save(update_fields=["archived_at", "updated_at"])
    audit_record(clinic=client.clinic, user=user, action=AuditAction.CLIENT_RESTORE, record=client)
    return client


def client_viewed(*, client: Client, user: Actor, what: str = "record") -> None:
    """A reading of the record, for the audit log; `what` says which page."""
    audit_record(
        clinic=client.clinic, user=user, action=AuditAction.CLIENT_VIEW, record=client, summary=what
    )
