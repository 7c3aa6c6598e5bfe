"""Finding help articles: one search API for the website, the JSON API, tests and the benchmark.

    from search import search, SearchFilters
    search("비밀번호 변경", filters=SearchFilters(platform=("ios",)), sort="relevance", page=1)

Flow: `query.plan_query` turns text into parts (analyzer terms + synonyms); the configured backend
(settings.SEARCH_BACKEND, search/backends/) matches, ranks (search/ranking.py), counts facets and
picks one page; only that page's articles are loaded from the database, highlighted (`snippets`)
and returned. The index follows the database through its change log (`sync`).
"""

from .types import FACETS, SORTS, FacetValue, SearchFilters, SearchHit, SearchResults

__all__ = ["search", "SearchFilters", "SearchResults", "SearchHit", "FacetValue", "SORTS", "FACETS"]


def search(
    query: str = "",
    *,
    filters: SearchFilters | None = None,
    sort: str | None = None,
    page: int = 1,
    page_size: int = 20,
    correct: bool = True,
    device: str = "",
) -> SearchResults:
    """Published articles matching `query` (all of them when it is empty), one page, with facets.

    `sort` is one of SORTS (default: relevance with a query, newest without); anything else raises
    ValueError. A page past the end gives the last page. A query with a word no article contains
    (a typo, mostly) is answered with its correction when the correction finds something
    (`correct=False`: never); the results then say `corrected_from`.

    One result per question: platform variants (articles sharing a question_key) are listed once,
    showing the variant for `device` ("ios", "android", "pc", "mac" — articles.devices.device_kind;
    "" for 공통), and `count`, pages and facet counts count questions (search/variants.py).
    """
    from .engine import run_search  # models are ready only after app loading

    return run_search(
        query, filters=filters, sort=sort, page=page, page_size=page_size, correct=correct, device=device
    )
