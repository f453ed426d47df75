"""Alice turns two-factor sign-in off only with a current code, and can make new recovery codes,
which stops the old ones working."""

from __future__ import annotations

import html

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from repattern.audit.models import AuditAction, AuditEvent
from tests.accounts.two_factor_helpers import SECRET, code_now, with_two_factor
from tests.characters import PASSWORD


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_account_page_says_it_is_on_and_how_many_codes_are_left(as_alice, alice):
    with_two_factor(alice)
    page = text(as_alice.get("/account/"))
    assert "On: signing in takes your password and a code" in page
    assert "10 unused recovery codes" in page


def test_a_wrong_code_does_not_turn_it_off(as_alice, alice):
    with_two_factor(alice)
    response = as_alice.post("/account/two-factor/off/", {"code": "123456"}, follow=True)
    assert "That code is not right" in text(response)
    assert TOTPDevice.objects.filter(user=alice).exists()


def test_a_current_code_turns_it_off_and_the_change_is_audited(as_alice, alice, northside):
    with_two_factor(alice)
    response = as_alice.post("/account/two-factor/off/", {"code": code_now(SECRET, 1)}, follow=True)
    assert "Two-factor sign-in is off" in text(response)
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not StaticToken.objects.filter(device__user=alice).exists()
    assert AuditEvent.objects.filter(
        clinic=northside, action=AuditAction.TWO_FACTOR_DISABLE, user=alice
    ).exists()


def test_signing_in_takes_the_password_alone_once_it_is_off(client, as_alice, alice):
    with_two_factor(alice)
    as_alice.post("/account/two-factor/off/", {"code": code_now(SECRET, 1)})
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response["Location"] == "/"


def test_new_recovery_codes_replace_the_old_ones(as_alice, alice):
    old = with_two_factor(alice)
    response = as_alice.post("/account/recovery-codes/")
    assert response["Location"] == "/account/recovery-codes/"
    new = set(StaticToken.objects.filter(device__user=alice).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    page = text(as_alice.get("/account/recovery-codes/"))
    assert all(code in page for code in new)
