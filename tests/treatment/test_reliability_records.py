"""The engine uses each practitioner's own figures: confirmed outcomes and blinded retests."""

from __future__ import annotations

from repattern.treatment import reliability
from tests.treatment.conftest import correct, record


def corrected_finding(session, user, held_true: int, held_other: int):
    record(session, user, kind="test", site="psoas_major:left", result="weak")
    for _ in range(held_other):
        record(
            session,
            user,
            kind="challenge",
            site="psoas_major:left",
            candidate="iliacus:left",
            challenge="touch",
            result="holds",
        )
    for _ in range(held_true):
        record(
            session,
            user,
            kind="challenge",
            site="psoas_major:left",
            candidate="quadratus_lumborum:left",
            challenge="touch",
            result="holds",
        )
    event, _ = record(
        session, user, kind="confirm", site="psoas_major:left", candidate="quadratus_lumborum:left"
    )
    correct(session, user, event.pattern)


def test_a_new_practitioner_starts_from_typical_figures(alice):
    counts = reliability.confirmed_counts(alice)
    assert counts.tests == 0
    estimate = reliability.reliability_of(alice)
    model, words = estimate.model, estimate.explain()
    assert 0.6 < model.sensitivity < 0.9 and 0.1 < model.false_positive_rate < 0.4
    assert "From 0 challenges with a confirmed outcome" in words


def test_challenges_in_a_corrected_finding_count_toward_sensitivity_and_false_positives(
    session, alice
):
    corrected_finding(session, alice, held_true=2, held_other=1)
    counts = reliability.confirmed_counts(alice)
    # Two holds of the compensator, less the one that allowed the confirmation.
    assert (counts.held_when_compensator, counts.tested_when_compensator) == (1, 1)
    assert (counts.held_when_not, counts.tested_when_not) == (1, 1)


def test_another_practitioners_record_does_not_move_alices_figures(session, alice, olivia, maria):
    from repattern.treatment import services

    other = services.session_start(client=maria, practitioner=olivia, pain_before=[])
    corrected_finding(other, olivia, held_true=3, held_other=0)
    assert reliability.confirmed_counts(alice).tests == 0


def test_two_blinded_challenges_of_one_candidate_make_a_retest_pair(session, alice):
    record(session, alice, kind="test", site="psoas_major:left", result="weak")
    for result in ("holds", "weak"):
        record(
            session,
            alice,
            kind="challenge",
            site="psoas_major:left",
            blinded=True,
            candidate="quadratus_lumborum:left",
            challenge="touch",
            result=result,
        )
    pairs = reliability.retest_pairs(alice)
    assert len(pairs) == 1
    assert pairs[0].first is True and pairs[0].second is False
    assert 0.0 < pairs[0].prior < 1.0
    assert reliability.confirmed_counts(alice).tests == 0
    assert "1 blinded retest pair" in reliability.reliability_of(alice).explain()
