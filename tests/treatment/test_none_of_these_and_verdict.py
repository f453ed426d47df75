"""'None of these' is a first-class answer: its prior share is learned from the clinic's own
record of compensators its practitioners had to add, and when the search stops the screen says
what the engine can say (confident, none of these, or undecided with the leaders), in words."""

from __future__ import annotations

import importlib

from django.apps import apps

from repattern.engine import NONE_SHARE, learned_none_share
from repattern.engine.session import WINDOW_TESTS
from repattern.treatment import screen, services
from repattern.treatment.inputs import none_share
from repattern.treatment.models import Pattern
from tests.treatment.conftest import confirm, correct, record

PSOAS, QL = "psoas_major:left", "quadratus_lumborum:left"
# No anatomy, report or intake ties the forearm to the psoas: the practitioner adds it.
UNLISTED = "biceps_brachii:left"


def corrected(session, user, candidate: str) -> Pattern:
    return correct(session, user, confirm(session, user, PSOAS, candidate))


def finding(session):
    [found] = screen.session_state(session).findings
    return found


def test_a_pattern_with_a_compensator_the_engine_listed_is_not_counted_as_added(session, alice):
    assert corrected(session, alice, QL).compensator_added is False


def test_a_pattern_with_a_compensator_the_practitioner_added_is_counted_as_added(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    assert UNLISTED not in [c.site for c in finding(session).candidates]
    assert corrected(session, alice, UNLISTED).compensator_added is True


def test_the_share_of_none_of_these_is_learned_from_the_clinics_own_record(
    session, alice, maria, southside
):
    corrected(session, alice, QL)
    first = corrected(session, alice, UNLISTED)
    assert first.layer == 2
    services.session_end(session=session, user=alice)
    assert none_share(maria.clinic_id) == learned_none_share(1, 1) > NONE_SHARE
    assert none_share(southside.pk) == NONE_SHARE, "another clinic's record is its own"
    later = services.session_start(client=maria, practitioner=alice, pain_before=[])
    record(later, alice, kind="test", site=PSOAS, result="weak")
    assert abs(finding(later).none_of_these - learned_none_share(1, 1)) < 1e-9


def test_a_clinic_with_no_record_starts_from_the_default_share(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    assert abs(finding(session).none_of_these - NONE_SHARE) < 1e-9


def test_patterns_settled_before_the_field_existed_are_marked_from_the_atlas(session, alice):
    listed = corrected(session, alice, QL)
    added = corrected(session, alice, UNLISTED)
    Pattern.objects.update(compensator_added=False)
    migration = importlib.import_module(
        "repattern.treatment.migrations.0009_regions_region_challenges"
    )
    migration.mark_added_compensators(apps, None)
    listed.refresh_from_db()
    added.refresh_from_db()
    assert (listed.compensator_added, added.compensator_added) == (False, True)


def one_more_weak(session, user, suggestion) -> None:
    """The suggested challenge, of a structure or a region, and the muscle stays weak."""
    fields = (
        {"kind": "region", "region": suggestion.region, "members": suggestion.candidates}
        if suggestion.region
        else {"kind": "challenge", "candidate": suggestion.candidate}
    )
    record(session, user, site=PSOAS, challenge="touch", result="weak", **fields)


def weak_until_the_window_is_used(session, user) -> None:
    while (suggestion := finding(session).suggestion) is not None:
        one_more_weak(session, user, suggestion)


def test_a_window_that_closes_undecided_says_undecided_with_the_leaders(as_alice, session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    weak_until_the_window_is_used(session, alice)
    found = finding(session)
    assert found.tests_left == 0 and found.suggestion is None
    assert found.verdict is not None and found.verdict.kind == "undecided"
    leader = screen.in_words(session_atlas(), found.verdict.leaders[0][0])
    assert found.verdict_words.startswith(f"Undecided: {leader}")
    page = as_alice.get(f"/sessions/{session.pk}/state/").content.decode()
    assert 'data-verdict="undecided"' in page
    assert f"Undecided: {leader}" in page
    assert "None of these: " not in page.split('data-verdict="undecided"')[1].split("</p>")[0]


def test_the_reason_names_none_of_these_when_it_leads(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    reasons = []
    for _ in range(WINDOW_TESTS):
        found = finding(session)
        reasons.append(found.reason)
        one_more_weak(session, alice, found.suggestion)
    led = [r for r in reasons if "'None of these' leads" in r]
    assert led, "after enough weak results 'none of these' leads, and the reason says so"
    assert not any("bits" in r or ":left" in r for r in reasons)


def test_a_confident_verdict_names_the_structure_in_words(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    for _ in range(WINDOW_TESTS):
        if finding(session).suggestion is None:
            break
        record(
            session,
            alice,
            kind="challenge",
            site=PSOAS,
            candidate=QL,
            challenge="touch",
            result="holds",
        )
    found = finding(session)
    assert found.verdict is not None and found.verdict.kind == "confident"
    assert found.verdict_words.startswith("Confident: left quadratus lumborum (")


def session_atlas():
    from repattern.engine.atlas import load_atlas

    return load_atlas()
