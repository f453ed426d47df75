"""Another clinic's token finds none of Northside's records on any route, and a read-only
token writes nothing."""

from __future__ import annotations

import re
import uuid

import pytest

from repattern.api.api import api
from repattern.treatment.models import SessionEvent

PATHS = sorted(api.get_openapi_schema()["paths"].items())
GETS = [path for path, methods in PATHS if "get" in methods and "{" in path]
POSTS = [path for path, methods in PATHS if "post" in methods]


def _filled(path: str, record: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(record[m.group(1)]), path).removeprefix("/api/v1")


def test_every_route_with_an_id_is_checked_here():
    assert len(GETS) >= 9
    assert POSTS == ["/api/v1/sessions/{session_id}/events"]


@pytest.mark.parametrize("path", GETS)
def test_another_clinics_token_gets_404_for_every_id(path, record, bob_api, alice_api):
    address = _filled(path, record)
    assert alice_api.get(address).status_code == 200
    if "/atlas/" in path:
        return  # the shipped atlas is every clinic's
    response = bob_api.get(address)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_another_clinics_lists_hold_none_of_northsides_records(record, bob_api):
    for path, _methods in PATHS:
        if "{" in path or "/atlas/" in path or "/CodeSystem/" in path:
            continue  # the atlas and the codes are every clinic's
        listed = bob_api.get(path.removeprefix("/api/v1")).json()
        assert listed["count"] == 0, path
        by_client = bob_api.get(path.removeprefix("/api/v1"), client=record["client_id"]).json()
        assert by_client["count"] == 0, path


def test_another_clinics_token_cannot_write_to_a_session(session, bob_api):
    event = {"event_id": str(uuid.uuid4()), "kind": "test", "site": "psoas_major:left"}
    event["result"] = "weak"
    assert bob_api.post(f"/sessions/{session.pk}/events", event).status_code == 404
    assert not SessionEvent.objects.exists()


def test_a_read_only_token_cannot_write(session, alice_reads):
    event = {"event_id": str(uuid.uuid4()), "kind": "test", "site": "psoas_major:left"}
    event["result"] = "weak"
    response = alice_reads.post(f"/sessions/{session.pk}/events", event)
    assert response.status_code == 403
    assert "read and write" in response.json()["message"]
    assert not SessionEvent.objects.exists()


@pytest.mark.parametrize("path", [path for path, methods in PATHS if "get" in methods])
def test_every_call_writes_one_audit_row_naming_the_token(path, record, alice_api):
    from repattern.audit.models import AuditEvent

    before = AuditEvent.objects.count()
    assert alice_api.get(_filled(path, record)).status_code == 200
    rows = AuditEvent.objects.order_by("-id")[: AuditEvent.objects.count() - before]
    assert len(rows) == 1, path
    assert "(API token rp_" in rows[0].actor
