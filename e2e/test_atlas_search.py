"""Alice searches the atlas for psoas on a tablet and reads its relations with their badges."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.conftest import sign_in


def test_psoas_search_opens_a_page_with_derived_and_reported_partners(
    page: Page, live_server, alice, northside
):
    sign_in(page, live_server.url, "alice")
    page.get_by_role("link", name="Atlas").click()
    page.get_by_label("Name or alias").fill("psoas")
    results = page.locator("#atlas-results")
    expect(results.get_by_role("link", name="Psoas major")).to_be_visible()
    results.get_by_role("link", name="Psoas major").first.click()

    expect(page.get_by_role("heading", name="Psoas major", level=1)).to_be_visible()
    synergists = page.locator(
        "section", has=page.get_by_role("heading", name="Synergists (same action)")
    )
    iliacus = synergists.locator("li", has=page.get_by_role("link", name="Iliacus", exact=True))
    expect(iliacus.locator(".evidence")).to_have_text("anatomical")
    reported = page.locator(
        "section", has=page.get_by_role("heading", name="May take over when this tests weak")
    )
    ql = reported.locator("li", has=page.get_by_role("link", name="Quadratus lumborum"))
    expect(ql.locator(".evidence")).to_have_text("reported")
    expect(ql).to_contain_text("Source:")
