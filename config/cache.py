"""Django's Redis cache, keeping its redis.Redis clients, failing fast while Redis is unreachable."""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)


class CacheUnavailable(ConnectionError):
    """Redis did not answer (or did not answer lately): the caller falls back or goes without.

    A builtin ConnectionError, so that callers catch it without importing this module.
    """


# After a failure, calls fail at once for this long instead of each waiting for a timeout.
RETRY_AFTER_SECONDS = 5.0

GUARDED = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


class ReusingRedisCacheClient(RedisCacheClient):
    """One redis.Redis per connection pool, made on first use; Redis errors as CacheUnavailable.

    Django builds a new redis.Redis for every cache call, and redis-py sets up its whole table of
    response callbacks each time: profiled under the clinic API load bench (py-spy), that was a
    tenth of a request's CPU for its five cache calls. A client only holds its pool, which is
    safe across threads and reconnects in a forked process.

    When Redis fails, the next RETRY_AFTER_SECONDS of calls in this process fail at once (a request
    makes several cache calls: it should not wait out a timeout on each).
    """

    def __init__(self, servers, **options) -> None:
        super().__init__(servers, **options)
        self._clients: dict[object, object] = {}
        self._down_until = 0.0

    def get_client(self, key: str | None = None, *, write: bool = False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def guard(self, call, *args, **kwargs):
        """Run call(*args, **kwargs); any Redis error (or a recent one) raises CacheUnavailable."""
        if time.monotonic() < self._down_until:
            raise CacheUnavailable("the cache was unreachable a moment ago")
        try:
            return call(*args, **kwargs)
        except RedisError as exc:
            if time.monotonic() >= self._down_until:
                logger.warning(
                    "cache unreachable (%s); going without it for %ss",
                    type(exc).__name__,
                    RETRY_AFTER_SECONDS,
                )
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            raise CacheUnavailable(type(exc).__name__) from exc


def _guarded(name: str):
    method = getattr(RedisCacheClient, name)

    def call(self: ReusingRedisCacheClient, *args, **kwargs):
        return self.guard(method, self, *args, **kwargs)

    call.__name__ = name
    return call


for _name in GUARDED:
    setattr(ReusingRedisCacheClient, _name, _guarded(_name))


class ReusingRedisCache(RedisCache):
    """django.core.cache.backends.redis.RedisCache with ReusingRedisCacheClient, and a counter.

    Short socket timeouts by default (OPTIONS may override them): a Redis that stopped answering must
    cost a request a fraction of a second, not hang it.
    """

    def __init__(self, server: str | list[str], params: dict) -> None:
        params = {
            **params,
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "retry": Retry(NoBackoff(), 0),
                **params.get("OPTIONS", {}),
            },
        }
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def increment_expiring(self, key: str, timeout: int) -> int:
        """Add one to the counter at `key`, which expires `timeout` seconds after it was made: one round trip.

        (Django's incr needs the key to exist: add, exists and incr, three round trips.)
        """
        key = self.make_and_validate_key(key)

        def increment() -> int:
            pipeline = self._cache.get_client(key, write=True).pipeline(transaction=True)
            pipeline.incr(key)
            pipeline.expire(key, timeout, nx=True)
            return pipeline.execute()[0]

        return self._cache.guard(increment)
