"""Events sent through the API follow the session screen's rules and its page-made ids."""

from __future__ import annotations

import uuid

from repattern.audit.models import AuditAction, AuditEvent
from repattern.treatment.models import Pattern, SessionEvent


def test_the_same_event_posted_twice_is_stored_once(alice_api, session):
    event = {
        "event_id": str(uuid.uuid4()),
        "kind": "test",
        "site": "psoas_major:left",
        "result": "weak",
    }
    first = alice_api.post(f"/sessions/{session.pk}/events", event)
    second = alice_api.post(f"/sessions/{session.pk}/events", event)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["created"] is True
    assert second.json()["created"] is False
    assert second.json()["event"]["id"] == first.json()["event"]["id"]
    assert SessionEvent.objects.count() == 1


def test_a_forbidden_sequence_is_refused_with_the_rule_and_nothing_is_stored(alice_api, session):
    # A release with no confirmed pattern to release.
    release = {"event_id": str(uuid.uuid4()), "kind": "release", "pattern_id": 1}
    response = alice_api.post(f"/sessions/{session.pk}/events", release)
    assert response.status_code == 409
    assert response.json()["code"] == "refused"
    assert response.json()["message"]
    confirm = {
        "event_id": str(uuid.uuid4()),
        "kind": "confirm",
        "site": "psoas_major:left",
        "candidate": "quadratus_lumborum:left",
    }
    refused = alice_api.post(f"/sessions/{session.pk}/events", confirm)
    assert refused.status_code == 409
    assert not SessionEvent.objects.exists()
    assert not Pattern.objects.exists()
    refusals = AuditEvent.objects.filter(action=AuditAction.API_EVENT_RECORD)
    assert refusals.count() == 2
    assert all(row.summary.startswith("API: refused:") for row in refusals)


def test_a_whole_pattern_can_be_found_and_corrected_through_the_api(alice_api, session):
    def send(**fields):
        response = alice_api.post(
            f"/sessions/{session.pk}/events", {"event_id": str(uuid.uuid4()), **fields}
        )
        assert response.status_code == 201, response.json()
        return response.json()["event"]

    send(kind="test", site="psoas_major:left", result="weak")
    send(
        kind="challenge",
        site="psoas_major:left",
        candidate="quadratus_lumborum:left",
        challenge="touch",
        result="holds",
        force_newtons=82.5,
    )
    pattern = send(kind="confirm", site="psoas_major:left", candidate="quadratus_lumborum:left")
    for kind in ("release", "activation"):
        send(kind=kind, pattern_id=pattern["pattern_id"])
    send(kind="retest", pattern_id=pattern["pattern_id"], result="holds")
    assert Pattern.objects.get().status == "corrected"


def test_a_badly_shaped_event_names_the_field_at_fault(alice_api, session):
    response = alice_api.post(
        f"/sessions/{session.pk}/events",
        {"event_id": str(uuid.uuid4()), "kind": "dance", "site": "psoas_major:left"},
    )
    assert response.status_code == 422
    assert response.json()["problems"][0]["where"] == "kind"
    assert not SessionEvent.objects.exists()
