"""Starting and ending treatment sessions."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.atlas.services import clinic_atlas
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.engine.session import EventKind, PatternStatus
from repattern.outcomes.services import session_pain_record
from repattern.programs.services import program_draft
from repattern.treatment.inputs import session_log
from repattern.treatment.models import (
    Appointment,
    CarePlan,
    PainRating,
    SessionEvent,
    TreatmentSession,
)
from repattern.treatment.services.notes import note_draft


class SessionClosed(ValidationError):
    """The session has ended already."""


class SessionBlocked(ValidationError):
    """The safety screen or the consent does not allow a session yet."""


@transaction.atomic
def session_start(
    *,
    client: Client,
    practitioner: User,
    pain_before: list[tuple[str, str, int]],
    care_plan: CarePlan | None = None,
    window_seconds: int = 45,
    appointment: Appointment | None = None,
) -> TreatmentSession:
    """Open a session, in its appointment if it has one; refused while the client should see a
    doctor first."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    blockers = client.session_blockers()
    if blockers:
        raise SessionBlocked(blockers)
    if care_plan is not None and care_plan.client_id != client.pk:
        raise ValidationError("That care plan belongs to another client.")
    if appointment is not None:
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.client_id != client.pk or not appointment.is_booked:
            raise ValidationError("That appointment is not a booked one of this client.")
        care_plan = care_plan or appointment.care_plan
    session = TreatmentSession(
        client=client, practitioner=practitioner, care_plan=care_plan, window_seconds=window_seconds
    )
    session.full_clean()
    session.save()
    _rate_pain(session, PainRating.Phase.BEFORE, pain_before)
    session_pain_record(session=session, phase="before", ratings=pain_before, user=practitioner)
    if appointment is not None:
        appointment.session, appointment.status = session, Appointment.Status.ATTENDED
        appointment.save(update_fields=["session", "status"])
    audit_record(
        clinic=client.clinic,
        user=practitioner,
        action=AuditAction.SESSION_START,
        record=session,
        summary=f"client {client.pk}",
    )
    return session


def _rate_pain(session: TreatmentSession, phase: str, ratings: list[tuple[str, str, int]]) -> None:
    for region, side, intensity in ratings:
        rating = PainRating(
            session=session, phase=phase, region=region, side=side, intensity=intensity
        )
        rating.full_clean()
        rating.save()


@transaction.atomic
def session_finish(
    *,
    session: TreatmentSession,
    user: User,
    pain_after: list[tuple[str, str, int]],
    after_effects: list[str],
    after_effects_note: str,
) -> TreatmentSession:
    """Close the session in one step: pain now, the after-effects the client reports, any
    pattern still in its window deferred, then the home program and the note drafted. A closed
    session is never closed again, so a second submit cannot overwrite an edited note."""
    session = TreatmentSession.objects.select_for_update().get(pk=session.pk)
    if not session.is_open:
        raise SessionClosed("This session has already ended; its summary and note are kept.")
    _rate_pain(session, PainRating.Phase.AFTER, pain_after)
    session_pain_record(session=session, phase="after", ratings=pain_after, user=user)
    _defer_open(session, user)
    session.after_effects = after_effects
    session.after_effects_note = after_effects_note
    session.full_clean()
    session.save(update_fields=["after_effects", "after_effects_note"])
    audit_record(
        clinic=session.client.clinic,
        user=user,
        action=AuditAction.SESSION_FINISH,
        record=session,
        summary=f"client {session.client_id}",
    )
    session_end(session=session, user=user)
    program_draft(session=session, user=user)
    note_draft(session=session, user=user)
    return session


@transaction.atomic
def session_team_add(*, session: TreatmentSession, member: User, by: User) -> TreatmentSession:
    """The treating practitioner lets a colleague of the clinic record in their session, for
    example a student at their side or an assistant who keeps the tablet."""
    if by.pk != session.practitioner_id:
        raise ValidationError(
            f"Only {session.practitioner.get_username()}, who treats in this session, adds "
            "colleagues to it."
        )
    membership = member.memberships.filter(clinic_id=session.client.clinic_id).first()
    if membership is None or not membership.can("treat"):
        raise ValidationError(f"{member.get_username()} does not treat in this clinic.")
    session.team.add(member)
    audit_record(
        clinic=session.client.clinic,
        user=by,
        action=AuditAction.SESSION_TEAM_ADD,
        record=session,
        summary=member.get_username(),
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
            action=AuditAction.SESSION_END,
            record=session,
            summary=f"client {session.client_id}",
        )
    return session


def _defer_open(session: TreatmentSession, user: User) -> None:
    """Defer every pattern still in its window: a session never ends with one open."""
    atlas = clinic_atlas(session.client.clinic_id)
    patterns = list(session.patterns.all())
    log = session_log(session, [], patterns, atlas)
    now = timezone.now()
    for rule in log.closing():
        pattern = next(p for p in patterns if p.pk == rule.id)
        SessionEvent.objects.create(
            event_id=uuid.uuid4(),
            session=session,
            kind=EventKind.OUTCOME,
            site=pattern.inhibited,
            candidate=pattern.facilitated,
            outcome=PatternStatus.DEFERRED,
            pattern=pattern,
            recorded_by=user,
            recorded_at=now,
            note="The session ended before the retest.",
        )
        pattern.status, pattern.ended_at = PatternStatus.DEFERRED, now
        pattern.save(update_fields=["status", "ended_at"])
