"""Each event is stored once, the moment it happens, and only in an order that makes sense."""

from __future__ import annotations

import uuid

import pytest

from repattern.engine.session import PatternStatus
from repattern.treatment import services
from repattern.treatment.models import Pattern, SessionEvent
from repattern.treatment.services import EventRejected, session_end
from tests.treatment.conftest import confirm, correct, held, record

PSOAS, QL, SCAR = "psoas_major:left", "quadratus_lumborum:left", "scar:lower_abdomen:right"


def test_the_same_event_sent_twice_is_stored_once(session, alice):
    event_id = uuid.uuid4()
    first, created = record(
        session, alice, event_id=event_id, kind="test", site=PSOAS, result="weak"
    )
    again, created_again = record(
        session, alice, event_id=event_id, kind="test", site=PSOAS, result="weak"
    )
    assert created and not created_again
    assert first.pk == again.pk
    assert SessionEvent.objects.count() == 1


def test_an_event_id_from_another_session_is_refused(session, alice, maria):
    event_id = uuid.uuid4()
    record(session, alice, event_id=event_id, kind="test", site=PSOAS, result="weak")
    session_end(session=session, user=alice)
    other = services.session_start(client=maria, practitioner=alice, pain_before=[])
    with pytest.raises(EventRejected, match="another session"):
        record(other, alice, event_id=event_id, kind="test", site=PSOAS, result="weak")


def test_a_confirmed_pattern_opens_the_learning_window_with_the_sessions_length(session, alice):
    pattern = confirm(session, alice, PSOAS, QL)
    assert pattern.status == PatternStatus.OPEN
    assert pattern.window_seconds == session.window_seconds and pattern.layer == 1


def test_a_pattern_is_confirmed_only_after_a_challenge_made_the_muscle_hold(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    record(
        session, alice, kind="challenge", site=PSOAS, candidate=QL, challenge="touch", result="weak"
    )
    with pytest.raises(EventRejected, match="Challenge Quadratus lumborum, left first"):
        record(session, alice, kind="confirm", site=PSOAS, candidate=QL)
    assert not Pattern.objects.exists()


def test_a_muscle_cannot_compensate_for_itself(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    with pytest.raises(EventRejected, match="cannot compensate for itself"):
        held(session, alice, PSOAS, PSOAS)


def test_only_one_pattern_is_in_the_window_at_a_time(session, alice):
    confirm(session, alice, PSOAS, QL)
    record(session, alice, kind="test", site="gluteus_medius:left", result="weak")
    held(session, alice, "gluteus_medius:left", "tensor_fasciae_latae:left")
    with pytest.raises(EventRejected, match="Finish the open pattern first"):
        record(
            session,
            alice,
            kind="confirm",
            site="gluteus_medius:left",
            candidate="tensor_fasciae_latae:left",
        )


def test_the_retest_waits_for_the_release_and_the_activation(session, alice):
    pattern = confirm(session, alice, PSOAS, QL)
    with pytest.raises(EventRejected, match="Record the release and the activation"):
        record(session, alice, kind="retest", pattern_id=pattern.pk, result="holds")
    record(session, alice, kind="release", pattern_id=pattern.pk)
    with pytest.raises(EventRejected, match="Record the activation"):
        record(session, alice, kind="retest", pattern_id=pattern.pk, result="holds")


def test_a_passing_retest_corrects_the_pattern_and_a_failing_one_opens_the_next_layer(
    session, alice
):
    first = correct(session, alice, confirm(session, alice, PSOAS, QL), result="weak")
    assert first.status == PatternStatus.NOT_CORRECTED
    held(session, alice, PSOAS, SCAR)
    second, _ = record(session, alice, kind="confirm", site=PSOAS, candidate=SCAR)
    assert second.pattern.layer == 2
    assert correct(session, alice, second.pattern).status == PatternStatus.CORRECTED


def test_a_retest_after_the_window_closed_is_marked_late(session, alice):
    pattern = confirm(session, alice, PSOAS, QL)
    Pattern.objects.filter(pk=pattern.pk).update(
        confirmed_at=pattern.confirmed_at.replace(year=2020)
    )
    assert correct(session, alice, pattern).retested_late


def test_a_pattern_can_be_deferred(session, alice):
    pattern = confirm(session, alice, PSOAS, QL)
    record(session, alice, kind="outcome", pattern_id=pattern.pk, outcome="deferred")
    pattern.refresh_from_db()
    assert pattern.status == PatternStatus.DEFERRED


def test_ending_the_session_defers_a_pattern_left_in_its_window(session, alice):
    pattern = confirm(session, alice, PSOAS, QL)
    services.session_finish(
        session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
    )
    pattern.refresh_from_db()
    assert pattern.status == PatternStatus.DEFERRED
    assert session.events.filter(kind="outcome", outcome="deferred").exists()


def test_a_step_of_a_settled_pattern_is_refused(session, alice):
    pattern = correct(session, alice, confirm(session, alice, PSOAS, QL))
    with pytest.raises(EventRejected, match="already corrected"):
        record(session, alice, kind="release", pattern_id=pattern.pk)


def test_a_step_without_its_pattern_is_refused(session, alice):
    with pytest.raises(EventRejected, match="which pattern"):
        record(session, alice, kind="release")


def test_nothing_is_recorded_after_the_session_ends(session, alice):
    session_end(session=session, user=alice)
    with pytest.raises(EventRejected, match="ended"):
        record(session, alice, kind="test", site=PSOAS, result="weak")
    assert not SessionEvent.objects.exists()


def test_a_site_outside_the_atlas_is_refused(session, alice):
    with pytest.raises(EventRejected, match="not in the atlas"):
        record(session, alice, kind="test", site="x" * 200, result="weak")
    assert not SessionEvent.objects.exists()


def test_a_confirmed_pattern_keeps_the_engines_probability_at_that_moment(session, alice):
    pattern = confirm(session, alice, PSOAS, QL)
    assert 0.05 < pattern.probability < 1.0
