"""Starting and ending treatment sessions."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.treatment.models import PainRating, TreatmentSession


class SessionBlocked(ValidationError):
    """The safety screen or the consent does not allow a session yet."""


@transaction.atomic
def session_start(
    *, client: Client, practitioner: User, pain_before: list[tuple[str, str, int]]
) -> TreatmentSession:
    """Open a session; refused while the client should see a doctor first."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    blockers = client.session_blockers()
    if blockers:
        raise SessionBlocked(blockers)
    session = TreatmentSession.objects.create(client=client, practitioner=practitioner)
    for region, side, intensity in pain_before:
        rating = PainRating(
            session=session,
            phase=PainRating.Phase.BEFORE,
            region=region,
            side=side,
            intensity=intensity,
        )
        rating.full_clean()
        rating.save()
    audit_record(
        clinic=client.clinic,
        user=practitioner,
        action="session_start",
        record=session,
        summary=f"client {client.pk}",
    )
    return session


@transaction.atomic
def session_end(*, session: TreatmentSession, user: User) -> TreatmentSession:
    if session.ended_at is None:
        session.ended_at = timezone.now()
        session.save(update_fields=["ended_at"])
        audit_record(
            clinic=session.client.clinic,
            user=user,
            action="session_end",
            record=session,
            summary=f"client {session.client_id}",
        )
    return session
