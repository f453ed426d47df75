from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from repattern.accounts.access import memberships_of


def clinics(request: HttpRequest) -> dict[str, object]:
    """The clinics the signed-in user belongs to, for the navigation bar; read only by a page
    that shows it, not by the parts of a page that HTMX swaps in."""
    memberships = SimpleLazyObject(lambda: memberships_of(request.user))
    # None for a user of no clinic (a certifier, say), so the bar shows no clinic's sections.
    first = SimpleLazyObject(lambda: memberships[0].clinic if memberships else None)
    return {"my_memberships": memberships, "my_first_clinic": first}
