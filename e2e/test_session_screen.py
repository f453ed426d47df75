"""Alice runs a whole session with Maria on a tablet: psoas tests weak, the engine suggests a
candidate, challenges are recorded, the pattern is confirmed, the learning window runs, release,
activation and a passing retest are recorded, the home program is drafted and the note is signed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import no_horizontal_scroll, serious_violations, sign_in
from repattern.engine.session import PatternStatus
from repattern.treatment.models import LateEntry, Pattern, SessionEvent


def start_session(page: Page, base_url: str, client) -> None:
    page.goto(f"{base_url}/clients/{client.pk}/")
    page.get_by_role("link", name="Start session").click()
    for box in page.locator("fieldset.pain input").all():
        box.fill("6")
    page.get_by_role("button", name="Start session").click()
    expect(page.get_by_role("heading", name=f"Session with {client.full_name}")).to_be_visible()


def test_weak(page: Page, side: str = "left") -> None:
    page.get_by_label("Muscle", exact=True).fill("Psoas major")
    page.get_by_label(side.capitalize(), exact=True).check()
    page.get_by_role("button", name="Weak W").click()
    expect(page.get_by_role("heading", name="Psoas major, left tests weak")).to_be_visible()


test_weak.__test__ = False  # a step, not a test


def row(page: Page, name: str):
    return page.locator("tr[data-candidate]", has=page.get_by_role("rowheader", name=name))


def test_a_full_session_from_weak_psoas_to_a_signed_note(
    page: Page, live_server, alice, maria, axe_script
):
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    assert no_horizontal_scroll(page)

    test_weak(page)
    suggestion = page.locator(".finding.current .suggestion")
    expect(suggestion).to_contain_text("Next challenge:")
    suggested = suggestion.get_attribute("data-suggested")
    assert suggested

    ql = page.locator('tr[data-candidate="quadratus_lumborum:left"]')
    expect(ql.locator(".evidence").first).to_be_visible()
    before = float(ql.locator("td.prob span").inner_text().strip("%<>"))
    ql.get_by_role("button", name="the weak muscle held").click()
    expect(page.locator(".log")).to_contain_text(
        "Challenge (touch) of Quadratus lumborum, left for Psoas major, left: the muscle held"
    )
    after = float(
        page.locator('tr[data-candidate="quadratus_lumborum:left"] td.prob span')
        .inner_text()
        .strip("%<>")
    )
    assert after > before

    assert serious_violations(page, axe_script) == []

    page.locator('tr[data-candidate="quadratus_lumborum:left"]').get_by_role(
        "button", name="Confirm"
    ).click()
    window = page.locator("section.window")
    expect(window).to_contain_text("Learning window")
    count = window.locator(".timer-count")
    first = int(count.inner_text())
    page.wait_for_timeout(1300)
    assert int(count.inner_text()) < first <= 45
    expect(window).to_contain_text("1. Release Quadratus lumborum, left")

    assert serious_violations(page, axe_script) == []

    window.get_by_role("button", name="Released").click()
    expect(window.get_by_role("button", name="Released ✓")).to_be_disabled()
    window.get_by_role("button", name="Activated").click()
    expect(window.get_by_role("button", name="Activated ✓")).to_be_disabled()
    window.get_by_role("button", name="Retest holds").click()
    expect(page.locator("section.window")).to_have_count(0)
    expect(page.locator(".settled")).to_contain_text(
        "Psoas major, left with Quadratus lumborum, left (layer 1): corrected"
    )

    page.get_by_role("link", name="End session").click()
    assert serious_violations(page, axe_script) == []
    page.get_by_label("Right lower back").fill("2")
    page.get_by_label("Soreness").check()
    page.get_by_role("button", name="End session and draft the home program and note").click()

    expect(page.get_by_role("heading", name="Home program")).to_be_visible()
    assert serious_violations(page, axe_script) == []
    expect(page.locator("#program-heading + p + ol")).to_contain_text(
        "Release Quadratus lumborum, left, then activate Psoas major, left"
    )
    expect(page.locator("figure.body-map svg")).to_be_visible()
    page.get_by_label("Assessment").fill(
        page.get_by_label("Assessment").input_value() + "\nGood response."
    )
    page.get_by_role("button", name="Sign note").click()
    expect(page.get_by_role("alert")).to_contain_text("Not signed: tick")
    page.get_by_label("I understand that signing locks the note").check()
    page.get_by_role("button", name="Sign note").click()
    expect(page.get_by_text("Signed by alice")).to_be_visible()
    expect(page.get_by_role("button", name="Sign note")).to_have_count(0)
    assert Pattern.objects.get().status == PatternStatus.CORRECTED


def test_closing_the_page_mid_session_resumes_where_it_was(
    page: Page, browser, live_server, alice, maria
):
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    url = page.url
    test_weak(page)
    page.locator('tr[data-candidate="quadratus_lumborum:left"]').get_by_role(
        "button", name="the weak muscle held"
    ).click()
    expect(page.locator(".log li")).to_have_count(2)
    ranking = page.locator(".finding.current td.prob span").all_inner_texts()
    page.close()

    again = page.context.new_page()
    again.goto(url)
    expect(again.get_by_role("heading", name="Psoas major, left tests weak")).to_be_visible()
    expect(again.locator(".log li")).to_have_count(2)
    assert again.locator(".finding.current td.prob span").all_inner_texts() == ranking


def test_a_tap_made_offline_is_kept_and_sent_once_when_the_connection_returns(
    page: Page, live_server, alice, maria
):
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    page.context.set_offline(True)
    page.get_by_label("Muscle", exact=True).fill("Psoas major")
    page.get_by_role("button", name="Weak W").click()
    expect(page.locator("#sync")).to_contain_text("Offline")
    page.context.set_offline(False)
    expect(page.get_by_role("heading", name="Psoas major, left tests weak")).to_be_visible(
        timeout=10_000
    )
    expect(page.locator("#sync")).to_have_text("All saved.")
    assert SessionEvent.objects.count() == 1


def test_a_double_tap_records_one_test(page: Page, live_server, alice, maria):
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    page.get_by_label("Muscle", exact=True).fill("Psoas major")
    page.get_by_role("button", name="Weak W").dblclick()
    expect(page.get_by_role("heading", name="Psoas major, left tests weak")).to_be_visible()
    page.wait_for_timeout(500)
    assert SessionEvent.objects.count() == 1


def test_two_tabs_on_one_session_both_record_and_agree(page: Page, live_server, alice, maria):
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    other = page.context.new_page()
    other.goto(page.url)
    test_weak(page)
    other.get_by_label("Muscle", exact=True).fill("Gluteus medius")
    other.get_by_role("button", name="Weak W").click()
    expect(other.locator(".log li")).to_have_count(2)
    page.reload()
    expect(page.locator(".log li")).to_have_count(2)
    assert SessionEvent.objects.count() == 2


@pytest.mark.parametrize(
    "viewport", [{"width": 768, "height": 1024}, {"width": 390, "height": 844}]
)
def test_the_session_screen_fits_without_horizontal_scrolling(
    browser, live_server, alice, maria, viewport, axe_script
):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    test_weak(page)
    assert no_horizontal_scroll(page)
    assert serious_violations(page, axe_script) == []
    context.close()


def test_a_tap_made_after_signing_out_is_kept_until_the_practitioner_signs_in_again(
    page: Page, live_server, alice, maria
):
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    other = page.context.new_page()
    other.goto(f"{live_server.url}/clients/{maria.pk}/")
    other.get_by_role("button", name="Sign out alice").click()
    page.get_by_label("Muscle", exact=True).fill("psoas")
    page.get_by_role("button", name="Weak W").click()
    expect(page.locator("#sync")).to_contain_text("Not saved yet: 1 entry kept on this device")
    assert SessionEvent.objects.count() == 0
    sign_in(other, live_server.url, "alice")
    expect(page.locator("#sync")).to_have_text("All saved.", timeout=15_000)
    expect(page.get_by_role("heading", name="Psoas major, left tests weak")).to_be_visible()
    assert SessionEvent.objects.count() == 1


def test_a_refused_entry_stays_in_view_with_its_reason(page: Page, live_server, alice, maria):
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    test_weak(page)
    page.locator(".finding").first.get_by_label("Challenge another structure").fill(
        "Psoas major, left"
    )
    page.get_by_label("Describe an “Other” challenge").fill("")
    page.locator(".add-candidate").first.get_by_role("button", name="Held").click()
    refused = page.locator("#refused")
    expect(refused).to_be_visible()
    expect(refused).to_contain_text("cannot compensate for itself")
    refused.get_by_role("button", name="Dismiss").click()
    expect(refused).to_be_hidden()


def test_a_tap_queued_offline_after_another_tab_finished_the_session_can_be_kept(
    page: Page, live_server, alice, maria
):
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    finish_url = page.url.rstrip("/") + "/finish/"
    page.context.set_offline(True)
    page.get_by_label("Muscle", exact=True).fill("Psoas major")
    page.get_by_label("Note (optional)").fill("typed while the wifi was down")
    page.get_by_role("button", name="Weak W").click()
    expect(page.locator("#sync")).to_contain_text("Offline")

    # Meanwhile, on the front desk's computer, the session is finished.
    desk = page.context.browser.new_context()
    other = desk.new_page()
    sign_in(other, live_server.url, "alice")
    other.goto(finish_url)
    for box in other.locator("input[type=number]").all():
        box.fill("3")
    other.get_by_role("button", name="End session").click()
    expect(other.get_by_role("heading", name="SOAP note")).to_be_visible()
    desk.close()

    page.context.set_offline(False)
    refused = page.locator("#refused")
    expect(refused).to_contain_text("had ended", timeout=15_000)
    refused.get_by_role("button", name="Keep with the session").click()
    expect(refused).to_contain_text("kept with the session")
    assert LateEntry.objects.get().entry["note"] == "typed while the wifi was down"
    assert not SessionEvent.objects.filter(kind="test").exists()
