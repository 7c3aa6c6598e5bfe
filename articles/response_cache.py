"""Whole search responses (the page and the JSON API), kept for the searches many visitors repeat.

Once the search itself comes from the result cache (search/cache.py), what a search request
costs is turning the results into HTML or JSON — the facets alone are up to 200 checkboxes. So the
finished response is kept too, under the same rules as the results: keyed by the index generation
(a publish, unpublish, edit or taxonomy change retires it in every process at once) and by the same
SEARCH_CACHE_SECONDS window (scheduled articles and view-count order refresh as fast as the results
do), and by the raw query string, since the page echoes it (paging links). SEARCH_CACHE_SECONDS=0
turns it off with the result cache.

Every request is still logged: the response is cached with LOG_ID_SLOT where the search log id goes
in its click links, and each request splices in the id of its own log entry.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponse

from insights.logging import is_recordable, record_search
from search import SearchFilters, SearchResults
from search.cache import read, window_key, write

from .devices import request_device

# Stands for "this request's search log id" in a cached response: the largest bigint, an id the
# log never reaches. A query that contains these digits itself is simply not cached (see `_split`).
LOG_ID_SLOT = 9_223_372_036_854_775_807
_SLOT = str(LOG_ID_SLOT).encode()


@dataclass(frozen=True)
class LoggedSearch:
    """What the search log records of a response (the fields of SearchResults it reads)."""

    query: str
    count: int
    page: int
    sort: str
    filters: SearchFilters


@dataclass(frozen=True)
class CachedResponse:
    parts: tuple[bytes, ...]  # the body split at each LOG_ID_SLOT; one part when it has no click links
    content_type: str
    search: LoggedSearch

    def response(self, log_id: int | None) -> HttpResponse:
        body = str(log_id).encode().join(self.parts) if len(self.parts) > 1 else self.parts[0]
        return HttpResponse(body, content_type=self.content_type)


def cached_search_response(
    request,
    *,
    run_search: Callable[[], tuple[SearchResults, SearchFilters] | HttpResponse],
    render: Callable[[SearchResults, int | None], HttpResponse],
) -> HttpResponse:
    """The response for this request's parameters, built by `render(results, log_id)` at most once per
    generation and window; the search is logged on every request, cached or not.

    `run_search` validates the parameters and searches; an HttpResponse from it (a 400) is returned as is.
    """
    key = _cache_key(request)
    entry = read(key)
    if entry is not None:
        log_id = record_search(request, entry.search, filters=entry.search.filters)
        if (log_id is None) == (len(entry.parts) == 1):
            return entry.response(log_id)
        # The log write failed: the cached page's click links have no entry to point to. Build one afresh.

    outcome = run_search()
    if isinstance(outcome, HttpResponse):
        return outcome
    results, filters = outcome
    log_id = None if entry is not None else record_search(request, results, filters=filters)
    response = render(results, LOG_ID_SLOT if log_id is not None else None)
    parts = _split(response, clicks=len(results.hits) if log_id is not None else 0)
    if parts is None:  # the slot occurs where it was not put (typed into the query): no splicing
        return render(results, log_id)
    fresh = CachedResponse(
        parts=parts,
        content_type=response["Content-Type"],
        # The log keeps what the visitor typed, also when the results are of its correction.
        search=LoggedSearch(results.corrected_from or results.query, results.count, results.page, results.sort, filters),
    )
    if entry is None:
        write(key, fresh)
    return fresh.response(log_id)


def _cache_key(request) -> str | None:
    # Logged visitors get click links, staff and crawlers plain article links: two different bodies.
    # The device picks the variants of the "많이 본 도움말" list an empty result shows.
    return window_key(
        "search-response", (request.path, is_recordable(request), request_device(request), sorted(request.GET.lists()))
    )


def _split(response: HttpResponse, *, clicks: int) -> tuple[bytes, ...] | None:
    """The body cut at each slot; None unless the slot stands exactly once per click link (`clicks` of them)."""
    if response.status_code != 200 or response.cookies:
        return None
    parts = tuple(response.content.split(_SLOT))
    return parts if len(parts) == clicks + 1 else None
