"""Facet values for the page: counts from the engine, names and order from the active taxonomy.

The engine counts each facet over the matches that pass the other facets' selections (OR within a
facet, AND across facets). The taxonomy is read once per index generation (every taxonomy save or
delete takes a new one), so most searches run no taxonomy queries.
"""

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from articles.models import Article, Category, Platform, Service

from .backends.base import FacetIds
from .types import FACETS, FacetValue, SearchFilters

_lock = threading.Lock()
_cached: dict = {"key": None, "taxonomy": None, "objects": None}


@dataclass(frozen=True)
class Term:
    pk: int
    slug: str
    name: str
    parent_slug: str = ""
    parent_name: str = ""


def forget() -> None:
    """Drop what this process remembers (tests roll the database back, reusing generations)."""
    with _lock:
        _cached.update(key=None, taxonomy=None, objects=None)


def _load(key: tuple) -> tuple[dict[str, list[Term]], dict[str, dict]]:
    with _lock:
        if _cached["key"] == key:
            return _cached["taxonomy"], _cached["objects"]
    services = list(Service.objects.active().order_by("order", "name"))
    categories = list(
        Category.objects.active().select_related("service").order_by("service__order", "service__name", "order", "name")
    )
    platforms = list(Platform.objects.active().order_by("order", "name"))
    terms = {
        "service": [Term(s.pk, s.slug, s.name) for s in services],
        "category": [Term(c.pk, c.slug, c.name, c.service.slug, c.service.name) for c in categories],
        "platform": [Term(p.pk, p.slug, p.name) for p in platforms],
    }
    objects = {facet: {t.pk: t for t in rows} for facet, rows in (("service", services), ("category", categories), ("platform", platforms))}
    with _lock:
        _cached.update(key=key, taxonomy=terms, objects=objects)
    return terms, objects


def taxonomy(key: tuple) -> dict[str, list[Term]]:
    """Active services, categories (under their service) and platforms, in display order, as of the
    database state `key` (epoch, generation)."""
    return _load(key)[0]


def attach_taxonomy(articles: Iterable[Article], key: tuple) -> None:
    """Give articles their service, category and platform (read-only) from the taxonomy read at
    `key`, as select_related would, without joining them into every search's query; one that is
    not there (changed since) is left to load on its own."""
    objects = _load(key)[1]
    for facet in FACETS:
        field = Article._meta.get_field(facet)
        for article in articles:
            value = objects[facet].get(getattr(article, field.attname))
            if value is not None:
                field.set_cached_value(article, value)


def selected_ids(filters: SearchFilters, key: tuple) -> FacetIds:
    """Selected slugs -> ids of active taxonomy (None where the facet is not filtered)."""
    terms = taxonomy(key)
    ids = {}
    for facet in FACETS:
        slugs = set(getattr(filters, facet))
        ids[facet] = tuple(t.pk for t in terms[facet] if t.slug in slugs) if slugs else None
    return FacetIds(**ids)


def facet_values(counts: dict[str, dict[int, int]], filters: SearchFilters, key: tuple) -> dict[str, list[FacetValue]]:
    """Values with matches, and selected values even without (so they can be unticked)."""
    out = {}
    for facet, terms in taxonomy(key).items():
        chosen = set(getattr(filters, facet))
        out[facet] = [
            FacetValue(
                slug=t.slug,
                name=t.name,
                count=counts[facet].get(t.pk, 0),
                selected=t.slug in chosen,
                parent_slug=t.parent_slug,
                parent_name=t.parent_name,
            )
            for t in terms
            if counts[facet].get(t.pk) or t.slug in chosen
        ]
    return out
