"""Whoever holds an intake link sees nothing the clinic already holds and cannot take any of it
away: the client's answers are added to the record, and the page is never cached."""

from __future__ import annotations

import html

import pytest

from repattern.clients import services
from repattern.clients.screening import QUESTION_IDS

STAFF_GOALS = "Lift my toddler without back pain."
STAFF_MEDICATION = "Ibuprofen as needed"


@pytest.fixture
def recorded(maria, alice):
    services.intake_update(
        client=maria,
        user=alice,
        answers=services.IntakeAnswers(
            jaw_clenching=True,
            conditions=["low_back_pain"],
            goals=STAFF_GOALS,
            medications=STAFF_MEDICATION,
            intubation_notes="Appendectomy, 2004",
        ),
    )
    return maria


@pytest.fixture
def token(recorded, alice) -> str:
    return services.intake_link_create(client=recorded, user=alice, days=7)[1]


def sent(**intake: object) -> dict[str, object]:
    return {
        **{f"intake-{name}": value for name, value in intake.items()},
        **{f"screen-{q}": "no" for q in QUESTION_IDS},
        "consent-signed_name": "Maria Lopez",
        "consent-agree": "on",
    }


def test_the_link_shows_none_of_the_stored_history(client, token):
    text = html.unescape(client.get(f"/intake/{token}/").content.decode())
    for stored in (STAFF_GOALS, STAFF_MEDICATION, "Appendectomy, 2004"):
        assert stored not in text
    assert "checked" not in text.split('name="intake-jaw_clenching"')[1].split(">")[0]


def test_the_clients_answers_are_added_and_nothing_recorded_is_taken_away(client, token, recorded):
    response = client.post(f"/intake/{token}/", sent(goals="Run 10k", conditions=["stress"]))
    assert response.status_code == 200
    intake = services.intake_of(recorded)
    intake.refresh_from_db()
    assert intake.jaw_clenching is True
    assert intake.goals == f"{STAFF_GOALS}\nRun 10k"
    assert intake.medications == STAFF_MEDICATION
    assert intake.conditions == ["low_back_pain", "stress"]


def test_a_yes_from_the_client_is_kept(client, token, recorded):
    client.post(f"/intake/{token}/", sent(teeth_grinding="on"))
    intake = services.intake_of(recorded)
    intake.refresh_from_db()
    assert intake.teeth_grinding is True


def test_the_link_page_is_never_cached(client, token):
    assert "no-store" in client.get(f"/intake/{token}/")["Cache-Control"]
