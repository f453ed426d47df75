"""Alice's username locks after too many wrong passwords; the lock lifts when the window passes."""

from __future__ import annotations

import html
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from repattern.accounts.models import LoginFailure
from tests.characters import PASSWORD

LOCKED = "Too many failed sign-ins. Wait 15 minutes and try again, or reset your password."


def sign_in(client, password, username="alice"):
    return client.post("/accounts/login/", {"username": username, "password": password})


def fail(client, times, username="alice"):
    for _ in range(times):
        response = sign_in(client, "wrong password", username)
        assert response.status_code == 200


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_five_failed_sign_ins_lock_the_username(client, alice):
    assert settings.LOGIN_FAILURE_LIMIT == 5
    fail(client, 4)
    assert LOCKED not in page(sign_in(client, "wrong password"))
    response = sign_in(client, "wrong password")
    assert response.status_code == 200
    assert LOCKED in page(response)


def test_the_right_password_is_refused_while_the_username_is_locked(client, alice):
    fail(client, 5)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 200
    assert LOCKED in page(response)
    assert "_auth_user_id" not in client.session


def test_the_lock_counts_the_username_whatever_its_case(client, alice):
    fail(client, 5, username="ALICE")
    assert LOCKED in page(sign_in(client, PASSWORD))


def test_a_successful_sign_in_clears_the_failures(client, alice):
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="alice").exists()


def test_a_sign_in_without_a_password_does_not_clear_the_failures(client, alice):
    fail(client, 4)
    sign_in(client, "")
    fail(client, 1)
    assert LOCKED in page(sign_in(client, PASSWORD))


def test_failures_older_than_the_window_do_not_count(client, alice):
    fail(client, 5)
    window = timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES + 1)
    LoginFailure.objects.update(at=timezone.now() - window)
    assert sign_in(client, PASSWORD).status_code == 302


def test_failures_for_one_username_do_not_lock_another(client, alice, sam):
    fail(client, 5)
    assert sign_in(client, PASSWORD, username="sam").status_code == 302
