"""The audit trail is kept when a client's record goes: each row keeps the client's number."""

from __future__ import annotations

import html

from repattern.audit.models import AuditEvent


def test_every_row_about_a_client_carries_the_clients_number(maria):
    rows = AuditEvent.objects.filter(client=maria)
    assert rows.exists()
    assert set(rows.values_list("client_number", flat=True)) == {maria.pk}


def test_the_rows_stay_under_the_number_when_the_client_is_gone(maria):
    number, rows = maria.pk, AuditEvent.objects.filter(client=maria).count()
    maria.delete()
    kept = AuditEvent.objects.filter(client_number=number)
    assert kept.count() == rows
    assert not kept.filter(client__isnull=False).exists()


def test_the_owner_reads_a_gone_clients_trail_by_its_number(as_olivia, maria):
    number = maria.pk
    maria.delete()
    response = as_olivia.get(f"/clinics/{maria.clinic_id}/audit/?record={number}")
    text = html.unescape(response.content.decode())
    assert f"Rows about erased client {number}" in text
    assert text.count(f"erased client {number}</td>") >= 4


def test_a_number_no_client_ever_had_shows_no_rows(as_olivia, maria):
    response = as_olivia.get(f"/clinics/{maria.clinic_id}/audit/?record=99999999999999999999999")
    assert response.status_code == 200
    assert "No client matches" in response.content.decode()
