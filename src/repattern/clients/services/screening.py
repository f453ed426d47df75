"""The safety screen, a doctor's clearance or the owner's override, and consent."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Clearance, Client, Consent, EnteredBy, SafetyScreen
from repattern.clients.screening import CONSENT_VERSION, QUESTION_IDS
from repattern.clients.services.base import Actor, save_valid


def _flagged_screen(client: Client) -> SafetyScreen:
    """The screen a clearance or override resolves: the newest flagged one still open."""
    screen = client.unresolved_screen()
    if screen is None:
        raise ValidationError("There is no flagged safety screen to clear.")
    return screen


@transaction.atomic
def screen_record(
    *,
    client: Client,
    user: Actor,
    answers: dict[str, bool],
    notes: str = "",
    entered_by: str = EnteredBy.STAFF,
    actor: str = "",
) -> SafetyScreen:
    screen = SafetyScreen(
        client=client,
        answers={q: answers[q] for q in QUESTION_IDS if q in answers},
        notes=notes,
        entered_by=entered_by,
        recorded_by=user if isinstance(user, User) else None,
    )
    save_valid(screen)
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action=AuditAction.SCREEN_RECORD,
        record=screen,
        summary=", ".join(screen.flags()) or "no flags",
    )
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
    save_valid(clearance)
    audit_record(
        clinic=client.clinic,
        user=user,
        action=AuditAction.CLEARANCE_RECORD,
        record=clearance,
        client=client,
        summary=f"cleared by {cleared_by}",
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
    save_valid(override)
    audit_record(
        clinic=client.clinic,
        user=user,
        action=AuditAction.OVERRIDE_RECORD,
        record=override,
        client=client,
        summary=reason[:200],
    )
    return override


@transaction.atomic
def consent_record(
    *,
    client: Client,
    user: Actor,
    signed_name: str,
    signer_relationship: str = "",
    entered_by: str = EnteredBy.STAFF,
    actor: str = "",
) -> Consent:
    consent = Consent(
        client=client,
        version=CONSENT_VERSION,
        signed_name=signed_name,
        signer_relationship=signer_relationship,
        entered_by=entered_by,
        recorded_by=user if isinstance(user, User) else None,
        # Staff record a consent signed in front of them: they are its witness.
        witnessed_by=user if isinstance(user, User) else None,
    )
    save_valid(consent)
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action=AuditAction.CONSENT_RECORD,
        record=consent,
        summary=f"consent {CONSENT_VERSION}"
        + (f", witnessed by {user.get_username()}" if isinstance(user, User) else ""),
    )
    return consent
