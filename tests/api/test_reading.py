"""Each resource reads through the API as the app shows it, filtered and a page at a time."""

from __future__ import annotations

from repattern.audit.models import AuditAction, AuditEvent


def test_a_client_comes_with_the_intake_history_and_the_screen_status(alice_api, maria):
    body = alice_api.get(f"/clients/{maria.pk}").json()
    assert body["first_name"] == "Maria"
    assert body["screen_status"] == "clear"
    assert body["session_blockers"] == []
    assert body["scars"][0]["procedure"] == "Appendectomy"
    assert body["pain_areas"][0]["intensity"] == 6
    assert body["intake"] is not None


def test_the_client_list_comes_a_page_at_a_time_and_its_reading_is_audited(
    alice_api, maria, alice, northside
):
    from repattern.clients.services import ClientDetails, client_create

    for n in range(3):
        client_create(
            clinic=northside,
            user=alice,
            details=ClientDetails(
                first_name=f"Extra{n}", last_name="Person", date_of_birth=maria.date_of_birth
            ),
        )
    first = alice_api.get("/clients", limit=2).json()
    second = alice_api.get("/clients", limit=2, offset=2).json()
    assert first["count"] == second["count"] == 4
    assert len(first["items"]) == len(second["items"]) == 2
    names = {c["first_name"] for c in first["items"] + second["items"]}
    assert names == {"Maria", "Extra0", "Extra1", "Extra2"}
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_LIST_VIEW).count() == 2


def test_lists_filter_by_client_and_by_day(alice_api, record):
    sessions = alice_api.get("/sessions", client=record["client_id"]).json()
    assert [s["id"] for s in sessions["items"]] == [record["session_id"]]
    none_yet = alice_api.get("/sessions", until="2000-01-01").json()
    assert none_yet["count"] == 0
    later = alice_api.get("/appointments", since="2000-01-01", client=record["client_id"]).json()
    assert [a["id"] for a in later["items"]] == [record["appointment_id"]]


def test_a_session_its_events_pattern_note_and_home_program_read_back(alice_api, record):
    session = alice_api.get(f"/sessions/{record['session_id']}").json()
    assert session["pain"][0]["intensity"] == 6
    events = alice_api.get(f"/sessions/{record['session_id']}/events").json()
    assert [e["kind"] for e in events["items"]][:3] == ["test", "challenge", "confirm"]
    pattern = alice_api.get(f"/patterns/{record['pattern_id']}").json()
    assert pattern["status"] == "corrected"
    note = alice_api.get(f"/notes/{record['note_id']}").json()
    assert note["signed_by"] == "alice"
    program = alice_api.get(f"/home-programs/{record['program_id']}").json()
    assert program["exercises"][0]["inhibited"] == "psoas_major:left"
    assert program["adherence"]["done"] == 0


def test_the_atlas_reads_with_a_search_and_an_entry_with_its_relations(alice_api):
    found = alice_api.get("/atlas/entries", q="psoas").json()
    assert found["items"][0]["id"] == "psoas_major"
    entry = alice_api.get("/atlas/entries/psoas_major").json()
    assert entry["kind"] == "muscle"
    assert entry["relations"]
    assert alice_api.get("/atlas/entries/no_such_muscle").status_code == 404


def test_an_assistants_token_reads_clients_but_not_sessions(sam, northside, record):
    from tests.api.conftest import Api, token_for

    api = Api(token_for(sam, northside, "read"))
    assert api.get("/clients").status_code == 200
    refused = api.get(f"/sessions/{record['session_id']}")
    assert refused.status_code == 403
    assert "Assistant" in refused.json()["message"]


def test_the_schema_and_the_docs_are_served(db, client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/clients" in schema.json()["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_outcome_measures_read_with_their_answers_score_and_who_entered_them(alice_api, record):
    listed = alice_api.get("/outcome-responses", client=record["client_id"]).json()
    stress = next(r for r in listed["items"] if r["instrument"] == "stress")
    assert stress["score"] == 6 and stress["entered_by"] == "room"
    one = alice_api.get(f"/outcome-responses/{record['response_id']}").json()
    assert one["answers"] and one["actor"]
