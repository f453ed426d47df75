"""Alice's sign-in lasts a working day at most, and ends after two idle hours; the next page
she asks for is the sign-in page, saying why."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from tests.characters import PASSWORD

IDLE = "You were signed out after 120 minutes without using Repattern."
LIFETIME = "You were signed out because a sign-in lasts at most 10 hours."


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in_alice(client, alice, clock):
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    return client


def clients_page(client, northside):
    return client.get(f"/clinics/{northside.pk}/clients/", follow=True)


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_defaults_are_a_working_day_and_two_idle_hours():
    assert settings.SESSION_LIFETIME_HOURS == 10
    assert settings.SESSION_IDLE_MINUTES == 120
    assert settings.SESSION_COOKIE_AGE > settings.SESSION_LIFETIME_HOURS * 3600


def test_a_sign_in_ends_after_two_idle_hours(signed_in_alice, northside, clock):
    clock.shift(timedelta(minutes=121))
    response = clients_page(signed_in_alice, northside)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=/clinics/")
    assert IDLE in text(response)
    assert "_auth_user_id" not in signed_in_alice.session


def test_using_repattern_keeps_the_sign_in_going(signed_in_alice, northside, clock):
    for _ in range(4):
        clock.shift(timedelta(minutes=100))
        response = clients_page(signed_in_alice, northside)
        assert response.redirect_chain == []


def test_a_sign_in_ends_after_a_working_day_however_busy(signed_in_alice, northside, clock):
    for _ in range(10):
        clock.shift(timedelta(minutes=59))
        assert clients_page(signed_in_alice, northside).redirect_chain == []
    clock.shift(timedelta(minutes=11))
    response = clients_page(signed_in_alice, northside)
    assert LIFETIME in text(response)
    assert "_auth_user_id" not in signed_in_alice.session


def test_signing_in_again_starts_a_new_working_day(signed_in_alice, northside, clock):
    clock.shift(timedelta(hours=10, minutes=1))
    clients_page(signed_in_alice, northside)
    signed_in_alice.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert clients_page(signed_in_alice, northside).redirect_chain == []


def test_a_page_part_asked_for_by_htmx_loads_the_sign_in_page_whole(
    signed_in_alice, northside, clock
):
    clock.shift(timedelta(minutes=121))
    response = signed_in_alice.get(f"/clinics/{northside.pk}/clients/", HTTP_HX_REQUEST="true")
    assert response.status_code == 401
    assert response["HX-Redirect"] == "/accounts/login/"
