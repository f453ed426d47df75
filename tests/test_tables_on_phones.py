"""Wide tables scroll inside their own box, so no page scrolls sideways on a 390px phone, and
dates in tables do not break over two lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from repattern.clients import services

CSS = Path(__file__).resolve().parents[1] / "src" / "repattern" / "static" / "css" / "app.css"


def tables_are_wrapped(text: str) -> bool:
    return text.count("<table") == len(re.findall(r'<div class="table-wrap"><table', text)) > 0


@pytest.mark.parametrize("name", ["members", "audit", "clients"])
def test_the_clinics_tables_are_wrapped(as_olivia, maria, name):
    text = as_olivia.get(f"/clinics/{maria.clinic_id}/{name}/").content.decode()
    assert tables_are_wrapped(text), text


def test_the_intake_links_table_is_wrapped(as_alice, maria, alice):
    services.intake_link_create(client=maria, user=alice, days=7)
    text = as_alice.get(f"/clients/{maria.pk}/intake-links/").content.decode()
    assert tables_are_wrapped(text)
    assert text.count('<td class="date">') == 2


def test_a_wrapped_table_scrolls_in_its_box_and_dates_do_not_wrap():
    css = CSS.read_text()
    assert re.search(r"\.table-wrap\s*\{[^}]*overflow-x:\s*auto", css)
    assert re.search(r"td\.date\s*\{[^}]*white-space:\s*nowrap", css)
