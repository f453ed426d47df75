"""Codes as an authenticator app would show them, for tests that sign in with two factors."""

from __future__ import annotations

import time
from binascii import unhexlify
from typing import Any

from django_otp.oath import TOTP

from repattern.accounts import two_factor

SECRET = "3132333435363738393031323334353637383930"


def code_now(secret: str, steps_ahead: int = 0) -> str:
    """The code the app shows now, or that many 30-second steps later. A code once used is
    refused, so a test that needs a second one takes the next step's (still accepted)."""
    totp = TOTP(unhexlify(secret))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def with_two_factor(user: Any, secret: str = SECRET) -> list[str]:
    """Two-factor sign-in turned on for the user; their recovery codes."""
    _, codes = two_factor.two_factor_enable(user=user, secret=secret, code=code_now(secret))
    return codes
