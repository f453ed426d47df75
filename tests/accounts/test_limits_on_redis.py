"""With REDIS_URL set, the counts that every app process must share live in Redis: the reset
limit holds there as it does in the database cache. Redis runs on 127.0.0.1:6379 on the
development machines and in CI (.ci/run starts it)."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.core.cache import caches

from repattern.settings import shared_cache

REDIS = "redis://127.0.0.1:6379/6"


@pytest.fixture
def redis_shared_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "shared": {**shared_cache(REDIS), "KEY_PREFIX": uuid.uuid4().hex},
    }
    cache = caches["shared"]
    try:
        cache.set("ping", "pong", 5)
    except Exception as problem:  # any failure to reach it says the same
        pytest.fail(f"Redis is not answering at {REDIS}: start it (redis-server). {problem}")
    assert cache.get("ping") == "pong"
    yield cache
    cache.clear()


def test_the_reset_limit_is_counted_in_redis(client, alice, redis_shared_cache):
    for _ in range(5):
        client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    assert len(mail.outbox) == 3
    assert "RedisCache" in type(redis_shared_cache).__name__
