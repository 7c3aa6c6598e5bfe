"""A short-lived cache of search results, for queries many visitors repeat.

An entry is keyed by the index generation (a counter every index write bumps in the same
transaction: `bump()`), so a publish, unpublish, edit or synonym change stops every process from
serving older results at once — checking costs one single-row query. Entries also expire after
SEARCH_CACHE_SECONDS, so scheduled articles appear and popularity order refreshes within that time.
SEARCH_CACHE_SECONDS=0 turns the cache off (the test suite does; the benchmark clears caches).
"""

import hashlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F

from ..models import SearchIndexState
from .types import SearchResults

logger = logging.getLogger(__name__)


def generation() -> int:
    return state()[1]


def state() -> tuple[str, int]:
    """(epoch, generation): the epoch changes only when the state row is created anew (see the model).
    Read on every search and every cached page, so in plain SQL (the ORM took 30 % of a cached hit)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT epoch, generation FROM {SearchIndexState._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return (row[0], row[1]) if row else ("", 0)


def bump() -> int:
    """The next generation, taken inside the caller's transaction (other writers wait for it)."""
    if not SearchIndexState.objects.filter(pk=1).update(generation=F("generation") + 1):
        SearchIndexState.objects.get_or_create(pk=1, defaults={"generation": 0})
        SearchIndexState.objects.filter(pk=1).update(generation=F("generation") + 1)
    return generation()


def window_key(prefix: str, key) -> str | None:
    """A cache key for `key` at the current index state and SEARCH_CACHE_SECONDS window (None: off).
    The result cache and the response cache (articles/response_cache.py) share these rules."""
    seconds = settings.SEARCH_CACHE_SECONDS
    if seconds <= 0:
        return None
    identity = (state(), int(time.time() // seconds), key)
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


def cached_results(key: tuple, compute: Callable[[], SearchResults]) -> SearchResults:
    cache_key = window_key("search", key)
    hit = read(cache_key)
    if hit is not None:
        return hit
    results = compute()
    write(cache_key, results)
    return results
