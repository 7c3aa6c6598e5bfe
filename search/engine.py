"""`search()`'s work: plan, catch up, ask the backend, load and highlight one page."""

import logging
import math
from dataclasses import replace

from django.utils import timezone

from articles.models import Article

from . import facets as facet_values
from . import synonyms
from .backends import get_backend
from .cache import cached_results
from .query import QueryPlan, plan_query
from .snippets import body_snippet, highlight_title, match_pattern
from .sync import ensure_current
from .types import FACETS, SORTS, SearchFilters, SearchHit, SearchResults

logger = logging.getLogger(__name__)


def run_search(
    query: str, *, filters: SearchFilters | None, sort: str | None, page: int, page_size: int, correct: bool = True
) -> SearchResults:
    if sort is not None and sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {SORTS}")
    filters = filters or SearchFilters()
    page_size = max(1, int(page_size))
    page = max(1, int(page))
    state = ensure_current()
    results = _search(query, state, filters=filters, sort=sort, page=page, page_size=page_size)
    if correct and results.unmatched:
        corrected = _correction(results.query)
        if corrected:
            retried = _search(corrected, state, filters=filters, sort=sort, page=page, page_size=page_size)
            if retried.count:
                return replace(retried, corrected_from=results.query)
    return results


def _correction(query: str) -> str | None:
    try:
        return synonyms.correction_for(query)
    except Exception:  # another app's data must never break search
        logger.exception("spelling correction of %r failed", query)
        return None


def _search(
    query: str, state: tuple[str, int], *, filters: SearchFilters, sort: str | None, page: int, page_size: int
) -> SearchResults:
    plan = plan_query(query, state)
    sort = sort or ("newest" if plan.is_browse else "relevance")
    if not plan.is_browse and not plan.parts:
        # Text with nothing searchable in it (only punctuation, operators, emoji): no results.
        return SearchResults(plan.text, [], 0, 1, 1, page_size, sort, {facet: [] for facet in FACETS})
    return cached_results(
        (plan.text, filters, sort, page, page_size),
        state,
        lambda: _run(plan, state, filters=filters, sort=sort, page=page, page_size=page_size),
    )


def _run(plan: QueryPlan, state: tuple[str, int], *, filters: SearchFilters, sort: str, page: int, page_size: int):
    backend = get_backend()
    now = timezone.now()
    selected = facet_values.selected_ids(filters, state)
    matches = backend.search(plan, facets=selected, now=now, sort=sort, offset=(page - 1) * page_size, limit=page_size)
    num_pages = max(1, math.ceil(matches.count / page_size))
    if page > num_pages:  # past the end: the last page (a second search, rare)
        page = num_pages
        matches = backend.search(plan, facets=selected, now=now, sort=sort, offset=(page - 1) * page_size, limit=page_size)
    # The database has the last word: an article unpublished a moment ago is never shown.
    articles = Article.objects.published(now).with_taxonomy().in_bulk([pk for pk, _ in matches.hits])
    pattern = match_pattern(plan.highlight_terms)
    hits = [
        SearchHit(
            article=articles[pk],
            title_highlighted=highlight_title(articles[pk].title, pattern),
            snippet=body_snippet(articles[pk].body, pattern),
            score=score,
        )
        for pk, score in matches.hits
        if pk in articles
    ]
    results = SearchResults(
        query=plan.text,
        hits=hits,
        count=matches.count,
        page=page,
        num_pages=num_pages,
        page_size=page_size,
        sort=sort,
        facets=facet_values.facet_values(matches.facets, filters, state),
        unmatched=matches.unmatched,
    )
    checkpoint = backend.checkpoint()
    return results, (checkpoint.epoch, checkpoint.generation) == tuple(state)
