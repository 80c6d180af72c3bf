"""The clinic API's limit per key, counted with one cache call per request."""

import math

from django.core.cache import cache
from rest_framework.request import Request
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView


class CentreKeyRateThrottle(ScopedRateThrottle):
    """ScopedRateThrottle's rate per key ("clinic": 600/minute), counted in fixed windows.

    DRF's throttles keep the time of every request in the window as one list, read and written back
    whole on each request: two cache calls and a list of up to 600 entries pickled each time. Here a
    counter per key and window is incremented: one call (with Redis, config.cache.ReusingRedisCache).
    A client can spend a window's allowance at its end and the next at the start of the next window,
    twice the rate for a moment; for a limit against runaway clients, that is accepted.
    """

    def allow_request(self, request: Request, view: APIView) -> bool:
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        try:
            count = counter_increment(f"{self.key}:{window}", timeout=self.duration)
        except ConnectionError:
            # Redis unreachable: the limit guards against runaway clients, not against access, so
            # requests go on unthrottled rather than failing (config.cache logs the outage).
            return True
        return count <= self.num_requests

    def wait(self) -> float:
        """Seconds until the next window opens."""
        return max(1, math.ceil(self.window_ends - self.now))


def counter_increment(key: str, *, timeout: int) -> int:
    """Add one to the counter at `key` (made, expiring after `timeout` seconds, if missing); its new value."""
    if hasattr(cache, "increment_expiring"):
        return cache.increment_expiring(key, timeout)
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout)
        return 1
