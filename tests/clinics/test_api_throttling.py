"""The per-key limit counts requests in fixed windows, with one cache call per request."""

import os
import uuid

import pytest
import time_machine

from clinics.api.throttling import CentreKeyRateThrottle, counter_increment
from config.cache import ReusingRedisCache

pytestmark = pytest.mark.django_db


def test_a_throttled_key_may_ask_again_in_the_next_window(monkeypatch, api):
    monkeypatch.setattr(CentreKeyRateThrottle, "THROTTLE_RATES", {"clinic": "2/minute"})
    with time_machine.travel("2026-11-23 10:00:05", tick=False) as traveller:
        assert [api.get("/api/v1/letters/").status_code for _ in range(3)] == [200, 200, 429]
        assert api.get("/api/v1/letters/")["Retry-After"] == "55"
        traveller.move_to("2026-11-23 10:01:00")
        assert api.get("/api/v1/letters/").status_code == 200


def test_the_counter_starts_at_one_and_counts_up():
    key = f"test-counter:{uuid.uuid4()}"
    assert [counter_increment(key, timeout=60) for _ in range(3)] == [1, 2, 3]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL), as CI has")
def test_the_redis_counter_is_one_round_trip_that_expires():
    redis_cache = ReusingRedisCache(os.environ["REDIS_URL"], {})
    key = f"test-counter:{uuid.uuid4()}"
    assert [redis_cache.increment_expiring(key, 60) for _ in range(3)] == [1, 2, 3]
    client = redis_cache._cache.get_client(write=True)
    assert 0 < client.ttl(redis_cache.make_and_validate_key(key)) <= 60
    redis_cache.delete(key)
