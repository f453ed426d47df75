"""A signed-in session lasts a working day at most, and ends sooner when nobody uses it.

A tablet left in a treatment room stays signed in to clinical records; after SESSION_IDLE_MINUTES
without a request, or SESSION_LIFETIME_HOURS after signing in, the next request signs out and
goes to the sign-in page with a sentence saying which of the two happened.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
# Noting every request would write the session on every tap; a minute is precise enough.
SEEN_PRECISION_SECONDS = 60


@receiver(user_logged_in)
def session_stamp(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


def session_end_reason(signed_in_at: float, seen_at: float, now: float) -> str | None:
    """Why a session has ended, in words for the member, or None while it lasts."""
    hours = settings.SESSION_LIFETIME_HOURS
    if now - signed_in_at > hours * 3600:
        return (
            f"You were signed out because a sign-in lasts at most {hours} hours. "
            "Sign in again to go on."
        )
    minutes = settings.SESSION_IDLE_MINUTES
    if now - seen_at > minutes * 60:
        return (
            f"You were signed out after {minutes} minutes without using Repattern. "
            "Sign in again to go on."
        )
    return None


def to_sign_in(request: HttpRequest) -> HttpResponse:
    """To the sign-in page, and back here afterwards. A page part that HTMX asked for would draw
    the sign-in page inside itself, so HTMX is told to load the whole page instead; and the
    session screen's queue keeps what it has not sent when it sees a 401."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=401)
        response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
        return response
    back = request.get_full_path() if request.method == "GET" else None
    return redirect_to_login(back or resolve_url(settings.LOGIN_REDIRECT_URL))


def session_lifetime_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Any:
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            if SIGNED_IN_AT not in session:
                # Signed in before these limits began: they count from now.
                session_stamp(sender=None, request=request, user=request.user)
            reason = session_end_reason(session[SIGNED_IN_AT], session[SEEN_AT], now)
            if reason:
                logout(request)
                messages.info(request, reason)
                return to_sign_in(request)
            if now - session[SEEN_AT] >= SEEN_PRECISION_SECONDS:
                session[SEEN_AT] = now
        return get_response(request)

    return middleware
