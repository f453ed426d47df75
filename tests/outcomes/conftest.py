from __future__ import annotations

from typing import Any

import pytest

from repattern.treatment.services import careplan_create, session_end, session_start


@pytest.fixture
def plan(maria: Any, alice: Any) -> Any:
    """Maria's care plan for her low back: six weekly sessions."""
    return careplan_create(client=maria, user=alice, complaint="Low back pain", planned_sessions=6)


def hold(plan: Any, user: Any, pain: int, end: bool = True) -> Any:
    """A session of the plan with pain rated before; ended unless `end` is False."""
    session = session_start(
        client=plan.client,
        practitioner=user,
        pain_before=[("lower_back", "right", pain)],
        care_plan=plan,
    )
    if end:
        session_end(session=session, user=user)
    return session
