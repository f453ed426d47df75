"""Alice changes her password, and resets it by e-mail when she has forgotten it."""

from __future__ import annotations

import html
import re

from django.core import mail

from tests.characters import PASSWORD

NEW_PASSWORD = "purple tractor evening"


def signs_in(client, username, password) -> bool:
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


def reset_link(message) -> str:
    match = re.search(r"https?://testserver(/accounts/reset/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_signed_in_user_changes_her_password(client, as_alice):
    response = as_alice.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/password_change/done/"
    assert "Password changed" in as_alice.get(response["Location"]).content.decode()
    assert signs_in(client, "alice", NEW_PASSWORD)
    client.logout()
    assert not signs_in(client, "alice", PASSWORD)


def test_a_password_change_needs_the_old_password(as_alice):
    response = as_alice.post(
        "/accounts/password_change/",
        {"old_password": "guess", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in html.unescape(response.content.decode())


def test_a_password_reset_e_mails_a_link_that_sets_a_new_password(client, alice):
    response = client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    assert response.status_code == 302
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()
    [message] = mail.outbox
    assert message.to == ["alice@example.com"]
    assert "alice" in message.body

    form = client.get(reset_link(message), follow=True)
    assert "Choose a new password" in form.content.decode()
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/reset/done/"
    assert signs_in(client, "alice", NEW_PASSWORD)


def test_a_reset_link_works_only_once(client, alice):
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    link = reset_link(mail.outbox[0])
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    again = client.get(link, follow=True)
    assert "This link is no longer valid" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(client, alice):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []
