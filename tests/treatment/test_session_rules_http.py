"""What the page never offers, the server refuses too: an API client or a stale tab posting an
event the session rules forbid gets the rules' sentence, and nothing is stored."""

from __future__ import annotations

import uuid

import pytest

from repattern.engine.session import PatternStatus
from repattern.treatment.models import Pattern, SessionEvent

PSOAS, QL = "psoas_major:left", "quadratus_lumborum:left"


def post(browser, session, **fields):
    return browser.post(
        f"/sessions/{session.pk}/events/", {"event_id": str(uuid.uuid4()), **fields}
    )


def confirmed(browser, session) -> Pattern:
    """Psoas weak, the quadratus lumborum challenge made it hold, the pattern confirmed."""
    post(browser, session, kind="test", site=PSOAS, result="weak")
    post(
        browser,
        session,
        kind="challenge",
        site=PSOAS,
        candidate=QL,
        challenge="touch",
        result="holds",
    )
    post(browser, session, kind="confirm", site=PSOAS, candidate=QL)
    return Pattern.objects.get()


def corrected(browser, session) -> Pattern:
    pattern = confirmed(browser, session)
    for kind in ("release", "activation"):
        post(browser, session, kind=kind, pattern_id=pattern.pk)
    post(browser, session, kind="retest", pattern_id=pattern.pk, result="holds")
    pattern.refresh_from_db()
    assert pattern.status == PatternStatus.CORRECTED
    return pattern


def refused_and_unchanged(response, message: str, pattern: Pattern, status: str, events: int):
    assert response.status_code == 409
    assert message in response.json()["error"]
    pattern.refresh_from_db()
    assert pattern.status == status
    assert SessionEvent.objects.count() == events


def test_an_open_pattern_cannot_be_marked_corrected_without_release_activation_and_retest(
    as_alice, session
):
    pattern = confirmed(as_alice, session)
    response = post(as_alice, session, kind="outcome", pattern_id=pattern.pk, outcome="corrected")
    refused_and_unchanged(response, "can only be deferred by hand", pattern, PatternStatus.OPEN, 3)


def test_a_settled_pattern_stays_settled(as_alice, session):
    pattern = corrected(as_alice, session)
    response = post(as_alice, session, kind="outcome", pattern_id=pattern.pk, outcome="deferred")
    refused_and_unchanged(
        response, "a settled pattern stays settled", pattern, PatternStatus.CORRECTED, 6
    )


def test_an_activation_before_the_release_is_refused(as_alice, session):
    pattern = confirmed(as_alice, session)
    response = post(as_alice, session, kind="activation", pattern_id=pattern.pk)
    refused_and_unchanged(
        response,
        "Release Quadratus lumborum, left before activating Psoas major, left.",
        pattern,
        PatternStatus.OPEN,
        3,
    )


def test_a_retest_before_the_release_and_activation_is_refused(as_alice, session):
    pattern = confirmed(as_alice, session)
    response = post(as_alice, session, kind="retest", pattern_id=pattern.pk, result="holds")
    refused_and_unchanged(
        response,
        "Record the release and the activation before the retest.",
        pattern,
        PatternStatus.OPEN,
        3,
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"kind": "challenge", "site": PSOAS, "candidate": QL, "result": "holds"},
            "Test Psoas major, left first",
        ),
        ({"kind": "confirm", "site": PSOAS, "candidate": QL}, "Test Psoas major, left first"),
        ({"kind": "release", "pattern_id": "9999"}, "Say which pattern of this session"),
        ({"kind": "test", "site": PSOAS}, "Say whether the muscle held or was weak."),
    ],
    ids=["challenge", "confirm", "release", "test without a result"],
)
def test_an_event_out_of_order_in_a_new_session_is_refused_and_nothing_stored(
    as_alice, session, fields, message
):
    response = post(as_alice, session, **fields)
    assert response.status_code == 409
    assert message in response.json()["error"]
    assert not SessionEvent.objects.exists() and not Pattern.objects.exists()


def test_a_pattern_of_another_session_cannot_be_stepped_from_this_one(
    as_alice, session, maria, alice
):
    from repattern.treatment import services

    pattern = confirmed(as_alice, session)
    other = services.session_start(client=maria, practitioner=alice, pain_before=[])
    response = post(as_alice, other, kind="release", pattern_id=pattern.pk)
    assert response.status_code == 409
    assert not other.events.exists()
