"""Care plans, appointments, sessions, patterns and notes: read, each call audited."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from repattern.api.caller import Caller, caller_of
from repattern.api.paging import Filters, Page, RecordId, filtered, page_of
from repattern.api.routes.common import ERRORS, listed, one
from repattern.api.schemas import (
    AppointmentOut,
    CarePlanOut,
    NoteOut,
    PatternOut,
    SessionDetailOut,
    SessionOut,
)
from repattern.audit.models import AuditAction
from repattern.treatment.models import (
    Appointment,
    CarePlan,
    Pattern,
    SessionNote,
    TreatmentSession,
)

router = Router(tags=["treatment"])


def _plans(caller: Caller) -> Any:
    return CarePlan.objects.filter(client__clinic_id=caller.clinic_id).select_related("created_by")


@router.get("/care-plans", response={200: Page[CarePlanOut], **ERRORS})
def careplan_list(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    """Care plans; `since` and `until` filter by their start date."""
    caller = caller_of(request)
    caller.require("view_clients")
    listed(caller, "care plans", filters)
    return page_of(filtered(_plans(caller), filters, when="start_date"), filters)


@router.get("/care-plans/{plan_id}", response={200: CarePlanOut, **ERRORS})
def careplan_detail(request: HttpRequest, plan_id: RecordId) -> CarePlan:
    caller = caller_of(request)
    caller.require("view_clients")
    plan = one(_plans(caller), plan_id)
    caller.audit(AuditAction.CAREPLAN_VIEW, plan, plan.complaint)
    return plan


def _appointments(caller: Caller) -> Any:
    return Appointment.objects.filter(client__clinic_id=caller.clinic_id).select_related(
        "practitioner"
    )


@router.get("/appointments", response={200: Page[AppointmentOut], **ERRORS})
def appointment_list(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    """Appointments by time, cancelled ones too; `since` and `until` filter by their day."""
    caller = caller_of(request)
    caller.require("view_clients")
    listed(caller, "appointments", filters)
    return page_of(filtered(_appointments(caller), filters, when="starts_at"), filters)


@router.get("/appointments/{appointment_id}", response={200: AppointmentOut, **ERRORS})
def appointment_detail(request: HttpRequest, appointment_id: RecordId) -> Appointment:
    caller = caller_of(request)
    caller.require("view_clients")
    appointment = one(_appointments(caller), appointment_id)
    caller.audit(AuditAction.API_READ, appointment, "an appointment")
    return appointment


def _sessions(caller: Caller) -> Any:
    return TreatmentSession.objects.filter(client__clinic_id=caller.clinic_id).select_related(
        "practitioner"
    )


@router.get("/sessions", response={200: Page[SessionOut], **ERRORS})
def session_list(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    """Sessions, the newest first; `since` and `until` filter by the day they started."""
    caller = caller_of(request)
    caller.require("treat")
    listed(caller, "sessions", filters)
    return page_of(filtered(_sessions(caller), filters, when="started_at"), filters)


@router.get("/sessions/{session_id}", response={200: SessionDetailOut, **ERRORS})
def session_detail(request: HttpRequest, session_id: RecordId) -> TreatmentSession:
    caller = caller_of(request)
    caller.require("treat")
    session = one(_sessions(caller).prefetch_related("pain_ratings"), session_id)
    caller.audit(AuditAction.SESSION_VIEW, session)
    return session


def _patterns(caller: Caller) -> Any:
    return Pattern.objects.filter(session__client__clinic_id=caller.clinic_id).select_related(
        "session__client"
    )


@router.get("/patterns", response={200: Page[PatternOut], **ERRORS})
def pattern_list(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    """Compensation patterns confirmed in sessions; `since` and `until` by when confirmed."""
    caller = caller_of(request)
    caller.require("treat")
    listed(caller, "patterns", filters)
    rows = filtered(_patterns(caller), filters, client="session__client_id", when="confirmed_at")
    return page_of(rows, filters)


@router.get("/patterns/{pattern_id}", response={200: PatternOut, **ERRORS})
def pattern_detail(request: HttpRequest, pattern_id: RecordId) -> Pattern:
    caller = caller_of(request)
    caller.require("treat")
    pattern = one(_patterns(caller), pattern_id)
    caller.audit(AuditAction.API_READ, pattern, str(pattern), pattern.session.client)
    return pattern


def _notes(caller: Caller) -> Any:
    return (
        SessionNote.objects.filter(session__client__clinic_id=caller.clinic_id)
        .select_related("session__client", "signed_by", "cosigned_by")
        .prefetch_related("amendments__written_by")
        .order_by("-session__started_at", "-id")
    )


@router.get("/notes", response={200: Page[NoteOut], **ERRORS})
def note_list(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    """SOAP notes, read only: signing stays in the app. `since` and `until` by session day."""
    caller = caller_of(request)
    caller.require("treat")
    listed(caller, "notes", filters)
    rows = filtered(
        _notes(caller), filters, client="session__client_id", when="session__started_at"
    )
    return page_of(rows, filters)


@router.get("/notes/{note_id}", response={200: NoteOut, **ERRORS})
def note_detail(request: HttpRequest, note_id: RecordId) -> SessionNote:
    caller = caller_of(request)
    caller.require("treat")
    note = one(_notes(caller), note_id)
    caller.audit(AuditAction.SESSION_VIEW, note.session, "the note")
    return note
