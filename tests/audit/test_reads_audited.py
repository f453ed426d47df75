"""Every page that shows a client's record writes a reading to the audit log: the list and its
search, each form about the client, the intake links, the care plan and its calendar file, and
each fetch of a calendar feed."""

from __future__ import annotations

import pytest

from repattern.audit.models import AuditEvent
from repattern.clients.screening import QUESTION_IDS
from repattern.clients.services import screen_record
from repattern.treatment import services


@pytest.fixture
def plan(maria, alice):
    return services.careplan_create(client=maria, user=alice, complaint="Low back pain")


def newest() -> AuditEvent:
    return AuditEvent.objects.latest("id")


@pytest.mark.parametrize(
    ("page", "summary"),
    [
        ("edit/", "details form"),
        ("screen/", "safety screen form"),
        ("consent/", "consent form"),
        ("intake-links/", "intake links"),
    ],
)
def test_a_form_about_the_client_is_a_reading(as_alice, maria, page, summary):
    assert as_alice.get(f"/clients/{maria.pk}/{page}").status_code == 200
    row = newest()
    assert (row.action, row.client_id, row.summary) == ("client_view", maria.pk, summary)


def test_the_clearance_and_override_forms_are_readings(as_olivia, maria, alice):
    screen_record(
        client=maria, user=alice, answers={**dict.fromkeys(QUESTION_IDS, False), "fever": True}
    )
    for page, summary in (("clearance/", "clearance form"), ("override/", "override form")):
        assert as_olivia.get(f"/clients/{maria.pk}/{page}").status_code == 200
        assert (newest().action, newest().summary) == ("client_view", summary)


def test_the_client_list_and_its_search_are_readings(as_alice, maria):
    as_alice.get(f"/clinics/{maria.clinic_id}/clients/", {"q": "Lopez"})
    row = newest()
    assert (row.action, row.summary, row.user.username) == (
        "client_list_view",
        "search: Lopez",
        "alice",
    )


@pytest.mark.parametrize(
    ("page", "summary"), [("", "plan"), ("edit/", "edit form"), ("sessions.ics", "calendar file")]
)
def test_the_care_plan_pages_are_readings(as_alice, plan, maria, page, summary):
    assert as_alice.get(f"/care-plans/{plan.pk}/{page}").status_code == 200
    row = newest()
    assert (row.action, row.client_id, row.summary) == ("careplan_view", maria.pk, summary)


def test_each_fetch_of_a_calendar_feed_is_a_reading(client, alice, plan):
    _, token = services.feed_create(membership=alice.memberships.get())
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    row = newest()
    assert (row.action, row.actor, row.user) == ("feed_read", "calendar app of alice", None)
