from __future__ import annotations

from django.urls import reverse


def test_every_page_of_a_client_record_opens_for_its_practitioner(as_alice, maria):
    for name in [
        "client_detail",
        "client_edit",
        "intake_edit",
        "screen_new",
        "consent_new",
        "intake_links",
        "session_new",
    ]:
        response = as_alice.get(reverse(name, args=[maria.pk]))
        assert response.status_code == 200, name
    response = as_alice.get(reverse("client_list", args=[maria.clinic_id]))
    assert "Lopez" in response.content.decode()
