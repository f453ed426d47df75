"""What the API answers with: one schema per resource, named as the app names it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


class ClientOut(BaseModel):
    """A plain pydantic model, not a ninja Schema: a page of 1,000 validates twice as fast."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: date
    gender: str
    phone: str
    email: str
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime


class ClientDetailOut(ClientOut):
    """The client with the intake history, as the client's data export names its keys."""

    notes: str
    screen_status: str
    screen_status_label: str
    session_blockers: list[str]
    intake: dict[str, Any] | None
    injuries: list[dict[str, Any]]
    scars: list[dict[str, Any]]
    pain_areas: list[dict[str, Any]]


class CarePlanOut(Schema):
    id: int
    client_id: int
    complaint: str
    goals: str
    planned_sessions: int
    interval_days: int
    start_date: date
    closed_at: datetime | None
    created_by: str | None

    @staticmethod
    def resolve_created_by(obj: Any) -> str | None:
        return _username(obj.created_by)


class AppointmentOut(Schema):
    id: int
    client_id: int
    practitioner: str | None
    care_plan_id: int | None
    starts_at: datetime
    duration_minutes: int
    status: str
    note: str
    session_id: int | None
    cancelled_reason: str
    cancelled_at: datetime | None

    @staticmethod
    def resolve_practitioner(obj: Any) -> str | None:
        return _username(obj.practitioner)


class PainOut(Schema):
    phase: str
    region: str
    side: str
    intensity: int


class SessionOut(Schema):
    id: int
    client_id: int
    practitioner: str | None
    care_plan_id: int | None
    started_at: datetime
    ended_at: datetime | None
    window_seconds: int
    after_effects: list[str]

    @staticmethod
    def resolve_practitioner(obj: Any) -> str | None:
        return _username(obj.practitioner)


class SessionDetailOut(SessionOut):
    after_effects_note: str
    pain: list[PainOut]

    @staticmethod
    def resolve_pain(obj: Any) -> list[Any]:
        return list(obj.pain_ratings.all())


class EventOut(Schema):
    id: int
    event_id: uuid.UUID
    session_id: int
    kind: str
    site: str
    candidate: str
    challenge: str
    challenge_other: str
    result: str
    blinded: bool
    force_newtons: float | None
    note: str
    outcome: str
    pattern_id: int | None
    recorded_by: str | None
    recorded_at: datetime

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str | None:
        return _username(obj.recorded_by)

    @staticmethod
    def resolve_force_newtons(obj: Any) -> float | None:
        return float(obj.force_newtons) if obj.force_newtons is not None else None


class RecordedOut(Schema):
    """The event as stored, and whether this call stored it (false: it was there already)."""

    created: bool
    event: EventOut


class PatternOut(Schema):
    id: int
    session_id: int
    inhibited: str
    facilitated: str
    layer: int
    status: str
    probability: float
    window_seconds: int
    confirmed_at: datetime
    ended_at: datetime | None
    retested_late: bool


class AmendmentOut(Schema):
    text: str
    written_by: str | None
    written_at: datetime

    @staticmethod
    def resolve_written_by(obj: Any) -> str | None:
        return _username(obj.written_by)


class NoteOut(Schema):
    id: int
    session_id: int
    subjective: str
    objective: str
    assessment: str
    plan: str
    signed_by: str | None
    signed_at: datetime | None
    needs_cosign: bool
    cosigned_by: str | None
    cosigned_at: datetime | None
    amendments: list[AmendmentOut]

    @staticmethod
    def resolve_signed_by(obj: Any) -> str | None:
        return _username(obj.signed_by)

    @staticmethod
    def resolve_cosigned_by(obj: Any) -> str | None:
        return _username(obj.cosigned_by)

    @staticmethod
    def resolve_amendments(obj: Any) -> list[Any]:
        return list(obj.amendments.all())


class ExerciseOut(Schema):
    key: str
    title: str
    inhibited: str
    facilitated: str
    release: str
    activation: str
    side: str
    hold_seconds: int
    sets: int
    repetitions: int
    times_per_day: int
    note: str


class ExerciseAdherenceOut(Schema):
    key: str
    title: str
    done: int
    prescribed: int


class AdherenceOut(Schema):
    """Days done out of days prescribed, per exercise, since the program began."""

    done: int
    prescribed: int
    percent_done: int
    last_logged: date | None
    exercises: list[ExerciseAdherenceOut]


class ProgramOut(Schema):
    id: int
    client_id: int
    care_plan_id: int | None
    created_at: datetime
    ended_at: datetime | None


class ProgramDetailOut(ProgramOut):
    version: int | None
    note_for_client: str
    exercises: list[ExerciseOut]
    adherence: AdherenceOut


class AtlasEntryOut(Schema):
    id: str
    name: str
    kind: str


class AtlasEntryDetailOut(AtlasEntryOut):
    """The entry as the atlas holds it, and every relation it takes part in."""

    entry: dict[str, Any]
    relations: list[dict[str, Any]]


class ResponseOut(Schema):
    id: int
    client_id: int
    instrument: str = Field(description="The instrument's id, as in data/instruments/")
    questionnaire: str = Field(
        description="The questionnaire's address and version, or the clinic's copy"
    )
    care_plan_id: int | None
    session_id: int | None
    phase: str = Field(description="before or after, for pain rated in a session; else empty")
    authored: datetime
    entered_by: str = Field(description="client (on the portal), room, or session")
    actor: str = Field(description="Who entered it, by name")
    answers: list[dict[str, Any]] = Field(description="FHIR QuestionnaireResponse items")
    score: float | None
    qualifier: str = Field(description="What the measure is of, where it needs saying")
