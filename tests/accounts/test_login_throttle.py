"""Alice's username locks after too many wrong passwords, from any address; the lock lifts when
the window passes, when she signs in, or when she resets her password."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.utils import timezone

from tests.characters import PASSWORD

LOCKED = "Too many failed sign-ins. Wait 15 minutes and try again, or reset your password."


def sign_in(client, password, username="alice", address="127.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail(client, times, username="alice", address="127.0.0.1"):
    for _ in range(times):
        response = sign_in(client, "wrong password", username, address)
        assert response.status_code == 200


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_five_failed_sign_ins_lock_the_username(client, alice):
    assert settings.LOGIN_FAILURE_LIMIT == 5
    fail(client, 3)
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


def test_the_lock_holds_from_every_address(client, alice):
    for number in range(5):
        fail(client, 1, address=f"198.51.100.{number + 1}")
    assert LOCKED in page(sign_in(client, PASSWORD, address="203.0.113.9"))


def test_the_lock_counts_the_username_whatever_its_case(client, alice):
    fail(client, 5, username="ALICE")
    assert LOCKED in page(sign_in(client, PASSWORD))


def test_a_successful_sign_in_clears_the_failures(client, alice):
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="alice").exists()


def test_a_sign_in_without_a_password_does_not_clear_the_failures(client, alice):
    fail(client, 4)
    sign_in(client, "")
    fail(client, 1)
    assert LOCKED in page(sign_in(client, PASSWORD))


def test_tries_while_locked_do_not_restart_the_wait(client, alice):
    fail(client, 5)
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        fail(client, 3)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert sign_in(client, PASSWORD).status_code == 302


def test_the_lock_lifts_when_the_window_has_passed(client, alice):
    fail(client, 5)
    later = timezone.now() + timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES + 1)
    with time_machine.travel(later):
        assert sign_in(client, PASSWORD).status_code == 302


def test_failures_for_one_username_do_not_lock_another(client, alice, sam):
    fail(client, 5)
    assert sign_in(client, PASSWORD, username="sam").status_code == 302


def test_a_password_reset_lifts_the_lock(client, alice):
    fail(client, 5)
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    [message] = mail.outbox
    link = re.search(r"https?://testserver(/accounts/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    new = "purple tractor evening"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert sign_in(client, new).status_code == 302
