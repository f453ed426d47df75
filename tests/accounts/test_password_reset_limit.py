"""Reset e-mails go out a few an hour at most, to one address and from one client, and the
page says the same whether or not one was sent."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone


def ask(client, email, address="192.0.2.10"):
    return client.post("/accounts/password_reset/", {"email": email}, REMOTE_ADDR=address)


def test_one_address_gets_at_most_three_reset_e_mails_an_hour(client, alice):
    for _ in range(10):
        response = ask(client, "alice@example.com")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 3


def test_the_count_is_by_address_whatever_its_case_or_the_client(client, alice):
    for number in range(5):
        ask(client, "Alice@Example.com", address=f"198.51.100.{number + 1}")
    assert len(mail.outbox) == 3


def test_another_e_mail_goes_out_an_hour_later(client, alice):
    for _ in range(4):
        ask(client, "alice@example.com")
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        ask(client, "alice@example.com")
    assert len(mail.outbox) == 4


def test_one_client_asking_for_many_addresses_is_stopped(client, django_user_model):
    for number in range(15):
        django_user_model.objects.create_user(f"m{number}", f"m{number}@example.com", "x")
        ask(client, f"m{number}@example.com")
    assert len(mail.outbox) == 10


def test_a_refused_request_gets_the_same_page(client, alice):
    for _ in range(3):
        ask(client, "alice@example.com")
    page = client.get(ask(client, "alice@example.com")["Location"]).content.decode()
    assert "If an account uses that address" in page
