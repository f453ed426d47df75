"""The rules of a session, as a table: each sequence of events either plays through, or its last
event is refused with the sentence the practitioner reads. No database, no Django."""

from __future__ import annotations

import pytest

from repattern.engine.session import (
    WINDOW_TESTS,
    Event,
    EventKind,
    PatternStatus,
    Refused,
    SessionLog,
)

PSOAS, QL, ILIACUS, GLUTE = (
    "psoas_major:left",
    "quadratus_lumborum:left",
    "iliacus:left",
    "gluteus_medius:left",
)
WINDOW = 45
P = 1  # the id the first confirmed pattern takes in these tables


def play(*steps: tuple, now: float = 0.0, ended: bool = False) -> SessionLog:
    """Each step is (kind, field=value...) as a tuple of a kind and a dict; every step must be
    allowed, each one second after the last unless `now` moves the clock."""
    log = SessionLog(window_seconds=WINDOW, ended=ended)
    clock = now
    for kind, fields in steps:
        event = Event(id=len(log.events) + 1, kind=EventKind(kind), **fields)
        log.check(event, clock)
        change = log.change(event, clock)
        opened = len(log.patterns) + 1 if change.opens else None
        log = log.with_event(event, change, opened)
        clock += 1.0
    return log


def weak(site: str = PSOAS) -> tuple:
    return ("test", {"site": site, "result": "weak"})


def holds(site: str = PSOAS) -> tuple:
    return ("test", {"site": site, "result": "holds"})


def challenge(candidate: str = QL, result: str = "holds", site: str = PSOAS) -> tuple:
    return ("challenge", {"site": site, "candidate": candidate, "result": result})


def region(
    members: tuple[str, ...] = (QL, ILIACUS), result: str = "holds", site: str = PSOAS
) -> tuple:
    return (
        "region",
        {"site": site, "region": "left flank", "members": members, "result": result},
    )


def confirm(candidate: str = QL, site: str = PSOAS) -> tuple:
    return ("confirm", {"site": site, "candidate": candidate})


def step(kind: str, pattern: int = P, **fields: str) -> tuple:
    return (kind, {"pattern": pattern, **fields})


CONFIRMED = (weak(), challenge(), confirm())
CORRECTED = (
    *CONFIRMED,
    step("release"),
    step("activation"),
    step("retest", result="holds"),
)
NOT_CORRECTED = (*CONFIRMED, step("release"), step("activation"), step("retest", result="weak"))

ALLOWED = {
    "a test that holds": (holds(),),
    "a weak test opens a finding": (weak(),),
    "a challenge of a weak muscle": (weak(), challenge(result="weak")),
    "a confirmation after a challenge held": CONFIRMED,
    "release, activation, retest in that order": CORRECTED,
    "a weak retest leaves it not corrected": NOT_CORRECTED,
    "an open pattern deferred by hand": (*CONFIRMED, step("outcome", outcome="deferred")),
    "deferring after the release": (
        *CONFIRMED,
        step("release"),
        step("outcome", outcome="deferred"),
    ),
    "the next layer with another structure": (
        *NOT_CORRECTED,
        challenge(ILIACUS),
        confirm(ILIACUS),
    ),
    "a second muscle searched beside an open pattern": (
        *CONFIRMED,
        weak(GLUTE),
        challenge(ILIACUS, site=GLUTE),
    ),
    "a muscle weak again after holding": (holds(), weak()),
    "a region challenge of a weak muscle": (weak(), region()),
    "a region that held, then one of its members, confirmed": (
        weak(),
        region(),
        challenge(QL),
        confirm(QL),
    ),
    "a region challenge in the next layer, without the structure released": (
        *NOT_CORRECTED,
        region((ILIACUS, GLUTE)),
    ),
}

