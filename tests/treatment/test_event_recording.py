"""Each event is stored once, the moment it happens, whatever the page does twice."""

from __future__ import annotations

import uuid

import pytest

from repattern.treatment.models import Pattern, SessionEvent
from repattern.treatment.services import EventRejected, session_end
from tests.treatment.conftest import record


def test_the_same_event_sent_twice_is_stored_once(session, alice):
    event_id = uuid.uuid4()
    first, created = record(
        session, alice, event_id=event_id, kind="test", site="psoas_major:left", result="weak"
    )
    again, created_again = record(
        session, alice, event_id=event_id, kind="test", site="psoas_major:left", result="weak"
    )
    assert created and not created_again
    assert first.pk == again.pk
    assert SessionEvent.objects.count() == 1


def test_an_event_id_from_another_session_is_refused(session, alice, maria):
    from repattern.treatment import services

    event_id = uuid.uuid4()
    record(session, alice, event_id=event_id, kind="test", site="psoas_major:left", result="weak")
    services.session_end(session=session, user=alice)
    other = services.session_start(client=maria, practitioner=alice, pain_before=[])
    with pytest.raises(EventRejected, match="another session"):
        record(other, alice, event_id=event_id, kind="test", site="psoas_major:left", result="weak")


def test_a_confirmed_pattern_opens_the_learning_window_with_the_sessions_length(session, alice):
    record(session, alice, kind="test", site="psoas_major:left", result="weak")
    event, _ = record(
        session, alice, kind="confirm", site="psoas_major:left", candidate="quadratus_lumborum:left"
    )
    pattern = event.pattern
    assert (
        pattern.status == Pattern.Status.CONFIRMED
        and pattern.window_seconds == session.window_seconds
    )
    assert pattern.layer == 1


def test_only_one_pattern_is_in_the_window_at_a_time(session, alice):
    record(
        session, alice, kind="confirm", site="psoas_major:left", candidate="quadratus_lumborum:left"
    )
    with pytest.raises(EventRejected, match="Finish the open pattern first"):
        record(
            session,
            alice,
            kind="confirm",
            site="gluteus_medius:left",
            candidate="tensor_fasciae_latae:left",
        )


def test_a_passing_retest_corrects_the_pattern_and_a_failing_one_opens_the_next_layer(
    session, alice
):
    confirm, _ = record(
        session, alice, kind="confirm", site="psoas_major:left", candidate="quadratus_lumborum:left"
    )
    first = confirm.pattern
    record(session, alice, kind="release", pattern_id=first.pk)
    record(session, alice, kind="activation", pattern_id=first.pk)
    record(session, alice, kind="retest", pattern_id=first.pk, result="weak")
    first.refresh_from_db()
    assert first.status == Pattern.Status.NOT_CORRECTED
    second, _ = record(
        session,
        alice,
        kind="confirm",
        site="psoas_major:left",
        candidate="scar:lower_abdomen:right",
    )
    assert second.pattern.layer == 2
    record(session, alice, kind="retest", pattern_id=second.pattern.pk, result="holds")
    second.pattern.refresh_from_db()
    assert second.pattern.status == Pattern.Status.CORRECTED


def test_a_pattern_can_be_deferred(session, alice):
    confirm, _ = record(
        session, alice, kind="confirm", site="psoas_major:left", candidate="quadratus_lumborum:left"
    )
    record(session, alice, kind="outcome", pattern_id=confirm.pattern.pk, outcome="deferred")
    confirm.pattern.refresh_from_db()
    assert confirm.pattern.status == Pattern.Status.DEFERRED


def test_a_step_of_a_settled_pattern_is_refused(session, alice):
    confirm, _ = record(
        session, alice, kind="confirm", site="psoas_major:left", candidate="quadratus_lumborum:left"
    )
    record(session, alice, kind="retest", pattern_id=confirm.pattern.pk, result="holds")
    with pytest.raises(EventRejected, match="already corrected"):
        record(session, alice, kind="release", pattern_id=confirm.pattern.pk)


def test_a_step_without_its_pattern_is_refused(session, alice):
    with pytest.raises(EventRejected, match="which pattern"):
        record(session, alice, kind="release")


def test_nothing_is_recorded_after_the_session_ends(session, alice):
    session_end(session=session, user=alice)
    with pytest.raises(EventRejected, match="ended"):
        record(session, alice, kind="test", site="psoas_major:left", result="weak")
    assert not SessionEvent.objects.exists()


def test_a_rejected_confirmation_leaves_no_pattern_behind(session, alice):
    with pytest.raises(EventRejected):
        record(session, alice, kind="confirm", site="psoas_major:left", candidate="x" * 200)
    assert not Pattern.objects.exists()


def test_a_confirmed_pattern_keeps_the_engines_probability_at_that_moment(session, alice):
    record(session, alice, kind="test", site="psoas_major:left", result="weak")
    record(
        session,
        alice,
        kind="challenge",
        site="psoas_major:left",
        candidate="quadratus_lumborum:left",
        challenge="touch",
        result="holds",
    )
    confirm, _ = record(
        session, alice, kind="confirm", site="psoas_major:left", candidate="quadratus_lumborum:left"
    )
    assert 0.05 < confirm.pattern.probability < 1.0
