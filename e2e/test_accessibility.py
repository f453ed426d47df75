"""The pages a practitioner uses every day have no serious or critical axe-core findings, and
none scrolls sideways on a tablet or a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from e2e.conftest import no_horizontal_scroll, serious_violations, sign_in

PAGES = [
    "/clinics/{clinic}/clients/",
    "/clients/{client}/",
    "/clients/{client}/intake/",
    "/clients/{client}/screen/",
    "/clients/{client}/consent/",
    "/clients/{client}/care-plans/new/",
    "/clinics/{clinic}/atlas/",
    "/clinics/{clinic}/atlas/psoas_major/",
    "/accounts/password_change/",
]


@pytest.mark.parametrize(
    "viewport", [{"width": 768, "height": 1024}, {"width": 390, "height": 844}]
)
def test_everyday_pages_pass_axe_and_fit_the_screen(
    browser: Browser, live_server, alice, maria, axe_script, viewport
):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    sign_in(page, live_server.url, "alice")
    problems = {}
    for path in PAGES:
        page.goto(live_server.url + path.format(clinic=maria.clinic_id, client=maria.pk))
        found = serious_violations(page, axe_script)
        if not no_horizontal_scroll(page):
            found.append("scrolls sideways")
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
