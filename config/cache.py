"""Django's Redis cache, keeping its redis.Redis clients instead of building one per call."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    """One redis.Redis per connection pool, made on first use.

    Django builds a new redis.Redis for every cache call, and redis-py sets up its whole table of
    response callbacks each time: profiled under the clinic API load bench (py-spy), that was a
    tenth of a request's CPU for its five cache calls. A client only holds its pool, which is
    safe across threads and reconnects in a forked process.
    """

    def __init__(self, servers, **options) -> None:
        super().__init__(servers, **options)
        self._clients: dict[object, object] = {}

    def get_client(self, key: str | None = None, *, write: bool = False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    """django.core.cache.backends.redis.RedisCache with ReusingRedisCacheClient, and a counter."""

    def __init__(self, server: str | list[str], params: dict) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def increment_expiring(self, key: str, timeout: int) -> int:
        """Add one to the counter at `key`, which expires `timeout` seconds after it was made: one round trip.

        (Django's incr needs the key to exist: add, exists and incr, three round trips.)
        """
        key = self.make_and_validate_key(key)
        pipeline = self._cache.get_client(key, write=True).pipeline(transaction=True)
        pipeline.incr(key)
        pipeline.expire(key, timeout, nx=True)
        return pipeline.execute()[0]
