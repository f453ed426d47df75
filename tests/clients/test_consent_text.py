"""The consent and the history read well for staff and for the client on their own phone: the
consent's points are a real list, and the labels speak to either of them."""

from __future__ import annotations

import html
import re
from pathlib import Path

from repattern.clients import services
from repattern.clients.screening import (
    CONSENT_BLOCKS,
    CONSENT_PARAGRAPHS,
    ConsentBlock,
    consent_blocks,
)

CSS = Path(__file__).resolve().parents[2] / "src" / "repattern" / "static" / "css" / "app.css"


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_consent_points_are_one_list_between_the_opening_and_closing_paragraphs():
    items = tuple(p[2:] for p in CONSENT_PARAGRAPHS if p.startswith("- "))
    expected = (
        ConsentBlock(text=CONSENT_PARAGRAPHS[0]),
        ConsentBlock(items=items),
        ConsentBlock(text=CONSENT_PARAGRAPHS[-1]),
    )
    assert consent_blocks() == expected == CONSENT_BLOCKS


def test_the_consent_page_shows_the_points_as_a_list(as_alice, maria):
    text = page(as_alice.get(f"/clients/{maria.pk}/consent/"))
    consent = re.search(r'<div class="consent".*?</div>', text, re.S).group(0)
    assert consent.count("<ul>") == 1
    assert "<li>The evidence for it is limited." in consent
    assert "- The evidence" not in consent


def test_the_public_link_shows_the_points_as_a_list(client, maria, alice):
    _, token = services.intake_link_create(client=maria, user=alice, days=7)
    text = page(client.get(f"/intake/{token}/"))
    assert "<li>You may ask questions, decline any technique" in text


def test_the_signature_label_suits_staff_and_client(as_alice, maria):
    text = page(as_alice.get(f"/clients/{maria.pk}/consent/"))
    assert ">Full name, as a signature:</label>" in text
    assert ">Signed by (if not the client):</label>" in text
    assert "Client's full name" not in text


def test_the_intake_asks_about_intubation_in_plain_words(as_alice, maria):
    text = page(as_alice.get(f"/clients/{maria.pk}/intake/"))
    assert "Intubated at some time (a breathing tube, e.g. during an operation)" in text
    assert "Has been intubated" not in text


def test_on_a_phone_the_consent_is_not_confined_to_a_scroll_box():
    css = CSS.read_text()
    phone = css[css.index("@media (max-width: 600px)") :]
    assert re.search(r"\.consent\s*\{[^}]*max-height:\s*none", phone)
