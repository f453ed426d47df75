"""The address the sign-in locks count is the client's: REMOTE_ADDR, or behind the proxies the
operator trusts (TRUSTED_PROXY_COUNT), the address the nearest of them saw, never one a client
wrote into X-Forwarded-For itself."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from repattern.accounts.lockout import client_address
from repattern.settings import client_address_source

SPOOFED = "203.0.113.66"
CLIENT = "198.51.100.20"
OUTER_PROXY = "192.0.2.1"
NEAREST_PROXY = "10.0.0.2"


@pytest.fixture
def trusting(settings):
    def trust(proxies: int) -> None:
        order, count = client_address_source(proxies)
        settings.AXES_IPWARE_META_PRECEDENCE_ORDER = order
        settings.AXES_IPWARE_PROXY_COUNT = count

    return trust


def request(forwarded: str | None, remote: str = NEAREST_PROXY):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().post("/accounts/login/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_address_is_remote_addr(trusting):
    trusting(0)
    assert client_address(request(f"{SPOOFED}, {CLIENT}")) == NEAREST_PROXY


def test_behind_one_proxy_the_address_is_the_one_it_appended(trusting):
    trusting(1)
    assert client_address(request(CLIENT)) == CLIENT
    assert client_address(request(f"{SPOOFED}, {CLIENT}")) == CLIENT


def test_behind_two_proxies_the_address_is_the_one_the_outer_proxy_appended(trusting):
    trusting(2)
    assert client_address(request(f"{SPOOFED}, {CLIENT}, {OUTER_PROXY}")) == CLIENT


def test_a_request_that_bypassed_the_proxy_counts_its_own_address(trusting):
    trusting(1)
    assert client_address(request(None, remote=CLIENT)) == CLIENT
