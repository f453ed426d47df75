"""A portal link signs a phone in without a password; an expired, revoked or tampered one gets
a page that says what to do, and nothing from the record."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client as Browser
from django.utils import timezone

from repattern.audit.models import AuditEvent
from repattern.clients.services import client_archive
from repattern.portal.models import PortalLink
from repattern.portal.services import portal_link_create, portal_link_revoke
from tests.portal.conftest import portal_browser

PRIVATE = (b"Maria", b"Lopez", b"Quadratus", b"Psoas")


def shows_nothing_of_maria(response) -> bool:
    return not any(word in response.content for word in PRIVATE)


def test_the_link_in_the_email_opens_the_portal_and_leaves_the_address_bar(
    maria, alice, program, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        portal_link_create(client=maria, user=alice)
    (email,) = mail.outbox
    url = next(word for word in email.body.split() if "/portal/start/" in word)
    browser = Browser()
    opened = browser.get(url.removeprefix("http://127.0.0.1:8000"))
    assert opened.status_code == 302 and opened["Location"] == "/portal/"
    home = browser.get("/portal/")
    assert b"Hello Maria" in home.content and b"Release Quadratus lumborum" in home.content
    assert AuditEvent.objects.filter(action="portal_sign_in", client=maria).exists()


def test_only_a_hash_of_the_token_is_stored(maria, alice):
    link, token = portal_link_create(client=maria, user=alice)
    assert token not in link.token_hash and len(link.token_hash) == 64


@pytest.mark.parametrize("how", ["expired", "revoked", "tampered", "archived"])
def test_a_link_that_does_not_work_gets_a_clear_page_and_no_data(maria, alice, program, how):
    link, token = portal_link_create(client=maria, user=alice)
    if how == "revoked":
        portal_link_revoke(link=link, user=alice)
    if how == "tampered":
        token = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    if how == "archived":
        client_archive(client=maria, user=alice)
    later = timezone.now() + timedelta(days=31 if how == "expired" else 0)
    with time_machine.travel(later, tick=False):
        browser = Browser()
        page = browser.get(f"/portal/start/{token}/")
        assert page.status_code == 404
        assert b"This link does not work" in page.content and b"Get a new link" in page.content
        assert shows_nothing_of_maria(page)
        home = browser.get("/portal/")
        assert home.status_code == 302 and home["Location"] == "/portal/signed-out/"


def test_revoking_a_link_signs_out_the_phone_it_opened_at_its_next_tap(maria, alice, program):
    browser, _ = portal_browser(maria, alice)
    assert browser.get("/portal/").status_code == 200
    portal_link_revoke(link=PortalLink.objects.get(client=maria), user=alice)
    after = browser.get("/portal/")
    assert after.status_code == 302 and after["Location"] == "/portal/signed-out/"


def test_the_session_ends_when_its_link_expires(maria, alice, program):
    browser, _ = portal_browser(maria, alice)
    with time_machine.travel(timezone.now() + timedelta(days=30, minutes=1), tick=False):
        assert browser.get("/portal/").status_code == 302


def test_signing_out_ends_the_portal_session(maria_phone):
    signed_out = maria_phone.post("/portal/sign-out/")
    assert b"You are signed out" in signed_out.content
    assert maria_phone.get("/portal/").status_code == 302


def test_a_client_without_an_email_address_cannot_be_sent_a_link(maria, alice):
    maria.email = ""
    maria.save()
    with pytest.raises(Exception, match="no e-mail address"):
        portal_link_create(client=maria, user=alice)
    assert not PortalLink.objects.exists() and not mail.outbox
