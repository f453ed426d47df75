"""Take the README's screenshots from a running demo: the session screen (tablet and phone),
the day (laptop), the client portal (phone) and a page of a home program's PDF.

uv run repattern demo --port 8765 &                  # in one terminal; it prints a portal link
uv run python e2e/screenshots.py URL PORTAL_LINK     # writes docs/screenshots/*.png
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
from playwright.sync_api import Browser, Page, sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765"
PORTAL_LINK = sys.argv[2] if len(sys.argv) > 2 else ""
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZES = {"tablet": (768, 1024), "phone": (390, 844)}


def sign_in(page: Page) -> None:
    page.goto(f"{BASE}/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("repattern-demo")
    page.get_by_role("button", name="Sign in").click()


def session_with_a_finding(page: Page) -> str:
    page.goto(f"{BASE}/clinics/1/clients/?q=Lopez")
    page.get_by_role("link", name="Lopez, Maria").click()
    page.get_by_role("link", name="Start session").click()
    for box in page.locator("fieldset.pain input").all():
        box.fill("6")
    page.get_by_role("button", name="Start session").click()
    page.get_by_label("Muscle", exact=True).fill("Psoas major")
    page.get_by_role("button", name="Weak W").click()
    row = page.locator('tr[data-candidate="quadratus_lumborum:left"]')
    row.get_by_role("button", name="the weak muscle held").click()
    page.wait_for_timeout(600)
    return page.url


def between_sessions(browser: Browser) -> None:
    """The day on a laptop, the portal on a phone, and the first page of a home program PDF."""
    laptop = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(laptop)
    laptop.goto(f"{BASE}/")
    laptop.screenshot(path=OUT / "today-laptop.png", full_page=True)
    laptop.goto(f"{BASE}/clinics/1/clients/?q=Lopez")
    laptop.get_by_role("link", name="Lopez, Maria").click()
    program = laptop.get_by_role("link", name="The program")
    if program.count():
        program.first.click()
        with laptop.expect_download() as download:
            laptop.get_by_role("link", name="PDF").click()
        pdf = pdfium.PdfDocument(download.value.path())
        pdf[0].render(scale=1.5).to_pil().save(OUT / "home-program-pdf.png")
    if PORTAL_LINK:
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(PORTAL_LINK)
        phone.screenshot(path=OUT / "portal-phone.png", full_page=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        tablet = browser.new_page(viewport={"width": 768, "height": 1024})
        sign_in(tablet)
        url = session_with_a_finding(tablet)
        tablet.locator(".finding h2").first.evaluate("e => e.scrollIntoView({block: 'start'})")
        tablet.screenshot(path=OUT / "session-tablet-finding.png")
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        sign_in(phone)
        phone.goto(url)
        phone.locator(".finding h2").first.evaluate("e => e.scrollIntoView({block: 'start'})")
        phone.screenshot(path=OUT / "session-phone-finding.png")
        tablet.locator('tr[data-candidate="quadratus_lumborum:left"]').get_by_role(
            "button", name="Confirm"
        ).click()
        tablet.wait_for_selector("section.window")
        tablet.wait_for_timeout(3000)
        tablet.screenshot(path=OUT / "session-tablet-window.png")
        phone.reload()
        phone.wait_for_timeout(1500)
        phone.screenshot(path=OUT / "session-phone-window.png")
        between_sessions(browser)
        browser.close()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
