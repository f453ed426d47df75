"""The new intake link has a "Copy link" button, and stays selectable where there is no
clipboard (a clinic network on plain http)."""

from __future__ import annotations

import html


def test_a_new_link_has_a_copy_button_and_a_selectable_box(as_alice, maria):
    text = html.unescape(
        as_alice.post(f"/clients/{maria.pk}/intake-links/", {"days": "7"}).content.decode()
    )
    assert 'id="copy-link" data-copy-from="intake-url"' in text and ">Copy link</button>" in text
    assert 'id="intake-url" readonly' in text and "data-copy>" in text


def test_the_copying_lives_in_the_pages_script_not_in_the_page():
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "src/repattern/static/js/pages.js"
    text = script.read_text()
    assert "navigator.clipboard.writeText(input.value)" in text and "input.select()" in text


def test_the_list_of_links_alone_has_no_copy_button(as_alice, maria):
    assert "Copy link" not in as_alice.get(f"/clients/{maria.pk}/intake-links/").content.decode()
