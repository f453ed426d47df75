"""Tokens for the named characters, and a way to call the API with one."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as Browser

from repattern.accounts.models import Membership
from repattern.api.services import api_token_create


def token_for(user: Any, clinic: Any, scope: str = "write", name: str = "tablet") -> str:
    membership = Membership.objects.get(user=user, clinic=clinic)
    return api_token_create(membership=membership, user=user, name=name, scope=scope).secret


class Api:
    """Calls /api/v1/ with a bearer token."""

    def __init__(self, token: str) -> None:
        self.browser = Browser()
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.browser.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.browser.post(
            f"/api/v1{path}", body, content_type="application/json", headers=self.headers
        )


@pytest.fixture(autouse=True)
def fresh_limits(db: None) -> None:
    """Each test starts with no calls counted against any token."""
    from django.core.cache import caches

    caches["shared"].clear()


@pytest.fixture
def alice_api(alice: Any, northside: Any) -> Api:
    return Api(token_for(alice, northside, "write"))


@pytest.fixture
def alice_reads(alice: Any, northside: Any) -> Api:
    return Api(token_for(alice, northside, "read"))


@pytest.fixture
def bob_api(bob: Any, southside: Any) -> Api:
    return Api(token_for(bob, southside, "write"))


@pytest.fixture
def record(program: Any, alice: Any, maria: Any) -> dict[str, Any]:
    """One of each of Maria's records (a care plan, an appointment, a finished session with a
    corrected pattern, its signed note and the home program drafted from it), by route name."""
    from datetime import timedelta

    from django.utils import timezone

    from repattern.outcomes import services as outcomes
    from repattern.treatment import services
    from repattern.treatment.models import Pattern, SessionEvent, TreatmentSession

    plan = services.careplan_create(client=maria, user=alice, complaint="Low back pain")
    appointment = services.appointment_book(
        client=maria,
        practitioner=alice,
        starts_at=timezone.now() + timedelta(days=3),
        by=alice,
        care_plan=plan,
    )
    session = TreatmentSession.objects.get()
    note = services.note_draft(session=session, user=alice)
    services.note_sign(note=note, user=alice, text=services.NoteText(subjective="Better."))
    stress = outcomes.response_record(
        client=maria, instrument_id="stress", raw={"stress": "6"}, entered_by="room", user=alice
    )
    return {
        "client_id": maria.pk,
        "plan_id": plan.pk,
        "appointment_id": appointment.pk,
        "session_id": session.pk,
        "pattern_id": Pattern.objects.get().pk,
        "note_id": note.pk,
        "program_id": program.pk,
        "event_id": SessionEvent.objects.first().pk,
        "entry_id": "psoas_major",
        "response_id": stress.pk,
    }
