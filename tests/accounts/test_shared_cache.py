"""The counts every app process must agree on live in Redis when REDIS_URL is set, or else in
a table of the database; a mistyped REDIS_URL stops Repattern with a sentence."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from repattern.settings import shared_cache


def test_without_redis_the_shared_cache_is_a_database_table():
    assert shared_cache("")["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_with_redis_url_the_shared_cache_is_redis():
    config = shared_cache("redis://127.0.0.1:6379/2")
    assert config == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/2",
    }


def test_a_redis_url_that_is_not_one_is_refused():
    with pytest.raises(ImproperlyConfigured, match="not a Redis address"):
        shared_cache("127.0.0.1:6379")


@pytest.mark.django_db
def test_the_shared_cache_keeps_what_it_is_given():
    caches["shared"].set("probe", 1)
    assert caches["shared"].get("probe") == 1
