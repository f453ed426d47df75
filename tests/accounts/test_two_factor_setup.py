"""Alice sets up two-factor sign-in on her account page: a QR code drawn here and the secret as
text, a code from her app to confirm it, and ten recovery codes shown once."""

from __future__ import annotations

import html
import re
from base64 import b32decode
from binascii import hexlify

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from repattern.audit.models import AuditAction, AuditEvent
from tests.accounts.two_factor_helpers import code_now


def text(response) -> str:
    return html.unescape(response.content.decode())


def secret_on(page: str) -> str:
    """The secret as the page shows it, in hex as django-otp keeps it."""
    shown = re.search(r'<code class="secret" id="secret">([A-Z2-7 ]+)</code>', page).group(1)
    return hexlify(b32decode(shown.replace(" ", ""))).decode()


def test_the_account_page_offers_two_factor_sign_in(as_alice):
    page = text(as_alice.get("/account/"))
    assert "Two-factor sign-in" in page and "Off: signing in takes your password only" in page


def test_the_set_up_page_shows_a_qr_code_drawn_here_and_the_secret(as_alice):
    page = text(as_alice.get("/account/two-factor/"))
    assert '<figure class="qr" role="img"' in page and "<svg" in page and "<path" in page
    figure = page.split('<figure class="qr"')[1].split("</figure>")[0]
    assert "src=" not in figure and "href=" not in figure
    assert len(secret_on(page)) == 40


def test_the_secret_stays_the_same_until_it_is_confirmed(as_alice):
    first = secret_on(text(as_alice.get("/account/two-factor/")))
    assert secret_on(text(as_alice.get("/account/two-factor/"))) == first


def test_a_wrong_code_does_not_turn_it_on(as_alice, alice):
    as_alice.get("/account/two-factor/")
    response = as_alice.post("/account/two-factor/", {"code": "000000"})
    assert response.status_code == 200
    assert "That code does not match" in text(response)
    assert not TOTPDevice.objects.filter(user=alice).exists()


def test_a_code_from_the_app_turns_it_on_with_ten_recovery_codes_shown_once(as_alice, alice):
    secret = secret_on(text(as_alice.get("/account/two-factor/")))
    response = as_alice.post("/account/two-factor/", {"code": code_now(secret)})
    assert response.status_code == 302 and response["Location"] == "/account/recovery-codes/"
    assert TOTPDevice.objects.get(user=alice).confirmed

    shown = text(as_alice.get("/account/recovery-codes/"))
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown)
    assert len(codes) == 10
    assert sorted(codes) == sorted(StaticToken.objects.values_list("token", flat=True))
    assert "shown only now" in shown

    again = text(as_alice.get("/account/recovery-codes/"))
    assert not re.findall(r"<li><code>", again)
    assert "were shown once" in again


def test_turning_it_on_is_audited_in_her_clinic(as_alice, alice, northside):
    secret = secret_on(text(as_alice.get("/account/two-factor/")))
    as_alice.post("/account/two-factor/", {"code": code_now(secret)})
    actions = set(AuditEvent.objects.filter(clinic=northside).values_list("action", flat=True))
    assert {AuditAction.TWO_FACTOR_ENABLE, AuditAction.RECOVERY_CODES_MAKE} <= actions


def test_once_on_the_set_up_page_goes_back_to_the_account_page(as_alice):
    secret = secret_on(text(as_alice.get("/account/two-factor/")))
    as_alice.post("/account/two-factor/", {"code": code_now(secret)})
    response = as_alice.get("/account/two-factor/")
    assert response.status_code == 302 and response["Location"] == "/account/"
