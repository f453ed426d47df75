"""Alice sets up two-factor sign-in by typing the secret her page shows into an authenticator
app (here, the test computes the codes), signs out, and signs in again with a code; another day
she signs in with a recovery code."""

from __future__ import annotations

from base64 import b32decode

from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from e2e.conftest import serious_violations, sign_in
from tests.accounts.two_factor_helpers import with_two_factor


def app_code(secret_text: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the secret as the page printed it."""
    totp = TOTP(b32decode(secret_text.replace(" ", "")))
    totp.time += 30 * steps_ahead
    return f"{totp.token():06d}"


def test_a_member_sets_up_two_factor_and_signs_in_with_a_code(
    page: Page, live_server, alice, axe_script
):
    sign_in(page, live_server.url, "alice")
    expect(page.locator("h1")).to_contain_text("Today")
    page.get_by_role("link", name="Account").click()
    page.get_by_role("link", name="Set up two-factor sign-in").click()
    expect(page.get_by_role("img", name="QR code with your two-factor secret")).to_be_visible()
    assert serious_violations(page, axe_script) == []

    secret = page.locator("#secret").inner_text()
    page.get_by_role("textbox", name="Code").fill(app_code(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    expect(page.get_by_role("list", name="Your recovery codes").locator("li")).to_have_count(10)

    page.get_by_role("button", name="Sign out alice").click()
    sign_in(page, live_server.url, "alice")
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
    assert serious_violations(page, axe_script) == []
    page.get_by_role("textbox", name="Code").fill(app_code(secret, steps_ahead=1))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Today")


def test_a_member_signs_in_with_a_recovery_code(page: Page, live_server, alice):
    codes = with_two_factor(alice)
    sign_in(page, live_server.url, "alice")
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
    page.get_by_role("textbox", name="Code").fill(codes[3])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Today")
    expect(page.get_by_role("alert")).to_contain_text("You signed in with a recovery code; 9 left")
