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


@pytest.mark.parametrize(
    "viewport", [{"width": 768, "height": 1024}, {"width": 390, "height": 844}]
)
def test_the_day_and_the_pages_between_sessions_pass_axe_and_fit_the_screen(
    browser: Browser, live_server, alice, maria, axe_script, viewport
):
    """With history in them: the day with a visit, its appointment, the home program, and the
    client's portal before and after an exercise is marked done."""
    from e2e.test_between_sessions import session_three_days_ago_with_two_corrections, this_hour
    from repattern.portal.services import portal_link_create
    from repattern.programs.models import HomeProgram
    from repattern.treatment import services as treatment

    session_three_days_ago_with_two_corrections(maria, alice)
    booked = treatment.appointment_book(
        client=maria, practitioner=alice, starts_at=this_hour(), by=alice
    )
    program = HomeProgram.objects.get(client=maria)
    _, token = portal_link_create(client=maria, user=alice)
    problems = {}

    def check(page, path: str) -> None:
        found = serious_violations(page, axe_script)
        if not no_horizontal_scroll(page):
            found.append("scrolls sideways")
        if found:
            problems[path] = found

    staff = browser.new_context(viewport=viewport)
    page = staff.new_page()
    sign_in(page, live_server.url, "alice")
    for path in (
        f"/clinics/{maria.clinic_id}/today/",
        f"/clinics/{maria.clinic_id}/week/",
        f"/appointments/{booked.pk}/",
        f"/programs/{program.pk}/",
        f"/programs/{program.pk}/versions/1/",
        f"/programs/{program.pk}/print/",
        f"/clients/{maria.pk}/portal/",
    ):
        page.goto(live_server.url + path)
        check(page, path)
    staff.close()

    phone = browser.new_context(viewport=viewport).new_page()
    phone.goto(f"{live_server.url}/portal/start/{token}/")
    check(phone, "/portal/")
    card = phone.locator("article.portal-exercise").first
    card.get_by_label("Pain while doing it (optional)").select_option("2")
    card.get_by_role("button", name="Done").click()
    card = phone.locator("article.portal-exercise").first
    card.get_by_role("button", name="Undo").wait_for()
    check(phone, "/portal/ with an exercise done")
    for path in ("visits/", "notes/", "reminders/", "my-data/"):
        phone.goto(f"{live_server.url}/portal/{path}")
        check(phone, f"/portal/{path}")
    phone.context.close()
    assert problems == {}
