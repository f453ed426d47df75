"""Alice registers a client with a scar and a red flag, finds the session blocked, records the
doctor's clearance and can then start the session."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.conftest import sign_in


def test_a_red_flag_blocks_the_session_until_a_clearance_is_recorded(
    page: Page, live_server, alice, northside
):
    sign_in(page, live_server.url, "alice")
    expect(page.locator("h1")).to_contain_text("Today")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    expect(page.get_by_role("heading", name="Clients")).to_be_visible()

    page.get_by_role("link", name="New client").click()
    page.get_by_label("First name").fill("Maria")
    page.get_by_label("Last name").fill("Lopez")
    page.get_by_label("Date of birth").fill("1981-03-14")
    page.get_by_role("button", name="Register client").click()
    expect(page.get_by_role("heading", name="History of Maria Lopez")).to_be_visible()

    page.get_by_text("Add surgeries and scars").click()
    page.get_by_label("Surgery or cause").fill("Appendectomy")
    scars = page.locator("#history-scar")
    scars.get_by_label("Region").select_option("lower_abdomen")
    scars.get_by_label("Side").select_option("right")
    scars.get_by_label("Year").fill("2004")
    scars.get_by_role("button", name="Add").click()
    expect(page.locator("#history-scar")).to_contain_text(
        "Appendectomy scar, right lower abdomen, 2004"
    )

    page.get_by_role("link", name="Next: safety screen").click()
    for question in page.locator("fieldset.question").all():
        question.get_by_label("No").check()
    page.locator("fieldset.question", has_text="wakes you at night").get_by_label("Yes").check()
    page.get_by_role("button", name="Save screen").click()

    expect(page.get_by_role("heading", name="Safety screen: See a doctor first")).to_be_visible()
    expect(page.get_by_role("button", name="Start session")).to_be_disabled()
    expect(page.locator("#session-blocked")).to_contain_text("see a doctor first")

    page.get_by_role("link", name="Record consent").click()
    page.get_by_label("Full name, as a signature").fill("Maria Lopez")
    page.get_by_label("I have read this and agree").check()
    page.get_by_role("button", name="Record consent").click()
    expect(page.get_by_role("button", name="Start session")).to_be_disabled()

    page.get_by_role("link", name="Record doctor's clearance").click()
    page.get_by_label("Cleared by").fill("Dr Jane Webb, GP")
    page.get_by_label("Date of clearance").fill("2026-01-05")
    page.get_by_label("What the doctor said").fill(
        "Night pain investigated; fit for manual therapy."
    )
    page.get_by_role("button", name="Record clearance").click()

    expect(page.get_by_role("heading", name="Safety screen: Cleared by a doctor")).to_be_visible()
    page.get_by_role("link", name="Start session").click()
    page.get_by_role("button", name="Start session").click()
    expect(page.get_by_role("heading", name="Session with Maria Lopez")).to_be_visible()