FORBIDDEN = {
    "a test with no result": (
        (),
        ("test", {"site": PSOAS}),
        "Say whether the muscle held or was weak.",
    ),
    "a test of nothing": ((), ("test", {"result": "weak"}), "Say which muscle was tested."),
    "a challenge before the muscle tested weak": (
        (),
        challenge(),
        "Test psoas_major:left first: challenges and patterns belong to a muscle that tests weak.",
    ),
    "a challenge of a muscle that now holds": (
        (weak(), holds()),
        challenge(),
        "Test psoas_major:left first",
    ),
    "a challenge of the muscle itself": (
        (weak(),),
        challenge(PSOAS),
        "A muscle cannot compensate for itself: challenge another structure.",
    ),
    "a challenge naming no structure": (
        (weak(),),
        ("challenge", {"site": PSOAS, "result": "weak"}),
        "Say which structure was challenged.",
    ),
    "a region challenge before the muscle tested weak": (
        (),
        region(),
        "Test psoas_major:left first",
    ),
    "a region challenge with no result": (
        (weak(),),
        ("region", {"site": PSOAS, "region": "left flank", "members": (QL, ILIACUS)}),
        "Say whether the muscle held or was weak.",
    ),
    "a region challenge naming no region": (
        (weak(),),
        ("region", {"site": PSOAS, "members": (QL, ILIACUS), "result": "weak"}),
        "Say which region was challenged.",
    ),
    "a region challenge of one structure": (
        (weak(),),
        region((QL,)),
        "A region challenge covers 2 or more different structures: list each once, or "
        "challenge a single structure instead.",
    ),
    "a region challenge listing a structure twice": (
        (weak(),),
        region((QL, QL)),
        "list each once",
    ),
    "a region covering the weak muscle itself": (
        (weak(),),
        region((QL, PSOAS)),
        "A muscle cannot compensate for itself",
    ),
    "a region covering the structure already released": (
        NOT_CORRECTED,
        region((QL, ILIACUS)),
        "quadratus_lumborum:left was already released for psoas_major:left in this session",
    ),
    "a region challenge of a muscle in its learning window": (
        CONFIRMED,
        region((ILIACUS, GLUTE)),
        "psoas_major:left is in its learning window with quadratus_lumborum:left",
    ),
    "a confirmation after only a region held": (
        (weak(), region()),
        confirm(),
        "Challenge quadratus_lumborum:left first: a pattern is confirmed by a challenge that "
        "makes the weak muscle hold.",
    ),
    "a confirmation without a challenge that held": (
        (weak(), challenge(result="weak")),
        confirm(),
        "Challenge quadratus_lumborum:left first: a pattern is confirmed by a challenge that "
        "makes the weak muscle hold.",
    ),
    "a confirmation while another pattern is open": (
        (*CONFIRMED, weak(GLUTE), challenge(ILIACUS, site=GLUTE)),
        confirm(ILIACUS, site=GLUTE),
        "Finish the open pattern first (psoas_major:left inhibited with quadratus_lumborum:left "
        "facilitated): retest, or defer it.",
    ),
    "a challenge of a muscle in its learning window": (
        CONFIRMED,
        challenge(ILIACUS),
        "psoas_major:left is in its learning window with quadratus_lumborum:left: release, "
        "activate and retest, or defer the pattern.",
    ),
    "a plain test of a muscle in its learning window": (
        CONFIRMED,
        weak(),
        "psoas_major:left is in its learning window: retest it there, or defer the pattern first.",
    ),
    "the structure already released, challenged again in the next layer": (
        NOT_CORRECTED,
        challenge(QL),
        "quadratus_lumborum:left was already released for psoas_major:left in this session",
    ),
    "an activation before the release": (
        CONFIRMED,
        step("activation"),
        "Release quadratus_lumborum:left before activating psoas_major:left.",
    ),
    "a second release": (
        (*CONFIRMED, step("release")),
        step("release"),
        "quadratus_lumborum:left is already released: activate psoas_major:left next.",
    ),
    "a second activation": (
        (*CONFIRMED, step("release"), step("activation")),
        step("activation"),
        "psoas_major:left is already activated: retest it next.",
    ),
    "a retest with nothing done": (
        CONFIRMED,
        step("retest", result="holds"),
        "Record the release and the activation before the retest.",
    ),
    "a retest after the release alone": (
        (*CONFIRMED, step("release")),
        step("retest", result="holds"),
        "Record the activation before the retest.",
    ),
    "corrected by hand, with no release, activation or retest": (
        CONFIRMED,
        step("outcome", outcome="corrected"),
        "A pattern is corrected or not by its retest after release and activation; an open "
        "pattern can only be deferred by hand.",
    ),
    "not corrected by hand": (
        CONFIRMED,
        step("outcome", outcome="not_corrected"),
        "an open pattern can only be deferred by hand.",
    ),
    "a corrected pattern flipped to deferred": (
        CORRECTED,
        step("outcome", outcome="deferred"),
        "The pattern psoas_major:left inhibited with quadratus_lumborum:left facilitated is "
        "already corrected; a settled pattern stays settled.",
    ),
    "a deferred pattern retested": (
        (*CONFIRMED, step("release"), step("activation"), step("outcome", outcome="deferred")),
        step("retest", result="holds"),
        "is already deferred; a settled pattern stays settled.",
    ),
    "a step naming no pattern": (
        CONFIRMED,
        ("release", {}),
        "Say which pattern of this session this step belongs to.",
    ),
    "a step naming another session's pattern": (
        CONFIRMED,
        step("release", pattern=99),
        "Say which pattern of this session this step belongs to.",
    ),
}


