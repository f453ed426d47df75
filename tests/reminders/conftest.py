from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from repattern.treatment.services import appointment_book


def local(days: int, at: time) -> datetime:
    """A moment `days` from today at a time of day, in the clinic's time zone."""
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), at))


@pytest.fixture
def appointment(maria: Any, alice: Any) -> Any:
    """Maria's appointment with Alice, two days from today at three in the afternoon."""
    return appointment_book(
        client=maria, practitioner=alice, starts_at=local(2, time(15, 0)), by=alice
    )
