from __future__ import annotations

from django.http import HttpRequest

from repattern.accounts.access import memberships_of


def clinics(request: HttpRequest) -> dict[str, object]:
    """The clinics the signed-in user belongs to, for the navigation bar."""
    return {"my_memberships": memberships_of(request.user)}
