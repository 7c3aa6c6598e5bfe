"""Latency of the search API and of the naive baseline, one first execution per distinct query."""

import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.core.cache import caches
from django.db.models import Count, Q

from articles.models import Article
from search import FACETS, SearchFilters, search

from .queries import CLASSES, Query


@dataclass
class Timing:
    kind: str
    text: str
    sort: str
    filters: dict
    ms: float
    count: int = -1
    error: str = ""


def clear_caches() -> None:
    """A result cache must not be what the benchmark measures: empty every configured cache first."""
    for cache in caches.all(initialized_only=True):
        cache.clear()


def time_search(query: Query) -> Timing:
    """First page of 20 with snippets, highlighted titles and every facet count, as the website renders it."""
    clear_caches()
    started = time.perf_counter()
    try:
        results = search(query.text, filters=SearchFilters(**query.filter_dict), sort=query.sort, page=1, page_size=20)
        for hit in results.hits:
            len(hit.snippet) + len(hit.title_highlighted) + len(hit.article.service.name)
        sum(value.count for values in results.facets.values() for value in values)
        count, error = results.count, ""
    except Exception as exc:  # a crash is a finding to report, not a reason to stop measuring
        count, error = -1, f"{type(exc).__name__}: {exc}"[:300]
    return Timing(query.kind, query.text, query.sort, query.filter_dict, (time.perf_counter() - started) * 1000, count, error)


def _filtered(qs, filters: dict, skip: str | None = None):
    for facet, slugs in filters.items():
        if facet != skip:
            qs = qs.filter(**{f"{facet}__slug__in": slugs})
    return qs


def time_baseline(query: Query) -> Timing:
    """icontains on title OR body per term, newest first, facet counts by values().annotate(Count)."""
    started = time.perf_counter()
    condition = Q()
    for term in query.terms:
        condition |= Q(title__icontains=term) | Q(body__icontains=term)
    base = Article.objects.published().filter(condition)
    results = _filtered(base, query.filter_dict)
    count = results.count()
    rows = list(results.select_related("service", "category", "platform").order_by("-published_at")[:20])
    len(rows)
    for facet in FACETS:
        list(_filtered(base, query.filter_dict, skip=facet).values(facet).annotate(n=Count("id")))
    return Timing(query.kind, query.text, query.sort, query.filter_dict, (time.perf_counter() - started) * 1000, count)


def warm_up() -> str:
    """Connect and load what a process derives once per index generation (the search snapshot and its
    orders) before the clock starts, with queries outside the mix; returns an error, if any."""
    list(Article.objects.published().order_by("-published_at")[:20])
    errors = [time_search(Query("warm-up", "워밍업 질문", sort)).error for sort in ("relevance", "newest", "popular", "title")]
    return next((e for e in errors if e), "")


def run(queries: Iterable[Query], measure) -> list[Timing]:
    return [measure(query) for query in queries]


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * p / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarize(timings: list[Timing]) -> dict[str, dict]:
    summary = {}
    for kind in CLASSES:
        values = [t.ms for t in timings if t.kind == kind]
        counts = [t.count for t in timings if t.kind == kind and not t.error]
        summary[kind] = {
            "n": len(values),
            "errors": sum(1 for t in timings if t.kind == kind and t.error),
            "p50_ms": round(percentile(values, 50), 2),
            "p95_ms": round(percentile(values, 95), 2),
            "p99_ms": round(percentile(values, 99), 2),
            "max_ms": round(max(values), 2) if values else float("nan"),
            "median_matches": round(percentile(counts, 50)) if counts else None,
        }
    return summary


def sample_per_class(queries: list[Query], per_class: int | None) -> list[Query]:
    """An evenly spread, deterministic subset per class (the baseline is too slow to run every variant at scale)."""
    if per_class is None:
        return list(queries)
    chosen = []
    for kind in CLASSES:
        of_kind = [q for q in queries if q.kind == kind]
        step = max(1, len(of_kind) / per_class)
        chosen += [of_kind[int(i * step)] for i in range(min(per_class, len(of_kind)))]
    return chosen


def as_dicts(timings: list[Timing]) -> list[dict]:
    return [asdict(t) | {"ms": round(t.ms, 3)} for t in timings]
