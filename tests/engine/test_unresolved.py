"""A muscle that tested weak and was left without a pattern is unresolved; one that held again,
or whose pattern was confirmed after its last weak test, is not. No database, no Django."""

from __future__ import annotations

from repattern.engine.unresolved import unresolved
from tests.engine.test_session_rules import GLUTE, PSOAS, QL, play

P = 1


def weak(site: str) -> tuple:
    return ("test", {"site": site, "result": "weak"})


def held(site: str) -> tuple:
    return ("test", {"site": site, "result": "holds"})


def confirmed(site: str, candidate: str) -> list[tuple]:
    return [
        ("challenge", {"site": site, "candidate": candidate, "result": "holds"}),
        ("confirm", {"site": site, "candidate": candidate}),
    ]


def test_a_weak_muscle_with_no_pattern_is_unresolved() -> None:
    assert unresolved(play(weak(PSOAS))) == [PSOAS]


def test_a_muscle_that_holds_again_is_not_unresolved() -> None:
    assert unresolved(play(weak(PSOAS), held(PSOAS))) == []


def test_a_confirmed_pattern_resolves_the_search_even_when_deferred_later() -> None:
    log = play(
        weak(PSOAS), *confirmed(PSOAS, QL), ("outcome", {"pattern": P, "outcome": "deferred"})
    )
    assert unresolved(log) == []


def test_a_retest_that_stays_weak_leaves_the_muscle_unresolved() -> None:
    steps = [
        weak(PSOAS),
        *confirmed(PSOAS, QL),
        ("release", {"pattern": P}),
        ("activation", {"pattern": P}),
        ("retest", {"pattern": P, "result": "weak"}),
    ]
    assert unresolved(play(*steps)) == [PSOAS]


def test_only_the_muscles_left_weak_are_named_most_recent_first() -> None:
    log = play(weak(PSOAS), weak(GLUTE), *confirmed(PSOAS, QL))
    assert unresolved(log) == [GLUTE]
    assert unresolved(play(weak(PSOAS), weak(GLUTE))) == [GLUTE, PSOAS]
