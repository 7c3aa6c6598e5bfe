"""`search()`'s work: plan, catch up, ask the backend, load and highlight one page."""

import logging
import math
from dataclasses import replace

from django.utils import timezone

from articles.models import Article

from . import facets as facet_values
from . import synonyms, variants
from .analyzer import html_to_text
from .backends import get_backend
from .backends.base import Matches
from .cache import cached_results
from .query import QueryPlan, plan_query
from .snippets import highlight_title, match_pattern, text_snippet
from .sync import ensure_current
from .types import FACETS, SORTS, SearchFilters, SearchHit, SearchResults

logger = logging.getLogger(__name__)


def run_search(
    query: str,
    *,
    filters: SearchFilters | None,
    sort: str | None,
    page: int,
    page_size: int,
    correct: bool = True,
    device: str = "",
) -> SearchResults:
    if sort is not None and sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {SORTS}")
    filters = filters or SearchFilters()
    page_size = max(1, int(page_size))
    page = max(1, int(page))
    state = ensure_current()
    options = {"filters": filters, "sort": sort, "page": page, "page_size": page_size, "device": device}
    results = _search(query, state, **options)
    if correct and results.unmatched:
        corrected = _correction(results.query)
        if corrected:
            retried = _search(corrected, state, **options)
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
    query: str, state: tuple[str, int], *, filters: SearchFilters, sort: str | None, page: int, page_size: int, device: str
) -> SearchResults:
    plan = plan_query(query, state)
    sort = sort or ("newest" if plan.is_browse else "relevance")
    if not plan.is_browse and not plan.parts:
        # Text with nothing searchable in it (only punctuation, operators, emoji): no results.
        return SearchResults(plan.text, [], 0, 1, 1, page_size, sort, {facet: [] for facet in FACETS})
    return cached_results(
        (plan.text, filters, sort, page, page_size, device),
        state,
        lambda: _run(plan, state, filters=filters, sort=sort, page=page, page_size=page_size, device=device),
    )


def _run(
    plan: QueryPlan, state: tuple[str, int], *, filters: SearchFilters, sort: str, page: int, page_size: int, device: str
):
    backend = get_backend()
    now = timezone.now()
    selected = facet_values.selected_ids(filters, state)
    matches = backend.search(plan, facets=selected, now=now, sort=sort, offset=(page - 1) * page_size, limit=page_size)
    hits = _hits(matches, plan, state, now, device)  # while the backend may still be counting
    num_pages = max(1, math.ceil(matches.count / page_size))
    if page > num_pages:  # past the end: the last page (a second search, rare)
        page = num_pages
        matches = backend.search(plan, facets=selected, now=now, sort=sort, offset=(page - 1) * page_size, limit=page_size)
        hits = _hits(matches, plan, state, now, device)
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


def _hits(matches: Matches, plan: QueryPlan, state: tuple[str, int], now, device: str) -> list[SearchHit]:
    """The page's articles, highlighted. The database has the last word: an article unpublished a
    moment ago is never shown."""
    wanted = [pk for listed, _ in matches.hits for pk in matches.members.get(listed, (listed,))]
    # The results (cached) keep the articles without their bodies: the snippets read the text the
    # index stores (~100 KB less a page, and no body read from the database).
    found = {article.pk: article for article in Article.objects.without_body(wanted)}
    facet_values.attach_taxonomy(found.values(), state)
    # Published is checked on the rows just read; their taxonomy is the one read at this search
    # generation (any save of a service, category or platform takes a new one), or read afresh
    # when not active there. The same test as Article.objects.published(), without joining the
    # taxonomy into the query: 1.3 ms of the ORM's 2.9 for a page at 100,000 articles.
    articles = {pk: article for pk, article in found.items() if article.is_published(now)}
    texts = _texts(articles, matches.texts)
    shown = []
    for listed, score in matches.hits:
        candidates = [articles[pk] for pk in matches.members.get(listed, (listed,)) if pk in articles]
        if candidates:
            shown.append((variants.choose(candidates, named_platforms=plan.named_platforms, device=device), score))
    platforms = variants.platform_links([article for article, _ in shown], now)
    pattern = match_pattern(plan.highlight_terms)
    return [
        SearchHit(
            article=article,
            title_highlighted=highlight_title(article.title, pattern),
            snippet=text_snippet(texts[article.pk], pattern),
            score=score,
            variants=platforms.get(article.question_key, []),
        )
        for article, score in shown
    ]


def _texts(articles: dict[int, Article], indexed: dict[int, tuple[int, str]]) -> dict[int, str]:
    """The body text of each article: as the index stored it when that is of the article's
    version, else (not stored, or edited since: the index catching up) from its body."""
    texts, stale = {}, []
    for pk, article in articles.items():
        version, text = indexed.get(pk, (None, ""))
        if version == article.version:
            texts[pk] = text
        else:
            stale.append(pk)
    if stale:
        texts.update((pk, html_to_text(body)) for pk, body in Article.objects.filter(pk__in=stale).values_list("pk", "body"))
    return texts
