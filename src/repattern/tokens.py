"""Secret tokens in links (intake links, calendar feeds): only their hash is ever stored."""

from __future__ import annotations

import hashlib
import secrets


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh token and its hash: give out the first, keep the second."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)
