"""The pages a practitioner uses every day have no serious or critical axe-core findings, and
none scrolls sideways on a tablet or a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from e2e.conftest import no_horizontal_scroll, serious_violations, sign_in

# Who opens each page: the members page, the audit log and erasure are the owner's.
PAGES = [
    ("alice", "/clinics/{clinic}/clients/"),
    ("alice", "/clients/{client}/"),
    ("alice", "/clients/{client}/intake/"),
    ("alice", "/clients/{client}/screen/"),
    ("alice", "/clients/{client}/consent/"),
    ("alice", "/clients/{client}/intake-links/"),
    ("alice", "/clients/{client}/care-plans/new/"),
    ("alice", "/clients/{client}/export/"),
    ("alice", "/clinics/{clinic}/atlas/"),
    ("alice", "/clinics/{clinic}/atlas/psoas_major/"),
    ("alice", "/accounts/password_change/"),
    ("alice", "/account/"),
    ("alice", "/account/two-factor/"),
    ("olivia", "/clinics/{clinic}/members/"),
    ("olivia", "/clinics/{clinic}/audit/"),
    ("olivia", "/clients/{client}/"),
    ("olivia", "/clients/{client}/erase/"),
]


@pytest.mark.parametrize(
    "viewport", [{"width": 768, "height": 1024}, {"width": 390, "height": 844}]
)
def test_everyday_pages_pass_axe_and_fit_the_screen(
    browser: Browser, live_server, alice, olivia, maria, axe_script, viewport
):
    problems = {}
    for username in dict.fromkeys(user for user, _ in PAGES):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        sign_in(page, live_server.url, username)
        for path in (path for user, path in PAGES if user == username):
            page.goto(live_server.url + path.format(clinic=maria.clinic_id, client=maria.pk))
            found = serious_violations(page, axe_script)
            if not no_horizontal_scroll(page):
                found.append("scrolls sideways")
            if found:
                problems[path] = found
        context.close()
    assert problems == {}


@pytest.mark.parametrize(
    "viewport", [{"width": 768, "height": 1024}, {"width": 390, "height": 844}]
)
def test_pages_without_sign_in_pass_axe_and_fit_the_screen(
    browser: Browser, live_server, alice, maria, axe_script, viewport
):
    from repattern.clients import services

    _, token = services.intake_link_create(client=maria, user=alice, days=7)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems = {}
    for path in ["/accounts/login/", "/accounts/password_reset/", f"/intake/{token}/"]:
        page.goto(live_server.url + path)
        found = serious_violations(page, axe_script)
        if not no_horizontal_scroll(page):
            found.append("scrolls sideways")
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
