"""Redis cache with a bound on every call and a short circuit breaker.

Django's RedisCache inherits redis-py's defaults: no connect timeout and a socket that waits for
ever (or the 5 s someone configured). A cache server that accepts connections but never answers then
holds every request for several calls × timeout. Here every call is bounded by sub-second timeouts,
and after one failure the process stops calling that cache for CACHE_BREAKER_SECONDS: reads miss,
writes are dropped, counters (rate limits) let requests through. Errors are logged, never raised.
Rate limits, the search result and response caches and anything else using `caches` are covered.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
# What each call answers while the cache is unavailable (a miss, a write not done).
_FALLBACKS = {
    "add": False, "get": "default", "set": None, "touch": False, "delete": False, "get_many": {},
    "has_key": False, "incr": None, "set_many": None, "delete_many": None, "clear": None,
}
_open_until: dict[str, float] = {}
_lock = threading.Lock()


def reset_breakers() -> None:
    """Forget past failures (tests; a restart does the same)."""
    with _lock:
        _open_until.clear()


class BoundedRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_TIMEOUTS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._breaker_key = repr(self._servers)

    def _is_open(self) -> bool:
        until = _open_until.get(self._breaker_key)
        return until is not None and time.monotonic() < until

    def _trip(self, name: str, error: BaseException) -> None:
        with _lock:
            first = not self._is_open()
            _open_until[self._breaker_key] = time.monotonic() + settings.CACHE_BREAKER_SECONDS
        if first:
            logger.warning(
                "cache %s failed (%s); not calling the cache for %s s", name, error, settings.CACHE_BREAKER_SECONDS
            )


def _guarded(name: str):
    original = getattr(RedisCache, name)
    fallback = _FALLBACKS[name]

    def call(self, *args, **kwargs):
        def miss():
            if fallback == "default":
                return kwargs.get("default", args[1] if len(args) > 1 else None)
            return fallback.copy() if isinstance(fallback, dict) else fallback

        if self._is_open():
            return miss()
        try:
            return original(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            self._trip(name, error)
            return miss()

    call.__name__ = name
    call.__doc__ = original.__doc__
    return call


for _name in _FALLBACKS:
    setattr(BoundedRedisCache, _name, _guarded(_name))
