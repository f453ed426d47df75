"""Everything held about one client, record by record: what an export writes out and what an
erasure deletes. One list, so the two cannot disagree about what belongs to a client."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, QuerySet

from repattern.audit.models import AuditEvent
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
)
from repattern.evidence.models import DischargeNote
from repattern.outbox.models import Message
from repattern.outcomes.models import Response, Review, ScheduleEntry
from repattern.portal.models import PortalLink
from repattern.profession.models import CaseConsent, CaseStudy, CaseStudyVersion
from repattern.programs.models import AdherenceEntry, Exercise, HomeProgram, ProgramVersion
from repattern.readings.models import ForceReading
from repattern.reminders.models import AppointmentReminder, ReminderChoices
from repattern.treatment.models import (
    Appointment,
    CarePlan,
    LateEntry,
    NoteAmendment,
    PainRating,
    Pattern,
    SessionEvent,
    SessionNote,
    TreatmentSession,
)


@dataclass(frozen=True)
class Kind:
    """One kind of record held about a client, and the path from its rows to the client."""

    name: str
    plural: str
    model: type[Model]
    to_client: str

    def words(self, count: int) -> str:
        return f"{count} {self.name if count == 1 else self.plural}"


@dataclass(frozen=True)
class Held:
    """Everything held about `client`, kind by kind."""

    client: Client

    def query(self, kind: Kind) -> QuerySet[Model]:
        return kind.model._default_manager.filter(**{kind.to_client: self.client.pk})

    def rows(self, kind: Kind) -> QuerySet[Model]:
        """The rows in a stable order, so two exports of the same record read alike."""
        return self.query(kind).order_by("pk")

    def counts(self) -> list[tuple[Kind, int]]:
        return [(kind, self.query(kind).count()) for kind in RECORDS]


CLIENT = Kind("client", "clients", Client, "pk")
# What an erasure deletes, beside the client's own row, in the words of its page.
RECORDS: tuple[Kind, ...] = (
    Kind("intake history", "intake histories", Intake, "client"),
    Kind("injury", "injuries", Injury, "client"),
    Kind("surgery or scar", "surgeries and scars", Scar, "client"),
    Kind("pain area", "pain areas", PainArea, "client"),
    Kind("safety screen", "safety screens", SafetyScreen, "client"),
    Kind("clearance or override", "clearances and overrides", Clearance, "screen__client"),
    Kind("consent", "consents", Consent, "client"),
    Kind("intake link", "intake links", IntakeLink, "client"),
    Kind("care plan", "care plans", CarePlan, "client"),
    Kind("appointment", "appointments", Appointment, "client"),
    Kind("session", "sessions", TreatmentSession, "client"),
    Kind("pain rating", "pain ratings", PainRating, "session__client"),
    Kind("session event", "session events", SessionEvent, "session__client"),
    Kind("pattern", "patterns", Pattern, "session__client"),
    Kind("home program", "home programs", HomeProgram, "client"),
    Kind("home program version", "home program versions", ProgramVersion, "program__client"),
    Kind("home exercise", "home exercises", Exercise, "version__program__client"),
    Kind("day of home exercise", "days of home exercise", AdherenceEntry, "program__client"),
    Kind("SOAP note", "SOAP notes", SessionNote, "session__client"),
    Kind("note amendment", "note amendments", NoteAmendment, "note__session__client"),
    Kind("late entry", "late entries", LateEntry, "session__client"),
    Kind("portal link", "portal links", PortalLink, "client"),
    Kind("choice of reminders", "choices of reminders", ReminderChoices, "client"),
    Kind("e-mail sent", "e-mails sent", Message, "client"),
    Kind("outcome measure", "outcome measures", Response, "client"),
    Kind("plan review", "plan reviews", Review, "client"),
    Kind(
        "measure in a plan's schedule",
        "measures in plans' schedules",
        ScheduleEntry,
        "care_plan__client",
    ),
    Kind(
        "reminder time of an appointment",
        "reminder times of appointments",
        AppointmentReminder,
        "appointment__client",
    ),
    Kind("force reading", "force readings", ForceReading, "session__client"),
    Kind("discharge note", "discharge notes", DischargeNote, "care_plan__client"),
    Kind("consent to a case study", "consents to case studies", CaseConsent, "client"),
    Kind("case study", "case studies", CaseStudy, "client"),
    Kind("case study version", "case study versions", CaseStudyVersion, "case_study__client"),
)
# Kept when the client is erased: the rows keep the client's number, not a link to the record.
TRAIL = Kind("audit row", "audit rows", AuditEvent, "client_number")
