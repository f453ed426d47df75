"""Olivia adds someone who already has an account only when she types their own e-mail; a
username that belongs to someone else is refused without saying whose it is.

Bob owns Southside (bob@example.com). Olivia may add him to Northside too, as a practitioner.
"""

from __future__ import annotations

import html

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from repattern.accounts.models import Membership, Role

TAKEN = "That username is taken by someone else: choose another."


def page(response) -> str:
    return html.unescape(response.content.decode())


def add(browser, clinic, **fields):
    data = {"username": "bob", "email": "bob@example.com", "role": Role.PRACTITIONER, **fields}
    return browser.post(f"/clinics/{clinic.pk}/members/", data, follow=True)


@pytest.mark.parametrize("email", ["bob@example.com", "BOB@Example.com"])
def test_an_existing_user_is_added_when_the_e_mail_is_theirs(as_olivia, northside, bob, email):
    response = add(as_olivia, northside, email=email)
    assert "bob added as practitioner" in page(response)
    assert Membership.objects.get(user=bob, clinic=northside).role == Role.PRACTITIONER


def test_an_existing_username_with_another_e_mail_is_refused(as_olivia, northside, bob):
    response = add(as_olivia, northside, email="someone.else@example.com")
    text = page(response)
    assert response.status_code == 200
    assert TAKEN in text
    assert "bob@example.com" not in text
    assert not Membership.objects.filter(user=bob, clinic=northside).exists()
    assert get_user_model().objects.get(username="bob").email == "bob@example.com"
    assert mail.outbox == []


def test_a_user_without_an_e_mail_cannot_be_claimed(as_olivia, northside, django_user_model):
    django_user_model.objects.create_user(username="carol", password="x" * 12)
    response = add(as_olivia, northside, username="carol", email="carol@example.com")
    assert TAKEN in page(response)
