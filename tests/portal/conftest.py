"""Maria on her portal, with a home program; Tom, another client of the same clinic, on his."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client as Browser

from repattern.clients import services as clients
from repattern.clients.models import Client
from repattern.portal.services import portal_link_create
from tests.characters import NO_FLAGS


def portal_browser(client: Client, user: Any) -> tuple[Browser, str]:
    """A phone signed in to `client`'s portal through a fresh link; and the link's token."""
    _, token = portal_link_create(client=client, user=user)
    browser = Browser()
    assert browser.get(f"/portal/start/{token}/").status_code == 302
    return browser, token


@pytest.fixture
def tom(northside: Any, alice: Any) -> Client:
    client = clients.client_create(
        clinic=northside,
        user=alice,
        details=clients.ClientDetails(
            first_name="Tom",
            last_name="Okafor",
            date_of_birth=date(1990, 6, 2),
            email="tom@example.com",
        ),
    )
    clients.screen_record(client=client, user=alice, answers=NO_FLAGS)
    return client


@pytest.fixture
def maria_phone(maria: Client, alice: Any, program: Any) -> Browser:
    return portal_browser(maria, alice)[0]


@pytest.fixture
def tom_phone(tom: Client, alice: Any) -> Browser:
    return portal_browser(tom, alice)[0]