@pytest.mark.parametrize("steps", ALLOWED.values(), ids=ALLOWED.keys())
def test_every_allowed_sequence_plays_through(steps: tuple) -> None:
    assert len(play(*steps).events) == len(steps)


@pytest.mark.parametrize(("before", "last", "message"), FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_every_forbidden_event_is_refused_with_its_sentence(
    before: tuple, last: tuple, message: str
) -> None:
    log = play(*before)
    kind, fields = last
    with pytest.raises(Refused) as refused:
        log.check(Event(id=99, kind=EventKind(kind), **fields), now=100.0)
    assert message in str(refused.value)


def test_nothing_is_recorded_in_a_session_that_has_ended() -> None:
    with pytest.raises(Refused, match="This session has ended"):
        play(holds(), ended=True)


def test_an_unknown_kind_is_refused_in_words() -> None:
    with pytest.raises(Refused, match="use one of the kinds"):
        Event(id=1, kind="wink")  # type: ignore[arg-type]


def test_a_retest_corrects_or_not_and_says_when_the_window_had_closed() -> None:
    log = play(*CONFIRMED, step("release"), step("activation"))
    retest = Event(id=9, kind=EventKind.RETEST, result="holds", pattern=P)  # type: ignore[arg-type]
    in_time = log.change(retest, now=10.0)
    late = log.change(retest, now=2.0 + WINDOW + 1)
    assert (in_time.settles, in_time.late) == (PatternStatus.CORRECTED, False)
    assert (late.settles, late.late) == (PatternStatus.CORRECTED, True)


def test_a_confirmation_opens_the_next_layer_with_the_sessions_window() -> None:
    log = play(*NOT_CORRECTED, challenge(ILIACUS), confirm(ILIACUS))
    first, second = log.patterns
    assert (first.status, second.status) == (PatternStatus.NOT_CORRECTED, PatternStatus.OPEN)
    assert (second.layer, second.window_seconds) == (2, WINDOW)


def test_the_finding_starts_a_new_layer_without_the_structure_released() -> None:
    finding = play(*NOT_CORRECTED).finding(PSOAS)
    assert finding.layer.number == 2
    assert finding.layer.challenges == ()
    assert finding.excluded == {QL}


def test_a_corrected_muscle_and_one_that_holds_have_no_open_finding() -> None:
    assert play(*CORRECTED).open_findings() == []
    assert play(weak(), weak(GLUTE), holds()).open_findings() == [GLUTE]


def test_findings_are_listed_most_recent_first() -> None:
    assert play(weak(), weak(GLUTE)).open_findings() == [GLUTE, PSOAS]


def test_the_window_counts_challenges_since_the_muscle_last_tested_weak() -> None:
    log = play(weak(), *(challenge(result="weak") for _ in range(WINDOW_TESTS)))
    assert log.finding(PSOAS).layer.tests_left == 0
    assert play(weak(), challenge(result="weak")).finding(PSOAS).layer.tests_left == (
        WINDOW_TESTS - 1
    )


def test_a_region_challenge_counts_against_the_window_like_a_challenge() -> None:
    log = play(weak(), region(), challenge(result="weak"))
    layer = log.finding(PSOAS).layer
    assert layer.tests_left == WINDOW_TESTS - 2
    assert [e.kind for e in layer.challenges] == [EventKind.REGION, EventKind.CHALLENGE]
    full = play(weak(), *(region(result="weak") for _ in range(WINDOW_TESTS)))
    assert full.finding(PSOAS).layer.tests_left == 0


def test_only_a_candidate_that_held_may_be_confirmed() -> None:
    finding = play(weak(), challenge(QL, "holds"), challenge(ILIACUS, "weak")).finding(PSOAS)
    assert finding.held(QL) and not finding.held(ILIACUS)


def test_the_window_closes_after_its_seconds() -> None:
    [pattern] = play(*CONFIRMED, now=100.0).patterns
    assert pattern.window_remaining(pattern.confirmed_at + 10) == WINDOW - 10
    assert pattern.window_closed(pattern.confirmed_at + WINDOW)


def test_a_session_that_ends_defers_the_pattern_still_open() -> None:
    assert [p.id for p in play(*CONFIRMED).closing()] == [P]
    assert list(play(*CORRECTED).closing()) == []


def test_refusals_name_sites_in_the_words_they_are_given() -> None:
    log = SessionLog(name=lambda site: site.split(":")[0].replace("_", " ").capitalize())
    with pytest.raises(Refused, match="Test Psoas major first"):
        log.check(Event(id=1, kind=EventKind.CHALLENGE, site=PSOAS, candidate=QL, result="weak"), 0)  # type: ignore[arg-type]
