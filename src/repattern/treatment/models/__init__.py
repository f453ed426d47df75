"""Treatment records: care plans, sessions, the event log of each session, patterns and notes."""

from repattern.treatment.models.appointments import Appointment
from repattern.treatment.models.careplans import CarePlan
from repattern.treatment.models.events import ChallengeKind, Pattern, SessionEvent
from repattern.treatment.models.feeds import CalendarFeed
from repattern.treatment.models.late import LateEntry
from repattern.treatment.models.notes import NoteAmendment, SessionNote
from repattern.treatment.models.sessions import PainRating, TreatmentSession

__all__ = [
    "Appointment",
    "CalendarFeed",
    "CarePlan",
    "ChallengeKind",
    "LateEntry",
    "NoteAmendment",
    "PainRating",
    "Pattern",
    "SessionEvent",
    "SessionNote",
    "TreatmentSession",
]
