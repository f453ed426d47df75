"""Intake links: a client fills in their own history, screen and consent on their phone.

Only a hash of each link's token is stored, so a copy of the database cannot open one.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client, EnteredBy, IntakeLink
from repattern.clients.services.base import save_valid
from repattern.clients.services.history import IntakeAnswers, intake_update
from repattern.clients.services.screening import consent_record, screen_record
from repattern.tokens import new_token, token_hash


def link_actor(link: IntakeLink) -> str:
    """How the audit log names whoever holds the link: the client, in all likelihood."""
    return f"client via link {link.pk}"


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
    save_valid(link)
    audit_record(
        clinic=client.clinic,
        user=user,
        action=AuditAction.INTAKE_LINK_CREATE,
        record=link,
        summary=f"valid {days} days",
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
def intake_link_submit(
    *,
    link: IntakeLink,
    intake: IntakeAnswers,
    screen_answers: dict[str, bool],
    screen_notes: str,
    signed_name: str,
    signer_relationship: str = "",
) -> None:
    """The client sends the form: their intake, screen and consent are stored together and the
    link closes. A second send, or one after the link expired, changes nothing."""
    now = timezone.now()
    # Claim the link first, in one statement: of two submits at once, only one gets it.
    claimed = IntakeLink.objects.filter(
        pk=link.pk, completed_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).update(completed_at=now)
    if not claimed:
        raise ValidationError("This form has already been sent, or the link has expired.")
    client, actor = link.client, link_actor(link)
    intake_update(client=client, user=None, actor=actor, answers=intake, adding=True)
    screen_record(
        client=client,
        user=None,
        answers=screen_answers,
        notes=screen_notes,
        entered_by=EnteredBy.CLIENT_LINK,
        actor=actor,
    )
    consent_record(
        client=client,
        user=None,
        signed_name=signed_name,
        signer_relationship=signer_relationship,
        entered_by=EnteredBy.CLIENT_LINK,
        actor=actor,
    )
    audit_record(
        clinic=client.clinic,
        user=None,
        actor=actor,
        action=AuditAction.INTAKE_LINK_SUBMIT,
        record=link,
    )


@transaction.atomic
def intake_link_revoke(*, link: IntakeLink, user: User) -> None:
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    audit_record(
        clinic=link.client.clinic, user=user, action=AuditAction.INTAKE_LINK_REVOKE, record=link
    )
