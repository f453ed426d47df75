"""The session screen speaks to a practitioner, not a statistician: no bits, entropy,
sensitivity or prior weights in what it shows."""

from __future__ import annotations

import re

import pytest

from tests.treatment.conftest import held, record

PSOAS, QL = "psoas_major:left", "quadratus_lumborum:left"
JARGON = ("bits", "entropy", "sensitivity", "false-positive", "false positive", "prior weight")


def shown_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).lower()


@pytest.mark.parametrize("challenges", [0, 2])
def test_the_session_screen_uses_plain_words(session, alice, as_alice, challenges):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    for _ in range(challenges):
        held(session, alice, PSOAS, QL)
    text = shown_text(as_alice.get(f"/sessions/{session.pk}/").content.decode())
    assert "your measured reliability: when you challenge the true compensator" in text
    for word in JARGON:
        assert word not in text, word
