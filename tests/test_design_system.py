"""The stylesheet is a small design system: every colour comes from a token, and every token
a rule uses is defined."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STYLES = Path(__file__).resolve().parents[1] / "src/repattern/static/css"
CSS = (STYLES / "app.css").read_text()
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")


def tokens_and_rules(sheet: str) -> tuple[str, str]:
    tokens = sheet[sheet.index(":root {") : sheet.index("}", sheet.index(":root {"))]
    return tokens, sheet.replace(tokens, "")


@pytest.mark.parametrize("name", ["app.css", "print.css"])
def test_no_raw_colour_outside_the_tokens(name: str) -> None:
    _, rules = tokens_and_rules((STYLES / name).read_text())
    assert [line.strip() for line in rules.splitlines() if COLOUR.search(line)] == []


@pytest.mark.parametrize("name", ["app.css", "print.css"])
def test_every_token_used_is_defined(name: str) -> None:
    sheet = (STYLES / name).read_text()
    tokens, _ = tokens_and_rules(sheet)
    defined = set(re.findall(r"(--[\w-]+)\s*:", tokens))
    assert set(re.findall(r"var\((--[\w-]+)\)", sheet)) - defined == set()


def test_the_sections_come_in_one_order() -> None:
    sections = re.findall(r"/\* (\d) [a-z]", CSS)
    assert sections == sorted(sections) and len(sections) == len(set(sections))
