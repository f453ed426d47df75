"""The screen shows each muscle's search while it is open, and the engine works to the window."""

from __future__ import annotations

from repattern.engine.session import WINDOW_TESTS
from repattern.treatment import screen
from tests.treatment.conftest import confirm, correct, held, record

PSOAS, QL = "psoas_major:left", "quadratus_lumborum:left"


def sites(session):
    return [f.site for f in screen.session_state(session).findings]


def test_a_muscle_that_tests_weak_opens_a_finding_with_a_suggestion(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    [found] = screen.session_state(session).findings
    assert found.site == PSOAS and found.layer == 1
    assert found.suggestion is not None and found.candidates


def test_a_corrected_muscle_closes_its_finding(session, alice):
    correct(session, alice, confirm(session, alice, PSOAS, QL))
    state = screen.session_state(session)
    assert state.findings == []
    assert [p.facilitated for _, p in state.settled] == [QL]


def test_a_muscle_that_holds_on_a_later_test_closes_its_finding(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    record(session, alice, kind="test", site=PSOAS, result="holds")
    assert sites(session) == []


def test_the_next_layer_leaves_out_the_structure_already_released(session, alice):
    correct(session, alice, confirm(session, alice, PSOAS, QL), result="weak")
    [found] = screen.session_state(session).findings
    assert found.layer == 2
    assert QL not in [c.site for c in found.candidates]
    assert found.challenges_done == 0


def test_the_suggestion_stops_when_the_windows_tests_are_used(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    for _ in range(WINDOW_TESTS):
        record(
            session,
            alice,
            kind="challenge",
            site=PSOAS,
            candidate="iliacus:left",
            challenge="touch",
            result="weak",
        )
    [found] = screen.session_state(session).findings
    assert found.tests_left == 0 and found.suggestion is None
    record(session, alice, kind="test", site=PSOAS, result="weak")
    [found] = screen.session_state(session).findings
    assert found.tests_left == WINDOW_TESTS


def test_the_clients_scar_is_always_listed(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    [found] = screen.session_state(session).findings
    scar = [c for c in found.candidates if c.site.startswith("scar:")]
    assert scar and any("Appendectomy" in r.text for r in scar[0].reasons)


def test_the_clinics_confirmed_patterns_raise_the_prior(session, alice, maria):
    from repattern.treatment import services

    correct(session, alice, confirm(session, alice, PSOAS, QL))
    services.session_end(session=session, user=alice)
    later = services.session_start(client=maria, practitioner=alice, pain_before=[])
    record(later, alice, kind="test", site=PSOAS, result="weak")
    [found] = screen.session_state(later).findings
    ql = next(c for c in found.candidates if c.site == QL)
    assert any(r.kind == "clinic" for r in ql.reasons)


def test_held_is_what_unlocks_confirm(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    held(session, alice, PSOAS, QL)
    [found] = screen.session_state(session).findings
    ql = next(c for c in found.candidates if c.site == QL)
    assert [e.result for e in ql.challenges] == ["holds"]
