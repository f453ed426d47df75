"""The page posts each event with its own id: the server stores it once and answers with the
updated screen, or says in words why it cannot."""

from __future__ import annotations

import uuid

from repattern.treatment.models import SessionEvent


def post(browser, session, **fields):
    return browser.post(f"/sessions/{session.pk}/events/", fields)


def test_the_same_event_posted_twice_is_stored_once_and_both_answers_show_it(as_alice, session):
    event = {
        "event_id": str(uuid.uuid4()),
        "kind": "test",
        "site": "psoas_major:left",
        "result": "weak",
    }
    first = post(as_alice, session, **event)
    second = post(as_alice, session, **event)
    assert first.status_code == second.status_code == 200
    assert SessionEvent.objects.count() == 1
    assert "Psoas major, left tests weak" in second.content.decode()


def test_a_challenge_answers_with_the_new_ranking_and_the_next_suggestion(as_alice, session):
    post(
        as_alice,
        session,
        event_id=str(uuid.uuid4()),
        kind="test",
        site="psoas_major:left",
        result="weak",
    )
    response = post(
        as_alice,
        session,
        event_id=str(uuid.uuid4()),
        kind="challenge",
        site="psoas_major:left",
        candidate="quadratus_lumborum:left",
        challenge="touch",
        result="holds",
    )
    text = response.content.decode()
    assert "Next challenge" in text or "reaches 95%" in text
    assert 'data-candidate="quadratus_lumborum:left"' in text


def test_a_custom_challenge_needs_its_description(as_alice, session):
    post(
        as_alice,
        session,
        event_id=str(uuid.uuid4()),
        kind="test",
        site="psoas_major:left",
        result="weak",
    )
    response = post(
        as_alice,
        session,
        event_id=str(uuid.uuid4()),
        kind="challenge",
        site="psoas_major:left",
        candidate="iliacus:left",
        challenge="custom",
        result="holds",
    )
    assert response.status_code == 409
    assert "Describe the custom challenge." in response.json()["error"]


def test_a_malformed_event_gets_a_message_not_an_error_page(as_alice, session):
    response = post(as_alice, session, event_id="not-a-uuid", kind="test", result="maybe")
    assert response.status_code == 400
    assert "bad event id" in response.json()["error"]
    assert not SessionEvent.objects.exists()


def test_a_force_beyond_what_a_hand_can_apply_is_refused(as_alice, session):
    response = post(
        as_alice,
        session,
        event_id=str(uuid.uuid4()),
        kind="test",
        site="psoas_major:left",
        result="holds",
        force_newtons="99999",
    )
    assert response.status_code == 400 and "at most 2000" in response.json()["error"]


def test_an_unknown_site_is_refused_in_words(as_alice, session):
    response = post(
        as_alice, session, event_id=str(uuid.uuid4()), kind="test", site="nonsense", result="weak"
    )
    assert response.status_code in (400, 409)
    assert "error" in response.json()
    assert not SessionEvent.objects.exists()


def test_an_assistant_cannot_record_events(sam, session):
    from tests.characters import signed_in

    response = post(
        signed_in(sam),
        session,
        event_id=str(uuid.uuid4()),
        kind="test",
        site="psoas_major:left",
        result="weak",
    )
    assert response.status_code == 403


def test_an_entry_made_by_someone_else_on_this_device_is_refused_and_kept(
    as_alice, session, olivia
):
    response = post(
        as_alice,
        session,
        event_id=str(uuid.uuid4()),
        kind="test",
        site="psoas_major:left",
        result="weak",
        recorded_by=str(olivia.pk),
    )
    assert response.status_code == 403
    assert "another person" in response.json()["error"]
    assert not SessionEvent.objects.exists()
