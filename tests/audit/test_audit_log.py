"""Every view and change of a client record leaves a row: who, when, what, which record.

Olivia, the owner, reads the log and narrows it to one client; Alice cannot read it; Bob does
not know it exists.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.utils import timezone

from repattern.audit.models import AuditEvent
from repattern.clients import services
from repattern.clients.models import Client
from repattern.clients.services import ClientDetails
from tests.characters import NO_FLAGS


def page(response) -> str:
    return html.unescape(response.content.decode())


def latest() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


def rows_since(start: int) -> list[tuple[str, str, str]]:
    events = AuditEvent.objects.filter(id__gt=start).order_by("id")
    return [(e.actor, e.action, e.record_type) for e in events]


def last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.fixture
def james(northside, alice) -> Client:
    return services.client_create(
        clinic=northside,
        user=alice,
        details=ClientDetails(
            first_name="James", last_name="Carter", date_of_birth=date(1975, 7, 2)
        ),
    )


def test_viewing_a_client_writes_a_view_row(as_alice, alice, maria):
    before = timezone.now()
    as_alice.get(f"/clients/{maria.pk}/")
    event = latest()
    assert (event.user, event.actor, event.action) == (alice, "alice", "client_view")
    assert (event.record_type, event.record_id, event.clinic) == (
        "client",
        str(maria.pk),
        maria.clinic,
    )
    assert before <= event.at <= timezone.now()


def test_opening_the_history_writes_a_view_row(as_alice, maria):
    as_alice.get(f"/clients/{maria.pk}/intake/")
    assert (latest().action, latest().summary) == ("client_view", "intake")


def test_creating_and_editing_a_client_write_rows(as_alice, northside):
    start = last_id()
    as_alice.post(
        f"/clinics/{northside.pk}/clients/new/",
        {
            "first_name": "Nora",
            "last_name": "Quinn",
            "date_of_birth": "1980-05-05",
            "gender": "female",
        },
    )
    nora = Client.objects.get(first_name="Nora")
    as_alice.post(
        f"/clients/{nora.pk}/edit/",
        {
            "first_name": "Nora",
            "last_name": "Quinn-Hart",
            "date_of_birth": "1980-05-05",
            "gender": "female",
        },
    )
    assert rows_since(start) == [
        ("alice", "client_create", "client"),
        ("alice", "client_update", "client"),
    ]


def test_archiving_and_restoring_write_rows(as_alice, maria):
    start = last_id()
    as_alice.post(f"/clients/{maria.pk}/archive/", {"action": "archive"})
    as_alice.post(f"/clients/{maria.pk}/archive/", {"action": "restore"})
    assert rows_since(start) == [
        ("alice", "client_archive", "client"),
        ("alice", "client_restore", "client"),
    ]


def test_history_entries_added_and_removed_write_rows(as_alice, maria):
    start = last_id()
    as_alice.post(
        f"/clients/{maria.pk}/history/pain_area/add/",
        {"pain_area-region": "knee", "pain_area-side": "left", "pain_area-intensity": "3"},
    )
    scar = maria.scars.get()
    as_alice.post(f"/clients/{maria.pk}/history/scar/{scar.pk}/remove/")
    as_alice.post(f"/clients/{maria.pk}/intake/", {"intake-goals": "Run a 10k."})
    assert rows_since(start) == [
        ("alice", "history_add", "painarea"),
        ("alice", "history_remove", "scar"),
        ("alice", "intake_update", "intake"),
    ]
    assert "Appendectomy" in AuditEvent.objects.get(action="history_remove").summary


def test_screen_clearance_override_and_consent_write_rows(as_alice, as_olivia, maria):
    start = last_id()
    answers = {q: "no" for q in NO_FLAGS} | {"fever": "yes"}
    as_alice.post(f"/clients/{maria.pk}/screen/", answers)
    as_alice.post(
        f"/clients/{maria.pk}/clearance/",
        {"cleared_by": "Dr Webb", "cleared_on": timezone.localdate().isoformat(), "note": "Ok."},
    )
    as_alice.post(f"/clients/{maria.pk}/screen/", answers)
    as_olivia.post(
        f"/clients/{maria.pk}/override/",
        {"reason": "The fever was a cold, gone a week ago; she is well."},
    )
    as_alice.post(f"/clients/{maria.pk}/consent/", {"signed_name": "Maria Lopez", "agree": "on"})
    assert rows_since(start) == [
        ("alice", "screen_record", "safetyscreen"),
        ("alice", "clearance_record", "clearance"),
        ("alice", "screen_record", "safetyscreen"),
        ("olivia", "override_record", "clearance"),
        ("alice", "consent_record", "consent"),
    ]


def test_intake_links_write_rows_and_the_client_is_named_as_acting_through_the_link(
    client, as_alice, maria, alice
):
    start = last_id()
    as_alice.post(f"/clients/{maria.pk}/intake-links/", {"days": "7"})
    link = maria.intake_links.get()
    as_alice.post(f"/clients/{maria.pk}/intake-links/{link.pk}/revoke/")
    _, token = services.intake_link_create(client=maria, user=alice, days=7)
    client.post(
        f"/intake/{token}/",
        {
            **{f"screen-{q}": "no" for q in NO_FLAGS},
            "consent-signed_name": "Maria Lopez",
            "consent-agree": "on",
        },
    )
    via_link = f"client via link {link.pk + 1}"
    assert rows_since(start) == [
        ("alice", "intake_link_create", "intakelink"),
        ("alice", "client_view", "client"),
        ("alice", "intake_link_revoke", "intakelink"),
        ("alice", "intake_link_create", "intakelink"),
        (via_link, "intake_update", "intake"),
        (via_link, "screen_record", "safetyscreen"),
        (via_link, "consent_record", "consent"),
        (via_link, "intake_link_submit", "intakelink"),
    ]
    assert AuditEvent.objects.filter(actor=via_link, user__isnull=True).count() == 4


def test_the_owner_reads_the_audit_log(as_olivia, as_alice, maria):
    as_alice.get(f"/clients/{maria.pk}/")
    response = as_olivia.get(f"/clinics/{maria.clinic_id}/audit/")
    assert response.status_code == 200
    text = page(response)
    assert "Audit log" in text
    assert f"client {maria.pk}" in text and "alice" in text and "Viewed a client record" in text


def test_the_owner_narrows_the_log_to_every_row_about_one_client(
    as_olivia, as_alice, maria, james, alice
):
    as_alice.get(f"/clients/{maria.pk}/")
    as_alice.get(f"/clients/{james.pk}/")
    services.screen_record(client=james, user=alice, answers=NO_FLAGS)
    response = as_olivia.get(f"/clinics/{maria.clinic_id}/audit/", {"record": maria.pk})
    shown = list(response.context["page"])
    assert {(e.action, e.record_type) for e in shown} == {
        ("client_create", "client"),
        ("history_add", "scar"),
        ("history_add", "painarea"),
        ("screen_record", "safetyscreen"),
        ("consent_record", "consent"),
        ("client_view", "client"),
    }
    assert all(e.client_id == maria.pk for e in shown)
    assert 'value="Maria Lopez"' in page(response)


def test_the_client_detail_links_the_owner_to_the_clients_audit_trail(as_olivia, maria):
    text = page(as_olivia.get(f"/clients/{maria.pk}/"))
    assert f"/clinics/{maria.clinic_id}/audit/?record={maria.pk}" in text


def test_a_practitioner_cannot_read_the_audit_log(as_alice, maria):
    assert as_alice.get(f"/clinics/{maria.clinic_id}/audit/").status_code == 403
    assert "Audit trail" not in page(as_alice.get(f"/clients/{maria.pk}/"))


def test_another_clinics_owner_gets_404(as_bob, maria):
    response = as_bob.get(f"/clinics/{maria.clinic_id}/audit/", {"record": maria.pk})
    assert response.status_code == 404
    assert "Lopez" not in page(response)


def test_the_log_is_newest_first_and_keeps_old_rows(as_olivia, as_alice, maria):
    as_alice.get(f"/clients/{maria.pk}/")
    AuditEvent.objects.filter(action="create").update(at=timezone.now() - timedelta(days=400))
    shown = list(as_olivia.get(f"/clinics/{maria.clinic_id}/audit/").context["page"])
    assert shown[0].action == "client_view" and shown[-1].action == "client_create"
