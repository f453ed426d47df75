"""Which part of the app a page belongs to, so the navigation can say where you are."""

from __future__ import annotations

from django.http import HttpRequest

# The first match of a page's URL name wins.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("day_view", "today"),
    ("week_view", "today"),
    ("appointment_", "today"),
    ("atlas_", "atlas"),
    ("chart_", "atlas"),
    ("member_", "members"),
    ("clinic_two_factor", "members"),
    ("audit_", "audit"),
    ("message_", "messages"),
    ("account", "account"),
    ("two_factor", "account"),
    ("recovery_codes", "account"),
    ("password_", "account"),
    ("api_token", "account"),
    ("calendar_feed", "today"),
)


def section(request: HttpRequest) -> dict[str, str]:
    match = getattr(request, "resolver_match", None)
    name = match.url_name if match is not None and match.url_name else ""
    found = next((where for prefix, where in SECTIONS if name.startswith(prefix)), "clients")
    return {"section": found}
