"""Alice, with two-factor sign-in on, is asked for a code after her password; a recovery code
works once in its place; wrong codes count towards the sign-in lock like wrong passwords."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.accounts.two_factor_helpers import SECRET, code_now, with_two_factor
from tests.characters import PASSWORD

WRONG = "That code is not right"
LOCKED = "Too many failed sign-ins. Wait 15 minutes"


@pytest.fixture
def recovery_codes(alice):
    return with_two_factor(alice)


def password(client, username="alice", next_url=""):
    return client.post(
        "/accounts/login/", {"username": username, "password": PASSWORD, "next": next_url}
    )


def code(client, value):
    return client.post("/accounts/login/code/", {"code": value})


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_password_alone_asks_for_a_code_and_signs_nobody_in(client, recovery_codes):
    response = password(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in client.session
    assert client.get("/account/").status_code == 302


def test_a_code_from_the_app_signs_her_in_and_goes_where_she_was_going(
    client, alice, recovery_codes, northside
):
    password(client, next_url=f"/clinics/{northside.pk}/clients/")
    response = code(client, code_now(SECRET, 1))
    assert response.status_code == 302
    assert response["Location"] == f"/clinics/{northside.pk}/clients/"
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert client.get("/account/").status_code == 200


def test_a_recovery_code_signs_her_in_once(client, recovery_codes):
    password(client)
    response = code(client, recovery_codes[0].upper())
    assert response.status_code == 302
    assert "9 left" in text(client.get(response["Location"], follow=True))
    client.logout()
    password(client)
    assert WRONG in text(code(client, recovery_codes[0]))


def test_a_wrong_code_is_refused_with_a_sentence(client, recovery_codes):
    password(client)
    response = code(client, "123456")
    assert response.status_code == 200 and WRONG in text(response)
    assert "_auth_user_id" not in client.session


def test_five_wrong_codes_lock_the_username(client, recovery_codes):
    password(client)
    for _ in range(4):
        code(client, "123456")
    assert LOCKED in text(code(client, "123456"))
    assert LOCKED in text(code(client, code_now(SECRET, 1)))
    assert "_auth_user_id" not in client.session


def test_the_code_page_needs_the_password_first(client, recovery_codes):
    response = client.get("/accounts/login/code/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"


def test_a_password_more_than_five_minutes_old_must_be_typed_again(client, recovery_codes):
    password(client)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = code(client, code_now(SECRET, 1))
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_a_member_without_two_factor_signs_in_with_the_password(client, alice):
    response = password(client)
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" in client.session
