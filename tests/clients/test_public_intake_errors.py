"""When Maria sends her intake with answers missing, the top of the page says how many need her
attention and links to each, and the page moves there."""

from __future__ import annotations

import html
import re

import pytest

from repattern.clients import services
from repattern.clients.screening import QUESTION_IDS


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def token(maria, alice) -> str:
    _, token = services.intake_link_create(client=maria, user=alice, days=7)
    return token


def summary(text: str) -> str:
    found = re.search(r'<div class="message error error-summary".*?</div>', text, re.S)
    assert found, text
    return found.group(0)


def test_three_missing_answers_are_counted_and_linked(client, token):
    answers = {f"screen-{q}": "no" for q in QUESTION_IDS if q not in ("fever", "night_pain")}
    response = client.post(f"/intake/{token}/", {**answers, "consent-signed_name": "Maria Lopez"})
    assert response.status_code == 422
    top = summary(page(response))
    assert "3 answers need your attention" in top
    assert '<a href="#id_screen-fever_0">Have you had a fever' in top
    assert "in the last two weeks? Answer yes or no.</a>" in top
    assert '<a href="#id_screen-night_pain_0">' in top
    assert '<a href="#id_consent-agree">I have read this and agree: Tick the box' in top
    assert 'id="error-summary" tabindex="-1"' in page(response)
    assert "data-autofocus" in page(response)


def test_one_missing_answer_is_counted_in_the_singular(client, token):
    answers = {f"screen-{q}": "no" for q in QUESTION_IDS}
    response = client.post(f"/intake/{token}/", {**answers, "consent-signed_name": "Maria Lopez"})
    assert "1 answer needs your attention" in summary(page(response))


def test_the_first_visit_has_no_summary(client, token):
    assert "error-summary" not in page(client.get(f"/intake/{token}/"))
