"""A short-lived cache of search results, for queries many visitors repeat.

An entry is keyed by the database's search generation (search/changes.py: every write that
changes what search finds takes the next one), so a publish, unpublish, edit, taxonomy or synonym
change stops every process from serving older results at once. Entries also expire after
SEARCH_CACHE_SECONDS, so scheduled articles appear and popularity order refreshes within that time.
SEARCH_CACHE_SECONDS=0 turns the cache off (the test suite does; the benchmark clears caches).

Results are kept from the second time they are computed in a window (like nginx's
proxy_cache_min_uses 2): most queries are typed once, and the response cache
(articles/response_cache.py) already serves an identical request repeated. Keeping every first
computation cost each one-off search about 1 ms of its 15 (pickling the page) for an entry nobody
reads; a marker key costs a few microseconds (a round trip on Redis).
"""

import hashlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from . import changes
from .types import SearchResults

logger = logging.getLogger(__name__)


def window_key(prefix: str, key, state: tuple[str, int] | None = None) -> str | None:
    """A cache key for `key` at the database state (epoch, generation: search.changes.state; read
    when not given) and SEARCH_CACHE_SECONDS window (None: off). The result cache and the response
    cache (articles/response_cache.py) share these rules."""
    seconds = settings.SEARCH_CACHE_SECONDS
    if seconds <= 0:
        return None
    identity = (state or changes.state(), int(time.time() // seconds), key)
    return f"{prefix}:{hashlib.sha256(repr(identity).encode()).hexdigest()}"


def read(cache_key: str | None):
    if cache_key is None:
        return None
    try:
        return cache.get(cache_key)
    except Exception:  # a dead cache must not fail a search
        logger.warning("search cache read failed (%s)", cache_key.split(":")[0], exc_info=True)
        return None


def write(cache_key: str | None, value) -> None:
    if cache_key is None:
        return
    try:
        cache.set(cache_key, value, settings.SEARCH_CACHE_SECONDS)
    except Exception:
        logger.warning("search cache write failed (%s)", cache_key.split(":")[0], exc_info=True)


def admit(cache_key: str | None) -> bool:
    """Whether a value just computed for `cache_key` is worth keeping: it was computed before in
    this window (a marker left by the first computation says so)."""
    if cache_key is None:
        return False
    try:
        return not cache.add(f"{cache_key}:seen", True, settings.SEARCH_CACHE_SECONDS)
    except Exception:
        logger.warning("search cache marker failed (%s)", cache_key.split(":")[0], exc_info=True)
        return False


def cached_results(
    key: tuple, state: tuple[str, int], compute: Callable[[], tuple[SearchResults, bool]]
) -> SearchResults:
    """`compute()` gives the results and whether they are of that state (an index that could not
    catch up yet answers, but is not cached); kept from their second computation (`admit`)."""
    cache_key = window_key("search", key, state)
    hit = read(cache_key)
    if hit is not None:
        return hit
    results, current = compute()
    if current and admit(cache_key):
        write(cache_key, results)
    return results
