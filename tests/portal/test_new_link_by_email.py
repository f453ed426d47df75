"""A client whose link stopped working asks for a new one; the page says the same whether or
not the address is known, and only a client the clinic invited before gets a link."""

from __future__ import annotations

from django.core import mail
from django.test import Client as Browser

from repattern.portal.models import PortalLink
from repattern.portal.services import portal_link_create


def ask(email: str, browser: Browser | None = None):
    return (browser or Browser()).post("/portal/new-link/", {"email": email})


def test_a_client_who_was_sent_a_link_before_gets_a_new_one(
    maria, alice, django_capture_on_commit_callbacks
):
    portal_link_create(client=maria, user=alice)
    with django_capture_on_commit_callbacks(execute=True):
        page = ask("MARIA@example.com")
    assert b"Check your e-mail" in page.content
    (email,) = mail.outbox
    assert email.to == ["maria@example.com"] and "You asked for a new link" in email.body
    assert PortalLink.objects.filter(client=maria, created_by__isnull=True).count() == 1


def test_an_unknown_or_never_invited_address_gets_the_same_page_and_no_email(
    maria, tom, django_capture_on_commit_callbacks
):
    for address in ("nobody@example.com", "tom@example.com"):
        with django_capture_on_commit_callbacks(execute=True):
            page = ask(address)
        assert page.status_code == 200 and b"Check your e-mail" in page.content
    assert mail.outbox == []


def test_a_wrong_address_is_answered_with_what_to_fix(db):
    page = ask("not an address")
    assert page.status_code == 422 and b"Enter a valid email address" in page.content


def test_asking_again_and_again_is_limited(
    maria, alice, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_LINK_REQUESTS_PER_HOUR = 2
    portal_link_create(client=maria, user=alice)
    browser = Browser()
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            assert b"Check your e-mail" in ask("maria@example.com", browser).content
    assert len(mail.outbox) == 2
