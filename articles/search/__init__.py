"""One search API for the website, the JSON API, tests and the benchmark.

    search("비밀번호 변경", filters=SearchFilters(platform=("ios",)), sort="relevance", page=1)

Flow: `query.plan_query` turns text into parts (analyzer terms + synonyms); `engine` answers each
part's lookups from the frequent-token bitmaps (`bitmaps`) or the database's own index (`backends/`),
then scores, counts facets and picks one page as array work over this process's `snapshot` of the
index; only that page's articles are loaded, highlighted (`snippets`) and returned.
See README "Search" for the analyzer, the index and the ranking policy.
"""

import math

from django.utils import timezone

from ..models import Article
from . import engine, snapshot
from . import facets as facet_counts
from .cache import cached_results
from .query import plan_query
from .snippets import body_snippet, highlight_title, match_pattern
from .types import FACETS, SORTS, FacetValue, SearchFilters, SearchHit, SearchResults

__all__ = ["search", "SearchFilters", "SearchResults", "SearchHit", "FacetValue", "SORTS", "FACETS"]


def search(
    query: str = "",
    *,
    filters: SearchFilters | None = None,
    sort: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> SearchResults:
    """Published articles matching `query` (all of them when it is empty), one page, with facets.

    `sort` is one of SORTS (default: relevance with a query, newest without); anything else raises
    ValueError. A page past the end gives the last page.
    """
    if sort is not None and sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {SORTS}")
    filters = filters or SearchFilters()
    page_size = max(1, int(page_size))
    plan = plan_query(query)
    sort = sort or ("newest" if plan.is_browse else "relevance")
    if not plan.is_browse and not plan.parts:
        # Text with nothing searchable in it (only punctuation, operators, emoji): no results.
        return SearchResults(plan.text, [], 0, 1, 1, page_size, sort, {facet: [] for facet in FACETS})

    return cached_results(
        (plan.text, filters, sort, int(page), page_size),
        lambda: _run(plan, filters=filters, sort=sort, page=int(page), page_size=page_size),
    )


def _run(plan, *, filters: SearchFilters, sort: str, page: int, page_size: int) -> SearchResults:
    snap = snapshot.current()
    now = timezone.now()
    selected = facet_counts.selected_ids(filters, snap)
    counts, count, ranked = engine.search(plan, snap, now, selected, sort, (max(1, int(page)) - 1) * page_size, page_size)
    num_pages = max(1, math.ceil(count / page_size))
    if int(page) > num_pages:  # past the end: the last page (a second statement, rare)
        page = num_pages
        counts, count, ranked = engine.search(plan, snap, now, selected, sort, (page - 1) * page_size, page_size)
    page = min(max(1, int(page)), num_pages)

    articles = Article.objects.with_taxonomy().in_bulk([pk for pk, _ in ranked])
    pattern = match_pattern(plan.highlight_terms)
    hits = [
        SearchHit(
            article=articles[pk],
            title_highlighted=highlight_title(articles[pk].title, pattern),
            snippet=body_snippet(articles[pk].body, pattern),
            score=score,
        )
        for pk, score in ranked
        if pk in articles
    ]
    return SearchResults(
        query=plan.text,
        hits=hits,
        count=count,
        page=page,
        num_pages=num_pages,
        page_size=page_size,
        sort=sort,
        facets=facet_counts.facet_values(counts, filters, snap),
    )
