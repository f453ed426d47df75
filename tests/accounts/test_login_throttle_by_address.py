"""A clinic signs in from one address: failures there for many usernames do not lock the clinic
out, though one address trying far more than a clinic ever types is stopped."""

from __future__ import annotations

import html

from django.conf import settings

from tests.characters import PASSWORD

CLINIC = "192.0.2.10"
LOCKED = "Too many failed sign-ins."


def sign_in(client, username, password, address=CLINIC):
    response = client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return response.status_code, html.unescape(response.content.decode())


def test_twenty_failures_for_twenty_usernames_do_not_lock_out_a_twenty_first(client, alice):
    for number in range(20):
        status, _ = sign_in(client, f"member{number}", "wrong password")
        assert status == 200
    status, _ = sign_in(client, "alice", PASSWORD)
    assert status == 302


def test_one_address_is_locked_at_its_own_much_higher_limit(client, alice, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    for number in range(12):
        sign_in(client, f"member{number}", "wrong password")
    status, page = sign_in(client, "alice", PASSWORD)
    assert status == 200 and LOCKED in page
    status, _ = sign_in(client, "alice", PASSWORD, address="198.51.100.7")
    assert status == 302


def test_the_address_limit_is_far_above_the_username_limit():
    assert settings.LOGIN_ADDRESS_FAILURE_LIMIT >= 10 * settings.LOGIN_FAILURE_LIMIT
