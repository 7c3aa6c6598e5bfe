"""One search API for the website, the JSON API, tests and the benchmark.

PLACEHOLDER: a naive implementation so the site runs while the Korean engine is built
(issue 3 replaces this module's internals; the signature and types stay).
"""

import math

from django.conf import settings
from django.db.models import Count, Q
from django.utils.html import escape

from ..models import Article
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
    filters = filters or SearchFilters()
    query = " ".join((query or "").replace("\x00", "").split())[: settings.SEARCH_MAX_QUERY_LENGTH]
    sort = sort or ("relevance" if query else "newest")
    base = Article.objects.published()
    for term in query.split():
        base = base.filter(Q(title__icontains=term) | Q(body__icontains=term) | Q(tags__icontains=term))

    def filtered(qs, skip=None):
        for facet in FACETS:
            selected = getattr(filters, facet)
            if facet != skip and selected:
                qs = qs.filter(**{f"{facet}__slug__in": selected})
        return qs

    results = filtered(base).with_taxonomy()
    order = {
        "relevance": ["-published_at", "-pk"],
        "newest": ["-published_at", "-pk"],
        "popular": ["-view_count", "-pk"],
        "title": ["title", "pk"],
    }[sort]
    count = results.count()
    num_pages = max(1, math.ceil(count / page_size))
    page = min(max(1, page), num_pages)
    rows = results.order_by(*order)[(page - 1) * page_size : page * page_size]
    hits = [SearchHit(article=a, title_highlighted=escape(a.title), snippet="") for a in rows]
    facets = {}
    for facet in FACETS:
        counts = filtered(base, skip=facet).values(f"{facet}__slug", f"{facet}__name").annotate(n=Count("pk"))
        selected = getattr(filters, facet)
        facets[facet] = [
            FacetValue(slug=c[f"{facet}__slug"], name=c[f"{facet}__name"], count=c["n"], selected=c[f"{facet}__slug"] in selected)
            for c in counts
        ]
    return SearchResults(query, hits, count, page, num_pages, page_size, sort, facets)
