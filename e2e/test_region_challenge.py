"""Alice challenges a region in one tap: the screen offers the contact with the structures under
it, the tap is queued on the tablet like any other and stored once, and the log says what was
done. A single structure can still be challenged instead."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.conftest import serious_violations, sign_in
from e2e.test_session_screen import start_session, test_weak
from repattern.treatment.models import SessionEvent


def test_a_region_challenge_is_recorded_in_one_tap_online_and_offline(
    page: Page, live_server, alice, maria, axe_script
):
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    test_weak(page)

    box = page.locator(".finding.current .region-suggestion")
    name = box.get_attribute("data-region")
    assert name
    expect(box.locator("strong")).to_contain_text(f"Challenge the {name} (")
    assert serious_violations(page, axe_script) == []
    box.get_by_role("button", name="the weak muscle held").click()
    expect(page.locator(".log")).to_contain_text(f"Region challenge of the {name} (")
    expect(page.locator(".log")).to_contain_text("for Psoas major, left: the muscle held")
    stored = SessionEvent.objects.get(kind="region")
    assert stored.region == name and len(stored.members) >= 2

    # Offline, a region from the list is kept on the tablet and sent once when back.
    page.context.set_offline(True)
    offered = page.locator(".finding.current details.regions")
    offered.locator("summary").click()
    first = offered.locator("li[data-region]").first
    other = first.get_attribute("data-region")
    first.get_by_role("button", name="still weak").click()
    expect(page.locator("#sync")).to_contain_text("Offline")
    page.context.set_offline(False)
    expect(page.locator(".log")).to_contain_text(
        f"Region challenge of the {other} (", timeout=10_000
    )
    expect(page.locator("#sync")).to_have_text("All saved.")
    assert SessionEvent.objects.filter(kind="region").count() == 2

    # A single structure can always be challenged instead.
    leader = page.locator(".finding.current table.candidates tr[data-candidate]").first
    single = leader.get_attribute("data-candidate")
    leader.get_by_role("button", name="still weak").click()
    expect(page.locator(".log")).to_contain_text("Challenge (touch) of ")
    expect(page.locator("#sync")).to_have_text("All saved.")
    assert SessionEvent.objects.get(kind="challenge").candidate == single
