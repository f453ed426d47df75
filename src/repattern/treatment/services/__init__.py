"""Every write to treatment records goes through these functions, each in one transaction."""

from repattern.treatment.services.appointments import (
    AppointmentOverlap,
    appointment_book,
    appointment_cancel,
    appointment_reschedule,
)
from repattern.treatment.services.careplans import (
    careplan_close,
    careplan_create,
    careplan_update,
    careplan_viewed,
)
from repattern.treatment.services.events import EventRejected, SessionEnded, event_record
from repattern.treatment.services.feeds import feed_create, feed_find, feed_read, feed_revoke
from repattern.treatment.services.late import late_entry_keep
from repattern.treatment.services.notes import (
    NoteSigned,
    NoteText,
    note_amend,
    note_cosign,
    note_draft,
    note_for_client_save,
    note_save,
    note_sign,
)
from repattern.treatment.services.sessions import (
    SessionBlocked,
    SessionClosed,
    session_end,
    session_finish,
    session_start,
    session_team_add,
)

__all__ = [
    "AppointmentOverlap",
    "EventRejected",
    "NoteSigned",
    "NoteText",
    "SessionBlocked",
    "SessionClosed",
    "SessionEnded",
    "appointment_book",
    "appointment_cancel",
    "appointment_reschedule",
    "careplan_close",
    "careplan_create",
    "careplan_update",
    "careplan_viewed",
    "event_record",
    "feed_create",
    "feed_find",
    "feed_read",
    "feed_revoke",
    "late_entry_keep",
    "note_amend",
    "note_cosign",
    "note_draft",
    "note_for_client_save",
    "note_save",
    "note_sign",
    "session_end",
    "session_finish",
    "session_start",
    "session_team_add",
]
