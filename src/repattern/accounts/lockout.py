"""Sign-in locks, kept by django-axes: what it counts, and what a lock looks like to a member.

Two counts, each against its own limit within the window (LOGIN_FAILURE_WINDOW_MINUTES):

- a username locks after LOGIN_FAILURE_LIMIT failures (wrong passwords or wrong codes) from any
  address. That stops anyone guessing one member's password, and a password reset lifts it.
- a client address locks after LOGIN_ADDRESS_FAILURE_LIMIT failures across all usernames. That
  stops one address guessing a few passwords for each of many members, which no per-username
  lock sees. A whole clinic signs in from one address (its router), so this limit is far
  higher: its members' own typing locks each of them at 5 long before the clinic reaches 100.

Locking a username and an address together would add nothing: the username alone locks first.
Axes compares one count with one limit, so the handler below applies the address's own limit.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_client_username
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse

USERNAME = "username"
ADDRESS = "ip_address"


def locked_message() -> str:
    return (
        f"Too many failed sign-ins. Wait {settings.LOGIN_FAILURE_WINDOW_MINUTES} minutes "
        "and try again, or reset your password."
    )


def lockout_parameters(request: Any, credentials: dict[str, Any] | None = None) -> list[str]:
    return [USERNAME, ADDRESS]


def counted(username: str) -> str:
    """The username as counted: "Alice" and "alice" share one count."""
    return username.strip().casefold()[:150]


def login_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    source = credentials if credentials else request.POST
    username = source.get(USERNAME)
    return counted(username) if username else None


def client_address(request: HttpRequest) -> str:
    """The client's address, as the locks count it (see TRUSTED_PROXY_COUNT in settings)."""
    return get_client_ip_address(request) or ""


def _total(attempts: QuerySet[Any]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class LoginFailureHandler(AxesDatabaseHandler):
    """Axes' database handler, with the address held to its own, higher limit."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        by_username, by_address = (
            _total(attempts) for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(by_username, settings.LOGIN_FAILURE_LIMIT)
        return by_username

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        # Signing in clears the member's own failures, not those of others at the same address.
        username = get_client_username(request, credentials)
        return self.reset_attempts(username=username) if username else 0


def lockout_response(
    request: HttpRequest, original_response: HttpResponse, credentials: dict[str, Any] | None
) -> HttpResponse:
    """The page the sign-in view drew: it already says the member is locked out and why."""
    return original_response


def is_locked(request: HttpRequest, username: str) -> bool:
    return not AxesProxyHandler.is_allowed(request, {USERNAME: username})


def failure_record(request: HttpRequest, username: str) -> None:
    """Count a failure that is not a wrong password (a wrong code), as axes counts those."""
    user_login_failed.send(sender=__name__, credentials={USERNAME: username}, request=request)


def lock_lift(username: str) -> None:
    reset(username=counted(username))
