"""Every write to a client record: one transaction, validated, with its audit row."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from repattern.accounts.models import Clinic
from repattern.audit.services import audit_record
from repattern.clients.models import (
    Clearance,
    Client,
    Consent,
    Injury,
    Intake,
    IntakeLink,
    PainArea,
    SafetyScreen,
    Scar,
    Source,
)
from repattern.clients.screening import CONSENT_VERSION, QUESTION_IDS
from repattern.tokens import new_token, token_hash

Actor = User | AnonymousUser | None


def _save(instance: models.Model) -> None:
    instance.full_clean()
    instance.save()


@transaction.atomic
def client_create(*, clinic: Clinic, user: Actor, **fields: Any) -> Client:
    client = Client(clinic=clinic, **fields)
    _save(client)
    Intake.objects.create(client=client)
    audit_record(clinic=clinic, user=user, action="create", record=client, summary=client.full_name)
    return client


@transaction.atomic
def client_update(*, client: Client, user: Actor, **fields: Any) -> Client:
    for name, value in fields.items():
        setattr(client, name, value)
    _save(client)
    audit_record(clinic=client.clinic, user=user, action="update", record=client)
    return client


@transaction.atomic
def client_archive(*, client: Client, user: Actor) -> Client:
    client.archived_at = timezone.now()
    client.save(update_fields=["archived_at", "updated_at"])
    audit_record(clinic=client.clinic, user=user, action="archive", record=client)
    return client


@transaction.atomic
def client_restore(*, client: Client, user: Actor) -> Client:
    client.archived_at = None
    client.save(update_fields=["archived_at", "updated_at"])
    audit_record(clinic=client.clinic, user=user, action="restore", record=client)
    return client


def client_viewed(*, client: Client, user: Actor, what: str = "record") -> None:
    audit_record(clinic=client.clinic, user=user, action="view", record=client, summary=what)


def intake_of(client: Client) -> Intake:
    intake, _ = Intake.objects.get_or_create(client=client)
    return intake


@transaction.atomic
def intake_update(*, client: Client, user: Actor, actor: str = "", **fields: Any) -> Intake:
    intake = intake_of(client)
    for name, value in fields.items():
        setattr(intake, name, value)
    _save(intake)
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action="update",
        record=intake,
        summary=f"intake of client {client.pk}",
    )
    return intake


HISTORY_MODELS: dict[str, type[models.Model]] = {
    "injury": Injury,
    "scar": Scar,
    "pain_area": PainArea,
}


@transaction.atomic
def history_add(
    *, client: Client, user: Actor, entry: str, actor: str = "", **fields: Any
) -> models.Model:
    """Add an entry (an injury, scar or pain area) to the client's history."""
    row = HISTORY_MODELS[entry](client=client, **fields)
    _save(row)
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action="create",
        record=row,
        summary=f"{entry} of client {client.pk}: {row}",
    )
    return row


@transaction.atomic
def history_remove(*, client: Client, user: Actor, entry: str, row_id: int) -> None:
    row = HISTORY_MODELS[entry]._default_manager.get(client=client, pk=row_id)
    audit_record(
        clinic=client.clinic,
        user=user,
        action="delete",
        record=row,
        summary=f"{entry} of client {client.pk}: {row}",
    )
    row.delete()


@transaction.atomic
def screen_record(
    *,
    client: Client,
    user: Actor,
    answers: dict[str, bool],
    notes: str = "",
    source: str = Source.PRACTITIONER,
    actor: str = "",
) -> SafetyScreen:
    missing = [q for q in QUESTION_IDS if q not in answers]
    if missing:
        raise ValidationError(f"Every screening question needs an answer; missing: {missing}")
    screen = SafetyScreen(
        client=client,
        answers={q: bool(answers[q]) for q in QUESTION_IDS},
        notes=notes,
        source=source,
        recorded_by=user if isinstance(user, User) else None,
    )
    _save(screen)
    flags = ", ".join(screen.flags()) or "no flags"
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action="screen",
        record=screen,
        summary=f"client {client.pk}: {flags}",
    )
    return screen


