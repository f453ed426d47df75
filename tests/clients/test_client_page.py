"""Maria's page reads naturally: one heading for care plans and sessions, pain areas in words
("Left jaw and TMJ: 4/10"), and a plain name for the intake link."""

from __future__ import annotations

import html
import re

import pytest

from repattern.clients import services
from repattern.clients.models import PainArea


def page(response) -> str:
    return html.unescape(response.content.decode())


def headings(text: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", text)]


def test_care_plans_and_sessions_have_one_heading_each(as_alice, maria):
    found = headings(page(as_alice.get(f"/clients/{maria.pk}/")))
    assert "Care plans and sessions" in found
    assert found.count("Sessions") == 1
    assert found.count("Care plans") == 1


@pytest.mark.parametrize(
    ("region", "side", "words"),
    [
        ("jaw", "left", "Left jaw and TMJ: 4/10"),
        ("head", "both", "Both sides, head and face: 4/10"),
        ("lower_abdomen", "midline", "Midline lower abdomen: 4/10"),
    ],
)
def test_a_pain_area_reads_as_words(region, side, words):
    assert str(PainArea(region=region, side=side, intensity=4)) == words


def test_the_client_page_shows_pain_areas_in_words(as_alice, maria, alice):
    services.pain_area_add(client=maria, user=alice, region="jaw", side="left", intensity=4)
    text = page(as_alice.get(f"/clients/{maria.pk}/"))
    assert "Right lower back: 6/10; Left jaw and TMJ: 4/10" in text
    assert "tmj" not in text


def test_injuries_and_scars_on_both_sides_read_naturally(maria, alice):
    injury = services.injury_add(
        client=maria, user=alice, kind="whiplash", region="neck_back", side="both"
    )
    assert str(injury) == "Whiplash, both sides, back of neck"


def test_the_intake_link_button_says_who_it_is_for(as_alice, maria):
    text = page(as_alice.get(f"/clients/{maria.pk}/"))
    assert "Intake link for the client</a>" in text
    assert "Send intake link" not in text
