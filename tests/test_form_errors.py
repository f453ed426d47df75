"""An error about the whole form appears once, at the top of the form, not twice."""

from __future__ import annotations

import html

from django.utils import timezone


def test_a_wrong_password_is_reported_once(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    text = html.unescape(response.content.decode())
    assert text.count("Please enter a correct username and password.") == 1


def test_a_clearance_with_nothing_to_clear_is_reported_once(as_alice, maria):
    response = as_alice.post(
        f"/clients/{maria.pk}/clearance/",
        {"cleared_by": "Dr Webb", "cleared_on": timezone.localdate().isoformat(), "note": "Ok."},
    )
    text = html.unescape(response.content.decode())
    assert text.count("There is no flagged safety screen to clear.") == 1


def test_field_errors_stay_beside_their_fields(as_alice, northside):
    response = as_alice.post(f"/clinics/{northside.pk}/clients/new/", {"last_name": "Quinn"})
    text = html.unescape(response.content.decode())
    # First name, date of birth and gender, each once.
    assert text.count("This field is required.") == 3
    assert '<label for="id_first_name">First name:</label>' in text
