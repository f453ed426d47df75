"""An entry a device sends after its session was finished elsewhere is refused from the record,
but can be kept with the session as typed: nothing a practitioner typed is lost."""

from __future__ import annotations

import uuid

from repattern.treatment import services
from repattern.treatment.models import LateEntry, SessionEvent


def finish(session, alice) -> None:
    services.session_finish(
        session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
    )


def entry() -> dict[str, str]:
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "test",
        "site": "psoas_major:left",
        "result": "weak",
        "note": "typed on the tablet",
    }


def test_an_event_after_the_session_ended_is_refused_with_a_way_to_keep_it(
    as_alice, session, alice
):
    finish(session, alice)
    response = as_alice.post(f"/sessions/{session.pk}/events/", entry())
    assert response.status_code == 409
    assert response.json()["code"] == "session_ended"
    assert "keep it with the session" in response.json()["error"]
    assert not SessionEvent.objects.filter(session=session).exists()


def test_the_entry_is_kept_once_and_shown_on_the_summary(as_alice, session, alice):
    finish(session, alice)
    sent = entry()
    for _ in range(2):
        assert as_alice.post(f"/sessions/{session.pk}/late-entries/", sent).json() == {"kept": True}
    kept = LateEntry.objects.get()
    assert kept.entry["note"] == "typed on the tablet" and kept.recorded_by == alice
    summary = as_alice.get(f"/sessions/{session.pk}/summary/").content.decode()
    assert "Entries made after the session ended" in summary and "typed on the tablet" in summary


def test_an_open_session_takes_the_entry_as_usual_not_as_late(as_alice, session):
    response = as_alice.post(f"/sessions/{session.pk}/late-entries/", entry())
    assert response.status_code == 409 and "still open" in response.json()["error"]
    assert not LateEntry.objects.exists()


def test_another_clinic_cannot_keep_entries_with_the_session(as_bob, session, alice):
    finish(session, alice)
    assert as_bob.post(f"/sessions/{session.pk}/late-entries/", entry()).status_code == 404
    assert not LateEntry.objects.exists()


def test_a_malformed_late_entry_gets_a_message(as_alice, session, alice):
    finish(session, alice)
    response = as_alice.post(
        f"/sessions/{session.pk}/late-entries/", {"event_id": "x", "kind": "wink"}
    )
    assert response.status_code == 400 and "error" in response.json()
