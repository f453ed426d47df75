"""Alice on a tablet and on a phone: the less likely candidates open from under the leaders,
signing asks for the tick that says it locks the note, and the session, summary, note and
client pages fit 768 px and 390 px without anything cut off at the side."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import no_horizontal_scroll, serious_violations, sign_in
from e2e.test_session_screen import start_session, test_weak
from repattern.treatment import services
from repattern.treatment.models import SessionNote
from tests.treatment.conftest import confirm, correct, record

# Elements in the page whose right edge passes the window's, unless a box that scrolls sideways
# holds them (a wide table scrolls in its own box, which is not cut off).
CUT_OFF = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === "auto" || x === "scroll") return true;
    }
    return false;
  };
  return [...document.querySelectorAll("main *")]
    .filter((el) => el.getClientRects().length && !el.closest(".visually-hidden"))
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))
    .slice(0, 10);
}"""


def test_the_folded_candidates_open_and_signing_asks_first(page: Page, live_server, alice, maria):
    sign_in(page, live_server.url, "alice")
    start_session(page, live_server.url, maria)
    test_weak(page)
    fold = page.locator(".finding.current details.more-candidates")
    expect(fold.locator("summary")).to_contain_text("more candidates, less likely")
    folded_row = fold.locator("tr[data-candidate]").first
    expect(folded_row).to_be_hidden()
    fold.locator("summary").click()
    expect(folded_row).to_be_visible()

    page.get_by_role("link", name="End session").click()
    page.get_by_label("Right lower back").fill("2")
    page.get_by_role("button", name="End session and draft the home program and note").click()
    page.get_by_role("button", name="Sign note").click()
    expect(page.get_by_role("alert")).to_contain_text("Not signed: tick")
    expect(page.get_by_role("button", name="Sign note")).to_be_visible()
    page.get_by_label("I understand that signing locks the note").check()
    page.get_by_role("button", name="Sign note").click()
    expect(page.get_by_text("Signed by alice")).to_be_visible()
    expect(page.get_by_role("link", name="Download the signed note as PDF")).to_be_visible()


def signed_session_with_amendment(maria, alice):
    session = services.session_start(
        client=maria, practitioner=alice, pain_before=[("lower_back", "right", 6)]
    )
    correct(session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left"))
    record(session, alice, kind="test", site="gluteus_medius:right", result="weak")
    services.session_finish(
        session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
    )
    note = SessionNote.objects.get(session=session)
    text = services.NoteText(
        "Low back ache " * 20, "Psoas weak " * 20, note.assessment, "Home program " * 20
    )
    note = services.note_sign(note=note, user=alice, text=text)
    services.note_amend(note=note, user=alice, text="Phoned: eased. " * 30)
    return session


@pytest.mark.parametrize(
    "viewport", [{"width": 768, "height": 1024}, {"width": 390, "height": 844}]
)
def test_session_summary_note_and_client_pages_fit_without_cutting_off(
    browser, live_server, alice, maria, viewport, axe_script
):
    done = signed_session_with_amendment(maria, alice)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    sign_in(page, live_server.url, "alice")

    page.goto(f"{live_server.url}/sessions/{done.pk}/summary/")
    expect(page.get_by_role("heading", name="SOAP note")).to_be_visible()
    assert no_horizontal_scroll(page) and page.evaluate(CUT_OFF) == []
    assert serious_violations(page, axe_script) == []

    page.goto(f"{live_server.url}/clients/{maria.pk}/")
    assert no_horizontal_scroll(page) and page.evaluate(CUT_OFF) == []

    start_session(page, live_server.url, maria)
    test_weak(page)
    page.locator(".finding.current details.more-candidates summary").click()
    assert no_horizontal_scroll(page) and page.evaluate(CUT_OFF) == []
    assert serious_violations(page, axe_script) == []

    ql = page.locator('tr[data-candidate="quadratus_lumborum:left"]').first
    ql.get_by_role("button", name="the weak muscle held").click()
    page.locator('tr[data-candidate="quadratus_lumborum:left"]').first.get_by_role(
        "button", name="Confirm"
    ).click()
    window = page.locator("section.window")
    expect(window).to_contain_text("1. Release Quadratus lumborum, left")
    for more in window.locator("details.window-more summary").all():
        more.click()
    assert no_horizontal_scroll(page) and page.evaluate(CUT_OFF) == []

    # The check itself sees a box cut off at the side.
    page.evaluate(
        "() => { const d = document.createElement('div'); d.className = 'too-wide';"
        " d.style.cssText = 'width: 2000px; height: 1px'; document.querySelector('main')"
        ".append(d); }"
    )
    assert page.evaluate(CUT_OFF) == ["div.too-wide"]
    context.close()


def test_the_summary_and_note_print_without_navigation_or_buttons(
    page: Page, live_server, alice, maria
):
    done = signed_session_with_amendment(maria, alice)
    sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/sessions/{done.pk}/summary/")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("link", name="Download the signed note as PDF")).to_be_hidden()
    expect(page.get_by_role("button", name="Add amendment")).to_be_hidden()
    expect(page.locator(".amendments")).to_contain_text("Phoned: eased.")
    expect(page.locator("dl.soap")).to_be_visible()
