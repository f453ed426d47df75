"""The stylesheet is a small design system: every colour comes from a token, and every token
a rule uses is defined."""

from __future__ import annotations

import re
from pathlib import Path

CSS = (Path(__file__).resolve().parents[1] / "src/repattern/static/css/app.css").read_text()
TOKENS = CSS[CSS.index(":root {") : CSS.index("}", CSS.index(":root {"))]
RULES = CSS.replace(TOKENS, "")
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")


def test_no_raw_colour_outside_the_tokens() -> None:
    found = [line.strip() for line in RULES.splitlines() if COLOUR.search(line)]
    assert found == []


def test_every_token_used_is_defined() -> None:
    defined = set(re.findall(r"(--[\w-]+)\s*:", TOKENS))
    used = set(re.findall(r"var\((--[\w-]+)\)", CSS))
    assert used - defined == set()


def test_the_sections_come_in_one_order() -> None:
    sections = re.findall(r"/\* (\d) [a-z]", CSS)
    assert sections == sorted(sections) and len(sections) == len(set(sections))
