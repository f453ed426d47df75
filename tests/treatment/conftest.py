from __future__ import annotations

import uuid
from typing import Any

from repattern.treatment import services
from repattern.treatment.models import TreatmentSession
from repattern.treatment.services.events import EventInput


def record(session: TreatmentSession, user: Any, **fields: Any):
    event = EventInput(event_id=fields.pop("event_id", uuid.uuid4()), **fields)
    recorded = services.event_record(session=session, user=user, event=event)
    return recorded.event, recorded.created


def held(session: TreatmentSession, user: Any, site: str, candidate: str):
    """A challenge of `candidate` that made the weak `site` hold."""
    return record(
        session,
        user,
        kind="challenge",
        site=site,
        candidate=candidate,
        challenge="touch",
        result="holds",
    )


def confirm(session: TreatmentSession, user: Any, site: str, candidate: str):
    """Test weak, challenge positive, confirm: the pattern in its learning window."""
    record(session, user, kind="test", site=site, result="weak")
    held(session, user, site, candidate)
    event, _ = record(session, user, kind="confirm", site=site, candidate=candidate)
    return event.pattern


def correct(session: TreatmentSession, user: Any, pattern, result: str = "holds"):
    record(session, user, kind="release", pattern_id=pattern.pk)
    record(session, user, kind="activation", pattern_id=pattern.pk)
    record(session, user, kind="retest", pattern_id=pattern.pk, result=result)
    pattern.refresh_from_db()
    return pattern
