from __future__ import annotations

import uuid
from typing import Any

import pytest

from repattern.treatment import services
from repattern.treatment.models import TreatmentSession
from repattern.treatment.services.events import EventInput


@pytest.fixture
def session(maria, alice) -> TreatmentSession:
    """Alice's open session with Maria, pain before rated."""
    return services.session_start(
        client=maria, practitioner=alice, pain_before=[("lower_back", "right", 6)]
    )


def record(session: TreatmentSession, user: Any, **fields: Any):
    event = EventInput(event_id=fields.pop("event_id", uuid.uuid4()), **fields)
    return services.event_record(session=session, user=user, event=event)
