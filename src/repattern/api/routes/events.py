"""A session's events: read, and recorded by the same rules and ids as the session screen."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from repattern.api.caller import caller_of
from repattern.api.paging import Page, Paging, RecordId, page_of
from repattern.api.routes.common import ERRORS, one
from repattern.api.schemas import EventOut, RecordedOut
from repattern.audit.models import AuditAction
from repattern.engine.session import EventKind, PatternStatus, Result
from repattern.treatment import services
from repattern.treatment.forms import EventForm
from repattern.treatment.models import SessionEvent, TreatmentSession
from repattern.treatment.services.events import EventInput

router = Router(tags=["sessions"])


class EventIn(Schema):
    """One event, as the session screen sends it. `event_id` is made by the sender: sending
    the same id again stores nothing new, so a retry after a dropped connection is safe."""

    event_id: uuid.UUID
    kind: str = Field(description="test, challenge, confirm, release, activation, retest, outcome")
    site: str = Field("", max_length=100, description="The muscle tested, e.g. psoas_major:left")
    candidate: str = Field("", max_length=100, description="The structure challenged")
    challenge: str = Field("", max_length=12, description="touch, rub, scar, jaw_clench, ...")
    challenge_other: str = Field("", max_length=100)
    result: str = Field("", max_length=5, description="holds or weak")
    blinded: bool = False
    force_newtons: float | None = Field(None, ge=0, le=2000)
    note: str = Field("", max_length=5000)
    outcome: str = Field("", max_length=20)
    pattern_id: int | None = Field(None, ge=1, le=2**62)


def _as_input(data: dict[str, Any]) -> EventInput:
    """The checked form as the events service takes it (the session screen's own mapping)."""
    return EventInput(
        event_id=data["event_id"],
        kind=EventKind(data["kind"]),
        site=data["site"],
        candidate=data["candidate"],
        challenge=data["challenge"],
        challenge_other=data["challenge_other"],
        result=Result(data["result"]) if data["result"] else None,
        blinded=data["blinded"],
        force_newtons=data["force_newtons"],
        note=data["note"],
        outcome=PatternStatus(data["outcome"]) if data["outcome"] else None,
        pattern_id=data["pattern_id"],
    )


def _session(request: HttpRequest, session_id: int) -> TreatmentSession:
    caller = caller_of(request)
    caller.require("treat")
    rows = TreatmentSession.objects.filter(client__clinic_id=caller.clinic_id).select_related(
        "client", "client__clinic", "practitioner"
    )
    return one(rows, session_id)


@router.get("/sessions/{session_id}/events", response={200: Page[EventOut], **ERRORS})
def event_list(request: HttpRequest, session_id: RecordId, paging: Query[Paging]) -> Any:
    """The session's events in the order they were recorded."""
    session = _session(request, session_id)
    caller_of(request).audit(AuditAction.SESSION_VIEW, session, "the events")
    rows = SessionEvent.objects.filter(session=session).select_related("recorded_by")
    return page_of(rows, paging)


@router.post(
    "/sessions/{session_id}/events",
    response={200: RecordedOut, 201: RecordedOut, **ERRORS},
)
def event_record(request: HttpRequest, session_id: RecordId, payload: EventIn) -> Any:
    """Record one event. 201 when stored, 200 when that event id was stored already; 409 with
    the rule's sentence when the session rules refuse it, and then nothing is stored."""
    caller = caller_of(request)
    caller.require_write()
    session = _session(request, session_id)
    data = payload.model_dump()
    form = EventForm({k: "" if v is None else v for k, v in data.items()})
    if not form.is_valid():
        raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
    try:
        recorded = services.event_record(
            session=session, user=caller.user, event=_as_input(form.cleaned_data)
        )
    except services.EventRejected as refused:
        caller.audit(AuditAction.API_EVENT_RECORD, session, f"refused: {refused}")
        raise
    summary = f"{recorded.event}" + ("" if recorded.created else " (sent again, kept once)")
    caller.audit(AuditAction.API_EVENT_RECORD, session, summary)
    return (201 if recorded.created else 200), {
        "created": recorded.created,
        "event": recorded.event,
    }
