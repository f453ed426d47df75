"""Every page names a small SVG icon, so browsers show Repattern's mark in the tab."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "src" / "repattern" / "static"


def test_pages_link_the_svg_icon(client, db):
    text = client.get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in text


def test_the_icon_is_a_small_svg():
    icon = (STATIC / "favicon.svg").read_text()
    assert icon.startswith("<svg") and 'viewBox="0 0 32 32"' in icon
    assert len(icon) < 2000