def _flagged_screen(client: Client) -> SafetyScreen:
    """The screen a clearance or override resolves: the newest flagged one still open."""
    screen = client.unresolved_screen()
    if screen is None:
        raise ValidationError("There is no flagged safety screen to clear.")
    return screen


@transaction.atomic
def clearance_record(
    *, client: Client, user: User, cleared_by: str, cleared_on: date, note: str
) -> Clearance:
    clearance = Clearance(
        screen=_flagged_screen(client),
        kind=Clearance.Kind.CLEARANCE,
        cleared_by=cleared_by,
        cleared_on=cleared_on,
        note=note,
        recorded_by=user,
    )
    _save(clearance)
    audit_record(
        clinic=client.clinic,
        user=user,
        action="clearance",
        record=clearance,
        client=client,
        summary=f"client {client.pk} cleared by {cleared_by}",
    )
    return clearance


@transaction.atomic
def override_record(*, client: Client, user: User, reason: str) -> Clearance:
    override = Clearance(
        screen=_flagged_screen(client),
        kind=Clearance.Kind.OVERRIDE,
        cleared_by=user.get_username(),
        cleared_on=timezone.localdate(),
        note=reason,
        recorded_by=user,
    )
    _save(override)
    audit_record(
        clinic=client.clinic,
        user=user,
        action="override",
        record=override,
        client=client,
        summary=f"client {client.pk}: {reason[:200]}",
    )
    return override


@transaction.atomic
def consent_record(
    *,
    client: Client,
    user: Actor,
    signed_name: str,
    signer_relationship: str = "",
    source: str = Source.PRACTITIONER,
    actor: str = "",
) -> Consent:
    consent = Consent(
        client=client,
        version=CONSENT_VERSION,
        signed_name=signed_name,
        signer_relationship=signer_relationship,
        source=source,
        recorded_by=user if isinstance(user, User) else None,
    )
    _save(consent)
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action="consent",
        record=consent,
        summary=f"client {client.pk} signed consent {CONSENT_VERSION}",
    )
    return consent


@transaction.atomic
def intake_link_create(*, client: Client, user: User, days: int) -> tuple[IntakeLink, str]:
    """A new link for the client; returns the row and the token, which is shown only once."""
    token, hashed = new_token()
    link = IntakeLink(
        client=client,
        token_hash=hashed,
        created_by=user,
        expires_at=timezone.now() + timedelta(days=days),
    )
    _save(link)
    audit_record(
        clinic=client.clinic,
        user=user,
        action="intake_link",
        record=link,
        summary=f"client {client.pk}, valid {days} days",
    )
    return link, token


def intake_link_find(token: str) -> IntakeLink | None:
    """The usable link for this token, or None if it is unknown, used, revoked or expired."""
    link = (
        IntakeLink.objects.select_related("client", "client__clinic")
        .filter(token_hash=token_hash(token))
        .first()
    )
    return link if link and link.is_usable() else None


@transaction.atomic
def intake_link_complete(
    *,
    link: IntakeLink,
    answers: dict[str, bool],
    notes: str,
    signed_name: str,
    signer_relationship: str = "",
) -> None:
    """The client submits the link: their screen and consent are stored and the link closes."""
    now = timezone.now()
    # Claim the link first, in one statement: of two submits at once, only one gets it.
    claimed = IntakeLink.objects.filter(
        pk=link.pk, completed_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).update(completed_at=now)
    if not claimed:
        raise ValidationError("This form has already been sent, or the link has expired.")
    actor = f"client via link {link.pk}"
    screen_record(
        client=link.client,
        user=None,
        answers=answers,
        notes=notes,
        source=Source.CLIENT_LINK,
        actor=actor,
    )
    consent_record(
        client=link.client,
        user=None,
        signed_name=signed_name,
        signer_relationship=signer_relationship,
        source=Source.CLIENT_LINK,
        actor=actor,
    )


@transaction.atomic
def intake_link_revoke(*, link: IntakeLink, user: User) -> None:
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    audit_record(clinic=link.client.clinic, user=user, action="revoke", record=link)
